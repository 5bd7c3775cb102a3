/**
 * One application layer: a use case that both chat and the command line offer
 * leaves the same trace whichever surface ran it: the same audit rows about the
 * same members, and the same notices to the same people. Each case runs twice,
 * in two fresh databases: once as a secretary (or member) in chat, once as the
 * committee's office on the command line.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { cli } from "../support/cli.ts";
import { forget, givenBranch, STAFF, type World } from "../support/given.ts";
import { acceptDocuments } from "../support/fault-proxy.ts";

interface Scene {
  h: Harness;
  world: World;
  hung: ChatUser;
  mai: ChatUser;
  an: ChatUser;
  binh: ChatUser;
  meetingId: number;
  run(...argv: string[]): Promise<string[]>;
}

interface UseCase {
  name: string;
  /** What must hold before it (beyond the branch and its meeting). */
  given?: (s: Scene) => Promise<void>;
  chat: (s: Scene) => Promise<void>;
  cli: (s: Scene) => Promise<void>;
}

let current: Harness | null = null;
afterEach(async () => {
  await current?.stop();
  current = null;
});

/** A branch of four, all linked, and a meeting on 03/12 19:30 whose notices everyone has read. */
async function scene(): Promise<Scene> {
  const h = await startHarness({ now: "2026-11-22T03:00:00Z" });
  current = h;
  h.proxy.setRule(acceptDocuments);
  const [hung, mai, an, binh] = [h.user(5101), h.user(5102), h.user(5103), h.user(5104)];
  const world = await givenBranch(h, {
    people: [
      { fullName: "Phạm Văn Hùng", post: "Bí thư", user: hung },
      { fullName: "Lê Thị Mai", post: "Thu đảng phí", user: mai },
      { fullName: "Nguyễn Văn An", user: an, feeGroup: "Khác" },
      { fullName: "Trần Thị Bình", user: binh },
    ],
  });
  await h.app.services.setMemberFee(STAFF, world.member("Nguyễn Văn An").id, { feesFromMonth: "2026-11" });
  const { meeting } = await h.app.services.scheduleMeeting(world.actor("Phạm Văn Hùng"), {
    branchId: world.branch.id,
    kind: "regular",
    startsAt: new Date("2026-12-03T12:30:00Z"),
    place: "Nhà văn hoá",
    agenda: "",
  });
  await forget(h, [hung, mai, an, binh]);
  const deps = { db: h.db, clock: h.clock, outbox: h.app.outbox };
  return {
    h,
    world,
    hung,
    mai,
    an,
    binh,
    meetingId: meeting.id,
    async run(...argv) {
      const r = await cli(deps, ...argv);
      expect(r.code, r.lines.join("\n")).toBe(0);
      return r.lines;
    },
  };
}

/** What a use case left: audit rows (action → member concerned) and notices (kind → recipient), in order. */
async function trace(s: Scene, since: { audit: number; outbox: number }) {
  await s.h.settle();
  const names = new Map((await s.h.db.member.findMany()).map((m) => [m.id, m.fullName]));
  const audit = (await s.h.db.auditLog.findMany({ where: { id: { gt: since.audit } }, orderBy: { id: "asc" } })).map(
    (a) => `${a.action} → ${a.targetMemberId ? names.get(a.targetMemberId) : "–"}`,
  );
  const notices = (
    await s.h.db.outbox.findMany({
      where: { id: { gt: since.outbox }, kind: { notIn: ["reply", "menu"] }, status: { not: "cancelled" } },
      orderBy: { id: "asc" },
    })
  )
    .map((o) => `${o.kind} → ${o.memberId ? names.get(o.memberId) : o.chatId}`)
    .sort();
  return { audit, notices };
}

async function runVia(useCase: UseCase, via: "chat" | "cli") {
  const s = await scene();
  await useCase.given?.(s);
  await forget(s.h, [s.hung, s.mai, s.an, s.binh]);
  const since = {
    audit: (await s.h.db.auditLog.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0,
    outbox: (await s.h.db.outbox.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0,
  };
  await useCase[via](s);
  const result = await trace(s, since);
  await s.h.stop();
  current = null;
  return result;
}

const leaveRequested = async (s: Scene) => {
  await s.h.app.services.requestLeave(s.world.actor("Nguyễn Văn An"), {
    memberId: s.world.member("Nguyễn Văn An").id,
    meetingId: s.meetingId,
    reason: "Đi công tác",
  });
};

const USE_CASES: UseCase[] = [
  {
    name: "create a meeting",
    chat: async ({ hung }) => {
      await hung.say("/taohop");
      await hung.press("Sinh hoạt định kỳ", await hung.expectOne());
      await hung.expectOne();
      await hung.say("10/12/2026 19:30");
      await hung.expectOne();
      await hung.say("Hội trường");
      await hung.expectOne();
      await hung.say("Nghị quyết tháng 12");
      await hung.press("Xác nhận", await hung.expectOne());
    },
    cli: async ({ run }) => {
      await run("meeting", "create", "--branch", "tdp5", "--at", "10/12/2026 19:30", "--place", "Hội trường");
    },
  },
  {
    name: "move a meeting",
    chat: async ({ hung }) => {
      await hung.say("/suahop");
      await hung.press("03/12/2026", await hung.expectOne());
      await hung.press("Đổi ngày giờ", await hung.expectOne());
      await hung.expectOne();
      await hung.say("05/12/2026 19:30");
      await hung.press("Xác nhận", await hung.expectOne());
    },
    cli: async ({ run, meetingId }) => {
      await run("meeting", "move", String(meetingId), "--at", "05/12/2026 19:30");
    },
  },
  {
    name: "cancel a meeting",
    chat: async ({ hung }) => {
      await hung.say("/suahop");
      await hung.press("03/12/2026", await hung.expectOne());
      await hung.press("Huỷ buổi họp", await hung.expectOne());
      await hung.press("Xác nhận", await hung.expectOne());
    },
    cli: async ({ run, meetingId }) => {
      await run("meeting", "cancel", String(meetingId));
    },
  },
  {
    name: "ask leave for a meeting",
    chat: async ({ an, meetingId }) => {
      await an.pressData(`rsvp:leave:${meetingId}`);
      await an.expectOne();
      await an.say("Đi công tác");
      await an.expectOne();
    },
    cli: async ({ run, meetingId }) => {
      await run("meeting", "answer", String(meetingId), "--member", "Nguyễn Văn An", "--leave", "Đi công tác");
    },
  },
  {
    name: "decide a leave request",
    given: leaveRequested,
    chat: async ({ hung, h }) => {
      const request = await h.db.response.findFirstOrThrow({ where: { answer: "leave_requested" } });
      await hung.pressData(`leave:ok:${request.id}`);
      await hung.expectOne();
    },
    cli: async ({ run, meetingId }) => {
      await run("meeting", "decide", String(meetingId), "--member", "Nguyễn Văn An", "--accept");
    },
  },
  {
    name: "record a payment",
    chat: async ({ mai }) => {
      await mai.say("/thuphi");
      await mai.press("Nguyễn Văn An", await mai.expectOne());
      const sheet = await mai.expectOne();
      await mai.press("☐ 11/2026", sheet);
      await mai.edited(sheet.messageId, (m) => m.buttons.some((b) => b.text === "☑ 11/2026"));
      await mai.press("Tiếp tục", sheet);
      await mai.press("Đã nhận đúng", await mai.expectOne());
      await mai.press("Xác nhận", await mai.expectOne());
      await mai.expectOne();
    },
    cli: async ({ run }) => {
      await run(
        "fee",
        "pay",
        "--branch",
        "tdp5",
        "--member",
        "Nguyễn Văn An",
        "--months",
        "11/2026",
        "--amount",
        "15.930",
      );
    },
  },
  {
    name: "open the yearly review",
    chat: async ({ hung }) => {
      await hung.say("/mokiemdiem");
      await hung.press("05/12/2026 17:00", await hung.expectOne());
      await hung.press("Xác nhận", await hung.expectOne());
    },
    cli: async ({ run }) => {
      await run("review", "open", "--branch", "tdp5", "--year", "2026", "--deadline", "05/12/2026 17:00");
    },
  },
  {
    name: "lock the yearly review",
    given: async ({ h, world }) => {
      await h.app.services.openReview(world.actor("Phạm Văn Hùng"), {
        branchId: world.branch.id,
        year: 2026,
        deadline: new Date("2026-12-05T10:00:00Z"),
      });
    },
    chat: async ({ hung }) => {
      await hung.say("/khoakd");
      await hung.expectOne();
    },
    cli: async ({ run }) => {
      await run("review", "lock", "--branch", "tdp5", "--year", "2026");
    },
  },
  {
    name: "unlink a member's chat accounts",
    chat: async ({ hung }) => {
      await hung.say("/golienket");
      await hung.press("Nguyễn Văn An", await hung.expectOne());
      await hung.expectOne();
    },
    cli: async ({ run }) => {
      await run("member", "unlink", "--branch", "tdp5", "--member", "Nguyễn Văn An");
    },
  },
  {
    name: "send an announcement",
    chat: async ({ hung }) => {
      await hung.say("/thongbao");
      await hung.press("Tất cả đảng viên", await hung.expectOne());
      await hung.expectOne();
      await hung.say("Chủ nhật tổng vệ sinh khu phố.");
      await hung.press("Gửi ngay", await hung.expectOne());
      await hung.press("Gửi", await hung.expectOne());
    },
    cli: async ({ run }) => {
      await run("announce", "--branch", "tdp5", "--text", "Chủ nhật tổng vệ sinh khu phố.");
    },
  },
  {
    name: "export the members report",
    chat: async ({ hung }) => {
      await hung.say("/baocao");
      await hung.press("Danh sách đảng viên", await hung.expectOne());
      await hung.expectOne();
    },
    cli: async ({ run }) => {
      await run("report", "members", "--branch", "tdp5", "--out", join(tmpdir(), `same-${process.pid}.xlsx`));
    },
  },
  {
    name: "export a member's own data",
    chat: async ({ an }) => {
      await an.say("/dulieu");
      await an.expectOne();
    },
    cli: async ({ run }) => {
      await run(
        "member",
        "data",
        "--branch",
        "tdp5",
        "--member",
        "Nguyễn Văn An",
        "--out",
        join(tmpdir(), `d-${process.pid}.json`),
      );
    },
  },
  {
    name: "erase a member",
    chat: async ({ hung }) => {
      await hung.say("/xoadangvien");
      await hung.press("Trần Thị Bình", await hung.expectOne());
      await hung.press("Xoá", await hung.expectOne());
      await hung.expectOne();
    },
    cli: async ({ run }) => {
      await run("member", "erase", "--branch", "tdp5", "--member", "Trần Thị Bình", "--yes");
    },
  },
];

describe.each(USE_CASES)("$name", (useCase) => {
  test("leaves the same audit rows and notices from chat and from the command line", async () => {
    const chat = await runVia(useCase, "chat");
    const viaCli = await runVia(useCase, "cli");
    expect(chat.audit.length, "every write is audited").toBeGreaterThan(0);
    expect(viaCli).toEqual(chat);
    if (process.env.SHOW_TRACES) process.stdout.write(`${useCase.name}: ${JSON.stringify(chat)}\n`);
  });
});

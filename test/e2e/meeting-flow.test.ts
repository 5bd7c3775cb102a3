/**
 * The foundation's main path, as members and the secretary live it on Telegram:
 * roster import → invites → linking → /taohop → reminders → Có mặt / Xin vắng →
 * the secretary accepts → /tinhhinh → /diemdanh.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { cli } from "../support/cli.ts";
import { forget, givenBranch, type World } from "../support/given.ts";

let h: Harness;
let secretary: ChatUser, an: ChatUser, binh: ChatUser, cuong: ChatUser;

beforeEach(async () => {
  // Sunday 22/11/2026 10:00 in Hà Nội.
  h = await startHarness({ now: "2026-11-22T03:00:00Z" });
  secretary = h.user(1001, "Hùng");
  an = h.user(1002, "An");
  binh = h.user(1003, "Bình");
  cuong = h.user(1004, "Cường");
});
afterEach(async () => h?.stop());

const deps = () => ({ db: h.db, clock: h.clock, outbox: h.app.outbox });

/** The roster on the command line, then invite codes for everyone: name → code. */
async function importAndInvite(): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  expect((await cli(deps(), "org", "create", "Đảng bộ phường Hòa Bình")).code).toBe(0);
  expect(
    (
      await cli(
        deps(),
        "branch",
        "create",
        "--org",
        "Đảng bộ phường Hòa Bình",
        "--code",
        "tdp5",
        "--name",
        "Chi bộ Tổ dân phố 5",
      )
    ).code,
  ).toBe(0);
  const file = join(tmpdir(), `roster-${process.pid}.csv`);
  writeFileSync(
    file,
    [
      "STT,Họ và tên,Điện thoại,Chức vụ,Tình trạng",
      "1,Phạm Văn Hùng,0911000001,Bí thư,Chính thức",
      "2,Nguyễn Văn An,0911000002,Đảng viên,Chính thức",
      "3,Trần Thị Bình,0911000003,Đảng viên,Dự bị",
      "4,Lê Văn Cường,0911000004,Đảng viên,Chính thức",
    ].join("\n"),
  );
  const imported = await cli(deps(), "roster", "import", file, "--branch", "tdp5");
  expect(imported.lines.at(-1)).toContain("Đã thêm 4");
  const invited = await cli(deps(), "invite", "--branch", "tdp5");
  expect(invited.code).toBe(0);
  for (const line of invited.lines.filter((l) => l.includes("https://t.me/"))) {
    const [name, code, link] = line.split("\t");
    expect(link).toBe(`https://t.me/chibo_test_bot?start=${code}`);
    codes.set(name!, code!);
  }
  return codes;
}

/** The four of them linked; with `meeting`, the 19:30 meeting of 03/12 announced (and its notices read). */
async function linkedBranch(opts: { meeting?: boolean } = {}): Promise<World> {
  const world = await givenBranch(h, {
    people: [
      { fullName: "Phạm Văn Hùng", post: "Bí thư", phone: "0911000001", user: secretary },
      { fullName: "Nguyễn Văn An", phone: "0911000002", user: an },
      { fullName: "Trần Thị Bình", phone: "0911000003", status: "Dự bị", user: binh },
      { fullName: "Lê Văn Cường", phone: "0911000004", user: cuong },
    ],
  });
  if (opts.meeting) {
    await h.app.services.scheduleMeeting(world.actor("Phạm Văn Hùng"), {
      branchId: world.branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T12:30:00Z"),
      place: "Nhà văn hoá tổ dân phố 5",
      agenda: "Triển khai nghị quyết tháng 12",
    });
    await forget(h, [secretary, an, binh, cuong]);
  }
  return world;
}

/** An attends; Bình asked leave to go on a work trip and the secretary accepted. */
async function answered(world: World): Promise<void> {
  const s = h.app.services;
  const meeting = await h.db.meeting.findFirstOrThrow();
  await s.answerAttending(world.actor("Nguyễn Văn An"), {
    memberId: world.member("Nguyễn Văn An").id,
    meetingId: meeting.id,
  });
  const leave = await s.requestLeave(world.actor("Trần Thị Bình"), {
    memberId: world.member("Trần Thị Bình").id,
    meetingId: meeting.id,
    reason: "Đi công tác tỉnh ngoài",
  });
  if (leave.type !== "ok") throw new Error("leave request refused");
  await s.decideLeaveRequest(world.actor("Phạm Văn Hùng"), { responseId: leave.responseId, accept: true });
  await forget(h, [secretary, an, binh, cuong]);
}

describe("foundation flow on Telegram", () => {
  test("the committee imports the roster and issues invites", async () => {
    const codes = await importAndInvite();
    expect(codes.size).toBe(4);
    // Only hashes are stored.
    const stored = await h.db.inviteCode.findMany();
    expect(stored.map((s) => s.codeHash)).not.toContain(codes.get("Nguyễn Văn An"));
  });

  test("members link by deep link, by a pasted code and by sharing their phone", async () => {
    const codes = await importAndInvite();
    await secretary.say(`/start ${codes.get("Phạm Văn Hùng")}`);
    expect((await secretary.expectOne()).text).toContain(
      "Đã liên kết tài khoản với đồng chí Phạm Văn Hùng, Chi bộ Tổ dân phố 5",
    );
    await an.say(`/start ${codes.get("Nguyễn Văn An")}`);
    expect((await an.expectOne()).text).toContain("Nguyễn Văn An");
    await binh.say(codes.get("Trần Thị Bình")!.toLowerCase());
    expect((await binh.expectOne()).text).toContain("Trần Thị Bình");

    // Cường first tries somebody else's contact, then his own number in +84 form.
    await cuong.say("/start");
    const prompt = await cuong.expectOne();
    expect(prompt.text).toContain("chưa được liên kết");
    expect(JSON.stringify(prompt.replyMarkup)).toContain("request_contact");
    await cuong.shareContact("0911000002", 9999);
    expect((await cuong.expectOne()).text).toContain("số điện thoại của chính mình");
    await cuong.shareContact("+84 911 000 004");
    expect((await cuong.expectOne()).text).toContain("Lê Văn Cường");

    // A used code is refused with a clear answer.
    const stranger = h.user(1099);
    await stranger.say(`/start ${codes.get("Nguyễn Văn An")}`);
    expect((await stranger.expectOne()).text).toContain("đã được dùng");

    const accounts = await h.db.channelAccount.count();
    expect(accounts).toBe(4);
    const audits = await h.db.auditLog.count({ where: { action: "account.link" } });
    expect(audits).toBe(4);
  });

  test("the secretary creates a meeting in a guided dialog; members are told", async () => {
    await linkedBranch();
    await secretary.say("/taohop");
    expect((await secretary.expectOne()).text).toContain("Chọn loại buổi sinh hoạt");
    await secretary.press("Sinh hoạt định kỳ");
    expect((await secretary.expectOne()).text).toContain("Nhập ngày giờ họp");
    await secretary.say("hôm nào đó");
    expect((await secretary.expectOne()).text).toContain("chưa hiểu ngày giờ");
    await secretary.say("20/11/2026 19:30");
    expect((await secretary.expectOne()).text).toContain("đã qua");
    await secretary.say("19h30 3/12");
    expect((await secretary.expectOne()).text).toContain("địa điểm");
    await secretary.say("Nhà văn hoá tổ dân phố 5");
    expect((await secretary.expectOne()).text).toContain("nội dung");
    await secretary.say("Triển khai nghị quyết tháng 12");
    const confirm = await secretary.expectOne();
    expect(confirm.text).toContain("19:30 Thứ Năm, 03/12/2026");
    expect(confirm.text).toContain("Nhà văn hoá tổ dân phố 5");
    await secretary.press("Xác nhận");
    expect((await secretary.expect(2)).map((m) => m.text).join("\n")).toMatch(
      /Đã tạo buổi sinh hoạt và gửi thông báo tới 4 đảng viên/,
    );

    for (const u of [an, binh, cuong]) {
      const notice = await u.expectOne();
      expect(notice.text).toContain("Chi bộ thông báo lịch sinh hoạt");
      expect(notice.buttons.map((b) => b.text)).toEqual(["✅ Có mặt", "🙋 Xin vắng"]);
    }
    const meeting = await h.db.meeting.findFirstOrThrow();
    expect(meeting.startsAt.toISOString()).toBe("2026-12-03T12:30:00.000Z");
    expect(meeting.kind).toBe("regular");
  });

  test("reminders arrive three days before at 08:00, once, with buttons", async () => {
    await linkedBranch({ meeting: true });
    h.clock.set("2026-11-30T00:59:00Z"); // 07:59 local: not yet
    await h.app.jobs.planReminders();
    expect(await an.drain()).toEqual([]);
    h.clock.set("2026-11-30T01:01:00Z"); // 08:01 local
    await h.app.jobs.planReminders();
    await h.app.jobs.planReminders(); // planned twice, sent once
    for (const u of [secretary, an, binh, cuong]) {
      const reminder = await u.expectOne();
      expect(reminder.text).toContain("Nhắc lịch sinh hoạt chi bộ");
      expect(reminder.buttons.map((b) => b.text)).toEqual(["✅ Có mặt", "🙋 Xin vắng"]);
    }
    expect(await an.drain()).toEqual([]);
  });

  test("one member attends, one asks leave with a reason, the secretary accepts", async () => {
    const world = await linkedBranch();
    await h.app.services.scheduleMeeting(world.actor("Phạm Văn Hùng"), {
      branchId: world.branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T12:30:00Z"),
      place: "Nhà văn hoá tổ dân phố 5",
      agenda: "",
    });
    for (const u of [an, binh]) expect((await u.expectOne()).text).toContain("Chi bộ thông báo lịch sinh hoạt");
    await forget(h, [secretary, cuong]);
    await an.press("Có mặt");
    expect((await an.expectOne()).text).toContain("Cảm ơn đồng chí đã xác nhận có mặt");

    await binh.press("Xin vắng");
    expect((await binh.expectOne()).text).toContain("lý do xin vắng");
    await binh.say("   ");
    expect((await binh.expectOne()).text).toContain("không được để trống");
    await binh.say("x".repeat(600));
    expect((await binh.expectOne()).text).toContain("quá dài");
    await binh.say("Đi công tác tỉnh ngoài");
    expect((await binh.expectOne()).text).toContain("Đã gửi đơn xin vắng");

    const request = await secretary.expectOne();
    expect(request.text).toContain("Đồng chí Trần Thị Bình xin vắng");
    expect(request.text).toContain("Lý do: Đi công tác tỉnh ngoài");
    await secretary.press("Chấp thuận");
    expect((await secretary.expectOne()).text).toContain("chấp thuận");
    // The pressed message shows the choice and loses its buttons (Telegram convention).
    const marked = await secretary.edited(request.messageId, (m) => m.text.includes("☑️ Đã chọn: Chấp thuận"));
    expect(marked.text.startsWith(request.text)).toBe(true);
    expect(marked.buttons).toEqual([]);
    expect((await binh.expectOne()).text).toContain("Bí thư đã chấp thuận cho đồng chí vắng");

    // Pressing again is a stale button, not an error or a second decision.
    await secretary.press("Không chấp thuận", request);
    expect((await secretary.expectOne()).text).toContain("đã được xử lý trước đó");
  });

  test("/tinhhinh shows who attends, who asked leave and who has not answered", async () => {
    await answered(await linkedBranch({ meeting: true }));
    await secretary.say("/tinhhinh");
    const replies = await secretary.expect(2);
    const status = replies[0]!.text;
    expect(status).toContain("Có mặt (1): Nguyễn Văn An");
    expect(status).toContain("Trần Thị Bình – Đi công tác tỉnh ngoài (đã chấp thuận)");
    expect(status).toMatch(/Chưa trả lời \(2\): (Lê Văn Cường, Phạm Văn Hùng|Phạm Văn Hùng, Lê Văn Cường)/);
    // No thematic meeting this quarter: the secretary is warned.
    expect(replies[1]!.text).toContain("chưa có buổi sinh hoạt chuyên đề nào trong quý 4/2026");
  });

  test("/lichhop shows a member his own answer", async () => {
    await answered(await linkedBranch({ meeting: true }));
    await an.say("/lichhop");
    const [, meeting] = await an.expect(2);
    expect(meeting!.text).toContain("Trả lời của đồng chí: Có mặt");
  });

  test("after the meeting, /diemdanh records attendance and flags absence without reason", async () => {
    await answered(await linkedBranch({ meeting: true }));
    h.clock.set("2026-12-03T14:30:00Z"); // 21:30 local, after the meeting
    await cuong.press("Có mặt");
    expect((await cuong.expectOne()).text).toContain("đã bắt đầu hoặc đã qua");

    await secretary.say("/diemdanh");
    const sheet = await secretary.expectOne();
    expect(sheet.buttons.map((b) => b.text)).toContain("❌ Vắng: Trần Thị Bình");
    expect(sheet.buttons.map((b) => b.text)).toContain("✅ Có mặt: Lê Văn Cường");
    await secretary.press("Có mặt: Lê Văn Cường", sheet);
    // The sheet is edited in place, not sent again.
    await secretary.edited(sheet.messageId, (m) => m.buttons.some((b) => b.text === "❌ Vắng: Lê Văn Cường"));
    expect(await secretary.drain()).toEqual([]);
    await secretary.press("Lưu điểm danh", sheet);
    const report = (await secretary.expectOne()).text;
    expect(report).toContain("2/4 có mặt (50%)");
    expect(report).toContain("Chưa đạt tỷ lệ trên 85%");
    expect(report).toContain("Vắng có lý do (1): Trần Thị Bình");
    expect(report).toContain("Vắng không lý do (1): Lê Văn Cường");

    const meeting = await h.db.meeting.findFirstOrThrow();
    expect(meeting.status).toBe("held");
    const rows = await h.db.response.findMany({ include: { member: true }, orderBy: { memberId: "asc" } });
    expect(rows.map((r) => [r.member.fullName, r.attendance])).toEqual([
      ["Phạm Văn Hùng", "present"],
      ["Nguyễn Văn An", "present"],
      ["Trần Thị Bình", "absent"],
      ["Lê Văn Cường", "absent"],
    ]);
    // The message reaches the chat a moment before its row is marked sent.
    let unsent = -1;
    for (let i = 0; i < 50 && unsent !== 0; i++) {
      unsent = await h.db.outbox.count({ where: { status: { not: "sent" } } });
      if (unsent !== 0) await new Promise((r) => setTimeout(r, 40));
    }
    expect(unsent).toBe(0);
  });
});

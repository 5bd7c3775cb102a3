/** Reports and data rights: /baocao with XLSX files, /dulieu, /xoadangvien, the CLI reports. */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { acceptDocuments, documentOf } from "../support/fault-proxy.ts";
import { cli } from "../support/cli.ts";

let h: Harness;
let sec: ChatUser, an: ChatUser, binh: ChatUser;
let branchId: number;

async function nextDocument(since: number) {
  const deadline = Date.now() + 8000;
  while (h.proxy.calls.filter((c) => c.method === "sendDocument").length <= since && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 40));
  return documentOf(h.proxy.calls.filter((c) => c.method === "sendDocument")[since]!);
}
const docCount = () => h.proxy.calls.filter((c) => c.method === "sendDocument").length;
async function sheet(data: Buffer, index = 0) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as never);
  return wb.worksheets[index]!;
}

beforeEach(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z" });
  h.proxy.setRule(acceptDocuments);
  const { branch, members } = await seedBranch(h.db, {
    code: "r1",
    name: "Chi bộ Khu phố 3",
    members: [
      { fullName: "Phạm Văn Hùng", role: "secretary", phone: "0911000001" },
      { fullName: "Nguyễn Văn An", phone: "0911000002" },
      { fullName: "Trần Thị Bình" },
      { fullName: "Lê Văn Cường" },
    ],
  });
  branchId = branch.id;
  await linkTelegram(h.db, members[0]!.id, 8001);
  await linkTelegram(h.db, members[1]!.id, 8002);
  await linkTelegram(h.db, members[2]!.id, 8003);
  await h.db.channelAccount.create({
    data: {
      channel: "zalo",
      externalId: "z-an",
      chatId: "z-an",
      memberId: members[1]!.id,
      lastSeenAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  [sec, an, binh] = [h.user(8001), h.user(8002), h.user(8003)];
  // Three meetings held this year; Cường missed all three without reason, Bình once with leave accepted.
  for (const [i, day] of ["2026-03-03", "2026-06-03", "2026-09-03"].entries()) {
    const m = await h.db.meeting.create({
      data: {
        branchId,
        kind: i === 1 ? "thematic" : "regular",
        startsAt: new Date(`${day}T12:30:00Z`),
        place: "X",
        status: "held",
      },
    });
    for (const mem of members) {
      const absent = mem.fullName === "Lê Văn Cường" || (mem.fullName === "Trần Thị Bình" && i === 0);
      await h.db.response.create({
        data: {
          meetingId: m.id,
          memberId: mem.id,
          attendance: absent ? "absent" : "present",
          answer: mem.fullName === "Trần Thị Bình" && i === 0 ? "leave_accepted" : null,
          reason: mem.fullName === "Trần Thị Bình" && i === 0 ? "Ốm" : null,
        },
      });
    }
  }
});
afterEach(async () => h?.stop());

/** The secretary's announcement to the branch, delivered; An pressed "Đã nhận". */
async function announcedAndAcknowledged(): Promise<void> {
  const secMember = await h.db.member.findFirstOrThrow({ where: { fullName: "Phạm Văn Hùng" } });
  await h.app.services.sendAnnouncement(
    { id: secMember.id, branchId, role: "secretary", label: `member:${secMember.id}` },
    {
      text: "Nộp bản kiểm điểm trước 05/12",
      attachment: null,
      audience: { branchIds: [branchId], audience: "all" },
      sendAt: null,
      senderLabel: "Chi bộ",
    },
  );
  await an.expectOne();
  await binh.expectOne();
  await sec.expectOne();
  await an.press("Đã nhận");
  await an.expectOne();
}

describe("/baocao", () => {
  test("a member cannot read reports, even with a forged button", async () => {
    await an.say("/baocao");
    expect((await an.expectOne()).text).toContain("không có quyền");
    await an.pressData("report:members");
    expect((await an.expectOne()).text).toContain("không có quyền");
  });

  test("members with link status and channels, as a summary and an XLSX", async () => {
    await sec.say("/baocao");
    const menu = await sec.expectOne();
    const before = docCount();
    await sec.press("Danh sách đảng viên", menu);
    const [summary] = await sec.expect(1);
    expect(summary!.text).toContain("Chi bộ Khu phố 3: 4 đảng viên, 3 đã liên kết (Telegram 3, Zalo 1)");
    expect(summary!.text).toContain("Chưa liên kết (1): Lê Văn Cường");
    const doc = await nextDocument(before);
    expect(doc.filename).toBe("dang-vien-r1.xlsx");
    const ws = await sheet(doc.data);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      "STT",
      "Họ và tên",
      "Chức vụ",
      "Tình trạng",
      "Điện thoại",
      "Liên kết",
      "Kênh",
      "Ghi chú",
    ]);
    const anRow = [3, 4, 5, 6].map((r) => ws.getRow(r)).find((r) => r.getCell(2).value === "Nguyễn Văn An")!;
    expect([anRow.getCell(6).value, anRow.getCell(7).value]).toEqual(["Đã liên kết", "Telegram, Zalo"]);
  });

  test("attendance over the year: per meeting against 85%, per member, absences without reason flagged", async () => {
    const before = docCount();
    await sec.pressData("report:attendance");
    const [summary] = await sec.expect(1);
    expect(summary!.text).toContain("• 03/03/2026 Sinh hoạt định kỳ: 2/4 có mặt (50%), vắng không lý do 1 – Chưa đạt");
    expect(summary!.text).toContain("Vắng không lý do từ 3 lần: Lê Văn Cường");
    const doc = await nextDocument(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(doc.data as never);
    const meetings = wb.worksheets[0]!;
    expect(meetings.getRow(3).getCell(5).value).toBe(0.5);
    expect(meetings.getRow(3).getCell(5).numFmt).toBe("0.0%");
    const perMember = wb.worksheets[1]!;
    const cuong = [3, 4, 5, 6].map((r) => perMember.getRow(r)).find((r) => r.getCell(2).value === "Lê Văn Cường")!;
    expect([cuong.getCell(3).value, cuong.getCell(4).value, cuong.getCell(7).value, cuong.getCell(8).value]).toEqual([
      3,
      0,
      3,
      "Vắng không lý do từ 3 lần",
    ]);
    const binhRow = [3, 4, 5, 6].map((r) => perMember.getRow(r)).find((r) => r.getCell(2).value === "Trần Thị Bình")!;
    expect([
      binhRow.getCell(4).value,
      binhRow.getCell(5).value,
      binhRow.getCell(6).value,
      binhRow.getCell(7).value,
    ]).toEqual([2, 1, 0, 0]);
  });

  test("announcement delivery and acknowledgement", async () => {
    await announcedAndAcknowledged();
    const before = docCount();
    await sec.pressData("report:ann");
    const [summary] = await sec.expect(1);
    expect(summary!.text).toContain("Đã nhận: 1");
    expect(summary!.text).toContain("Không liên lạc được: 1");
    const ws = await sheet((await nextDocument(before)).data);
    const states = Object.fromEntries(
      [3, 4, 5, 6].map((r) => [ws.getRow(r).getCell(2).value, ws.getRow(r).getCell(3).value]),
    );
    expect(states).toEqual({
      "Nguyễn Văn An": "Đã nhận",
      "Trần Thị Bình": "Đã gửi, chưa bấm nhận",
      "Lê Văn Cường": "Không liên lạc được",
      "Phạm Văn Hùng": "Đã gửi, chưa bấm nhận",
    });
  });

  test("the audit log", async () => {
    await announcedAndAcknowledged();
    const before = docCount();
    await sec.pressData("report:audit");
    const [summary] = await sec.expect(1);
    expect(summary!.text).toContain("Phạm Văn Hùng: Gửi thông báo");
    expect(summary!.text).not.toContain("announcement.send");
    expect((await nextDocument(before)).filename).toBe("nhat-ky-r1.xlsx");
  });
});

describe("a member's data", () => {
  test("/dulieu: the member gets everything held about him, and nothing about others", async () => {
    await announcedAndAcknowledged();
    const before = docCount();
    await an.say("/dulieu");
    const [summary] = await an.expect(1);
    expect(summary!.text).toContain("Họ và tên: Nguyễn Văn An; chi bộ: Chi bộ Khu phố 3; điện thoại: 0911000002");
    const doc = await nextDocument(before);
    const data = JSON.parse(doc.data.toString("utf8"));
    expect(data.member.fullName).toBe("Nguyễn Văn An");
    expect(data.tables.ChannelAccount.map((a: { channel: string }) => a.channel).sort()).toEqual(["telegram", "zalo"]);
    expect(data.tables.Response).toHaveLength(3);
    expect(data.tables.AnnouncementAck).toHaveLength(1);
    expect(doc.data.toString("utf8")).not.toContain("Trần Thị Bình");
    // Complete: every field of the record, and every table that refers to a member (read from the schema).
    const schema = readFileSync(join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
    const memberLinked = models
      .filter(([, , body]) => /^\s+(memberId|targetMemberId)\s+Int/m.test(body!))
      .map(([, name]) => name);
    expect(memberLinked.length).toBeGreaterThan(7);
    expect(Object.keys(data.tables).sort()).toEqual([...memberLinked].sort());
    const memberBody = models.find(([, name]) => name === "Member")![2]!;
    const enums = [...schema.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]!);
    const scalarType = new RegExp(
      `^\\s+(\\w+)\\s+(String|Int|Boolean|DateTime|Float|${enums.join("|")})\\??(\\s|$)`,
      "gm",
    );
    const scalars = [...memberBody.matchAll(scalarType)]
      .map((m) => m[1]!)
      .filter((f) => f !== "id" && f !== "branchId");
    expect(Object.keys(data.member).sort()).toEqual([...scalars, "branch"].sort());
  });

  test("/xoadangvien erases a member who left; totals stay, the name is gone everywhere", async () => {
    await sec.say("/xoadangvien");
    const list = await sec.expectOne();
    expect(list.buttons.map((b) => b.text)).not.toContain("Phạm Văn Hùng");
    await sec.press("Trần Thị Bình", list);
    await sec.press("Xoá", await sec.expectOne());
    expect((await sec.expectOne()).text).toContain("Đã xoá dữ liệu cá nhân của đảng viên này");
    const erased = await h.db.member.findFirstOrThrow({ where: { fullName: { startsWith: "Đảng viên đã xoá" } } });
    expect(erased).toMatchObject({ phone: null, feeBase: null });
    expect(erased.leftAt).not.toBeNull();
    expect(await h.db.channelAccount.count({ where: { memberId: erased.id } })).toBe(0);
    expect(await h.db.response.count({ where: { memberId: erased.id } })).toBe(3);
    expect(await h.db.response.count({ where: { memberId: erased.id, reason: { not: null } } })).toBe(0);
    const everything = JSON.stringify([
      await h.db.member.findMany(),
      await h.db.outbox.findMany(),
      await h.db.auditLog.findMany(),
      await h.db.response.findMany(),
    ]);
    expect(everything).not.toContain("Trần Thị Bình");
    // The branch's counts still include the anonymous record.
    const out = join(tmpdir(), `att-${process.pid}.csv`);
    const written = await cli(
      { db: h.db, clock: h.clock, outbox: h.app.outbox },
      "report",
      "attendance",
      "--branch",
      "r1",
      "--year",
      "2026",
      "--out",
      out,
    );
    expect(written.code).toBe(0);
    // A CSV holds one table: the two tables go to two files, each with one BOM, at its start.
    const files = written.lines.map((l) => l.replace(/^Đã ghi /, ""));
    expect(files.map((f) => basename(f))).toEqual([
      `att-${process.pid}-1-cac-buoi-sinh-hoat-nam-2026.csv`,
      `att-${process.pid}-2-diem-danh-tung-dang-vien-nam-2026.csv`,
    ]);
    const [meetingsCsv, membersCsv] = files.map((f) => readFileSync(f, "utf8"));
    expect(meetingsCsv).toContain("03/03/2026,Sinh hoạt định kỳ,4,2,0.5,0,1,Chưa đạt");
    for (const csv of [meetingsCsv!, membersCsv!]) {
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.slice(1)).not.toContain("\uFEFF");
    }
    expect(membersCsv!.split("\n")[0]).toBe(
      '\uFEFFSTT,Họ và tên,Số buổi phải dự,Có mặt,Vắng có lý do,"Vắng, chờ duyệt",Vắng không lý do,Lưu ý',
    );
  });
});

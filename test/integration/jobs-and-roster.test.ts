/** Scheduled meetings, the thematic-meeting warning, and roster files (CSV and XLSX) through the admin command line. */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.ts";
import { generateScheduledMeetings } from "../../src/services/scheduled/generate-meetings.ts";
import { warnMissingThematic } from "../../src/services/scheduled/thematic-warning.ts";
import { planReminders } from "../../src/services/scheduled/plan-reminders.ts";
import { parseLeadTimes } from "../../src/domain/reminders.ts";
import { formatDateTime } from "../../src/domain/time.ts";
import { cliActor, createMeeting } from "../../src/services/meetings.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { freshDb } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { cli } from "../support/cli.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";

const TZ = "Asia/Ho_Chi_Minh";
let db: Db;
let clock: TestClock;
let outbox: Outbox;
const logger = createLogger({ level: "silent", secrets: [] });

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = testClock("2026-11-22T03:00:00Z");
  outbox = createOutbox({ db, clock });
});
afterEach(async () => db.$disconnect());
const deps = () => ({ db, clock, outbox });

describe("regular meetings from a branch schedule", () => {
  test("the next months' meetings are generated once, and a cancelled one is not recreated", async () => {
    await seedBranch(db, { code: "tdp2", members: [{ fullName: "A" }] });
    const set = await cli(
      deps(),
      "branch",
      "schedule",
      "tdp2",
      "--rule",
      "thứ ba đầu tiên",
      "--time",
      "19:30",
      "--place",
      "Nhà văn hoá",
    );
    expect(set.lines).toEqual(["Sinh hoạt định kỳ của chi bộ tdp2: thứ Ba đầu tiên của tháng, 19:30, Nhà văn hoá"]);
    const job = () => generateScheduledMeetings({ db, clock, timeZone: TZ, monthsAhead: 2, logger });
    expect(await job()).toBe(2);
    expect(await job()).toBe(0);
    const meetings = await db.meeting.findMany({ orderBy: { startsAt: "asc" } });
    expect(meetings.map((m) => formatDateTime(m.startsAt, TZ))).toEqual([
      "19:30 Thứ Ba, 01/12/2026",
      "19:30 Thứ Ba, 05/01/2027",
    ]);
    expect(meetings.every((m) => m.kind === "regular" && m.place === "Nhà văn hoá")).toBe(true);
    await db.meeting.update({ where: { id: meetings[0]!.id }, data: { status: "cancelled" } });
    expect(await job()).toBe(0);
  });

  test("bad schedule input is refused with a clear message", async () => {
    await seedBranch(db, { code: "tdp3", members: [] });
    const r = await cli(deps(), "branch", "schedule", "tdp3", "--rule", "hằng tuần", "--time", "19:30");
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toContain('Không hiểu lịch "hằng tuần"');
    const t = await cli(deps(), "branch", "schedule", "tdp3", "--rule", "ngày 3", "--time", "7pm");
    expect(t.lines.at(-1)).toBe("Lỗi: --time phải có dạng HH:mm, ví dụ 19:30");
  });
});

describe("thematic meeting warning", () => {
  test("leaders of a branch without a thematic meeting this quarter are warned, once a week", async () => {
    const a = await seedBranch(db, {
      code: "a",
      name: "Chi bộ A",
      members: [{ fullName: "Bí thư A", role: "secretary" }, { fullName: "Thành viên A" }],
    });
    const b = await seedBranch(db, {
      code: "b",
      name: "Chi bộ B",
      members: [{ fullName: "Bí thư B", role: "deputy" }],
    });
    await linkTelegram(db, a.members[0]!.id, 1);
    await linkTelegram(db, a.members[1]!.id, 2);
    await linkTelegram(db, b.members[0]!.id, 3);
    await db.meeting.create({
      data: { branchId: b.branch.id, kind: "thematic", startsAt: new Date("2026-12-20T01:00:00Z"), place: "B" },
    });
    const job = () => warnMissingThematic({ db, outbox, clock, timeZone: TZ });
    expect(await job()).toBe(1);
    expect(await job()).toBe(0);
    const rows = await db.outbox.findMany();
    expect(rows.map((r) => r.chatId)).toEqual(["1"]);
    expect(JSON.parse(rows[0]!.payload).text).toContain("quý 4/2026");
    clock.advance(7 * 86_400_000);
    expect(await job()).toBe(1);
  });
});

describe("reminder planning", () => {
  test(
    "exempted, departed and unlinked members get no reminder; the nudge " + "goes only to those who have not answered",
    async () => {
      const { branch, members } = await seedBranch(db, {
        members: [
          { fullName: "Có mặt" },
          { fullName: "Chưa trả lời" },
          { fullName: "Tạm miễn", exemption: "temporary" },
          { fullName: "Đã chuyển đi" },
          { fullName: "Chưa liên kết" },
        ],
      });
      for (const [i, m] of members.slice(0, 4).entries()) await linkTelegram(db, m.id, 100 + i);
      await db.member.update({ where: { id: members[3]!.id }, data: { leftAt: new Date() } });
      // Set before the reminders fall due (the test's clock, not the machine's).
      const meeting = await db.meeting.create({
        data: {
          branchId: branch.id,
          kind: "regular",
          startsAt: new Date("2026-12-03T12:30:00Z"),
          place: "X",
          createdAt: new Date("2026-11-20T03:00:00Z"),
        },
      });
      await db.response.create({
        data: { meetingId: meeting.id, memberId: members[0]!.id, answer: "attending", answeredAt: new Date() },
      });
      const plan = () =>
        planReminders({
          db,
          outbox,
          clock,
          timeZone: TZ,
          quietHours: null,
          leadTimes: parseLeadTimes("3d@08:00,0d@07:00"),
          nudge: parseLeadTimes("1d@18:00")[0]!,
          nudgeEnabled: true,
        });
      clock.set("2026-11-30T01:05:00Z"); // 30/11 08:05: the 3-day reminder is due
      expect(await plan()).toEqual({ queued: 2, skipped: 0, waiting: 0 });
      clock.set("2026-12-02T11:05:00Z"); // 02/12 18:05: the nudge, only to the one who has not answered
      expect(await plan()).toEqual({ queued: 1, skipped: 0, waiting: 0 });
      const rows = await db.outbox.findMany({ orderBy: { id: "asc" }, where: { status: "pending" } });
      expect(rows.map((r) => `${r.kind}:${r.chatId}`).sort()).toEqual([
        "meeting_nudge:101",
        "meeting_reminder:100",
        "meeting_reminder:101",
      ]);
      const toAttending = rows.find((r) => r.chatId === "100")!;
      expect(JSON.parse(toAttending.payload).text).toContain("Trả lời của đồng chí: Có mặt");
      expect(rows.every((r) => r.expiresAt?.toISOString() === "2026-12-03T12:30:00.000Z")).toBe(true);
    },
  );
});

describe("reminders that came due before the meeting existed, or during downtime", () => {
  const leads = {
    leadTimes: parseLeadTimes("3d@08:00,0d@07:00"),
    nudge: parseLeadTimes("1d@18:00")[0]!,
    nudgeEnabled: true,
  };
  test("a meeting created at 19:06 for the same evening gets no reminder that was due before it existed", async () => {
    const { branch, members } = await seedBranch(db, {
      code: "late1",
      members: [{ fullName: "Một" }, { fullName: "Hai" }],
    });
    for (const [i, m] of members.entries()) await linkTelegram(db, m.id, 300 + i);
    clock.set("2026-12-03T12:06:00Z"); // 19:06 local
    await createMeeting(db, clock, cliActor, {
      branchId: branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T13:30:00Z"),
      place: "X",
      agenda: "",
    });
    const plan = () => planReminders({ db, outbox, clock, timeZone: TZ, quietHours: null, ...leads });
    // 3 days, the nudge, the morning: 3 steps × 2 members
    expect(await plan()).toEqual({ queued: 0, skipped: 6, waiting: 0 });
    expect(await plan()).toEqual({ queued: 0, skipped: 0, waiting: 0 });
    const rows = await db.outbox.findMany();
    expect(
      rows.every((r) => r.status === "skipped" && r.lastError === "due before the meeting was set for this time"),
    ).toBe(true);
  });

  test("after downtime, one catch-up reminder per meeting and member, the latest due", async () => {
    const { branch, members } = await seedBranch(db, { code: "late2", members: [{ fullName: "Ba" }] });
    await linkTelegram(db, members[0]!.id, 310);
    clock.set("2026-11-20T03:00:00Z");
    await createMeeting(db, clock, cliActor, {
      branchId: branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T12:30:00Z"),
      place: "X",
      agenda: "",
    });
    // The bot was down from 29/11; it comes back on 03/12 at 08:00: the 3-day reminder, the nudge and the morning
    // reminder are all overdue.
    clock.set("2026-12-03T01:00:00Z");
    expect(await planReminders({ db, outbox, clock, timeZone: TZ, quietHours: null, ...leads })).toEqual({
      queued: 1,
      skipped: 2,
      waiting: 0,
    });
    const sent = await db.outbox.findMany({ where: { status: "pending" } });
    expect(sent.map((r) => r.idempotencyKey)).toEqual([expect.stringMatching(/^meeting-reminder:\d+:\d+:0d@07:00:/)]);
    expect(JSON.parse(sent[0]!.payload).text).toContain("hôm nay");
  });
});

describe("roster files", () => {
  async function xlsx(rows: (string | Date)[][], title = true): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    if (title) ws.addRow(["DANH SÁCH ĐẢNG VIÊN CHI BỘ TỔ DÂN PHỐ 7"]);
    for (const r of rows) ws.addRow(r);
    const file = join(tmpdir(), `roster-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  test(
    "XLSX with a title row, Vietnamese headers, exemption dates; a " + "re-import updates instead of duplicating",
    async () => {
      await seedBranch(db, { code: "tdp7", members: [] });
      const header = [
        "STT",
        "Họ và tên",
        "Điện thoại",
        "Chức vụ",
        "Tình trạng",
        "Miễn sinh hoạt",
        "Từ ngày",
        "Đến ngày",
        "Số CCCD",
      ];
      const first = await xlsx([
        header,
        ["1", "Đỗ Thị Hoa", "0903111222", "Bí thư", "Chính thức", "", "", "", "001"],
        ["2", "Vũ Văn Nam", "0903111333", "Đảng viên", "Dự bị", "Tạm miễn", "01/09/2026", "31/08/2027", "002"],
      ]);
      const r1 = await cli(deps(), "roster", "import", first, "--branch", "tdp7");
      expect(r1.code).toBe(0);
      expect(r1.lines).toContain('Lưu ý: Cột "Số CCCD" chứa dữ liệu nhạy cảm: không được lưu.');
      expect(r1.lines.at(-1)).toContain("Đã thêm 2, cập nhật 0");
      const nam = await db.member.findFirstOrThrow({ where: { fullName: "Vũ Văn Nam" } });
      expect(nam).toMatchObject({ status: "probationary", exemption: "temporary", phone: "0903111333" });
      expect(nam.exemptUntil?.toISOString()).toBe("2027-08-31T00:00:00.000Z");

      const second = await xlsx(
        [
          header,
          ["1", "Đỗ Thị Hoa", "0903111222", "Bí thư", "Chính thức"],
          ["2", "Vũ Văn Nam", "0903111333", "Đảng viên", "Chính thức"],
        ],
        false,
      );
      const r2 = await cli(deps(), "roster", "import", second, "--branch", "tdp7");
      expect(r2.lines.at(-1)).toContain("Đã thêm 0, cập nhật 1, không đổi 1");
      expect(await db.member.count()).toBe(2);
      // The file says nothing about the exemption (empty cells): the record keeps it.
      expect(await db.member.findFirstOrThrow({ where: { fullName: "Vũ Văn Nam" } })).toMatchObject({
        status: "official",
        exemption: "temporary",
      });
      // Nothing sensitive was stored anywhere.
      const dump = JSON.stringify(await db.member.findMany());
      expect(dump).not.toContain("001");
    },
  );

  test("a file with one bad row writes nothing and names the row", async () => {
    await seedBranch(db, { code: "tdp8", members: [] });
    const file = join(tmpdir(), `bad-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(
      file,
      "\uFEFFHọ và tên;Điện thoại;Chức vụ\nNguyễn A;0911222333;Đảng viên\nTrần B;12;Đảng viên\n;0911222444;\n",
    );
    const r = await cli(deps(), "roster", "import", file, "--branch", "tdp8");
    expect(r.code).toBe(1);
    expect(r.lines).toContain('Dòng 3: số điện thoại "12" không hợp lệ');
    expect(r.lines).toContain("Dòng 4: thiếu họ và tên");
    expect(r.lines.at(-1)).toBe("Lỗi: 2 dòng có lỗi; chưa nhập dòng nào");
    expect(await db.member.count()).toBe(0);
  });

  test("command-line mistakes get one clear line", async () => {
    expect((await cli(deps(), "roster", "import", "/nonexistent.xlsx", "--branch", "nope")).lines.at(-1)).toBe(
      'Lỗi: Không có chi bộ mã "nope" (xem: branch list)',
    );
    await seedBranch(db, {
      code: "tdp9",
      members: [{ fullName: "Trùng Tên" }, { fullName: "Trùng Tên", phone: "0911000111" }],
    });
    expect(
      (
        await cli(deps(), "member", "role", "--branch", "tdp9", "--member", "Trùng Tên", "--role", "secretary")
      ).lines.at(-1),
    ).toContain("trùng với 2 đảng viên");
    expect(
      (await cli(deps(), "member", "role", "--branch", "tdp9", "--member", "0911000111", "--role", "deputy")).lines.at(
        -1,
      ),
    ).toBe("Trùng Tên: Phó bí thư");
    const bad = await cli(deps(), "member", "role", "--branch", "tdp9", "--member", "0911000111", "--role", "king");
    expect(bad.code).toBe(1);
    expect(bad.lines.join("\n")).toContain("chọn một trong: member, secretary, deputy, collector");
    expect(
      (await cli(deps(), "meeting", "create", "--branch", "tdp9", "--at", "01/01/2020 19:00", "--place", "X")).lines.at(
        -1,
      ),
    ).toBe('Lỗi: --at "01/01/2020 19:00": thời điểm này đã qua');
  });
});

/**
 * Party fees as members and the collector live them on Telegram: reminder →
 * "Tôi đã đóng" → the collector confirms → the ladder stops; /thuphi with bad
 * and good amounts; double recording; /thuthang; /xuatphi (the XLSX is opened and
 * its cells checked); the arrears flags over a calendar year.
 */
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { acceptDocuments, documentOf } from "../support/fault-proxy.ts";
import { cli } from "../support/cli.ts";
import { forget } from "../support/given.ts";
import { memberAsActor } from "../../src/services/meetings.ts";

let h: Harness;
let hung: ChatUser, mai: ChatUser, an: ChatUser, binh: ChatUser, other: ChatUser;
const idOf = async (fullName: string) => (await h.db.member.findFirstOrThrow({ where: { fullName } })).id;
const run = (...args: string[]) => cli({ db: h.db, clock: h.clock, outbox: h.app.outbox }, ...args);

beforeEach(async () => {
  // 10/11/2026 08:05 local: the collection day's reminder is due.
  h = await startHarness({ now: "2026-11-10T01:05:00Z" });
  h.proxy.setRule(acceptDocuments);
  const { members } = await seedBranch(h.db, {
    code: "tdp9",
    name: "Chi bộ Tổ dân phố 9",
    members: [
      { fullName: "Phạm Văn Hùng", role: "secretary" },
      { fullName: "Lê Thị Mai", role: "collector" },
      { fullName: "Nguyễn Văn An" },
      { fullName: "Trần Thị Bình" },
      { fullName: "Hoàng Văn Cường" },
      { fullName: "Đặng Văn Dũng" },
      { fullName: "Vũ Thị Em" },
    ],
  });
  await seedBranch(h.db, {
    code: "khac",
    name: "Chi bộ khác",
    members: [{ fullName: "Người Khác", role: "collector" }],
  });
  const otherMember = await h.db.member.findFirstOrThrow({ where: { fullName: "Người Khác" } });
  for (const [i, m] of members.slice(0, 4).entries()) await linkTelegram(h.db, m.id, 7001 + i);
  await linkTelegram(h.db, otherMember.id, 7099);
  [hung, mai, an, binh] = [h.user(7001), h.user(7002), h.user(7003), h.user(7004)];
  other = h.user(7099);
  const set = async (...a: string[]) => expect((await run("fee", "member", "--branch", "tdp9", ...a)).code).toBe(0);
  await set("--member", "Nguyễn Văn An", "--group", "salary", "--base", "8500000", "--from", "2026-09");
  await set("--member", "Trần Thị Bình", "--group", "other", "--from", "2026-11");
  await set("--member", "Hoàng Văn Cường", "--group", "student", "--from", "2026-11");
  await set("--member", "Đặng Văn Dũng", "--group", "other", "--from", "2026-08");
  await set("--member", "Vũ Thị Em", "--group", "other_retired", "--from", "2026-09");
});
afterEach(async () => h?.stop());

/** The collection-day reminders have gone out; returns the one `who` received. */
async function reminded(who: ChatUser) {
  await h.app.jobs.planFeeReminders();
  const reminder = await who.expectOne();
  await forget(
    h,
    [hung, mai, an, binh].filter((u) => u !== who),
  );
  return reminder;
}

/** What the month's story leaves in the ledger: An paid 09–11, Bình and Cường paid 11/2026, all confirmed. */
async function paidAsUsual(who: "An" | "all" = "all") {
  const s = h.app.services;
  const collector = memberAsActor(await h.db.member.findFirstOrThrow({ where: { fullName: "Lê Thị Mai" } }));
  const pay = (fullName: string, months: string[], amount: number) =>
    idOf(fullName).then((memberId) =>
      s.collectPayment(collector, { memberId, months, amount, requestId: `given-${memberId}` }),
    );
  await pay("Nguyễn Văn An", ["2026-09", "2026-10", "2026-11"], 255_000);
  if (who === "all") {
    await pay("Trần Thị Bình", ["2026-11"], 15_930);
    await pay("Hoàng Văn Cường", ["2026-11"], 5_000);
  }
  await forget(h, [hung, mai, an, binh]);
}

describe("reminder, 'Tôi đã đóng', confirmation", () => {
  test("the collection-day reminder shows each member's unpaid months and amounts", async () => {
    await h.app.jobs.planFeeReminders();
    await h.app.jobs.planFeeReminders();
    const reminder = await an.expectOne();
    expect(reminder.text).toContain("Nhắc đóng đảng phí");
    expect(reminder.text).toContain("• Tháng 09/2026: 85.000 đ\n• Tháng 10/2026: 85.000 đ\n• Tháng 11/2026: 85.000 đ");
    expect(reminder.text).toContain("Tổng: 255.000 đ");
    expect(reminder.text).toContain("nộp tiền mặt cho đồng chí Lê Thị Mai");
    expect(reminder.buttons.map((b) => b.text)).toEqual(["💵 Tôi đã đóng"]);
    expect((await binh.expectOne()).text).toContain("• Tháng 11/2026: 15.930 đ");
    expect(await an.drain()).toEqual([]); // planned twice, sent once
    // No fee group: no reminder (the collector sees them as "chưa đủ thông tin").
    expect(await hung.drain()).toEqual([]);
  });

  test("the member reports payment; the collector confirms; the member is told", async () => {
    await reminded(an);
    await an.press("Tôi đã đóng");
    const confirm = await an.expectOne();
    expect(confirm.text).toContain("Đồng chí báo đã đóng");
    expect(confirm.text).toContain("Tổng: 255.000 đ");
    await an.press("Xác nhận", confirm);
    expect((await an.expectOne()).text).toContain("Đã gửi");
    const report = await mai.expectOne();
    expect(report.text).toContain("Đồng chí Nguyễn Văn An báo đã đóng đảng phí");
    expect(await h.db.feeEntry.count({ where: { status: "pending" } })).toBe(3);

    // A collector of another branch cannot confirm it by forging the button.
    await other.pressData(report.buttons[0]!.data);
    expect((await other.expectOne()).text).toContain("không có quyền");
    // Nor can a plain member.
    await binh.pressData(report.buttons[0]!.data);
    expect((await binh.expectOne()).text).toContain("không có quyền");

    await mai.press("Đã nhận tiền", report);
    expect((await mai.expectOne()).text).toContain("Đã ghi: xác nhận khoản báo đóng của đồng chí Nguyễn Văn An");
    expect((await an.expectOne()).text).toContain("Đồng chí thu đảng phí đã xác nhận khoản đóng");
    await mai.press("Đã nhận tiền", report);
    expect((await mai.expectOne()).text).toContain("đã được xử lý trước đó");
    expect(
      await h.db.feeEntry.count({
        where: {
          memberId: (await h.db.member.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } })).id,
          status: "confirmed",
        },
      }),
    ).toBe(3);
  });

  test("the ladder stops for the member who paid and goes on for the others", async () => {
    await reminded(an);
    await paidAsUsual("An");
    h.clock.set("2026-11-17T01:05:00Z"); // 17/11 08:05: 7 days overdue
    await h.app.jobs.planFeeReminders();
    expect((await binh.expectOne()).text).toContain("15.930 đ");
    expect(await an.drain()).toEqual([]);
  });

  test("/dangphi shows the member's own months", async () => {
    await paidAsUsual();
    await an.say("/dangphi");
    const text = (await an.expectOne()).text;
    expect(text).toContain("• 09/2026: 85.000 đ – đã đóng");
    expect(text).toContain("đã đóng đủ");
    expect(text).toContain("Cổng Dịch vụ công quốc gia");
  });

  test("/dangphi without a fee group says what is missing and never that all is paid", async () => {
    await hung.say("/dangphi");
    const text = (await hung.expectOne()).text;
    expect(text).toContain("11/2026: chưa đủ thông tin");
    expect(text).toContain(
      "❔ Chưa tính được số phải đóng của tháng 11/2026: chi bộ chưa ghi nhóm đảng phí của đồng chí.",
    );
    expect(text).not.toContain("đã đóng đủ");
  });
});

describe("the collector records a payment", () => {
  test("/thuphi: choose member and months, a wrong amount is questioned, then recorded once", async () => {
    await binh.say("/thuphi");
    expect((await binh.expectOne()).text).toContain("đồng chí thu đảng phí");

    await mai.say("/thuphi");
    const members = await mai.expectOne();
    await mai.press("Trần Thị Bình", members);
    const sheet = await mai.expectOne();
    expect(sheet.buttons.map((b) => b.text)).toContain("☐ 11/2026");
    await mai.press("☐ 11/2026", sheet);
    await mai.edited(sheet.messageId, (m) => m.buttons.some((b) => b.text === "☑ 11/2026"));
    await mai.press("Tiếp tục", sheet);
    expect((await mai.expectOne()).text).toContain("Số phải đóng cho các tháng đã chọn: 15.930 đ");
    await mai.say("mười lăm nghìn");
    expect((await mai.expectOne()).text).toContain("Số tiền không hợp lệ");
    await mai.say("99.000.000");
    expect((await mai.expectOne()).text).toContain("vượt mức tối đa");
    await mai.say("15.000");
    expect((await mai.expectOne()).text).toContain("Số tiền 15.000 đ không khớp số phải đóng (15.930 đ)");
    await mai.say("15.930");
    const confirm = await mai.expectOne();
    expect(confirm.text).toContain("Ghi khoản thu của đồng chí Trần Thị Bình");
    await mai.press("Xác nhận", confirm);
    expect((await mai.expectOne()).text).toContain("Đã ghi khoản thu 15.930 đ của đồng chí Trần Thị Bình");
    expect((await binh.expectOne()).text).toContain("Chi bộ đã ghi nhận đồng chí đóng đảng phí");
    // A repeated press of the same button records nothing more.
    await mai.press("Xác nhận", confirm);
    expect((await mai.expectOne()).text).toContain("không còn hiệu lực");
    const entries = await h.db.feeEntry.findMany({ where: { memberId: await idOf("Trần Thị Bình") } });
    expect(entries.map((e) => [e.month, e.amount, e.status])).toEqual([["2026-11", 15930, "confirmed"]]);
    expect(await h.db.auditLog.count({ where: { action: "fee.record" } })).toBe(1);
  });

  test("the command line: a retried payment is recorded once; months out of range are refused", async () => {
    const pay = (...a: string[]) => run("fee", "pay", "--branch", "tdp9", "--member", "Hoàng Văn Cường", ...a);
    expect((await pay("--months", "2026-11", "--amount", "5000")).lines.at(-1)).toBe(
      "Đã ghi 5.000 đ của Hoàng Văn Cường: 11/2026",
    );
    expect((await pay("--months", "2026-11", "--amount", "5000")).lines.at(-1)).toContain("Đã ghi từ trước");
    expect((await pay("--months", "2026-08", "--amount", "5000")).lines.at(-1)).toContain(
      "trước thời điểm đồng chí Hoàng Văn Cường bắt đầu đóng đảng phí",
    );
    expect((await pay("--months", "2028-01", "--amount", "5000")).lines.at(-1)).toContain(
      "Không ghi trước quá 12 tháng",
    );
    expect((await pay("--months", "2026-12", "--amount", "0")).lines.at(-1)).toContain("số nguyên dương");
    expect((await pay("--months", "2026-12", "--amount", "-5000")).lines.at(-1)).toContain("số tiền phải là số đồng");
    expect(await h.db.feeEntry.count({ where: { memberId: await idOf("Hoàng Văn Cường") } })).toBe(1);
  });

  test("a correction is a reversal entry, never an edit", async () => {
    await run(
      "fee",
      "pay",
      "--branch",
      "tdp9",
      "--member",
      "Hoàng Văn Cường",
      "--months",
      "2026-11",
      "--amount",
      "5000",
    );
    const entry = await h.db.feeEntry.findFirstOrThrow({ where: { memberId: await idOf("Hoàng Văn Cường") } });
    const r = await run("fee", "reverse", "--entry", String(entry.id), "--reason", "Ghi nhầm người");
    expect(r.lines.at(-1)).toContain(`Bút toán #${entry.id} đã được đảo`);
    expect((await run("fee", "reverse", "--entry", String(entry.id), "--reason", "again")).lines.at(-1)).toContain(
      "đã được đảo",
    );
    const rows = await h.db.feeEntry.findMany({
      where: { memberId: await idOf("Hoàng Văn Cường") },
      orderBy: { id: "asc" },
    });
    expect(rows.map((e) => [e.kind, e.amount])).toEqual([
      ["payment", 5000],
      ["reversal", -5000],
    ]);
    expect(
      (
        await run(
          "fee",
          "pay",
          "--branch",
          "tdp9",
          "--member",
          "Hoàng Văn Cường",
          "--months",
          "2026-11",
          "--amount",
          "5000",
          "--ref",
          "PT-0012",
        )
      ).lines.at(-1),
    ).toContain("Đã ghi 5.000 đ");
  });
});

describe("reports", () => {
  test("/thuthang: this month's collection", async () => {
    await paidAsUsual();
    await mai.say("/thuthang");
    const text = (await mai.expectOne()).text;
    // Due in 11/2026: An 85 000 + Bình 15 930 + Cường 5 000 + Dũng 15 930 + Em 10 620.
    expect(text).toContain("đã thu 105.930 đ / phải thu 132.480 đ");
    // Lists follow Vietnamese order: by given name.
    expect(text).toContain("Đã đóng (3): Nguyễn Văn An, Trần Thị Bình, Hoàng Văn Cường");
    expect(text).toContain("Chưa đóng (2): Đặng Văn Dũng, Vũ Thị Em");
    expect(text).toContain("Chưa đủ thông tin để tính (2): Phạm Văn Hùng, Lê Thị Mai");
  });

  test("/xuatphi sends the XLSX and CSV; the cells are right", async () => {
    await paidAsUsual();
    await mai.say("/xuatphi");
    const deadline = Date.now() + 8000;
    while (h.proxy.calls.filter((c) => c.method === "sendDocument").length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const docs = await Promise.all(h.proxy.calls.filter((c) => c.method === "sendDocument").map(documentOf));
    expect(docs.map((d) => d.filename)).toEqual(["dang-phi-tdp9-2026.xlsx", "dang-phi-tdp9-2026.csv"]);
    expect(docs.every((d) => d.chatId === "7002")).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(docs[0]!.data as never);
    const ledger = wb.getWorksheet("Sổ thu 2026")!;
    const headers = (ledger.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 5)).toEqual(["STT", "Họ và tên", "Nhóm đảng phí", "T1", "T2"]);
    expect(headers.slice(-2)).toEqual(["Đã đóng", "Còn nợ"]);
    const anRow = [3, 4, 5, 6, 7, 8, 9]
      .map((r) => ledger.getRow(r))
      .find((r) => r.getCell(2).value === "Nguyễn Văn An")!;
    expect(anRow.getCell(3).value).toBe("Hưởng lương (đóng BHXH bắt buộc)");
    expect([12, 13, 14].map((c) => anRow.getCell(c).value)).toEqual([85000, 85000, 85000]); // T9–T11
    expect(anRow.getCell(12).numFmt).toBe('#,##0 "đ"');
    expect(anRow.getCell(16).value).toBe(255000);
    expect(anRow.getCell(17).value).toBe(0);
    const dungRow = [3, 4, 5, 6, 7, 8, 9]
      .map((r) => ledger.getRow(r))
      .find((r) => r.getCell(2).value === "Đặng Văn Dũng")!;
    expect(dungRow.getCell(17).value).toBe(4 * 15930); // 08–11 owed
    const month = wb.getWorksheet("Tháng 11-2026")!;
    const total = month.getRow(month.rowCount);
    expect([total.getCell(2).value, total.getCell(3).value, total.getCell(4).value]).toEqual([
      "Tổng cộng",
      132480,
      105930,
    ]);
    const csv = docs[1]!.data.toString("utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("Họ và tên");
    expect(csv).toContain("Nguyễn Văn An");
    expect(await h.db.auditLog.count({ where: { action: "fee.export" } })).toBe(1);
  });

  test(
    "arrears: 2 unpaid months warn, 3 reach the Article 8 threshold; " +
      "absences without reason too; a new year starts clean",
    async () => {
      await paidAsUsual();
      // Three meetings this year that Dũng missed without an accepted reason.
      const branch = await h.db.branch.findFirstOrThrow({ where: { code: "tdp9" } });
      const dung = await h.db.member.findFirstOrThrow({ where: { fullName: "Đặng Văn Dũng" } });
      for (const day of ["2026-03-03", "2026-06-03", "2026-09-03"]) {
        const m = await h.db.meeting.create({
          data: {
            branchId: branch.id,
            kind: "regular",
            startsAt: new Date(`${day}T12:30:00Z`),
            place: "X",
            status: "held",
          },
        });
        await h.db.response.create({
          data: {
            meetingId: m.id,
            memberId: dung.id,
            attendance: "absent",
            answer: day === "2026-06-03" ? "leave_refused" : null,
          },
        });
      }
      await hung.say("/canhbao");
      const text = (await hung.expectOne()).text;
      expect(text).toContain(
        "• Đặng Văn Dũng: chưa đóng đảng phí 3 tháng (08/2026, 09/2026, " +
          "10/2026) – đến ngưỡng 3 tháng (Điều 8); vắng sinh hoạt không lý do 3 " +
          "lần – đến ngưỡng 3 lần",
      );
      expect(text).toContain("• Vũ Thị Em: chưa đóng đảng phí 2 tháng (09/2026, 10/2026)");
      expect(text).not.toContain("Nguyễn Văn An");
      expect(text).toContain("không tự xử lý");

      h.clock.set("2027-01-15T03:00:00Z");
      await hung.say("/canhbao");
      expect((await hung.expectOne()).text).toContain("Năm 2027: không có đảng viên nào cần lưu ý");
    },
  );
});

describe("the base of percentage fees", () => {
  test("a member declares his salary; the collector enters it for a member; other groups need none", async () => {
    await an.say("/khaibao");
    expect((await an.expectOne()).text).toContain("Nhập mức tiền lương tháng đóng BHXH");
    await an.say("nhiều lắm");
    expect((await an.expectOne()).text).toContain("Số không hợp lệ");
    await an.say("10tr");
    expect((await an.expectOne()).text).toBe("Đã ghi mức căn cứ 10.000.000 đ. Đảng phí hằng tháng: 100.000 đ.");

    await mai.say("/mucdong");
    const list = await mai.expectOne();
    await mai.press("Nguyễn Văn An", list);
    expect((await mai.expectOne()).text).toContain("của đồng chí Nguyễn Văn An");
    await mai.say("9.000.000");
    expect((await mai.expectOne()).text).toBe(
      "Đã ghi mức căn cứ của đồng chí Nguyễn Văn An: 9.000.000 đ. Đảng phí hằng tháng: 90.000 đ.",
    );
    expect((await h.db.member.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } })).feeBase).toBe(9_000_000);

    await binh.say("/khaibao");
    expect((await binh.expectOne()).text).toContain("không cần khai báo");
    await binh.say("/mucdong");
    expect((await binh.expectOne()).text).toContain("không có quyền");
  });
});

/**
 * The yearly self-review end to end: the secretary opens the review; a member
 * fills in form 2C across a restart, gets a wrong score re-asked, edits an
 * answer from the summary, submits and receives the document; the secretary
 * follows progress, records the final level and exports the report.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { docText, unzipEntry } from "../support/zip.ts";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { cli } from "../support/cli.ts";
import { acceptDocuments, documentOf } from "../support/fault-proxy.ts";
import { forget } from "../support/given.ts";
import { memberAsActor } from "../../src/services/meetings.ts";

let h: Harness;
let sec: ChatUser, lan: ChatUser, other: ChatUser;
const docs = () => h.proxy.calls.filter((c) => c.method === "sendDocument");

beforeEach(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z" });
  h.proxy.setRule(acceptDocuments);
  const { members } = await seedBranch(h.db, {
    code: "kd",
    name: "Chi bộ Tổ dân phố 4",
    members: [
      { fullName: "Bí Thư Bốn", role: "secretary" },
      { fullName: "Trần Thị Lan" },
      { fullName: "Cụ Già", exemption: "full" },
      { fullName: "Lê Văn Chậm" },
    ],
  });
  await h.db.member.update({ where: { id: members[1]!.id }, data: { admittedAt: new Date("2001-05-19") } });
  await linkTelegram(h.db, members[0]!.id, 9001);
  await linkTelegram(h.db, members[1]!.id, 9002);
  await seedBranch(h.db, {
    code: "kd2",
    name: "Chi bộ khác",
    members: [{ fullName: "Bí Thư Khác", role: "secretary" }],
  });
  await linkTelegram(h.db, (await h.db.member.findFirstOrThrow({ where: { fullName: "Bí Thư Khác" } })).id, 9101);
  [sec, lan, other] = [h.user(9001), h.user(9002), h.user(9101)];
});
afterEach(async () => h?.stop());

async function reply(u: ChatUser, text: string, expected: string): Promise<void> {
  await u.say(text);
  const m = await u.expectOne();
  expect(m.text).toContain(expected);
}

/** The secretary has opened the 2026 review, deadline 05/12 17:00; the invitations are read. */
async function opened(): Promise<void> {
  const secretary = await h.db.member.findFirstOrThrow({ where: { fullName: "Bí Thư Bốn" } });
  await h.app.services.openReview(memberAsActor(secretary), {
    branchId: secretary.branchId,
    year: 2026,
    deadline: new Date("2026-12-05T10:00:00Z"),
  });
  await forget(h, [sec, lan, other]);
}

/** Lan has answered every question (91 points, "Hoàn thành tốt nhiệm vụ" proposed) and sees the summary. */
async function filled() {
  await opened();
  const steps: [string, string][] = [
    ["/kiemdiem", "Họ và tên: Trần Thị Lan"],
    ["có", "Nơi công tác"],
    ["Nghỉ hưu tại địa phương", "dự 0/0 buổi sinh hoạt"],
    ["có", "1. Về tư tưởng chính trị"],
    ["Luôn trung thành với Đảng, chấp hành tốt chủ trương.", "Đã nhận"],
    ["xong", "2. Thực hiện nhiệm vụ đảng viên"],
    ["Tham gia đầy đủ sinh hoạt tổ dân phố.", "Đã nhận"],
    ["xong", "3. Việc thực hiện cam kết tu dưỡng"],
    ["Thực hiện tốt cam kết.", "Đã nhận"],
    ["xong", "Hạn chế, khuyết điểm và nguyên nhân"],
    ["Có lúc chưa sâu sát.", "Đã nhận"],
    ["xong", "Những hạn chế, khuyết điểm đã được chỉ ra năm trước"],
  ];
  for (const [text, expected] of steps) await reply(lan, text, expected);
  await lan.press("Đã khắc phục");
  expect((await lan.expectOne()).text).toContain("Cấp trên có gợi ý vấn đề nào");
  const more: [string, string][] = [
    ["không", "Tập thể (chi bộ, cơ quan) có hạn chế"],
    ["không", "Phương hướng, biện pháp khắc phục"],
    ["Tích cực học tập.", "Đã nhận"],
    ["xong", "Chính trị tư tưởng (tối đa 10 điểm)"],
    ["9", "Đạo đức, lối sống"],
    ["9", "Ý thức tổ chức kỷ luật"],
    ["9", "Thực hiện nhiệm vụ được giao (tối đa 50 điểm)"],
    ["46", "Thực hiện cam kết tu dưỡng, rèn luyện (tối đa 20 điểm)"],
    ["18", "suy thoái"],
    ["không", "kỷ luật"],
    ["không", "những điều đảng viên không được làm"],
    ["không", "quá 50%"],
    ["không", "vượt mức ít nhất 30%"],
  ];
  for (const [text, expected] of more) await reply(lan, text, expected);
  await lan.say("có");
  const level = await lan.expectOne();
  await lan.press("Hoàn thành tốt nhiệm vụ", level);
  return lan.expectOne();
}

/** Lan has submitted; her reply and her document are read. */
async function reviewSubmitted(): Promise<void> {
  const summary = await filled();
  await lan.press("Nộp bản kiểm điểm", summary);
  await forget(h, [sec, lan, other]);
}

describe("the yearly self-review", () => {
  test("a member cannot open a review before the secretary does", async () => {
    await lan.say("/kiemdiem");
    expect((await lan.expectOne()).text).toContain("chưa mở đợt kiểm điểm");
  });

  test("the secretary opens the review with a deadline; who takes part is shown", async () => {
    await sec.say("/mokiemdiem");
    const ask = await sec.expectOne();
    expect(ask.text).toContain("Nhập hạn nộp bản kiểm điểm");
    expect(ask.buttons.map((b) => b.text)).toEqual(["05/12/2026 17:00"]);
    await reply(sec, "05/01/2027", "Hạn nộp phải trước ngày 31/12/2026");
    await sec.say("05/12/2026");
    const confirm = await sec.expectOne();
    expect(confirm.text).toContain("Đợt kiểm điểm năm 2026, hạn nộp 23:59 Thứ Bảy, 05/12/2026.");
    expect(confirm.text).toContain("Tham gia: 3 đảng viên.");
    expect(confirm.text).toContain("Không tham gia: Cụ Già (miễn sinh hoạt)");
    await sec.press("Xác nhận", confirm);
    const replies = (await sec.expect(2)).map((m) => m.text);
    expect(replies.some((r) => r.includes("Đã mở đợt kiểm điểm và gửi thông báo tới 2 đảng viên"))).toBe(true);
    expect((await lan.expectOne()).text).toContain("Chi bộ mở đợt kiểm điểm, đánh giá đảng viên năm 2026");
  });

  test("the member fills in form 2C across a restart, with a wrong score re-asked", async () => {
    await opened();
    await reply(lan, "/kiemdiem", "Họ và tên: Trần Thị Lan");
    await reply(lan, "có", "Nơi công tác");
    await reply(lan, "Nghỉ hưu tại địa phương", "dự 0/0 buổi sinh hoạt và đã đóng đảng phí 0 tháng");
    await reply(lan, "có", "1. Về tư tưởng chính trị");
    await reply(lan, "Luôn trung thành với Đảng, chấp hành tốt chủ trương.", "Đã nhận");
    await reply(lan, "xong", "2. Thực hiện nhiệm vụ đảng viên");
    await reply(lan, "Tham gia đầy đủ sinh hoạt tổ dân phố.", "Đã nhận");
    await reply(lan, "Vận động bà con giữ gìn vệ sinh.", "Đã nhận");
    await lan.press("Xong");
    expect((await lan.expectOne()).text).toContain("3. Việc thực hiện cam kết tu dưỡng");
    await reply(lan, "Thực hiện tốt cam kết.", "Đã nhận");
    await reply(lan, "xong", "Hạn chế, khuyết điểm và nguyên nhân");
    // Stop for a while; the bot restarts meanwhile.
    await h.restart();
    await reply(lan, "/kiemdiem", "Hạn chế, khuyết điểm và nguyên nhân");
    await reply(lan, "Có lúc chưa sâu sát.", "Đã nhận");
    await reply(lan, "xong", "Những hạn chế, khuyết điểm đã được chỉ ra năm trước");
    await lan.press("Đã khắc phục");
    expect((await lan.expectOne()).text).toContain("Cấp trên có gợi ý vấn đề nào");
    await reply(lan, "không", "Tập thể (chi bộ, cơ quan) có hạn chế");
    await reply(lan, "không", "Phương hướng, biện pháp khắc phục");
    await reply(lan, "Tích cực học tập.", "Đã nhận");
    await reply(lan, "xong", "Chính trị tư tưởng (tối đa 10 điểm)");
    await lan.say("12");
    const [error, again] = await lan.expect(2);
    expect(error!.text).toBe("Số phải từ 0 đến 10.");
    expect(again!.text).toContain("Chính trị tư tưởng (tối đa 10 điểm)");
    await reply(lan, "9", "Đạo đức, lối sống");
    await reply(lan, "9", "Ý thức tổ chức kỷ luật");
    await reply(lan, "9", "Thực hiện nhiệm vụ được giao (tối đa 50 điểm)");
    await reply(lan, "46", "Thực hiện cam kết tu dưỡng, rèn luyện (tối đa 20 điểm)");
    await reply(lan, "18", "suy thoái");
    await reply(lan, "không", "kỷ luật");
    await reply(lan, "không", "những điều đảng viên không được làm");
    await reply(lan, "không", "quá 50%");
    await reply(lan, "không", "vượt mức ít nhất 30%");
    await lan.say("có");
    const level = await lan.expectOne();
    expect(level.text).toContain("Tổng điểm: 91/100");
    expect(level.buttons.map((b) => b.text).slice(0, 3)).toEqual([
      "Hoàn thành xuất sắc nhiệm vụ",
      "Hoàn thành tốt nhiệm vụ",
      "Hoàn thành nhiệm vụ",
    ]);
    await reply(lan, "Không hoàn thành nhiệm vụ", "không phù hợp");
    await lan.expectOne();
    await lan.press("Hoàn thành tốt nhiệm vụ", level);
    const summary = await lan.expectOne();
    expect(summary.text).toContain("Tóm tắt bản kiểm điểm năm 2026");
    expect(summary.text).toContain("Tổng điểm: 27/30 + 64/70 = 91/100");
    expect(summary.text).toContain("2. Nghỉ hưu tại địa phương");
  });

  test("an answer is edited from the summary; the member submits and receives the document", async () => {
    await filled();
    await reply(lan, "sửa 2", "Nơi công tác");
    await lan.say("Nghỉ hưu, sinh hoạt tại Tổ dân phố 4");
    const summary = await lan.expectOne();
    expect(summary.text).toContain("2. Nghỉ hưu, sinh hoạt tại Tổ dân phố 4");
    const before = docs().length;
    await lan.press("Nộp bản kiểm điểm", summary);
    const [done] = await lan.expect(1);
    expect(done!.text).toContain("Đã nộp bản kiểm điểm. Tự xếp loại: Hoàn thành tốt nhiệm vụ");
    for (let i = 0; i < 100 && docs().length === before; i++) await new Promise((r) => setTimeout(r, 50));
    const doc = await documentOf(docs()[before]!);
    expect(doc.filename).toBe("ban-kiem-diem-2026.docx");
    expect(doc.data.subarray(0, 2).toString()).toBe("PK"); // a real .docx (zip)
    const xml = await unzipEntry(doc.data, "word/document.xml");
    expect(xml).toContain("BẢN KIỂM ĐIỂM CÁ NHÂN (Mẫu 2C)");
    expect(xml).toContain("Trần Thị Lan");
    expect(xml).toContain("Tổng điểm: 27/30 + 64/70 = 91/100");
    expect(xml).toContain("Tự xếp loại: Hoàn thành tốt nhiệm vụ");
    expect(xml).toContain("(Ký, ghi rõ họ tên)");
    // The header names each unit once, and the answers on the disqualifying conditions are printed.
    const text = docText(xml);
    expect(text).toContain("ĐẢNG BỘ PHƯỜNG TEST");
    expect(text).not.toContain("ĐẢNG BỘ ĐẢNG BỘ");
    expect(text).toContain("CHI BỘ TỔ DÂN PHỐ 4");
    expect(text).not.toContain("CHI BỘ CHI BỘ");
    expect(text).toContain("Chi bộ: Tổ dân phố 4");
    expect(text).toContain("Bị kỷ luật từ khiển trách trở lên trong năm: Không");
    expect(text).toContain("Không hoàn thành quá 50% nhiệm vụ của năm: Không");
    // Later, the member asks for his/her own form again; the command line writes the same document.
    await lan.say("/bankiemdiem");
    for (let i = 0; i < 100 && docs().length === before + 1; i++) await new Promise((r) => setTimeout(r, 50));
    const again = docText(await unzipEntry((await documentOf(docs()[before + 1]!)).data, "word/document.xml"));
    expect(again).toBe(text);
    const out = join(tmpdir(), `bkd-${process.pid}.docx`);
    const written = await cli(
      { db: h.db, clock: h.clock, outbox: h.app.outbox },
      "review",
      "form",
      "--branch",
      "kd",
      "--member",
      "Trần Thị Lan",
      "--year",
      "2026",
      "--out",
      out,
    );
    expect(written.lines).toEqual([`Đã ghi ${out}`]);
    expect(docText(await unzipEntry(readFileSync(out), "word/document.xml"))).toBe(text);
    const stored = await h.db.selfReview.findFirstOrThrow();
    expect(stored).toMatchObject({ status: "submitted", total: 91, proposedLevel: "tot" });
  });

  test(
    "the secretary follows progress, records the final level and exports " + "the report; another branch cannot",
    async () => {
      await reviewSubmitted();
      await sec.say("/tiendokd");
      const progress = (await sec.expectOne()).text;
      expect(progress).toContain("Đã nộp (1): Trần Thị Lan");
      expect(progress).toContain("Chưa bắt đầu (2): Bí Thư Bốn, Lê Văn Chậm");
      expect(progress).toContain("Không tham gia: Cụ Già (miễn sinh hoạt)");

      await sec.say("/xeploai");
      const list = await sec.expectOne();
      await sec.press("Trần Thị Lan", list);
      const levels = await sec.expectOne();
      expect(levels.text).toContain("tự xếp loại: Hoàn thành tốt nhiệm vụ (91 điểm)");
      // The secretary of another branch cannot decide it, even with a forged button.
      await other.pressData(list.buttons[0]!.data);
      expect((await other.expectOne()).text).toContain("không còn hiệu lực");
      await sec.press("Hoàn thành xuất sắc nhiệm vụ", levels);
      expect((await sec.expectOne()).text).toContain("Đã ghi: đồng chí Trần Thị Lan – Hoàn thành xuất sắc nhiệm vụ");

      const before = docs().length;
      await sec.say("/baocaokd");
      const report = (await sec.expectOne()).text;
      expect(report).toContain("Tự xếp loại: Hoàn thành xuất sắc nhiệm vụ 0 (0%); Hoàn thành tốt nhiệm vụ 1 (100%)");
      expect(report).toContain("Chi bộ quyết định: Hoàn thành xuất sắc nhiệm vụ 1 (100%)");
      expect(report).toContain('⚠️ Quyết định "xuất sắc" (1) vượt tỷ lệ: tối đa 0.');
      for (let i = 0; i < 100 && docs().length < before + 2; i++) await new Promise((r) => setTimeout(r, 50));
      const xlsx = await documentOf(docs()[before]!);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.data as never);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
      const rows = [3, 4, 5].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
      // One row per member taking part, those who have not started too.
      expect(rows.map((r) => r[1])).toEqual(["Bí Thư Bốn", "Lê Văn Chậm", "Trần Thị Lan"]);
      expect(rows.map((r) => r[3])).toEqual(["Chưa làm", "Chưa làm", "Đã nộp"]);
      const row = rows[2]!;
      expect(row[headers.indexOf("Tổng điểm")]).toBe(91);
      expect(row[headers.indexOf("Tự xếp loại")]).toBe("Hoàn thành tốt nhiệm vụ");
      expect(row[headers.indexOf("Chi bộ xếp loại")]).toBe("Hoàn thành xuất sắc nhiệm vụ");
      expect(headers.some((x) => x.includes("Chính trị tư tưởng"))).toBe(true);
      // No score or rating ever went to anyone but the member and the secretary.
      const otherTexts = h.server.storage.botMessages
        .filter((m) => String(m.message.chat_id) === "9101")
        .map((m) => String(m.message.text))
        .join("\n");
      expect(otherTexts).not.toContain("91");
    },
  );
});

describe("reading forms and locking", () => {
  test(
    "the branch's secretary reads a submitted form; another branch's " + "cannot; a locked review cannot be reopened",
    async () => {
      await reviewSubmitted();
      await sec.say("/xembkd");
      const list = await sec.expectOne();
      const before = docs().length;
      await sec.press("Trần Thị Lan", list);
      const form = await sec.expectOne();
      expect(form.text).toContain("📝 Trần Thị Lan — mẫu 2C");
      expect(form.text).toContain("Tổng điểm: 27/30 + 64/70 = 91/100");
      for (let i = 0; i < 100 && docs().length === before; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await documentOf(docs()[before]!)).filename).toMatch(/^ban-kiem-diem-2026-\d+\.docx$/);

      // Another branch's secretary learns nothing about it.
      await other.pressData(list.buttons[0]!.data);
      expect((await other.expectOne()).text).toContain("không còn hiệu lực");
      await lan.pressData(list.buttons[0]!.data);
      expect((await lan.expectOne()).text).toContain("không có quyền");

      await sec.say("/khoakd");
      expect((await sec.expectOne()).text).toContain("Đã khoá đợt kiểm điểm năm 2026");
      await lan.say("/kiemdiem");
      const submitted = await lan.expectOne();
      await lan.press("Mở lại để sửa", submitted);
      expect((await lan.expectOne()).text).toContain("Bí thư đã khoá đợt kiểm điểm");
    },
  );
});

describe("the self-review on Zalo", () => {
  let z: Harness;
  afterAll(async () => z?.stop());

  test("the same questions arrive as numbered choices, answered by number; pause keeps the answers", async () => {
    z = await startHarness({ now: "2026-11-22T03:00:00Z", zalo: true });
    const { members } = await seedBranch(z.db, {
      code: "zk",
      members: [{ fullName: "Bí Thư Zalo", role: "secretary" }, { fullName: "Hoàng Thị Mai" }],
    });
    await z.db.channelAccount.create({
      data: { channel: "zalo", externalId: "abc123", chatId: "abc123", memberId: members[1]!.id },
    });
    const { openCampaign } = await import("../../src/services/self-review.ts");
    await openCampaign(
      z.db,
      z.clock,
      { id: null, branchId: members[0]!.branchId, role: "admin", isAdmin: true, label: "cli" },
      {
        branchId: members[0]!.branchId,
        year: 2026,
        deadline: new Date("2026-12-05T10:00:00Z"),
        timeZone: "Asia/Ho_Chi_Minh",
      },
    );
    const mai = z.zaloUser("abc123");
    mai.say("kiemdiem");
    const first = await mai.expectOne();
    expect(first.text).toContain("Họ và tên: Hoàng Thị Mai");
    expect(first.text).toContain("1. Có\n2. Không\n3. Quay lại\n4. Tạm dừng");
    mai.say("1");
    expect((await mai.expectOne()).text).toContain("Nơi công tác");
    mai.say("Sinh viên Đại học Bách khoa");
    expect((await mai.expectOne()).text).toContain("Có đúng không?");
    mai.say("tam dung");
    expect((await mai.expectOne()).text).toContain("Đã lưu phần đã trả lời");
    mai.say("kiemdiem");
    expect((await mai.expectOne()).text).toContain("Có đúng không?");
    const stored = await z.db.selfReview.findFirstOrThrow();
    expect(JSON.parse(stored.state).answers).toEqual({ header_ok: true, workplace: "Sinh viên Đại học Bách khoa" });
  });
});

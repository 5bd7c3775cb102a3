/**
 * Surveys end to end, as a secretary and members use them: a survey written in
 * the /khaosat dialog and sent; a member answers with a pause and a restart,
 * sends, then changes an answer; an anonymous survey whose stored answers lead
 * back to nobody; a member on Zalo typing numbers; nudges only to those who
 * have not answered, none after an early close; the creator's results.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness, type ZaloUser } from "../support/telegram-harness.ts";
import { forget, givenBranch, givenZaloLink, STAFF, type World } from "../support/given.ts";
import { questionsFromDrafts, surveyQuestionnaire, type QuestionDraft } from "../../src/domain/survey.ts";
import { acceptDocuments, documentOf } from "../support/fault-proxy.ts";
import { columnsOf, onPostgresql, tablesOf } from "../support/db.ts";
import ExcelJS from "exceljs";

let h: Harness;
let w: World;
let sec: ChatUser, lan: ChatUser, nam: ChatUser, hoa: ChatUser;
const NOW = "2026-11-22T03:00:00Z"; // 10:00 in Hà Nội
const DEADLINE = new Date("2026-11-30T10:00:00Z"); // 30/11 17:00

beforeEach(async () => {
  // A second nudge the evening before the deadline, inside quiet hours (21:00–07:00): it must wait for the morning.
  h = await startHarness({
    now: NOW,
    zalo: true,
    env: { SURVEY_REMINDERS: "3d@08:00,1d@21:30", QUIET_HOURS: "21:00-07:00" },
  });
  h.proxy.setRule(acceptDocuments);
  [sec, lan, nam, hoa] = [h.user(7001), h.user(7002), h.user(7003), h.user(7004)];
  w = await givenBranch(h, {
    people: [
      { fullName: "Bí Thư Mai", post: "Bí thư", user: sec },
      { fullName: "Trần Thị Lan", user: lan },
      { fullName: "Đỗ Văn Nam", user: nam },
      { fullName: "Phạm Thị Hoa", user: hoa },
      { fullName: "Chưa Liên Kết" },
    ],
  });
  await forget(h, [sec, lan, nam, hoa]);
});
afterEach(async () => h?.stop());

const DRAFTS: QuestionDraft[] = [
  { kind: "single", text: "Tổ chức ngày hội vào buổi nào?", options: ["Sáng", "Chiều", "Tối"] },
  { kind: "multi", text: "Đồng chí tham gia được việc gì?", options: ["Trang trí", "Văn nghệ", "Hậu cần"], max: 2 },
  { kind: "number", text: "Đồng chí mời bao nhiêu khách?", min: 0, max: 10 },
  { kind: "text", text: "Góp ý khác", required: false, max: 500 },
];

async function sent(opts: { anonymous?: boolean; drafts?: QuestionDraft[]; title?: string } = {}) {
  const r = questionsFromDrafts(opts.drafts ?? DRAFTS);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const title = opts.title ?? "Chuẩn bị ngày hội đại đoàn kết";
  const created = await h.app.services.createSurvey(w.actor("Bí Thư Mai"), {
    title,
    definition: surveyQuestionnaire(title, [{ title: "", questions: r.questions }]),
    anonymous: opts.anonymous ?? false,
    audience: { branchIds: [w.branch.id], audience: "all" },
    deadline: DEADLINE,
    senderLabel: w.branch.name,
  });
  await forget(h, [sec, lan, nam, hoa]);
  return created.survey;
}

async function say(u: ChatUser, text: string, expected: string) {
  await u.say(text);
  const m = await u.expectOne();
  expect(m.text).toContain(expected);
  return m;
}

async function press(u: ChatUser, label: string, expected: string) {
  await u.press(label);
  const m = await u.expectOne();
  expect(m.text).toContain(expected);
  return m;
}

describe("a secretary writes a survey in chat", () => {
  test("questions one by one, named, own branch, deadline, preview, send: every member is invited", async () => {
    await say(sec, "/khaosat", "không có khảo sát nào");
    await press(sec, "Tạo khảo sát mới", "Chọn một mẫu");
    await press(sec, "Tự soạn", "tiêu đề");
    await say(sec, "Chuẩn bị ngày hội", "Câu hỏi 1: chọn loại");
    await press(sec, "Chọn một", "Nhập nội dung câu hỏi (Chọn một)");
    await say(sec, "Tổ chức vào buổi nào?", "các lựa chọn");
    await say(sec, "Sáng", "Chưa đúng: cần từ 2 đến 12 lựa chọn");
    await say(sec, "Sáng\nChiều\nTối", "bắt buộc");
    await press(sec, "Có", "Đã thêm câu 1");
    expect((await sec.expectOne()).text).toContain("Đã có 1 câu hỏi. Thêm câu hỏi nữa");
    await press(sec, "Thêm câu hỏi", "Câu hỏi 2: chọn loại");
    await press(sec, "Chọn nhiều", "Nhập nội dung");
    await say(sec, "Việc gì?", "các lựa chọn");
    await say(sec, "Trang trí; Văn nghệ; Hậu cần", "tối đa mấy");
    await say(sec, "5", "Chưa đúng: số từ 0 đến 3");
    await say(sec, "2", "bắt buộc");
    await press(sec, "Có", "Đã thêm câu 2");
    await sec.expectOne();
    await press(sec, "Thêm câu hỏi", "Câu hỏi 3");
    await press(sec, "Số", "Nhập nội dung");
    await say(sec, "Mời bao nhiêu khách?", "giới hạn");
    await say(sec, "0-10", "bắt buộc");
    await press(sec, "Không", "Đã thêm câu 3");
    await sec.expectOne();
    await press(sec, "Xong phần câu hỏi", "Khảo sát ẩn danh hay có ghi tên");
    await press(sec, "Có ghi tên", "hạn trả lời");
    await say(sec, "hôm qua", "");
    await sec.say("30/11 17:00");
    const preview = await sec.expectOne();
    expect(preview.text).toContain("«Chuẩn bị ngày hội»");
    expect(preview.text).toContain("👤 Có ghi tên");
    expect(preview.text).toContain("5 người, 4 người nhận được");
    expect(preview.text).toContain("Chưa Liên Kết");
    expect(preview.text).toContain("2. Việc gì? [Chọn nhiều, tối đa 2]");
    expect(preview.text).toContain("3. Mời bao nhiêu khách? [Số 0–10, không bắt buộc]");
    expect(preview.text).toContain("Hạn trả lời: 17:00 Thứ Hai, 30/11/2026");
    await sec.press("Gửi khảo sát");
    const own = await sec.expect(2); // the reply, and the secretary's own invitation (he/she is a member too)
    expect(own.map((m) => m.text).join("\n")).toContain("Đã gửi khảo sát cho 5 người");

    const survey = await h.db.survey.findFirstOrThrow();
    expect(survey).toMatchObject({ title: "Chuẩn bị ngày hội", anonymous: false, deadline: DEADLINE });
    expect(await h.db.surveyRecipient.count({ where: { surveyId: survey.id } })).toBe(5);
    expect(await h.db.surveyRecipient.count({ where: { surveyId: survey.id, reachable: false } })).toBe(1);
    const invitation = await lan.expectOne();
    expect(invitation.text).toContain("Chi bộ Tổ dân phố 5 xin ý kiến của đồng chí: «Chuẩn bị ngày hội»");
    expect(invitation.text).toContain("3 câu hỏi");
    expect(invitation.text).toContain("Khảo sát có ghi tên");
    expect(invitation.buttons.map((b) => b.text)).toEqual(["📝 Trả lời"]);
    expect((await h.db.auditLog.findFirstOrThrow({ where: { action: "survey.create" } })).actor).toBe(
      `member:${w.member("Bí Thư Mai").id}`,
    );
  });

  test("a plain member cannot create one, and cannot read another's results", async () => {
    const survey = await sent();
    await say(lan, "/ketquaks", "chưa tạo khảo sát nào");
    await lan.pressData(`survey-new`);
    expect((await lan.expectOne()).text).toContain("dành cho bí thư");
    await lan.pressData(`survey-results:${survey.id}`);
    expect((await lan.expectOne()).text).toContain("không có quyền");
    await lan.pressData(`survey-close:${survey.id}`);
    expect((await lan.expectOne()).text).toContain("không có quyền");
    expect((await h.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe("open");
  });

  test("the draft-opinions template: one comment box per section, with the section's text shown", async () => {
    await say(sec, "/khaosat", "không có");
    await press(sec, "Tạo khảo sát mới", "mẫu");
    await press(sec, "Lấy ý kiến dự thảo", "tên văn bản");
    await say(sec, "Dự thảo Nghị quyết chi bộ năm 2027", "Dán nội dung");
    await say(sec, "Phần I. Đánh giá\nNăm 2026 chi bộ đã hoàn thành các chỉ tiêu.", "Đã nhận 1 phần");
    await say(sec, "Phần II. Nhiệm vụ 2027\nPhấn đấu kết nạp 2 đảng viên.", "Đã nhận 2 phần");
    await press(sec, "Xong", "Khảo sát ẩn danh hay có ghi tên");
    await press(sec, "Ẩn danh", "hạn trả lời");
    const preview = await say(sec, "30/11 17:00", "🔒 Ẩn danh");
    expect(preview.text).toContain(
      "1. Ý kiến góp ý của đồng chí về «Phần I. Đánh giá» [Văn bản, tối đa 2000 ký tự, không bắt buộc]",
    );
    await sec.press("Gửi khảo sát");
    expect((await sec.expect(2)).map((m) => m.text).join("\n")).toContain("Đã gửi");
    await lan.expectOne();
    await lan.press("Trả lời");
    const q1 = await lan.expectOne();
    expect(q1.text).toContain("— Phần I. Đánh giá");
    expect(q1.text).toContain("Năm 2026 chi bộ đã hoàn thành các chỉ tiêu.");
    expect(q1.buttons.map((b) => b.text)).toContain("Bỏ qua");
    await press(lan, "Bỏ qua", "Phần II. Nhiệm vụ 2027");
    await say(lan, "Nên đặt chỉ tiêu 3 đảng viên.", "câu trả lời của đồng chí");
    await press(lan, "Gửi câu trả lời", "ghi nhận ẩn danh");
    const stored = await h.db.surveyAnswer.findFirstOrThrow();
    expect(JSON.parse(stored.answers)).toEqual({ q2: "Nên đặt chỉ tiêu 3 đảng viên." });
  });
});

describe("templates and the committee", () => {
  test("committee staff ask two chosen branches to sign up; the number is asked only of those who come", async () => {
    const [staff, tuan] = [h.user(7301), h.user(7201)];
    await givenBranch(h, {
      code: "tdp6",
      name: "Chi bộ Tổ dân phố 6",
      people: [
        { fullName: "Cán Bộ Đảng Ủy", post: "Đảng ủy", user: staff },
        { fullName: "Lê Văn Tuấn", user: tuan },
      ],
    });
    await givenBranch(h, { code: "tdp7", name: "Chi bộ Tổ dân phố 7", people: [{ fullName: "Người Khác" }] });
    await forget(h, [sec, lan, nam, hoa, staff, tuan]);
    await say(staff, "/khaosat", "không có khảo sát nào");
    await press(staff, "Tạo khảo sát mới", "mẫu");
    await press(staff, "Đăng ký tham gia", "tên hoạt động");
    await say(staff, "ngày chủ nhật xanh 06/12", "Gửi cho ai?");
    await staff.press("Chọn một số chi bộ");
    const sheet = await staff.expectOne();
    await staff.press("Tổ dân phố 5", sheet);
    await staff.edited(sheet.messageId, (m) => m.buttons.some((b) => b.text === "☑ Chi bộ Tổ dân phố 5"));
    await staff.press("Tổ dân phố 6", sheet);
    await staff.edited(sheet.messageId, (m) => m.buttons.some((b) => b.text === "☑ Chi bộ Tổ dân phố 6"));
    await press(staff, "Tiếp tục", "hạn trả lời");
    const preview = await say(staff, "04/12 17:00", "«Đăng ký tham gia ngày chủ nhật xanh 06/12»");
    expect(preview.text).toContain("Gửi: 2 chi bộ — 7 người");
    expect(preview.text).toContain(
      "2. Đồng chí đi cùng bao nhiêu người (ngoài đồng chí)? Nhập 0 nếu đi một mình. [Số 0–20, chỉ hỏi nếu câu 1 là «Có»]",
    );
    await staff.press("Gửi khảo sát");
    await staff.expect(2);

    const invitation = await lan.expectOne();
    expect(invitation.text).toContain("Đảng ủy xin ý kiến của đồng chí");
    await lan.press("Trả lời", invitation);
    await lan.expectOne();
    await press(lan, "Có", "đi cùng bao nhiêu người");
    await say(lan, "2", "câu trả lời của đồng chí");
    await press(lan, "Gửi câu trả lời", "đã được ghi nhận");
    await tuan.press("Trả lời", await tuan.expectOne());
    const q1 = await tuan.expectOne();
    await tuan.press("Không", q1);
    const summary = await tuan.expectOne();
    expect(summary.text).toContain("câu trả lời của đồng chí");
    expect(summary.text).not.toContain("đi cùng");
    await press(tuan, "Gửi câu trả lời", "đã được ghi nhận");

    await staff.say("/ketquaks");
    const results = await staff.expectOne();
    expect(results.text).toContain("• Có: 1 (50%)");
    expect(results.text).toContain("Tổng 2 · trung bình 2,0 · 1 người trả lời");
    expect(results.text).toContain("— Chi bộ Tổ dân phố 5: 1 phiếu");
    expect(results.text).toContain("— Chi bộ Tổ dân phố 6: 1 phiếu");
    expect(results.text).not.toContain("Tổ dân phố 7");
    // The secretary of a branch asked did not create it: the results are not his/hers.
    await sec.drain();
    await sec.pressData(`survey-results:${(await h.db.survey.findFirstOrThrow()).id}`);
    expect((await sec.expectOne()).text).toContain("không có quyền");
  });

  test("'Chọn thời gian': the times typed one per line become choices, several may be ticked", async () => {
    await say(sec, "/khaosat", "không có");
    await press(sec, "Tạo khảo sát mới", "mẫu");
    await press(sec, "Chọn thời gian", "tiêu đề");
    await say(sec, "Sinh hoạt chuyên đề tháng 12", "mỗi dòng một thời gian");
    await say(sec, "Tối thứ Ba 08/12", "Chưa đúng: cần từ 2 đến 12 dòng");
    await say(sec, "Tối thứ Ba 08/12, 19:30\nTối thứ Năm 10/12, 19:30\nSáng Chủ nhật 13/12, 8:00", "hạn trả lời");
    const preview = await say(
      sec,
      "05/12 17:00",
      "1. Những thời gian nào phù hợp với đồng chí? (chọn được nhiều) [Chọn nhiều]",
    );
    expect(preview.text).toContain("👤 Có ghi tên");
    await sec.press("Gửi khảo sát");
    await sec.expect(2);
    await lan.press("Trả lời", await lan.expectOne());
    const q = await lan.expectOne();
    expect(q.buttons.map((b) => b.text).slice(0, 4)).toEqual([
      "☐ Tối thứ Ba 08/12, 19:30",
      "☐ Tối thứ Năm 10/12, 19:30",
      "☐ Sáng Chủ nhật 13/12, 8:00",
      "✔ Xong",
    ]);
  });
});

describe("after a meeting", () => {
  test("the secretary asks those who came how it went: an anonymous feedback survey from /diemdanh", async () => {
    await h.app.services.scheduleMeeting(STAFF, {
      branchId: w.branch.id,
      kind: "regular",
      startsAt: new Date("2026-11-25T12:30:00Z"), // 19:30
      place: "Nhà văn hoá",
      agenda: "",
    });
    await forget(h, [sec, lan, nam, hoa]);
    h.clock.set("2026-11-25T15:00:00Z"); // 22:00, after the meeting
    await sec.say("/diemdanh");
    const sheet = await sec.expectOne();
    await sec.press("Phạm Thị Hoa", sheet);
    await sec.edited(sheet.messageId, (m) => m.buttons.some((b) => b.text.includes("Vắng: Phạm Thị Hoa")));
    await sec.press("Lưu điểm danh", sheet);
    const report = await sec.expectOne();
    await sec.press("Xin đánh giá buổi này", report);
    expect((await sec.expectOne()).text).toContain("Khảo sát ẩn danh hay có ghi tên");
    await press(sec, "Ẩn danh", "hạn trả lời");
    const preview = await say(sec, "27/11 17:00", "Đánh giá buổi sinh hoạt 19:30");
    expect(preview.text).toContain("những người có mặt ở buổi 19:30");
    expect(preview.text).toContain("4 người, 3 người nhận được");
    expect(preview.text).toContain("1. Đồng chí đánh giá chất lượng buổi sinh hoạt thế nào?");
    await sec.press("Gửi khảo sát");
    expect((await sec.expectOne()).text).toContain("Đã gửi khảo sát cho 4 người");
    // 22:00 is in quiet hours: the invitations go out at 07:00.
    expect(await lan.drain()).toEqual([]);
    h.clock.set("2026-11-26T00:00:00Z");
    await h.settle();
    expect((await lan.expectOne()).text).toContain("🔒 Khảo sát ẩn danh");
    expect(await hoa.drain()).toEqual([]); // absent: not asked
    const survey = await h.db.survey.findFirstOrThrow();
    expect(survey).toMatchObject({ anonymous: true, template: "meeting_feedback" });
  });

  test("another branch's secretary cannot ask about this branch's meeting", async () => {
    const other = h.user(7101);
    await givenBranch(h, {
      code: "khac",
      name: "Chi bộ khác",
      people: [{ fullName: "Bí Thư Khác", post: "Bí thư", user: other }],
    });
    const m = await h.app.services.scheduleMeeting(STAFF, {
      branchId: w.branch.id,
      kind: "regular",
      startsAt: new Date("2026-11-25T12:30:00Z"),
      place: "Nhà văn hoá",
      agenda: "",
    });
    await forget(h, [sec, lan, nam, hoa, other]);
    await other.pressData(`survey-feedback:${m.meeting.id}`);
    expect((await other.expectOne()).text).toContain("chưa có buổi sinh hoạt nào đã ghi điểm danh");
    expect(await h.db.survey.count()).toBe(0);
  });
});

describe("a member answers", () => {
  test("pauses, comes back after a restart, fixes a bad answer, sends, then changes an answer", async () => {
    const survey = await sent();
    await lan.pressData(`survey:${survey.id}`);
    const q1 = await lan.expectOne();
    expect(q1.text).toContain("câu 1/4");
    expect(q1.text).toContain("Tổ chức ngày hội vào buổi nào?");
    await lan.press("Tối");
    const q2 = await lan.expectOne();
    expect(q2.text).toContain("câu 2/4");
    await lan.press("Trang trí", q2);
    await lan.edited(q2.messageId, (m) => m.text.includes("Đã chọn: Trang trí"));
    await lan.press("Hậu cần", q2);
    await lan.edited(q2.messageId, (m) => m.text.includes("Đã chọn: Trang trí; Hậu cần"));
    await lan.press("Văn nghệ", q2);
    expect((await lan.expectOne()).text).toContain("Chọn tối đa 2 phương án");
    await lan.expectOne(); // the question again
    await press(lan, "Xong", "câu 3/4");
    await press(lan, "Tạm dừng", "Đã tạm dừng");

    await h.restart();
    await say(lan, "/khaosat", "Đồng chí mời bao nhiêu khách?");
    await say(lan, "mười hai", "Xin nhập một số từ 0 đến 10");
    await lan.expectOne();
    await say(lan, "12", "Số phải từ 0 đến 10");
    await lan.expectOne();
    await say(lan, "3", "câu 4/4");
    const summary = await say(lan, "bỏ qua", "câu trả lời của đồng chí");
    expect(summary.text).toContain("→ Tối");
    expect(summary.text).toContain("→ Trang trí; Hậu cần");
    expect(summary.text).toContain("→ 3");
    expect(summary.text).toContain("→ (bỏ qua)");
    await press(lan, "Gửi câu trả lời", "có thể sửa đến 17:00 Thứ Hai, 30/11/2026");

    const mine = await h.db.surveyRecipient.findFirstOrThrow({ where: { memberId: w.member("Trần Thị Lan").id } });
    expect(mine.status).toBe("answered");
    expect(JSON.parse(mine.state).answers).toEqual({ q1: "3", q2: ["1", "3"], q3: 3 });

    // Changing an answer before the deadline counts at once.
    await say(lan, "/khaosat", "Câu trả lời đã được ghi nhận");
    await say(lan, "sửa 3", "mời bao nhiêu khách");
    await say(lan, "5", "Đã lưu thay đổi");
    expect((await lan.expectOne()).text).toContain("→ 5");
    const changed = await h.db.surveyRecipient.findUniqueOrThrow({ where: { id: mine.id } });
    expect(changed.status).toBe("answered");
    expect(JSON.parse(changed.state).answers.q3).toBe(5);

    // The creator reads the results; the member's name is with the free text only when named.
    await sec.say("/ketquaks");
    const results = await sec.expectOne();
    expect(results.text).toContain("Kết quả khảo sát «Chuẩn bị ngày hội đại đoàn kết»");
    expect(results.text).toContain("Gửi 5 người · đã đến 4 · đã trả lời 1");
    expect(results.text).toContain("chưa liên kết (không nhận được) 1");
    expect(results.text).toContain("• Tối: 1 (100%)");
    expect(results.text).toContain("• Văn nghệ: 0 (0%)");
    expect(results.text).toContain("Tổng 5");
  });

  test("after the deadline nothing can be answered or changed", async () => {
    const survey = await sent();
    h.clock.set(new Date(DEADLINE.getTime() + 60_000));
    await lan.pressData(`survey:${survey.id}`);
    expect((await lan.expectOne()).text).toContain("đã kết thúc");
    await say(lan, "/khaosat", "không có khảo sát nào");
  });
});

describe("an anonymous survey", () => {
  const MARKER = "Ý-KIẾN-RIÊNG-7Q2";
  const anonymousDrafts: QuestionDraft[] = [
    { kind: "scale", text: "Chất lượng buổi sinh hoạt" },
    { kind: "text", text: "Góp ý", required: false },
  ];

  async function answerAs(u: ChatUser, surveyId: number, scale: string, comment: string) {
    await u.pressData(`survey:${surveyId}`);
    const q1 = await u.expectOne();
    expect(q1.text).toContain("🔒");
    expect(q1.buttons.map((b) => b.text).slice(0, 5)).toEqual(["1", "2", "3", "4", "5"]);
    await press(u, scale, "Góp ý");
    await say(u, comment, "câu trả lời của đồng chí");
    await press(u, "Gửi câu trả lời", "ghi nhận ẩn danh");
  }

  test("the stored answers hold no member, no time and no order; small groups are hidden", async () => {
    const survey = await sent({ anonymous: true, drafts: anonymousDrafts, title: "Đánh giá buổi sinh hoạt tháng 11" });
    const invitation = await h.db.outbox.findFirstOrThrow({ where: { kind: "survey_invite" } });
    expect(invitation.payload).toContain("Khảo sát ẩn danh");

    await answerAs(lan, survey.id, "4", `Nên đúng giờ hơn ${MARKER}`);
    await answerAs(nam, survey.id, "5", "Tốt");

    // Sent anonymous answers cannot be reopened, so they cannot be read back through the member either.
    await lan.pressData(`survey:${survey.id}`);
    expect((await lan.expectOne()).text).toContain("không sửa được");

    // Two answers: too few to show.
    await sec.say("/ketquaks");
    const few = await sec.expectOne();
    expect(few.text).toContain("Dưới 3 phiếu: không hiển thị");
    expect(few.text).not.toContain(MARKER);

    await answerAs(hoa, survey.id, "3", "Không có ý kiến thêm");
    await sec.say("/ketquaks");
    const shown = await sec.expectOne();
    expect(shown.text).toContain("Điểm trung bình 4,0/5 (3 người)");
    expect(shown.text).toContain(`– Nên đúng giờ hơn ${MARKER}`);
    expect(shown.text).not.toContain("Trần Thị Lan");

    // The storage check: the answer table has no column that names or times a member...
    const columns = await columnsOf(h.db, "SurveyAnswer");
    expect(columns.sort()).toEqual(["answers", "branchId", "id", "surveyId"]);
    // ...and rows that do not lie in the order they arrived in: in the order of their random ids.
    if (onPostgresql()) {
      const physical = await h.db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id FROM "SurveyAnswer" WHERE "surveyId" = $1 ORDER BY ctid`,
        survey.id,
      );
      const ids = physical.map((r) => r.id);
      expect(ids).toEqual([...ids].sort());
    } else {
      const withoutRowid = await h.db.$queryRawUnsafe<{ sql: string }[]>(
        `SELECT sql FROM sqlite_master WHERE name = 'SurveyAnswer'`,
      );
      expect(withoutRowid[0]!.sql).toMatch(/WITHOUT ROWID/);
    }
    const rows = await h.db.surveyAnswer.findMany({ where: { surveyId: survey.id } });
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
    // ...the members' own rows keep only "answered", with no time and no answers...
    const mine = await h.db.surveyRecipient.findMany({ where: { surveyId: survey.id, status: "answered" } });
    expect(mine).toHaveLength(3);
    for (const r of mine) {
      expect(r.state).toBe("{}");
      expect(r.answeredAt).toBeNull();
    }
    // ...and what a member wrote is nowhere but in the anonymous row: not in menus, sessions, audit, nor in any stored
    // message to a member who answered (only in the results sent to the creator, which name nobody).
    const tables = await tablesOf(h.db);
    const hits: string[] = [];
    for (const table of tables) {
      const all = await h.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
      if (all.some((row) => JSON.stringify(row).includes(MARKER))) hits.push(table);
    }
    expect(hits).toEqual(["Outbox", "SurveyAnswer"]);
    const withMarker = await h.db.outbox.findMany({ where: { payload: { contains: MARKER } } });
    expect(new Set(withMarker.map((m) => m.memberId))).toEqual(new Set([w.member("Bí Thư Mai").id]));
    const lanRows = await h.db.outbox.findMany({ where: { memberId: w.member("Trần Thị Lan").id } });
    expect(lanRows.length).toBeGreaterThan(3);
    expect(lanRows.filter((r) => r.payload.includes("Nên đúng giờ"))).toEqual([]);
    expect(await h.db.auditLog.count({ where: { action: "survey.answer" } })).toBe(0);
  });
});

describe("on Zalo", () => {
  let zl: ZaloUser;
  test("choices are typed as numbers, several at once for multiple choice; a wrong answer is asked again", async () => {
    zl = h.zaloUser("ab12cd34ef");
    await givenZaloLink(h, w, "Chưa Liên Kết", "ab12cd34ef");
    await zl.drain();
    const survey = await sent();
    const [invitation] = await zl.expect(1);
    expect(invitation!.text).toContain("1. Trả lời");
    zl.say("1");
    expect((await zl.expectOne()).text).toContain("1. Sáng\n2. Chiều\n3. Tối");
    zl.say("2");
    expect((await zl.expectOne()).text).toContain("Đồng chí tham gia được việc gì?");
    zl.say("1,2,3");
    expect((await zl.expectOne()).text).toContain("Chọn tối đa 2 phương án");
    await zl.expectOne();
    zl.say("1,3");
    expect((await zl.expectOne()).text).toContain("Đã chọn: Trang trí; Hậu cần");
    zl.say("xong");
    const q3 = await zl.expectOne();
    expect(q3.text).toContain("Đồng chí mời bao nhiêu khách?");
    // A number question has no numbered menu: "1" is the answer, not a button.
    expect(q3.text).not.toContain("Trả lời bằng số từ");
    zl.say("1");
    expect((await zl.expectOne()).text).toContain("Góp ý khác");
    zl.say("Nên có thêm trò chơi dân gian");
    expect((await zl.expectOne()).text).toContain("câu trả lời của đồng chí");
    zl.say("gửi");
    expect((await zl.expectOne()).text).toContain("đã được ghi nhận");
    const mine = await h.db.surveyRecipient.findFirstOrThrow({
      where: { surveyId: survey.id, memberId: w.member("Chưa Liên Kết").id },
    });
    expect(JSON.parse(mine.state).answers).toEqual({
      q1: "2",
      q2: ["1", "3"],
      q3: 1,
      q4: "Nên có thêm trò chơi dân gian",
    });
  });
});

describe("a secretary on Zalo", () => {
  test("writes a survey by typing numbers and words, and reads the results", async () => {
    const zs = h.zaloUser("5ec0a1b2c3");
    await givenZaloLink(h, w, "Bí Thư Mai", "5ec0a1b2c3");
    await zs.drain();
    const step = async (text: string, expected: string) => {
      zs.say(text);
      const m = await zs.expectOne();
      expect(m.text).toContain(expected);
      return m;
    };
    await step("khaosat", "1. Tạo khảo sát mới");
    await step("1", "1. Tự soạn");
    await step("1", "tiêu đề");
    await step("Họp mặt 22/12", "1. Chọn một");
    await step("3", "Nhập nội dung câu hỏi (Có/Không)");
    await step("Đồng chí dự họp mặt 22/12 chứ?", "bắt buộc");
    await step("1", "Đã thêm câu 1");
    expect((await zs.expectOne()).text).toContain("1. Thêm câu hỏi\n2. Xong phần câu hỏi");
    await step("2", "ẩn danh hay có ghi tên"); // "Xong phần câu hỏi"
    await step("2", "hạn trả lời"); // "Có ghi tên"
    const preview = await step("20/12 17:00", "«Họp mặt 22/12»");
    expect(preview.text).toContain("1. Gửi khảo sát");
    zs.say("1");
    // The reply, and her own invitation on the channel she used last (in either order).
    expect((await zs.expect(2)).map((m) => m.text).join("\n")).toContain("Đã gửi khảo sát cho 5 người");
    await lan.press("Trả lời", await lan.expectOne());
    await lan.expectOne();
    await press(lan, "Có", "câu trả lời của đồng chí");
    await press(lan, "Gửi câu trả lời", "đã được ghi nhận");
    const results = await step("ketquaks", "Kết quả khảo sát «Họp mặt 22/12»");
    expect(results.text).toContain("• Có: 1 (100%)");
    expect(results.text).toContain("1. Tệp Excel");
    await step("1", "Zalo không gửi được tệp");
  });
});

describe("nudges and closing", () => {
  test("only those who have not answered are nudged, once per step, never in quiet hours; none after an early close", async () => {
    const survey = await sent({ drafts: [{ kind: "yes_no", text: "Đồng chí dự được chứ?" }] });
    await lan.pressData(`survey:${survey.id}`);
    await lan.expectOne();
    await press(lan, "Có", "câu trả lời của đồng chí");
    await press(lan, "Gửi câu trả lời", "đã được ghi nhận");
    await nam.pressData(`survey:${survey.id}`);
    await nam.expectOne(); // started, not sent

    // 27/11 08:00 in Hà Nội: three days before the deadline.
    h.clock.set("2026-11-27T01:00:00Z");
    expect(await h.app.jobs.planSurveyReminders()).toBe(3); // Mai, Nam, Hoa (the unlinked one cannot be reached)
    expect(await h.app.jobs.planSurveyReminders()).toBe(0);
    await h.settle();
    expect(await lan.drain()).toEqual([]);
    expect((await nam.expectOne()).text).toContain("chưa trả lời khảo sát «Chuẩn bị ngày hội đại đoàn kết»");
    expect((await hoa.expectOne()).text).toContain("chưa trả lời khảo sát");

    // 29/11 21:30: the evening step falls in quiet hours; the nudge is queued for 07:00 and nothing is sent now.
    h.clock.set("2026-11-29T14:30:00Z");
    expect(await h.app.jobs.planSurveyReminders()).toBe(3);
    expect(await hoa.drain()).toEqual([]);
    h.clock.set("2026-11-30T00:00:00Z"); // 07:00
    await h.settle();
    expect((await hoa.expectOne()).text).toContain("chưa trả lời khảo sát");
    expect(await lan.drain()).toEqual([]);

    await sec.drain(); // the secretary is a member too, and was nudged
    await sec.say("/ketquaks");
    const results = await sec.expectOne();
    expect(results.text).toContain("đã trả lời 1 · đang trả lời dở 0");
    await press(sec, "Kết thúc sớm", "Đã kết thúc khảo sát");
    h.clock.set("2026-11-30T01:30:00Z");
    expect(await h.app.jobs.planSurveyReminders()).toBe(0);
    await hoa.pressData(`survey:${survey.id}`);
    expect((await hoa.expectOne()).text).toContain("đã kết thúc");

    // The creator extends it: open again until the new deadline.
    await press(sec, "Gia hạn", "hạn mới");
    await say(sec, "05/12 17:00", "Đã gia hạn khảo sát đến 17:00 Thứ Bảy, 05/12/2026");
    await hoa.pressData(`survey:${survey.id}`);
    expect((await hoa.expectOne()).text).toContain("Đồng chí dự được chứ?");
  });

  test("the creator's file opens with a sheet of answers and a sheet of summaries", async () => {
    const survey = await sent();
    for (const [u, time] of [
      [lan, "Sáng"],
      [nam, "Tối"],
    ] as const) {
      await u.pressData(`survey:${survey.id}`);
      await u.expectOne();
      const q2 = await press(u, time, "Đồng chí tham gia được việc gì?");
      // One step at a time: the tick is shown (the message edited in place) before "Xong" is pressed.
      await u.press("Văn nghệ", q2);
      await u.edited(q2.messageId, (m) => m.text.includes("Đã chọn: Văn nghệ"));
      await u.press("Xong", q2);
      expect((await u.expectOne()).text).toContain("Đồng chí mời bao nhiêu khách?");
      await say(u, "2", "Góp ý khác");
      await say(u, u === lan ? "Cần thêm bàn ghế" : "bỏ qua", "câu trả lời của đồng chí");
      await press(u, "Gửi câu trả lời", "đã được ghi nhận");
    }
    await sec.say("/ketquaks");
    await sec.expectOne();
    await sec.press("Tệp Excel");
    await h.settle();
    const doc = await documentOf(h.proxy.calls.filter((c) => c.method === "sendDocument").at(-1)!);
    expect(doc.filename).toBe(`khao-sat-${survey.id}.xlsx`);
    expect(doc.caption).toContain("Kết quả khảo sát «Chuẩn bị ngày hội đại đoàn kết»");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(doc.data as never);
    const answers = wb.getWorksheet("Câu trả lời")!;
    expect(answers.getRow(2).values).toEqual([
      undefined,
      "Họ và tên",
      "Chi bộ",
      "1. Tổ chức ngày hội vào buổi nào?",
      "2. Đồng chí tham gia được việc gì?",
      "3. Đồng chí mời bao nhiêu khách?",
      "4. Góp ý khác",
    ]);
    expect(answers.getRow(3).values).toEqual([
      undefined,
      "Trần Thị Lan",
      "Chi bộ Tổ dân phố 5",
      "Sáng",
      "Văn nghệ",
      2,
      "Cần thêm bàn ghế",
    ]);
    expect(answers.getRow(4).values).toEqual([
      undefined,
      "Đỗ Văn Nam",
      "Chi bộ Tổ dân phố 5",
      "Tối",
      "Văn nghệ",
      2,
      "",
    ]);
    const summary = wb.getWorksheet("Tổng hợp")!;
    const rows = summary
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(["Toàn bộ", "1. Tổ chức ngày hội vào buổi nào?", "Sáng", 1, 50]);
    expect(rows).toContainEqual(["Toàn bộ", "2. Đồng chí tham gia được việc gì?", "Văn nghệ", 2, 100]);
    expect(rows).toContainEqual(["Toàn bộ", "Số người trả lời", undefined, 2]);
    expect(rows).toContainEqual(["Toàn bộ", "3. Đồng chí mời bao nhiêu khách?", "Tổng", 4]);
    expect(rows).toContainEqual(["Toàn bộ", "3. Đồng chí mời bao nhiêu khách?", "Trung bình", 2]);
    expect(rows).toContainEqual(["Toàn bộ", "4. Góp ý khác", "Số ý kiến", 1]);
  });
});

/** Surveys and polls: what members, secretaries and committee staff read (chat, files, command line). */
import type { Question } from "../domain/questionnaire.ts";
import type { DraftProblem, FileProblem, GroupSummary, QuestionKind, TemplateName } from "../domain/survey.ts";
import type { TemplateWords } from "../domain/survey.ts";
import { formatDateTime } from "../domain/time.ts";

const pct = (share: number) => `${Math.round(share * 100)}%`;
const avg = (n: number) => n.toFixed(1).replace(".", ",");

export const KIND_LABELS: Record<QuestionKind, string> = {
  single: "Chọn một",
  multi: "Chọn nhiều",
  yes_no: "Có/Không",
  scale: "Thang điểm 1–5",
  number: "Số",
  date: "Ngày",
  text: "Văn bản",
};

export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  draft_opinions: "Lấy ý kiến dự thảo",
  join_event: "Đăng ký tham gia",
  pick_time: "Chọn thời gian",
  meeting_feedback: "Đánh giá buổi sinh hoạt",
};

export const templateWords: TemplateWords = {
  draftQuestion: (section) => `Ý kiến góp ý của đồng chí về «${section}»`,
  joinQuestion: (event) => `Đồng chí có tham gia ${event}?`,
  joinPeople: "Đồng chí đi cùng bao nhiêu người (ngoài đồng chí)? Nhập 0 nếu đi một mình.",
  timeQuestion: "Những thời gian nào phù hợp với đồng chí? (chọn được nhiều)",
  feedbackQuality: "Đồng chí đánh giá chất lượng buổi sinh hoạt thế nào? (1 = kém, 5 = rất tốt)",
  feedbackUseful: "Nội dung buổi sinh hoạt thiết thực đến đâu? (1 = không thiết thực, 5 = rất thiết thực)",
  feedbackComment: "Góp ý để buổi sinh hoạt sau tốt hơn (không bắt buộc)",
};

export function draftProblemText(p: DraftProblem): string {
  switch (p.code) {
    case "kind":
      return `loại câu hỏi «${p.given}» không có; dùng một trong: ${Object.values(KIND_LABELS).join(", ")}`;
    case "text_missing":
      return "thiếu nội dung câu hỏi";
    case "text_too_long":
      return `câu hỏi dài quá ${p.max} ký tự`;
    case "options_count":
      return `cần từ ${p.min} đến ${p.max} lựa chọn, cách nhau bởi dấu «;»`;
    case "option_too_long":
      return `mỗi lựa chọn tối đa ${p.max} ký tự`;
    case "options_repeated":
      return "có lựa chọn bị trùng";
    case "bounds":
      return p.kind === "multi"
        ? "«Tối đa» phải là số lựa chọn được chọn, từ 1 đến số lựa chọn"
        : p.kind === "text"
          ? "«Tối đa» là số ký tự, từ 1 đến 2000"
          : "«Tối thiểu» và «Tối đa» phải là số nguyên, tối thiểu không lớn hơn tối đa";
    case "show_if_target":
      return `«Chỉ hỏi nếu» phải trỏ tới một câu hỏi đứng trước (câu ${p.question} không phù hợp)`;
    case "show_if_value":
      return `«Chỉ hỏi nếu»: câu ${p.question} không có câu trả lời «${p.value}» (dùng có/không, một lựa chọn, hoặc một số)`;
    case "too_many_questions":
      return `tối đa ${p.max} câu hỏi`;
    case "no_questions":
      return "chưa có câu hỏi nào";
  }
}

const COLUMN_NAMES = { kind: "Loại", text: "Câu hỏi", min: "Tối thiểu", max: "Tối đa" } as const;

export function fileProblemText(p: FileProblem): string {
  const where = p.row === 0 ? "Tệp" : `Dòng ${p.row}`;
  const problem = p.problem;
  switch (problem.code) {
    case "missing_columns":
      return `${where}: thiếu cột ${problem.columns.map((c) => `«${COLUMN_NAMES[c as "kind" | "text"]}»`).join(", ")}`;
    case "number_cell":
      return `${where}: «${COLUMN_NAMES[problem.column]}» phải là số nguyên (đang là «${problem.value}»)`;
    case "required_cell":
      return `${where}: «Bắt buộc» phải là «có» hoặc «không» (đang là «${problem.value}»)`;
    case "show_if_form":
      return `${where}: «Chỉ hỏi nếu» viết theo dạng «2 = Có» (số câu = câu trả lời), đang là «${problem.value}»`;
    default:
      return `${where}: ${draftProblemText(problem)}`;
  }
}

function answerLabel(q: Question, label: string): string {
  if (q.type === "yes_no") return label === "yes" ? "Có" : "Không";
  if (q.type === "date") return label.split("-").reverse().join("/");
  return label;
}

/** A group's results as chat lines: per question the counts and shares, averages, the number of comments. */
function groupLines(g: GroupSummary, minGroup: number, withTexts: boolean): string[] {
  if (g.hidden) return [`  (Dưới ${minGroup} phiếu: không hiển thị để giữ bí mật người trả lời.)`];
  const lines: string[] = [];
  g.questions.forEach(({ question, summary }, i) => {
    if (!summary) return;
    lines.push(`${i + 1}. ${question.text.split("\n")[0]}`);
    switch (summary.kind) {
      case "choices":
        for (const c of summary.counts)
          lines.push(`   • ${answerLabel(question, c.label)}: ${c.count} (${pct(c.share)})`);
        if (summary.counts.length === 0) lines.push("   (chưa có câu trả lời)");
        break;
      case "scale":
        lines.push(
          summary.average === null
            ? "   (chưa có câu trả lời)"
            : `   Điểm trung bình ${avg(summary.average)}/${question.type === "scale" ? question.max : 5} ` +
                `(${summary.answered} người) · ${summary.counts.map((c) => `${c.label}: ${c.count}`).join(", ")}`,
        );
        break;
      case "number":
        lines.push(
          summary.average === null
            ? "   (chưa có câu trả lời)"
            : `   Tổng ${summary.sum} · trung bình ${avg(summary.average)} · ${summary.answered} người trả lời`,
        );
        break;
      case "texts":
        lines.push(`   ${summary.answered} ý kiến`);
        if (withTexts)
          for (const x of summary.texts.slice(0, 20))
            lines.push(
              `   – ${x.name ? `${x.name}: ` : ""}${x.text.length > 300 ? `${x.text.slice(0, 300)}…` : x.text}`,
            );
        if (withTexts && summary.texts.length > 20)
          lines.push(`   … và ${summary.texts.length - 20} ý kiến khác (xem tệp Excel)`);
        break;
    }
  });
  return lines;
}

export const surveyTexts = {
  // The member's side
  invitation: (sender: string, title: string, anonymous: boolean, deadline: string, questions: number) =>
    [
      `📝 ${sender} xin ý kiến của đồng chí: «${title}»`,
      `${questions} câu hỏi, trả lời trước ${deadline}.`,
      anonymous
        ? "🔒 Khảo sát ẩn danh: câu trả lời được lưu tách khỏi tên đồng chí, không ai biết ai đã trả lời gì. Sau khi gửi thì không sửa được."
        : "Khảo sát có ghi tên: người tạo khảo sát thấy câu trả lời của đồng chí. Đồng chí sửa được đến hạn.",
      "Bấm «Trả lời» (hoặc gõ /khaosat) để bắt đầu; có thể dừng và trả lời tiếp sau.",
    ].join("\n"),
  btnAnswer: "📝 Trả lời",
  btnSend: "📨 Gửi câu trả lời",
  btnEditAnswers: "✏️ Sửa câu trả lời",
  btnNewSurvey: "➕ Tạo khảo sát mới",
  btnResults: "📊 Kết quả",
  noneOpen: "Hiện không có khảo sát nào đang chờ đồng chí trả lời.",
  openList: (lines: string[]) => ["📝 Khảo sát đang mở cho đồng chí:", ...lines].join("\n"),
  openLine: (n: number, title: string, deadline: string, state: "pending" | "answering" | "answered") =>
    `${n}. ${title} — hạn ${deadline} — ${
      state === "answered" ? "đã trả lời (còn sửa được)" : state === "answering" ? "đang trả lời dở" : "chưa trả lời"
    }`,
  header: (title: string, n: number, of: number, anonymous: boolean) =>
    `📝 ${title}${anonymous ? " 🔒" : ""} — câu ${n}/${of}`,
  multiHint: (max: number | undefined) =>
    max === undefined
      ? "(Chọn được nhiều; bấm lại để bỏ chọn, xong bấm «Xong». Trên Zalo gõ các số, ví dụ 1,3, rồi gõ «xong».)"
      : `(Chọn tối đa ${max}; bấm lại để bỏ chọn, xong bấm «Xong». Trên Zalo gõ các số, ví dụ 1,3, rồi gõ «xong».)`,
  scaleHint: (min: number, max: number) => `(Chọn hoặc gõ một số từ ${min} đến ${max}.)`,
  numberHint: (min: number, max: number) => `(Nhập một số nguyên từ ${min} đến ${max}.)`,
  dateHint: "(Nhập ngày dạng ngày/tháng/năm, ví dụ 05/12/2026.)",
  textHint: (max: number) => `(Gửi câu trả lời trong một tin, tối đa ${max} ký tự.)`,
  skipped: "(bỏ qua)",
  optionalHint: "(Không bắt buộc: bấm «Bỏ qua» nếu không có ý kiến.)",
  ticked: (labels: string[]) => (labels.length ? `Đã chọn: ${labels.join("; ")}` : "Chưa chọn phương án nào."),
  summary: (title: string, lines: string[], complete: boolean, sent: boolean) =>
    [
      `📋 ${title} — câu trả lời của đồng chí:`,
      ...lines,
      "",
      sent
        ? "Câu trả lời đã được ghi nhận. Muốn sửa câu nào, gõ «sửa <số câu>» (ví dụ: sửa 2)."
        : complete
          ? "Gõ «sửa <số câu>» để sửa (ví dụ: sửa 2), hoặc bấm «Gửi câu trả lời»."
          : "Còn câu bắt buộc chưa trả lời.",
    ].join("\n"),
  paused: "⏸ Đã tạm dừng. Câu trả lời đã được lưu; gõ /khaosat để trả lời tiếp.",
  sentNamed: (deadline: string) =>
    `✅ Cảm ơn đồng chí, câu trả lời đã được ghi nhận. Đồng chí có thể sửa đến ${deadline} (gõ /khaosat).`,
  sentAnonymous: "✅ Cảm ơn đồng chí, câu trả lời đã được ghi nhận ẩn danh.",
  changedNamed: "✅ Đã lưu thay đổi.",
  editBad: (n: number) => `Không có câu số ${n}.`,
  closed: "Khảo sát này đã kết thúc.",
  notAsked: "Khảo sát này không gửi cho đồng chí.",
  sentAlreadyAnonymous: "Đồng chí đã gửi câu trả lời ẩn danh cho khảo sát này; câu trả lời ẩn danh không sửa được.",
  incomplete: "Còn câu bắt buộc chưa trả lời.",
  nudge: (title: string, deadline: string, started: boolean) =>
    started
      ? `⏰ Đồng chí đang trả lời dở khảo sát «${title}» (hạn ${deadline}). Bấm «Trả lời» để tiếp tục.`
      : `⏰ Đồng chí chưa trả lời khảo sát «${title}» (hạn ${deadline}). Bấm «Trả lời» để bắt đầu.`,

  // The creator's side: results
  statusLine: (s: {
    recipients: number;
    delivered: number;
    answered: number;
    answering: number;
    notReachable: number;
  }) =>
    `Gửi ${s.recipients} người · đã đến ${s.delivered} · đã trả lời ${s.answered} · ` +
    `đang trả lời dở ${s.answering} · chưa liên kết (không nhận được) ${s.notReachable}`,
  resultsText: (
    title: string,
    anonymous: boolean,
    status: string,
    closed: boolean,
    deadline: string,
    overall: GroupSummary,
    branches: { name: string; summary: GroupSummary }[],
    minGroup: number,
  ) =>
    [
      `📊 Kết quả khảo sát «${title}»${anonymous ? " (ẩn danh)" : ""}`,
      closed ? `Đã kết thúc (hạn ${deadline}).` : `Đang mở đến ${deadline}.`,
      status,
      "",
      ...groupLines(overall, minGroup, true),
      ...branches.flatMap((b) => [
        "",
        `— ${b.name}: ${b.summary.respondents} phiếu`,
        ...groupLines(b.summary, minGroup, false),
      ]),
    ].join("\n"),
  noSurveysCreated: "Đồng chí chưa tạo khảo sát nào. Gõ /khaosat để tạo.",
  pickSurvey: "Chọn khảo sát để xem kết quả:",
  btnClose: "⏹ Kết thúc sớm",
  btnExtend: "⏳ Gia hạn",
  btnExport: "📎 Tệp Excel",
  closedDone: (withdrawn: number) =>
    `⏹ Đã kết thúc khảo sát.${withdrawn ? ` ${withdrawn} tin mời/nhắc chưa gửi đã được rút lại.` : ""}`,
  askExtend: "Nhập hạn mới (ví dụ: 30/11 17:00 hoặc 30/11/2026 17:00):",
  extended: (deadline: string) => `⏳ Đã gia hạn khảo sát đến ${deadline}.`,
  exportCaption: (title: string) => `📎 Kết quả khảo sát «${title}»`,
  exportNotOnZalo: "Zalo không gửi được tệp. Xin mở kết quả trên Telegram, hoặc xuất bằng dòng lệnh (survey results).",

  // Files
  sheetAnswers: "Câu trả lời",
  sampleSheet: "Khảo sát",
  sheetSummary: "Tổng hợp",
  sheetTitle: (title: string, anonymous: boolean) => `Khảo sát: ${title}${anonymous ? " (ẩn danh)" : ""}`,
  colName: "Họ và tên",
  colBranch: "Chi bộ",
  colGroup: "Phạm vi",
  colQuestion: "Câu hỏi",
  colAnswer: "Trả lời",
  colCount: "Số lượng",
  colShare: "Tỷ lệ (%)",
  overall: "Toàn bộ",
  respondents: "Số người trả lời",
  average: "Điểm trung bình",
  mean: "Trung bình",
  sum: "Tổng",
  textAnswers: "Số ý kiến",
  hiddenGroup: (min: number) => `Dưới ${min} phiếu: không hiển thị để giữ bí mật người trả lời`,
  choiceLabel: (q: Question, label: string) => answerLabel(q, label),

  // Authoring in chat
  createPickTemplate:
    "Tạo khảo sát mới. Chọn một mẫu, hoặc «Tự soạn» để tự đặt câu hỏi. (Gõ /huy bất cứ lúc nào để thôi.)",
  btnCustom: "✍️ Tự soạn",
  askTitle: "Nhập tiêu đề khảo sát (tối đa 200 ký tự):",
  askKind: (n: number) => `Câu hỏi ${n}: chọn loại câu hỏi.`,
  askQuestionText: (kind: string) => `Nhập nội dung câu hỏi (${kind}):`,
  askOptions:
    "Nhập các lựa chọn, mỗi lựa chọn một dòng (hoặc cách nhau bởi dấu «;»), từ 2 đến 12 lựa chọn, mỗi lựa chọn tối đa 60 ký tự:",
  askMaxChoices: (n: number) => `Được chọn tối đa mấy phương án? Nhập số từ 1 đến ${n}, hoặc «0» nếu không giới hạn.`,
  askBounds: "Nhập giới hạn dạng «nhỏ nhất-lớn nhất», ví dụ 0-20:",
  askRequired: "Câu này có bắt buộc trả lời không?",
  questionAdded: (n: number, text: string) => `✔ Đã thêm câu ${n}: ${text}`,
  askMore: (n: number) => `Đã có ${n} câu hỏi. Thêm câu hỏi nữa, hay xong phần câu hỏi?`,
  btnAddQuestion: "➕ Thêm câu hỏi",
  btnQuestionsDone: "✔ Xong phần câu hỏi",
  askAnonymous:
    "Khảo sát ẩn danh hay có ghi tên?\n🔒 Ẩn danh: câu trả lời lưu tách khỏi người trả lời; kết quả chỉ có số liệu và ý kiến không tên; " +
    "nhóm dưới 3 phiếu không hiển thị; người trả lời không sửa được sau khi gửi.\n👤 Ghi tên: đồng chí thấy ai trả lời gì.",
  btnAnonymous: "🔒 Ẩn danh",
  btnNamed: "👤 Có ghi tên",
  askScope: "Gửi cho ai?",
  btnOwnBranch: "Chi bộ của tôi",
  btnAllBranches: "Tất cả chi bộ của Đảng bộ",
  btnLeadersOnly: "Bí thư, phó bí thư các chi bộ",
  btnPickBranches: "Chọn một số chi bộ",
  pickBranches: "Chọn các chi bộ nhận khảo sát (bấm để chọn hoặc bỏ), xong bấm «Tiếp tục».",
  askDeadline: "Nhập hạn trả lời (ví dụ: 30/11 17:00 hoặc 30/11/2026 17:00):",
  askEvent: "Nhập tên hoạt động (ví dụ: ngày chủ nhật xanh 07/12 tại sân nhà văn hoá):",
  askTimes: "Nhập các thời gian để chọn, mỗi dòng một thời gian (ví dụ: Tối thứ Ba 02/12, 19:30), từ 2 đến 12 dòng:",
  askDocumentTitle: "Nhập tên văn bản dự thảo (ví dụ: Dự thảo Báo cáo chính trị Đại hội):",
  askDocumentText:
    "Dán nội dung các phần cần lấy ý kiến. Mỗi phần cách nhau một dòng trống; dòng đầu của mỗi phần là tên phần. " +
    "Có thể gửi nhiều tin, xong bấm «Xong».",
  documentGathered: (sections: number) => `Đã nhận ${sections} phần. Gửi tiếp hoặc bấm «Xong».`,
  documentEmpty: "Chưa có phần nào. Xin dán nội dung văn bản.",
  askMeeting: "Chọn buổi sinh hoạt đã họp để xin đánh giá (gửi cho những người có mặt):",
  noHeldMeetings: "Chi bộ chưa có buổi sinh hoạt nào đã ghi điểm danh. Ghi điểm danh trước (/diemdanh).",
  feedbackTitle: (meeting: string) => `Đánh giá buổi sinh hoạt ${meeting}`,
  joinTitle: (event: string) => `Đăng ký tham gia ${event}`,
  preview: (
    title: string,
    questions: string[],
    anonymous: boolean,
    audience: string,
    deadline: string,
    recipients: number,
    reachable: number,
    unreachable: string[],
  ) =>
    [
      `👀 Xem lại trước khi gửi: «${title}»`,
      anonymous ? "🔒 Ẩn danh" : "👤 Có ghi tên",
      `Gửi: ${audience} — ${recipients} người, ${reachable} người nhận được trong chat.`,
      ...(unreachable.length
        ? [
            `Chưa liên kết (không nhận được): ${unreachable.slice(0, 15).join(", ")}${unreachable.length > 15 ? ", …" : ""}`,
          ]
        : []),
      `Hạn trả lời: ${deadline}`,
      "",
      ...questions,
    ].join("\n"),
  previewQuestion: (n: number, q: Question, condition: string | null) =>
    `${n}. ${q.text.split("\n")[0]} [${questionKindLabel(q)}${q.required ? "" : ", không bắt buộc"}${condition ? `, ${condition}` : ""}]`,
  condition: (n: number, value: string) => `chỉ hỏi nếu câu ${n} là «${value}»`,
  audienceOwn: (branch: string) => branch,
  audienceAll: (n: number) => `${n} chi bộ`,
  audienceLeaders: (n: number) => `bí thư, phó bí thư của ${n} chi bộ`,
  audienceAttended: (meeting: string) => `những người có mặt ở buổi ${meeting}`,
  btnSendSurvey: "📨 Gửi khảo sát",
  created: (recipients: number, queued: number) =>
    `✅ Đã gửi khảo sát cho ${recipients} người (${queued} tin đang được gửi). Xem kết quả: /ketquaks`,
  tooManyQuestions: (max: number) => `Đã đủ ${max} câu hỏi; chuyển sang bước tiếp theo.`,
  badInput: (why: string) => `Chưa đúng: ${why}. Xin nhập lại.`,
  badMax: (n: number) => `số từ 0 đến ${n}`,
  badBounds: "dạng «nhỏ nhất-lớn nhất», ví dụ 0-20",
  badDeadline: "hạn phải là một thời điểm sắp tới, ví dụ 30/11 17:00",
  badTimes: "cần từ 2 đến 12 dòng, mỗi dòng tối đa 60 ký tự, không trùng nhau",
  noAccess: "Tạo khảo sát dành cho bí thư, phó bí thư chi bộ và cán bộ Đảng ủy.",
};

/** The sample survey file: its header row, then one question of each kind. */
export const SAMPLE_SURVEY_ROWS: string[][] = [
  ["Loại", "Câu hỏi", "Lựa chọn", "Tối thiểu", "Tối đa", "Bắt buộc", "Chỉ hỏi nếu", "Giải thích"],
  ["Có/không", "Đồng chí có tham gia ngày hội đại đoàn kết?", "", "", "", "có", "", ""],
  ["Số", "Đồng chí đi cùng bao nhiêu người?", "", "0", "10", "có", "1 = Có", ""],
  ["Chọn một", "Tổ chức vào buổi nào thì phù hợp?", "Sáng; Chiều; Tối", "", "", "có", "", ""],
  ["Chọn nhiều", "Đồng chí tham gia được việc gì?", "Trang trí; Văn nghệ; Hậu cần", "", "2", "có", "", ""],
  ["Thang điểm", "Đồng chí đánh giá ngày hội năm trước thế nào?", "", "", "", "không", "", "1 = kém, 5 = rất tốt"],
  ["Ngày", "Ngày nào đồng chí bận?", "", "", "", "không", "", "ngày/tháng/năm"],
  ["Văn bản", "Góp ý khác", "", "", "500", "không", "", ""],
];

/** What the creator reads of a survey's results (chat and command line alike). */
export function surveyReport(
  r: {
    survey: { title: string; anonymous: boolean; deadline: Date };
    status: Parameters<typeof surveyTexts.statusLine>[0];
    closed: boolean;
    results: { overall: GroupSummary; branches: { branchId: number; summary: GroupSummary }[] };
    branchNames: Map<number, string>;
  },
  timeZone: string,
  minGroup: number,
): string {
  return surveyTexts.resultsText(
    r.survey.title,
    r.survey.anonymous,
    surveyTexts.statusLine(r.status),
    r.closed,
    formatDateTime(r.survey.deadline, timeZone),
    r.results.overall,
    r.results.branches.map((b) => ({ name: r.branchNames.get(b.branchId) ?? "", summary: b.summary })),
    minGroup,
  );
}

export function questionKindLabel(q: Question): string {
  switch (q.type) {
    case "single":
      return KIND_LABELS.single;
    case "multi":
      return q.maxChoices ? `${KIND_LABELS.multi}, tối đa ${q.maxChoices}` : KIND_LABELS.multi;
    case "yes_no":
      return KIND_LABELS.yes_no;
    case "scale":
      return KIND_LABELS.scale;
    case "number":
      return `${KIND_LABELS.number} ${q.min}–${q.max}`;
    case "date":
      return KIND_LABELS.date;
    case "short_text":
    case "long_text":
      return `${KIND_LABELS.text}, tối đa ${q.maxLength} ký tự`;
  }
}

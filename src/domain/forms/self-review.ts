/**
 * The individual self-review form (bản kiểm điểm cá nhân) as a questionnaire:
 * 2A (holds a leadership or management post), 2B (no post, inside the political
 * system), 2C (outside it: retirees, students, private sector — most residential
 * branches). Built from the organisation's split of the 30 + 70 points. Text in
 * braces ({fullName}, {attended}…) is filled from facts the bot already holds.
 */
import { allowedLevels, LEVELS, LEVEL_LABELS, type Level, type ScoreSplit } from "../rating.ts";
import { questionnaireSchema, type AnswerValue, type Questionnaire } from "../questionnaire.ts";

export const FORM_KINDS = ["2A", "2B", "2C"] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export function isFormKind(v: unknown): v is FormKind {
  return typeof v === "string" && (FORM_KINDS as readonly string[]).includes(v);
}

/** A stored form kind; anything else (a hand-edited row) reads as 2C, the form for most members. */
export function formKindOf(v: string): FormKind {
  return isFormKind(v) ? v : "2C";
}

export const FORM_VERSION = 1;

const slug = (label: string, i: number) =>
  `${i + 1}_${label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 30)}`;

export function scoreQuestionId(part: "general" | "tasks", label: string, i: number): string {
  return `score_${part}_${slug(label, i)}`;
}

export function buildSelfReviewForm(kind: FormKind, split: ScoreSplit): Questionnaire {
  const duties =
    kind === "2C"
      ? "2. Thực hiện nhiệm vụ đảng viên và nhiệm vụ chi bộ giao (ở nơi cư trú, tại nơi làm việc nếu có):"
      : kind === "2B"
        ? "2. Kết quả thực hiện chức trách, nhiệm vụ được giao (số lượng, tiến " +
          "độ, chất lượng công việc) và nhiệm vụ chi bộ giao:"
        : "2. Kết quả thực hiện chức trách, nhiệm vụ được giao; trách nhiệm của " +
          "người đứng đầu, lãnh đạo, quản lý (kết quả của cơ quan, đơn vị phụ trách):";
  const general = Object.entries(split.general).map(([label, max], i) => ({
    id: scoreQuestionId("general", label, i),
    type: "number" as const,
    text: `B. Tự chấm điểm – ${label} (tối đa ${max} điểm):`,
    min: 0,
    max,
  }));
  const tasks = Object.entries(split.tasks).map(([label, max], i) => ({
    id: scoreQuestionId("tasks", label, i),
    type: "number" as const,
    text: `B. Tự chấm điểm – ${label} (tối đa ${max} điểm):`,
    min: 0,
    max,
  }));
  return questionnaireSchema.parse({
    id: `self-review-${kind}`,
    version: FORM_VERSION,
    title: `Bản kiểm điểm cá nhân (mẫu ${kind})`,
    sections: [
      {
        id: "header",
        title: "Thông tin chung",
        questions: [
          {
            id: "header_ok",
            type: "yes_no",
            text: "Họ và tên: {fullName}\nChi bộ: {branch}\nThông tin trên có đúng không?",
          },
          {
            id: "header_fix",
            type: "short_text",
            text: "Xin ghi thông tin cần sửa (họ tên, nơi công tác…):",
            showIf: { question: "header_ok", equals: false },
          },
          {
            id: "workplace",
            type: "short_text",
            text: "Nơi công tác hoặc hoạt động (ví dụ: nghỉ hưu tại địa phương, sinh viên trường…):",
          },
          {
            id: "facts_ok",
            type: "yes_no",
            text:
              "Theo sổ của chi bộ, năm {year} đồng chí dự {attended}/{held} buổi sinh " +
              "hoạt và đã đóng đảng phí {feeMonthsPaid} tháng. Có đúng không?",
          },
          {
            id: "facts_fix",
            type: "short_text",
            text: "Xin ghi lại cho đúng (ví dụ: dự 11/12 buổi, đóng đủ 12 tháng):",
            showIf: { question: "facts_ok", equals: false },
          },
        ],
      },
      {
        id: "a1",
        title: "A.I. Ưu điểm, kết quả đạt được",
        questions: [
          {
            id: "a1_politics",
            type: "long_text",
            text:
              "1. Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức " +
              "kỷ luật, tinh thần đoàn kết; tác phong, lề lối làm việc; việc nêu " +
              "gương; biểu hiện suy thoái (nếu có):",
          },
          { id: "a1_duties", type: "long_text", text: duties },
          {
            id: "a1_pledge",
            type: "long_text",
            text: "3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm:",
          },
        ],
      },
      {
        id: "a2",
        title: "A.II. Hạn chế, khuyết điểm và nguyên nhân",
        questions: [
          {
            id: "a2_shortcomings",
            type: "long_text",
            text: "Hạn chế, khuyết điểm và nguyên nhân (chủ quan, khách quan):",
          },
        ],
      },
      {
        id: "a3",
        title: "A.III. Kết quả khắc phục hạn chế năm trước",
        questions: [
          {
            id: "a3_progress",
            type: "single",
            text: "Những hạn chế, khuyết điểm đã được chỉ ra năm trước:",
            options: [
              { value: "fixed", label: "Đã khắc phục" },
              { value: "fixing", label: "Đang khắc phục" },
              { value: "not_fixed", label: "Chưa khắc phục" },
              { value: "none", label: "Năm trước không có" },
            ],
          },
          {
            id: "a3_detail",
            type: "long_text",
            text: "Nêu rõ những điểm chưa khắc phục xong và lý do:",
            showIf: { question: "a3_progress", equals: "fixing" },
          },
          {
            id: "a3_detail_not",
            type: "long_text",
            text: "Nêu rõ những điểm chưa khắc phục và lý do:",
            showIf: { question: "a3_progress", equals: "not_fixed" },
          },
        ],
      },
      {
        id: "a4",
        title: "A.IV. Giải trình vấn đề được gợi ý kiểm điểm",
        questions: [
          { id: "a4_has", type: "yes_no", text: "Cấp trên có gợi ý vấn đề nào để đồng chí giải trình không?" },
          {
            id: "a4_text",
            type: "long_text",
            text: "Giải trình các vấn đề được gợi ý:",
            showIf: { question: "a4_has", equals: true },
          },
        ],
      },
      {
        id: "a5",
        title: "A.V. Trách nhiệm đối với hạn chế của tập thể",
        questions: [
          {
            id: "a5_has",
            type: "yes_no",
            text: "Tập thể (chi bộ, cơ quan) có hạn chế, khuyết điểm mà đồng chí có phần trách nhiệm không?",
          },
          {
            id: "a5_text",
            type: "long_text",
            text: "Phần trách nhiệm của đồng chí:",
            showIf: { question: "a5_has", equals: true },
          },
        ],
      },
      {
        id: "a6",
        title: "A.VI. Phương hướng, biện pháp khắc phục",
        questions: [
          {
            id: "a6_remedies",
            type: "long_text",
            text: "Phương hướng, biện pháp khắc phục hạn chế (sẽ là cam kết tu dưỡng, rèn luyện năm sau):",
          },
        ],
      },
      {
        id: "b",
        title: "B. Tự đánh giá, xếp loại",
        questions: [
          ...general,
          ...tasks,
          {
            id: "t_decline",
            type: "yes_no",
            text:
              "Trong năm, đồng chí có bị kết luận suy thoái về tư tưởng chính trị, " +
              'đạo đức, lối sống, "tự diễn biến", "tự chuyển hóa" không?',
          },
          {
            id: "t_discipline",
            type: "yes_no",
            text: "Trong năm, đồng chí có bị kỷ luật từ khiển trách trở lên không?",
          },
          {
            id: "t_breach",
            type: "yes_no",
            text: "Đồng chí có vi phạm những điều đảng viên không được làm, ảnh hưởng đến uy tín không?",
          },
          { id: "t_undone", type: "yes_no", text: "Đồng chí có không hoàn thành quá 50% nhiệm vụ của năm không?" },
          {
            id: "beyond",
            type: "yes_no",
            text: "Đồng chí có hoàn thành vượt mức ít nhất 30% các nhiệm vụ được giao không?",
          },
          {
            id: "proposed_level",
            type: "single",
            text: "Tổng điểm: {total}/100. Đồng chí tự xếp loại mức nào?",
            options: LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
          },
        ],
      },
    ],
  });
}

/** The points given so far: …/30 + …/70 = …/100. */
export function scoreTotals(
  split: ScoreSplit,
  answers: Record<string, AnswerValue>,
): { general: number; tasks: number; total: number } {
  const sum = (part: "general" | "tasks") =>
    Object.keys(split[part]).reduce(
      (s, label, i) =>
        s +
        (typeof answers[scoreQuestionId(part, label, i)] === "number"
          ? (answers[scoreQuestionId(part, label, i)] as number)
          : 0),
      0,
    );
  const general = sum("general");
  const tasks = sum("tasks");
  return { general, tasks, total: general + tasks };
}

/** The levels the member may propose, from the score, the triggers and the excellence conditions answered. */
export function allowedLevelsFor(split: ScoreSplit, answers: Record<string, AnswerValue>): Level[] {
  return allowedLevels(
    scoreTotals(split, answers).total,
    {
      decline: answers.t_decline === true,
      discipline: answers.t_discipline === true,
      breach: answers.t_breach === true,
      tasksUndone: answers.t_undone === true,
    },
    {
      beyondRequirement: answers.beyond === true,
      shortcomingsFixed: answers.a3_progress === "fixed" || answers.a3_progress === "none",
    },
  );
}

/** Fills "{fullName}", "{attended}"… in a question's text from the facts the bot holds. */
export function fillFacts(text: string, facts: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => facts[k] ?? "");
}

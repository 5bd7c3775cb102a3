/**
 * Surveys and polls (khảo sát, lấy ý kiến): the questions as a questionnaire
 * the engine walks, the shipped templates, the rows of a survey file turned
 * into questions (each bad row named), and the results added up. Plain
 * functions: no database, no chat, no wording (the texts layer words the
 * problems and the reports).
 */
import { z } from "zod";
import { questionnaireSchema, type AnswerValue, type Question, type Questionnaire } from "./questionnaire.ts";
import { fold } from "./text.ts";

export const SURVEY_LIMITS = {
  title: 200,
  questions: 30,
  options: 12,
  optionLabel: 60,
  /** Longest free-text answer (a Zalo message holds 2,000 characters). */
  text: 2000,
  /** Longest question text, section text included. */
  questionText: 3000,
} as const;

/** The question kinds a secretary picks from. */
export const QUESTION_KINDS = ["single", "multi", "yes_no", "scale", "number", "date", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const TEMPLATES = ["draft_opinions", "join_event", "pick_time", "meeting_feedback"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export function isTemplate(v: unknown): v is TemplateName {
  return typeof v === "string" && (TEMPLATES as readonly string[]).includes(v);
}

/** What an author gives for one question, before it becomes an engine question. */
export const questionDraftSchema = z.object({
  kind: z.enum(QUESTION_KINDS),
  text: z.string().max(SURVEY_LIMITS.questionText),
  help: z.string().max(SURVEY_LIMITS.questionText).optional(),
  options: z.array(z.string().max(200)).max(40).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  required: z.boolean().optional(),
  /** Asked only if question number `question` (1-based) was answered `equals` (an option label, có/không, a number). */
  showIf: z.object({ question: z.number().int(), equals: z.string() }).optional(),
});
export type QuestionDraft = z.infer<typeof questionDraftSchema>;

/** Why a draft cannot become a question; the texts layer words it. */
export type DraftProblem =
  | { code: "kind"; given: string }
  | { code: "text_missing" }
  | { code: "text_too_long"; max: number }
  | { code: "options_count"; min: number; max: number }
  | { code: "option_too_long"; max: number }
  | { code: "options_repeated" }
  | { code: "bounds"; kind: QuestionKind }
  | { code: "show_if_target"; question: number }
  | { code: "show_if_value"; question: number; value: string }
  | { code: "too_many_questions"; max: number }
  | { code: "no_questions" };

const KIND_WORDS: Record<string, QuestionKind> = {
  "chon mot": "single",
  "mot lua chon": "single",
  "chon 1": "single",
  "chon nhieu": "multi",
  "nhieu lua chon": "multi",
  "co/khong": "yes_no",
  "co khong": "yes_no",
  "co hoac khong": "yes_no",
  "thang diem": "scale",
  "thang 1-5": "scale",
  "thang diem 1-5": "scale",
  "thang diem 1–5": "scale",
  "danh gia": "scale",
  so: "number",
  "so nguyen": "number",
  ngay: "date",
  "van ban": "text",
  "y kien": "text",
  "tra loi ngan": "text",
};

/** "Chọn nhiều", "chon_nhieu", "multi" → the kind, or null. */
export function kindOf(word: string): QuestionKind | null {
  const w = fold(word).replace(/_/g, " ").replace(/\s+/g, " ").trim();
  if ((QUESTION_KINDS as readonly string[]).includes(w.replace(" ", "_"))) return w.replace(" ", "_") as QuestionKind;
  return KIND_WORDS[w] ?? null;
}

const YES_WORDS = ["co", "yes", "dung"];
const NO_WORDS = ["khong", "no", "sai"];

function conditionValue(target: Question, equals: string): string | number | boolean | null {
  const e = fold(equals);
  switch (target.type) {
    case "yes_no":
      return YES_WORDS.includes(e) ? true : NO_WORDS.includes(e) ? false : null;
    case "single":
      return target.options.find((o) => fold(o.label) === e || o.value === e)?.value ?? null;
    case "scale":
    case "number":
      return /^-?\d+$/.test(e) ? Number(e) : null;
    default:
      return null;
  }
}

/** Turns one draft into an engine question, or says what is wrong with it. */
export function questionFromDraft(
  draft: QuestionDraft,
  index: number,
  earlier: Question[],
): { ok: true; question: Question } | { ok: false; problem: DraftProblem } {
  const fail = (problem: DraftProblem) => ({ ok: false as const, problem });
  const text = draft.text.trim();
  if (text === "") return fail({ code: "text_missing" });
  if (text.length + (draft.help?.length ?? 0) > SURVEY_LIMITS.questionText)
    return fail({ code: "text_too_long", max: SURVEY_LIMITS.questionText });
  const base = {
    id: `q${index + 1}`,
    text,
    required: draft.required ?? true,
    ...(draft.help?.trim() ? { help: draft.help.trim() } : {}),
  };
  let question: Question;
  switch (draft.kind) {
    case "single":
    case "multi": {
      const labels = (draft.options ?? []).map((o) => o.trim()).filter(Boolean);
      if (labels.length < 2 || labels.length > SURVEY_LIMITS.options)
        return fail({ code: "options_count", min: 2, max: SURVEY_LIMITS.options });
      if (labels.some((l) => l.length > SURVEY_LIMITS.optionLabel))
        return fail({ code: "option_too_long", max: SURVEY_LIMITS.optionLabel });
      if (new Set(labels.map(fold)).size !== labels.length) return fail({ code: "options_repeated" });
      const options = labels.map((label, i) => ({ value: String(i + 1), label }));
      if (draft.kind === "single") question = { ...base, type: "single", options };
      else {
        const max = draft.max;
        if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > labels.length))
          return fail({ code: "bounds", kind: "multi" });
        question = {
          ...base,
          type: "multi",
          options,
          minChoices: base.required ? 1 : 0,
          ...(max !== undefined ? { maxChoices: max } : {}),
        };
      }
      break;
    }
    case "yes_no":
      question = { ...base, type: "yes_no" };
      break;
    case "scale":
      question = { ...base, type: "scale", min: 1, max: 5 };
      break;
    case "number": {
      const min = draft.min ?? 0;
      const max = draft.max ?? 1000;
      if (!Number.isInteger(min) || !Number.isInteger(max) || min > max || Math.abs(min) > 1e9 || Math.abs(max) > 1e9)
        return fail({ code: "bounds", kind: "number" });
      question = { ...base, type: "number", min, max };
      break;
    }
    case "date":
      question = { ...base, type: "date" };
      break;
    case "text": {
      const max = draft.max ?? 1000;
      if (!Number.isInteger(max) || max < 1 || max > SURVEY_LIMITS.text) return fail({ code: "bounds", kind: "text" });
      question = { ...base, type: "short_text", maxLength: max };
      break;
    }
  }
  if (draft.showIf) {
    const target = earlier[draft.showIf.question - 1];
    if (!target || draft.showIf.question > index)
      return fail({ code: "show_if_target", question: draft.showIf.question });
    const equals = conditionValue(target, draft.showIf.equals);
    if (equals === null)
      return fail({ code: "show_if_value", question: draft.showIf.question, value: draft.showIf.equals });
    question = { ...question, showIf: { question: target.id, equals } };
  }
  return { ok: true, question };
}

/** The survey's questionnaire: questions in sections (one untitled section for most surveys). */
export function surveyQuestionnaire(
  title: string,
  sections: { title: string; questions: Question[] }[],
): Questionnaire {
  return questionnaireSchema.parse({
    id: "survey",
    version: 1,
    title,
    askOptional: true,
    sections: sections.map((s, i) => ({ id: `s${i + 1}`, title: s.title, questions: s.questions })),
  });
}

/** Drafts → questions, all problems listed with their (1-based) position. */
export function questionsFromDrafts(
  drafts: QuestionDraft[],
): { ok: true; questions: Question[] } | { ok: false; problems: { index: number; problem: DraftProblem }[] } {
  if (drafts.length === 0) return { ok: false, problems: [{ index: 0, problem: { code: "no_questions" } }] };
  if (drafts.length > SURVEY_LIMITS.questions)
    return {
      ok: false,
      problems: [{ index: 0, problem: { code: "too_many_questions", max: SURVEY_LIMITS.questions } }],
    };
  const questions: Question[] = [];
  const problems: { index: number; problem: DraftProblem }[] = [];
  drafts.forEach((draft, i) => {
    const r = questionFromDraft(draft, i, questions);
    if (r.ok) questions.push(r.question);
    else {
      problems.push({ index: i + 1, problem: r.problem });
      // A placeholder keeps later "show only if" references pointing at the right number.
      questions.push({ id: `q${i + 1}`, text: "-", type: "short_text", required: false, maxLength: 1 });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, questions };
}

// ---------------------------------------------------------------------------
// A survey file: one row per question.

/** The columns of a survey file, by their folded header. */
const COLUMNS: Record<string, keyof RowFields> = {
  loai: "kind",
  "loai cau hoi": "kind",
  "cau hoi": "text",
  "noi dung": "text",
  "lua chon": "options",
  "cac lua chon": "options",
  "toi thieu": "min",
  "toi da": "max",
  "bat buoc": "required",
  "chi hoi neu": "showIf",
  "giai thich": "help",
  "ghi chu": "help",
};

interface RowFields {
  kind: string;
  text: string;
  options: string;
  min: string;
  max: string;
  required: string;
  showIf: string;
  help: string;
}

export type FileProblem =
  | { row: number; problem: DraftProblem }
  | { row: number; problem: { code: "number_cell"; column: "min" | "max"; value: string } }
  | { row: number; problem: { code: "required_cell"; value: string } }
  | { row: number; problem: { code: "show_if_form"; value: string } }
  | { row: 0; problem: { code: "missing_columns"; columns: string[] } };

/** Maps a header cell to its field ("Câu hỏi" → text), or null for a column we do not read. */
export function columnOf(header: string): keyof RowFields | null {
  return COLUMNS[fold(header).replace(/_/g, " ").replace(/\s+/g, " ").trim()] ?? null;
}

/**
 * The rows of a survey file (header row already mapped: field → cell text),
 * numbered as the file numbers them, into drafts; every bad row is named.
 */
export function draftsFromRows(
  rows: { row: number; cells: Partial<Record<keyof RowFields, string>> }[],
  presentColumns: (keyof RowFields)[],
): { ok: true; drafts: QuestionDraft[] } | { ok: false; problems: FileProblem[] } {
  const missing = (["kind", "text"] as const).filter((c) => !presentColumns.includes(c));
  if (missing.length)
    return { ok: false, problems: [{ row: 0, problem: { code: "missing_columns", columns: missing } }] };
  const problems: FileProblem[] = [];
  const drafts: QuestionDraft[] = [];
  const rowNumbers: number[] = [];
  for (const { row, cells } of rows) {
    const get = (k: keyof RowFields) => (cells[k] ?? "").trim();
    if (Object.values(cells).every((v) => (v ?? "").trim() === "")) continue;
    const kind = kindOf(get("kind"));
    if (!kind) {
      problems.push({ row, problem: { code: "kind", given: get("kind") } });
      continue;
    }
    const number = (column: "min" | "max"): number | undefined | null => {
      const v = get(column);
      if (v === "") return undefined;
      return /^-?\d+$/.test(v) ? Number(v) : null;
    };
    const min = number("min");
    const max = number("max");
    if (min === null) problems.push({ row, problem: { code: "number_cell", column: "min", value: get("min") } });
    if (max === null) problems.push({ row, problem: { code: "number_cell", column: "max", value: get("max") } });
    const req = fold(get("required"));
    const required = req === "" ? true : YES_WORDS.includes(req) ? true : NO_WORDS.includes(req) ? false : null;
    if (required === null) problems.push({ row, problem: { code: "required_cell", value: get("required") } });
    let showIf: QuestionDraft["showIf"];
    if (get("showIf")) {
      const m = /^(?:cau\s*)?(\d{1,2})\s*[=:]\s*(.+)$/.exec(fold(get("showIf")));
      const original = /[=:]\s*(.+)$/.exec(get("showIf"));
      if (!m || !original) problems.push({ row, problem: { code: "show_if_form", value: get("showIf") } });
      else showIf = { question: Number(m[1]), equals: original[1]!.trim() };
    }
    const options = get("options")
      .split(/[;\n]/)
      .map((o) => o.trim())
      .filter(Boolean);
    drafts.push({
      kind,
      text: get("text"),
      ...(get("help") ? { help: get("help") } : {}),
      ...(options.length ? { options } : {}),
      ...(typeof min === "number" ? { min } : {}),
      ...(typeof max === "number" ? { max } : {}),
      required: required ?? true,
      ...(showIf ? { showIf } : {}),
    });
    rowNumbers.push(row);
  }
  const converted = questionsFromDrafts(drafts);
  if (!converted.ok)
    for (const p of converted.problems) problems.push({ row: rowNumbers[p.index - 1] ?? 0, problem: p.problem });
  problems.sort((a, b) => a.row - b.row);
  return problems.length ? { ok: false, problems } : { ok: true, drafts };
}

// ---------------------------------------------------------------------------
// Templates. Their wording comes from the texts layer (passed in), their shape from here.

export interface TemplateWords {
  draftQuestion: (section: string) => string;
  joinQuestion: (event: string) => string;
  joinPeople: string;
  timeQuestion: string;
  feedbackQuality: string;
  feedbackUseful: string;
  feedbackComment: string;
}

/** "Lấy ý kiến dự thảo": one optional comment box per section of the document, the section's text shown with it. */
export function draftOpinionsTemplate(
  title: string,
  sections: { title: string; text: string }[],
  words: TemplateWords,
): Questionnaire {
  return surveyQuestionnaire(
    title,
    sections.map((s, i) => ({
      title: s.title,
      questions: [
        {
          id: `q${i + 1}`,
          type: "short_text",
          text: words.draftQuestion(s.title),
          help: s.text.slice(0, SURVEY_LIMITS.questionText - 200),
          required: false,
          maxLength: SURVEY_LIMITS.text,
        },
      ],
    })),
  );
}

/** Sections of a pasted document: blocks separated by an empty line, each block's first line its heading. */
export function splitDocumentSections(text: string): { title: string; text: string }[] {
  return text
    .replace(/\r/g, "")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const [first = "", ...rest] = block.split("\n");
      return { title: first.trim().slice(0, 120), text: rest.join("\n").trim() || first.trim() };
    });
}

/** "Đăng ký tham gia": yes/no, then (if yes) how many people come along. */
export function joinEventTemplate(title: string, event: string, words: TemplateWords, maxPeople = 20): Questionnaire {
  return surveyQuestionnaire(title, [
    {
      title: "",
      questions: [
        { id: "q1", type: "yes_no", text: words.joinQuestion(event), required: true },
        {
          id: "q2",
          type: "number",
          text: words.joinPeople,
          required: true,
          min: 0,
          max: maxPeople,
          showIf: { question: "q1", equals: true },
        },
      ],
    },
  ]);
}

/** "Chọn thời gian": the times that suit, several may be ticked. */
export function pickTimeTemplate(title: string, times: string[], words: TemplateWords): Questionnaire {
  return surveyQuestionnaire(title, [
    {
      title: "",
      questions: [
        {
          id: "q1",
          type: "multi",
          text: words.timeQuestion,
          required: true,
          minChoices: 1,
          options: times.map((label, i) => ({ value: String(i + 1), label })),
        },
      ],
    },
  ]);
}

/** "Đánh giá buổi sinh hoạt": two ratings 1–5 and an optional comment, for those who attended. */
export function meetingFeedbackTemplate(title: string, words: TemplateWords): Questionnaire {
  return surveyQuestionnaire(title, [
    {
      title: "",
      questions: [
        { id: "q1", type: "scale", text: words.feedbackQuality, required: true, min: 1, max: 5 },
        { id: "q2", type: "scale", text: words.feedbackUseful, required: true, min: 1, max: 5 },
        { id: "q3", type: "short_text", text: words.feedbackComment, required: false, maxLength: 1000 },
      ],
    },
  ]);
}

// ---------------------------------------------------------------------------
// Results.

export interface AnswerSheet {
  branchId: number;
  /** The member's name, or null for an anonymous survey. */
  name: string | null;
  answers: Record<string, AnswerValue>;
}

export type QuestionSummary =
  | { kind: "choices"; answered: number; counts: { label: string; count: number; share: number }[] }
  | {
      kind: "scale";
      answered: number;
      average: number | null;
      counts: { label: string; count: number; share: number }[];
    }
  | { kind: "number"; answered: number; sum: number; average: number | null; min: number | null; max: number | null }
  | { kind: "texts"; answered: number; texts: { name: string | null; text: string }[] };

export interface GroupSummary {
  respondents: number;
  /** True when the group is too small to show (anonymous survey, fewer than the minimum answers). */
  hidden: boolean;
  questions: { question: Question; summary: QuestionSummary | null }[];
}

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

function summariseQuestion(q: Question, sheets: AnswerSheet[]): QuestionSummary {
  const values = sheets.map((s) => ({ name: s.name, value: s.answers[q.id] })).filter((v) => v.value !== undefined) as {
    name: string | null;
    value: AnswerValue;
  }[];
  const answered = values.length;
  const tally = (labels: { key: AnswerValue; label: string }[]) =>
    labels.map(({ key, label }) => {
      const count = values.filter((v) =>
        Array.isArray(v.value) ? v.value.includes(String(key)) : v.value === key,
      ).length;
      return { label, count, share: share(count, answered) };
    });
  switch (q.type) {
    case "single":
    case "multi":
      return { kind: "choices", answered, counts: tally(q.options.map((o) => ({ key: o.value, label: o.label }))) };
    case "yes_no":
      return {
        kind: "choices",
        answered,
        counts: tally([
          { key: true, label: "yes" },
          { key: false, label: "no" },
        ]),
      };
    case "date": {
      const days = [...new Set(values.map((v) => String(v.value)))].sort();
      return { kind: "choices", answered, counts: tally(days.map((d) => ({ key: d, label: d }))) };
    }
    case "scale": {
      const nums = values.map((v) => Number(v.value));
      const steps = Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i);
      return {
        kind: "scale",
        answered,
        average: answered ? nums.reduce((a, b) => a + b, 0) / answered : null,
        counts: tally(steps.map((n) => ({ key: n, label: String(n) }))),
      };
    }
    case "number": {
      const nums = values.map((v) => Number(v.value));
      const sum = nums.reduce((a, b) => a + b, 0);
      return {
        kind: "number",
        answered,
        sum,
        average: answered ? sum / answered : null,
        min: answered ? Math.min(...nums) : null,
        max: answered ? Math.max(...nums) : null,
      };
    }
    case "short_text":
    case "long_text":
      return { kind: "texts", answered, texts: values.map((v) => ({ name: v.name, text: String(v.value) })) };
  }
}

/**
 * Adds up one group's answer sheets. For an anonymous survey a group with fewer
 * than `minGroup` answers is hidden: its counts could point at a person.
 */
export function summarise(
  def: Questionnaire,
  sheets: AnswerSheet[],
  opts: { anonymous: boolean; minGroup: number },
): GroupSummary {
  const hidden = opts.anonymous && sheets.length < opts.minGroup;
  return {
    respondents: sheets.length,
    hidden,
    questions: def.sections
      .flatMap((s) => s.questions)
      .map((question) => ({ question, summary: hidden ? null : summariseQuestion(question, sheets) })),
  };
}

/** The whole survey and, for one addressed to several branches, each branch. */
export function surveyResults(
  def: Questionnaire,
  sheets: AnswerSheet[],
  branchIds: number[],
  opts: { anonymous: boolean; minGroup: number },
): { overall: GroupSummary; branches: { branchId: number; summary: GroupSummary }[] } {
  const byBranch = new Map<number, AnswerSheet[]>(branchIds.map((id) => [id, []]));
  for (const s of sheets) byBranch.get(s.branchId)?.push(s);
  return {
    overall: summarise(def, sheets, opts),
    branches:
      branchIds.length > 1
        ? branchIds.map((branchId) => ({ branchId, summary: summarise(def, byBranch.get(branchId) ?? [], opts) }))
        : [],
  };
}

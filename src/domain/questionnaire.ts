/**
 * A questionnaire defined as data (validated by zod) and a small engine that
 * walks it: conditions that show or skip questions, validation with a
 * Vietnamese explanation, back, edit from the summary, long answers in several
 * messages, and a state that is plain JSON (stored per chat, so a dialog resumes
 * after a restart). Nothing here knows about Telegram or Zalo.
 */
import { z } from "zod";
import { fold } from "./text.ts";

const option = z.object({ value: z.string().min(1).max(20), label: z.string().min(1).max(60) });
const condition = z.object({ question: z.string(), equals: z.union([z.string(), z.boolean(), z.number()]) });
const base = {
  id: z.string().regex(/^[a-z0-9_]+$/),
  text: z.string().min(1),
  help: z.string().optional(),
  required: z.boolean().default(true),
  showIf: condition.optional(),
};

export const questionSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("yes_no") }),
  z.object({ ...base, type: z.literal("single"), options: z.array(option).min(2).max(12) }),
  z.object({
    ...base,
    type: z.literal("multi"),
    options: z.array(option).min(2).max(12),
    minChoices: z.number().int().min(0).default(1),
    /** At most this many ticked (none: no limit). */
    maxChoices: z.number().int().min(1).optional(),
  }),
  z.object({ ...base, type: z.literal("short_text"), maxLength: z.number().int().min(1).max(2000).default(200) }),
  z.object({ ...base, type: z.literal("long_text"), maxLength: z.number().int().min(1).max(10_000).default(4000) }),
  z.object({ ...base, type: z.literal("number"), min: z.number().int(), max: z.number().int() }),
  /** A rating on a short scale (1–5 by default), answered by a button or a digit. */
  z.object({
    ...base,
    type: z.literal("scale"),
    min: z.number().int().min(0).max(1).default(1),
    max: z.number().int().min(2).max(10).default(5),
    lowLabel: z.string().max(40).optional(),
    highLabel: z.string().max(40).optional(),
  }),
  /** A calendar day, typed dd/mm/yyyy; stored as "yyyy-mm-dd". */
  z.object({ ...base, type: z.literal("date") }),
]);
export type Question = z.infer<typeof questionSchema>;

export const questionnaireSchema = z
  .object({
    id: z.string(),
    version: z.number().int().min(1),
    title: z.string(),
    /** Ask optional questions too (with a "skip" button), once each; otherwise only required ones are asked. */
    askOptional: z.boolean().default(false),
    sections: z
      .array(z.object({ id: z.string(), title: z.string(), questions: z.array(questionSchema).min(1) }))
      .min(1),
  })
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    for (const s of q.sections) {
      for (const question of s.questions) {
        if (seen.has(question.id)) ctx.addIssue({ code: "custom", message: `duplicate question id ${question.id}` });
        if (question.showIf && !seen.has(question.showIf.question))
          ctx.addIssue({ code: "custom", message: `${question.id}: showIf must refer to an earlier question` });
        seen.add(question.id);
      }
    }
  });
export type Questionnaire = z.infer<typeof questionnaireSchema>;

export type AnswerValue = boolean | string | string[] | number;

export const engineStateSchema = z.object({
  /** Empty once the answers were erased or their keeping period ended (only levels and scores remain). */
  answers: z.record(z.string(), z.union([z.boolean(), z.string(), z.array(z.string()), z.number()])).default({}),
  /** The question being asked, or null when showing the summary. */
  current: z.string().nullable().default(null),
  /** Text gathered so far for a long answer, or choices ticked so far. */
  draft: z.union([z.string(), z.array(z.string())]).optional(),
  /** Questions answered, in order, for "back". */
  history: z.array(z.string()).default([]),
});
export type EngineState = z.infer<typeof engineStateSchema>;

export type EngineInput = { kind: "text"; text: string } | { kind: "choice"; value: string };

/** Why an input was not taken; the texts layer words it. */
export type EngineProblem =
  | { code: "finished" | "required" | "yes_no" | "pick_then_done" | "text_needed" | "empty" }
  | { code: "nothing_gathered" | "text_then_done" }
  | { code: "pick_one"; count: number }
  | { code: "pick_at_least"; min: number }
  | { code: "pick_at_most"; max: number }
  | { code: "date" }
  | { code: "too_long"; max: number; length: number }
  | { code: "too_long_part"; max: number }
  | { code: "number" | "integer" | "range"; min: number; max: number };

export type StepResult = { ok: true; state: EngineState } | { ok: false; error: EngineProblem; state: EngineState };

/** Special choice values every question understands. */
export const DONE = "__done";
export const SKIP = "__skip";

export function allQuestions(def: Questionnaire): Question[] {
  return def.sections.flatMap((s) => s.questions);
}

export function sectionOf(def: Questionnaire, questionId: string) {
  return def.sections.find((s) => s.questions.some((q) => q.id === questionId));
}

function isVisible(q: Question, answers: Record<string, AnswerValue>): boolean {
  if (!q.showIf) return true;
  return answers[q.showIf.question] === q.showIf.equals;
}

export function visibleQuestions(def: Questionnaire, answers: Record<string, AnswerValue>): Question[] {
  return allQuestions(def).filter((q) => isVisible(q, answers));
}

/** Answers of questions a later change has hidden are dropped. */
function prune(def: Questionnaire, answers: Record<string, AnswerValue>): Record<string, AnswerValue> {
  const keep = new Set(visibleQuestions(def, answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => keep.has(id)));
}

export function firstUnanswered(def: Questionnaire, answers: Record<string, AnswerValue>): Question | null {
  return visibleQuestions(def, answers).find((q) => answers[q.id] === undefined && q.required) ?? null;
}

/** The next question to ask: the first required one unanswered, or (askOptional) an optional one not yet reached. */
function nextQuestion(def: Questionnaire, answers: Record<string, AnswerValue>, seen: string[]): Question | null {
  if (!def.askOptional) return firstUnanswered(def, answers);
  return (
    visibleQuestions(def, answers).find((q) => answers[q.id] === undefined && (q.required || !seen.includes(q.id))) ??
    null
  );
}

export function start(def: Questionnaire, answers: Record<string, AnswerValue> = {}): EngineState {
  const next = nextQuestion(def, answers, []);
  return { answers, current: next?.id ?? null, history: [] };
}

export function isComplete(def: Questionnaire, state: EngineState): boolean {
  return firstUnanswered(def, state.answers) === null;
}

function question(def: Questionnaire, id: string | null): Question | null {
  return id ? (allQuestions(def).find((q) => q.id === id) ?? null) : null;
}

const YES = ["co", "c", "dung", "yes", "y", "1"];
const NO = ["khong", "k", "ko", "sai", "no", "n", "2"];

function advance(def: Questionnaire, state: EngineState, id: string, value: AnswerValue | undefined): EngineState {
  const answers = { ...state.answers };
  if (value === undefined) delete answers[id];
  else answers[id] = value;
  const pruned = prune(def, answers);
  const history = [...state.history.filter((h) => h !== id), id];
  const next = nextQuestion(def, pruned, history);
  // After an edit from the summary, go back to the summary unless something new must be answered.
  return { answers: pruned, current: next?.id ?? null, history };
}

/** Applies one input to the current question. */
export function answer(def: Questionnaire, state: EngineState, input: EngineInput): StepResult {
  const q = question(def, state.current);
  if (!q) return { ok: false, error: { code: "finished" }, state };
  const fail = (error: EngineProblem): StepResult => ({ ok: false, error, state });
  if (input.kind === "choice" && input.value === SKIP) {
    if (q.required) return fail({ code: "required" });
    return { ok: true, state: advance(def, state, q.id, undefined) };
  }
  switch (q.type) {
    case "yes_no": {
      const v = input.kind === "choice" ? input.value : fold(input.text);
      if (v === "yes" || YES.includes(v)) return { ok: true, state: advance(def, state, q.id, true) };
      if (v === "no" || NO.includes(v)) return { ok: true, state: advance(def, state, q.id, false) };
      return fail({ code: "yes_no" });
    }
    case "single": {
      const picked = pickOption(q.options, input);
      if (!picked) return fail({ code: "pick_one", count: q.options.length });
      return { ok: true, state: advance(def, state, q.id, picked) };
    }
    case "multi": {
      const ticked = Array.isArray(state.draft)
        ? state.draft
        : Array.isArray(state.answers[q.id])
          ? (state.answers[q.id] as string[])
          : [];
      if (
        (input.kind === "choice" && input.value === DONE) ||
        (input.kind === "text" && ["xong", "done"].includes(fold(input.text)))
      ) {
        if (ticked.length < q.minChoices) return fail({ code: "pick_at_least", min: q.minChoices });
        const { draft: _draft, ...rest } = state;
        return { ok: true, state: advance(def, rest, q.id, ticked) };
      }
      // Several numbers at once ("1,3" or "1 3"), as typed on Zalo: the ticks are set to exactly those.
      const many = input.kind === "text" ? pickMany(q.options, input.text) : null;
      if (many) {
        if (q.maxChoices !== undefined && many.length > q.maxChoices)
          return fail({ code: "pick_at_most", max: q.maxChoices });
        return { ok: true, state: { ...state, draft: many } };
      }
      const picked = pickOption(q.options, input);
      if (!picked) return fail({ code: "pick_then_done" });
      const next = ticked.includes(picked) ? ticked.filter((v) => v !== picked) : [...ticked, picked];
      if (q.maxChoices !== undefined && next.length > q.maxChoices)
        return fail({ code: "pick_at_most", max: q.maxChoices });
      return { ok: true, state: { ...state, draft: next } };
    }
    case "short_text": {
      if (input.kind !== "text") return fail({ code: "text_needed" });
      const text = input.text.trim();
      if (text === "") return fail({ code: "empty" });
      if (text.length > q.maxLength) return fail({ code: "too_long", max: q.maxLength, length: text.length });
      return { ok: true, state: advance(def, state, q.id, text) };
    }
    case "long_text": {
      const gathered = typeof state.draft === "string" ? state.draft : "";
      const finishing =
        (input.kind === "choice" && input.value === DONE) || (input.kind === "text" && fold(input.text) === "xong");
      if (finishing) {
        if (gathered.trim() === "") return fail({ code: "nothing_gathered" });
        const { draft: _draft, ...rest } = state;
        return { ok: true, state: advance(def, rest, q.id, gathered.trim()) };
      }
      if (input.kind !== "text" || input.text.trim() === "") return fail({ code: "text_then_done" });
      const next = gathered ? `${gathered}\n${input.text.trim()}` : input.text.trim();
      if (next.length > q.maxLength) return fail({ code: "too_long_part", max: q.maxLength });
      return { ok: true, state: { ...state, draft: next } };
    }
    case "scale": {
      const raw = input.kind === "choice" ? input.value : input.text.trim();
      const n = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= q.min && n <= q.max)) return fail({ code: "range", min: q.min, max: q.max });
      return { ok: true, state: advance(def, state, q.id, n) };
    }
    case "date": {
      const day = input.kind === "text" ? parseCalendarDay(input.text) : null;
      if (!day) return fail({ code: "date" });
      return { ok: true, state: advance(def, state, q.id, day) };
    }
    case "number": {
      const raw = input.kind === "choice" ? input.value : input.text.trim().replace(",", ".");
      if (!/^-?\d+(\.\d+)?$/.test(raw)) return fail({ code: "number", min: q.min, max: q.max });
      const n = Number(raw);
      if (!Number.isInteger(n)) return fail({ code: "integer", min: q.min, max: q.max });
      if (n < q.min || n > q.max) return fail({ code: "range", min: q.min, max: q.max });
      return { ok: true, state: advance(def, state, q.id, n) };
    }
  }
}

/**
 * One whole answer to the current question as a web form gives it: the ticked values of a multiple choice, the full
 * text of a long answer, the picked value or the typed text otherwise; no gathering steps in between.
 */
export function answerWhole(def: Questionnaire, state: EngineState, value: string | string[]): StepResult {
  const q = question(def, state.current);
  if (!q) return { ok: false, error: { code: "finished" }, state };
  const one = (Array.isArray(value) ? (value[0] ?? "") : value).trim();
  if (q.type === "multi") {
    const all = Array.isArray(value) ? value : value === "" ? [] : [value];
    const ticked = q.options.map((o) => o.value).filter((v) => all.includes(v));
    if (q.maxChoices !== undefined && ticked.length > q.maxChoices)
      return { ok: false, error: { code: "pick_at_most", max: q.maxChoices }, state };
    return answer(def, { ...state, draft: ticked }, { kind: "choice", value: DONE });
  }
  if (q.type === "long_text") {
    if (one === "") {
      if (q.required) return { ok: false, error: { code: "empty" }, state };
      return answer(def, state, { kind: "choice", value: SKIP });
    }
    if (one.length > q.maxLength) return { ok: false, error: { code: "too_long_part", max: q.maxLength }, state };
    return answer(def, { ...state, draft: one }, { kind: "choice", value: DONE });
  }
  const picked = q.type === "yes_no" || q.type === "single" || q.type === "scale";
  return answer(def, state, picked ? { kind: "choice", value: one } : { kind: "text", text: one });
}

/** "1,3", "1 3", "1, 3" → those options' values, in the options' order; null unless every part is a number in range. */
function pickMany(options: { value: string }[], text: string): string[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length < 2 || !parts.every((p) => /^\d{1,2}$/.test(p))) return null;
  const picked = new Set<string>();
  for (const p of parts) {
    const option = options[Number(p) - 1];
    if (!option) return null;
    picked.add(option.value);
  }
  return options.map((o) => o.value).filter((v) => picked.has(v));
}

/** "dd/mm/yyyy" (or with - or .) → "yyyy-mm-dd", or null for anything else or a day that does not exist. */
export function parseCalendarDay(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function pickOption(options: { value: string; label: string }[], input: EngineInput): string | null {
  if (input.kind === "choice") return options.some((o) => o.value === input.value) ? input.value : null;
  const t = fold(input.text).replace(/[.)]$/, "");
  if (/^\d+$/.test(t)) return options[Number(t) - 1]?.value ?? null;
  const hits = options.filter((o) => fold(o.label) === t || o.value === t);
  return hits.length === 1 ? hits[0]!.value : null;
}

/** Goes back to the previously answered visible question. */
export function back(def: Questionnaire, state: EngineState): EngineState {
  const visible = new Set(visibleQuestions(def, state.answers).map((q) => q.id));
  const history = state.history.filter((h) => visible.has(h) && h !== state.current);
  const previous = history.at(-1);
  if (!previous) return state;
  const { draft: _draft, ...rest } = state;
  return { ...rest, current: previous, history: history.slice(0, -1) };
}

/** Re-asks one question (edit from the summary). */
export function edit(def: Questionnaire, state: EngineState, questionId: string): EngineState | null {
  const q = visibleQuestions(def, state.answers).find((x) => x.id === questionId);
  if (!q) return null;
  const { draft: _draft, ...rest } = state;
  return { ...rest, current: q.id };
}

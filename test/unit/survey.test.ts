/** The survey rules: question drafts, file rows, templates, the engine asking optional questions, the results. */
import { describe, expect, test } from "vitest";
import {
  answer,
  isComplete,
  SKIP,
  start,
  type EngineState,
  type Questionnaire,
} from "../../src/domain/questionnaire.ts";
import {
  draftsFromRows,
  joinEventTemplate,
  kindOf,
  questionFromDraft,
  questionsFromDrafts,
  splitDocumentSections,
  summarise,
  surveyQuestionnaire,
  surveyResults,
  type AnswerSheet,
} from "../../src/domain/survey.ts";
import { templateWords } from "../../src/texts/surveys.ts";

function survey(drafts: Parameters<typeof questionsFromDrafts>[0]): Questionnaire {
  const r = questionsFromDrafts(drafts);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return surveyQuestionnaire("Thử", [{ title: "", questions: r.questions }]);
}

function walk(def: Questionnaire, inputs: string[]): EngineState {
  let state = start(def);
  for (const text of inputs) {
    const r =
      text === "<skip>"
        ? answer(def, state, { kind: "choice", value: SKIP })
        : answer(def, state, { kind: "text", text });
    if (!r.ok) throw new Error(`${text}: ${r.error.code}`);
    state = r.state;
  }
  return state;
}

describe("question kinds and drafts", () => {
  test("the kind is read however a secretary writes it", () => {
    expect(kindOf("Chọn nhiều")).toBe("multi");
    expect(kindOf("chon_mot")).toBe("single");
    expect(kindOf("CÓ/KHÔNG")).toBe("yes_no");
    expect(kindOf("Thang điểm 1–5")).toBe("scale");
    expect(kindOf("văn bản")).toBe("text");
    expect(kindOf("scale")).toBe("scale");
    expect(kindOf("hộp kiểm")).toBeNull();
  });

  test("choices need 2 to 12 distinct labels; a maximum must fit; bounds must be in order", () => {
    const q = (d: Parameters<typeof questionFromDraft>[0]) => questionFromDraft(d, 0, []);
    expect(q({ kind: "single", text: "A?", options: ["x"] })).toMatchObject({
      ok: false,
      problem: { code: "options_count" },
    });
    expect(q({ kind: "single", text: "A?", options: ["Có", "có"] })).toMatchObject({
      ok: false,
      problem: { code: "options_repeated" },
    });
    expect(q({ kind: "multi", text: "A?", options: ["x", "y"], max: 3 })).toMatchObject({
      ok: false,
      problem: { code: "bounds" },
    });
    expect(q({ kind: "number", text: "A?", min: 5, max: 1 })).toMatchObject({ ok: false, problem: { code: "bounds" } });
    expect(q({ kind: "text", text: "A?", max: 2001 })).toMatchObject({ ok: false, problem: { code: "bounds" } });
    expect(q({ kind: "multi", text: "A?", options: ["x", "y", "z"], max: 2 })).toMatchObject({
      ok: true,
      question: { type: "multi", maxChoices: 2, options: [{ value: "1", label: "x" }, { value: "2" }, { value: "3" }] },
    });
  });

  test("'show only if' names an earlier question and one of its answers", () => {
    const r = questionsFromDrafts([
      { kind: "single", text: "Buổi?", options: ["Sáng", "Tối"] },
      { kind: "text", text: "Vì sao tối?", showIf: { question: 1, equals: "tối" } },
      { kind: "yes_no", text: "Đi?", showIf: { question: 3, equals: "có" } },
      { kind: "yes_no", text: "Đi?", showIf: { question: 1, equals: "Trưa" } },
    ]);
    expect(r).toMatchObject({
      ok: false,
      problems: [
        { index: 3, problem: { code: "show_if_target", question: 3 } },
        { index: 4, problem: { code: "show_if_value", question: 1, value: "Trưa" } },
      ],
    });
    const ok = survey([
      { kind: "single", text: "Buổi?", options: ["Sáng", "Tối"] },
      { kind: "text", text: "Vì sao tối?", showIf: { question: 1, equals: "tối" } },
    ]);
    expect(ok.sections[0]!.questions[1]!.showIf).toEqual({ question: "q1", equals: "2" });
  });
});

describe("a survey file's rows", () => {
  test("empty rows are skipped, every bad row is named by its own number", () => {
    const r = draftsFromRows(
      [
        { row: 2, cells: { kind: "Có/không", text: "Đi?" } },
        { row: 3, cells: {} },
        { row: 4, cells: { kind: "Số", text: "Mấy người?", min: "0", max: "x" } },
        { row: 5, cells: { kind: "Chọn một", text: "Buổi?", options: "Sáng" } },
      ],
      ["kind", "text", "min", "max", "options"],
    );
    expect(r).toEqual({
      ok: false,
      problems: [
        { row: 4, problem: { code: "number_cell", column: "max", value: "x" } },
        { row: 5, problem: { code: "options_count", min: 2, max: 12 } },
      ],
    });
    expect(draftsFromRows([], ["text"])).toEqual({
      ok: false,
      problems: [{ row: 0, problem: { code: "missing_columns", columns: ["kind"] } }],
    });
  });
});

describe("answering", () => {
  test("optional questions are asked once and may be skipped; the survey is complete without them", () => {
    const def = survey([
      { kind: "yes_no", text: "Đi?" },
      { kind: "text", text: "Góp ý", required: false },
      { kind: "scale", text: "Điểm" },
    ]);
    const state = walk(def, ["có", "<skip>", "4"]);
    expect(state.current).toBeNull();
    expect(state.answers).toEqual({ q1: true, q3: 4 });
    expect(isComplete(def, state)).toBe(true);
  });

  test("a question shown only for 'yes' is skipped after 'no', and its answer dropped if the answer changes", () => {
    const def = joinEventTemplate("Đăng ký", "ngày hội", templateWords);
    expect(walk(def, ["không"]).current).toBeNull();
    const yes = walk(def, ["có", "3"]);
    expect(yes.answers).toEqual({ q1: true, q2: 3 });
    const changed = answer(def, { ...yes, current: "q1" }, { kind: "text", text: "không" });
    expect(changed.ok && changed.state.answers).toEqual({ q1: false });
  });

  test("a pasted document splits into sections at empty lines, each with its heading", () => {
    expect(splitDocumentSections("Phần I\nNội dung một\n\n\nPhần II\r\nNội dung hai\n")).toEqual([
      { title: "Phần I", text: "Nội dung một" },
      { title: "Phần II", text: "Nội dung hai" },
    ]);
  });
});

describe("results", () => {
  const def = survey([
    { kind: "single", text: "Buổi?", options: ["Sáng", "Tối"] },
    { kind: "scale", text: "Điểm" },
    { kind: "number", text: "Khách" },
    { kind: "text", text: "Góp ý", required: false },
  ]);
  const sheets: AnswerSheet[] = [
    { branchId: 1, name: "An", answers: { q1: "1", q2: 4, q3: 2, q4: "Tốt" } },
    { branchId: 1, name: "Bình", answers: { q1: "2", q2: 5, q3: 0 } },
    { branchId: 2, name: "Chi", answers: { q1: "1", q2: 3, q3: 1 } },
  ];

  test("counts and shares per choice, averages for scales, sums for numbers, comments with names", () => {
    const g = summarise(def, sheets, { anonymous: false, minGroup: 3 });
    expect(g.respondents).toBe(3);
    expect(g.questions[0]!.summary).toEqual({
      kind: "choices",
      answered: 3,
      counts: [
        { label: "Sáng", count: 2, share: 2 / 3 },
        { label: "Tối", count: 1, share: 1 / 3 },
      ],
    });
    expect(g.questions[1]!.summary).toMatchObject({ kind: "scale", average: 4, answered: 3 });
    expect(g.questions[2]!.summary).toMatchObject({ kind: "number", sum: 3, average: 1, min: 0, max: 2 });
    expect(g.questions[3]!.summary).toEqual({ kind: "texts", answered: 1, texts: [{ name: "An", text: "Tốt" }] });
  });

  test("anonymous: a group of fewer than 3 answers is hidden, per branch too", () => {
    const r = surveyResults(def, sheets, [1, 2], { anonymous: true, minGroup: 3 });
    expect(r.overall.hidden).toBe(false);
    expect(r.branches.map((b) => [b.branchId, b.summary.respondents, b.summary.hidden])).toEqual([
      [1, 2, true],
      [2, 1, true],
    ]);
    expect(r.branches[0]!.summary.questions.every((q) => q.summary === null)).toBe(true);
    expect(surveyResults(def, sheets.slice(0, 2), [1], { anonymous: true, minGroup: 3 }).overall.hidden).toBe(true);
    expect(surveyResults(def, sheets.slice(0, 2), [1], { anonymous: false, minGroup: 3 }).overall.hidden).toBe(false);
  });
});

import { describe, expect, test } from "vitest";
import {
  answer,
  answerWhole,
  back,
  DONE,
  edit,
  engineStateSchema,
  isComplete,
  questionnaireSchema,
  SKIP,
  start,
  visibleQuestions,
  type EngineState,
  type Questionnaire,
} from "../../src/domain/questionnaire.ts";
import { formatAnswer, problemText } from "../../src/texts/questionnaire.ts";
import type { StepResult } from "../../src/domain/questionnaire.ts";

const def: Questionnaire = questionnaireSchema.parse({
  id: "test",
  version: 1,
  title: "Thử",
  sections: [
    {
      id: "a",
      title: "Phần A",
      questions: [
        { id: "has_post", type: "yes_no", text: "Có giữ chức vụ?" },
        {
          id: "post",
          type: "short_text",
          text: "Chức vụ gì?",
          showIf: { question: "has_post", equals: true },
          maxLength: 20,
        },
        {
          id: "kind",
          type: "single",
          text: "Nơi làm việc?",
          options: [
            { value: "state", label: "Nhà nước" },
            { value: "private", label: "Tư nhân" },
          ],
        },
      ],
    },
    {
      id: "b",
      title: "Phần B",
      questions: [
        { id: "strengths", type: "long_text", text: "Ưu điểm?", maxLength: 50 },
        {
          id: "areas",
          type: "multi",
          text: "Lĩnh vực?",
          options: [
            { value: "x", label: "Xã hội" },
            { value: "y", label: "Y tế" },
            { value: "z", label: "Giáo dục" },
          ],
          minChoices: 1,
        },
        { id: "score", type: "number", text: "Điểm?", min: 0, max: 30 },
        { id: "note", type: "short_text", text: "Ghi chú?", required: false },
      ],
    },
  ],
});

function run(state: EngineState, ...inputs: (string | { choice: string })[]): EngineState {
  let s = state;
  for (const i of inputs) {
    const r = answer(def, s, typeof i === "string" ? { kind: "text", text: i } : { kind: "choice", value: i.choice });
    if (!r.ok) throw new Error(`${JSON.stringify(i)}: ${problemText(r.error)}`);
    s = r.state;
  }
  return s;
}

/** What the member is told when an answer is not taken (null when it is). */
const said = (r: StepResult) => (r.ok ? null : problemText(r.error));

describe("questionnaire definitions", () => {
  test("duplicate ids and forward conditions are refused", () => {
    expect(
      questionnaireSchema.safeParse({
        id: "x",
        version: 1,
        title: "x",
        sections: [
          {
            id: "s",
            title: "s",
            questions: [
              { id: "a", type: "yes_no", text: "?" },
              { id: "a", type: "yes_no", text: "?" },
            ],
          },
        ],
      }).success,
    ).toBe(false);
    expect(
      questionnaireSchema.safeParse({
        id: "x",
        version: 1,
        title: "x",
        sections: [
          {
            id: "s",
            title: "s",
            questions: [
              { id: "a", type: "yes_no", text: "?", showIf: { question: "b", equals: true } },
              { id: "b", type: "yes_no", text: "?" },
            ],
          },
        ],
      }).success,
    ).toBe(false);
  });
});

describe("the engine", () => {
  test("conditions show and skip questions", () => {
    const s = run(start(def), "không");
    expect(s.current).toBe("kind");
    const s2 = run(start(def), { choice: "yes" });
    expect(s2.current).toBe("post");
    expect(visibleQuestions(def, s2.answers).map((q) => q.id)).toContain("post");
  });

  test("every answer type is validated with a Vietnamese explanation", () => {
    const s = start(def);
    expect(said(answer(def, s, { kind: "text", text: "có lẽ" }))).toBe("Xin trả lời «Có» hoặc «Không».");
    const post = run(s, "co");
    expect(said(answer(def, post, { kind: "text", text: "   " }))).toBe("Câu trả lời không được để trống.");
    expect(said(answer(def, post, { kind: "text", text: "x".repeat(21) }))).toBe(
      "Câu trả lời tối đa 20 ký tự (đang là 21).",
    );
    const kind = run(post, "Tổ trưởng");
    expect(said(answer(def, kind, { kind: "text", text: "3" }))).toBe("Xin chọn một trong 2 phương án.");
    const strengths = run(kind, "tu nhan");
    expect(strengths.answers.kind).toBe("private");
    expect(answer(def, strengths, { kind: "choice", value: DONE })).toMatchObject({ ok: false });
    const areas = run(strengths, "Gương mẫu", "đoàn kết", "xong");
    expect(areas.answers.strengths).toBe("Gương mẫu\nđoàn kết");
    expect(said(answer(def, areas, { kind: "choice", value: DONE }))).toBe("Xin chọn ít nhất 1 phương án.");
    const score = run(areas, { choice: "x" }, { choice: "z" }, { choice: "x" }, { choice: DONE });
    expect(score.answers.areas).toEqual(["z"]);
    expect(said(answer(def, score, { kind: "text", text: "31" }))).toBe("Số phải từ 0 đến 30.");
    expect(said(answer(def, score, { kind: "text", text: "27.5" }))).toBe("Xin nhập số nguyên từ 0 đến 30.");
    expect(answer(def, score, { kind: "text", text: "hai mươi" })).toMatchObject({ ok: false });
    const done = run(score, "27");
    expect(done.current).toBeNull(); // the optional note is not asked in the flow
    expect(isComplete(def, done)).toBe(true);
  });

  test("a long answer over the limit is refused without losing what was gathered", () => {
    const s = run(start(def), "không", "1", "x".repeat(40));
    const r = answer(def, s, { kind: "text", text: "y".repeat(20) });
    expect(r).toMatchObject({ ok: false });
    expect(r.state.draft).toBe("x".repeat(40));
  });

  test("back returns to the previous question; edit from the summary; hidden answers are dropped", () => {
    let s = run(start(def), "có", "Tổ trưởng", "1");
    expect(s.current).toBe("strengths");
    s = back(def, s);
    expect(s.current).toBe("kind");
    s = back(def, s);
    expect(s.current).toBe("post");
    s = run(s, "Tổ phó");
    expect(s.answers.post).toBe("Tổ phó");
    expect(s.current).toBe("strengths");
    const edited = edit(def, s, "has_post")!;
    const after = run(edited, "không");
    expect(after.answers.post).toBeUndefined();
    expect(after.answers.kind).toBe("state");
  });

  test("optional questions can be skipped; required ones cannot", () => {
    const s = start(def);
    expect(said(answer(def, s, { kind: "choice", value: SKIP }))).toBe("Câu này bắt buộc trả lời.");
    const note = edit(def, run(s, "không", "1", "a", "xong", { choice: "x" }, { choice: DONE }, "20"), "note")!;
    expect(run(note, { choice: SKIP }).answers.note).toBeUndefined();
  });

  test("the state is plain JSON: a dialog resumes after a restart", () => {
    const s = run(start(def), "có", "Bí thư chi đoàn", "1", "Ưu điểm một");
    const restored = engineStateSchema.parse(JSON.parse(JSON.stringify(s)));
    const finished = run(restored, "xong", { choice: "y" }, { choice: DONE }, "25");
    expect(finished.answers).toMatchObject({
      has_post: true,
      post: "Bí thư chi đoàn",
      kind: "state",
      strengths: "Ưu điểm một",
      areas: ["y"],
      score: 25,
    });
    expect(formatAnswer(def.sections[1]!.questions[1]!, finished.answers.areas)).toBe("Y tế");
  });
});

describe("question types for surveys", () => {
  const survey = questionnaireSchema.parse({
    id: "volunteer",
    version: 1,
    title: "Ngày tình nguyện",
    sections: [
      {
        id: "s",
        title: "Đăng ký",
        questions: [
          {
            id: "tasks",
            type: "multi",
            text: "Việc đồng chí nhận (tối đa 2):",
            maxChoices: 2,
            options: [
              { value: "clean", label: "Dọn vệ sinh" },
              { value: "cook", label: "Nấu ăn" },
              { value: "guide", label: "Hướng dẫn" },
            ],
          },
          { id: "rating", type: "scale", text: "Buổi trước thế nào?" },
          { id: "day", type: "date", text: "Ngày đồng chí rảnh:" },
        ],
      },
    ],
  });
  const said = (r: StepResult) => (r.ok ? null : problemText(r.error));

  test("several choices typed at once, as on Zalo; no more than the maximum", () => {
    const s = start(survey);
    expect(said(answer(survey, s, { kind: "text", text: "1, 2, 3" }))).toBe("Chọn tối đa 2 phương án.");
    expect(said(answer(survey, s, { kind: "text", text: "1,7" }))).toBe("Xin chọn các phương án, rồi bấm «Xong».");
    const two = answer(survey, s, { kind: "text", text: "3 1" });
    expect(two).toMatchObject({ ok: true, state: { draft: ["clean", "guide"] } });
    const third = answer(survey, two.state, { kind: "choice", value: "cook" });
    expect(said(third)).toBe("Chọn tối đa 2 phương án.");
    const done = answer(survey, two.state, { kind: "choice", value: DONE });
    expect(done).toMatchObject({ ok: true, state: { answers: { tasks: ["clean", "guide"] }, current: "rating" } });
  });

  test("a scale takes 1 to 5; a date takes a day that exists, stored as yyyy-mm-dd", () => {
    const at = (id: string) => ({ answers: { tasks: ["cook"] }, current: id, history: ["tasks"] });
    expect(said(answer(survey, at("rating"), { kind: "text", text: "6" }))).toBe("Số phải từ 1 đến 5.");
    expect(answer(survey, at("rating"), { kind: "choice", value: "4" })).toMatchObject({
      ok: true,
      state: { answers: { rating: 4 } },
    });
    expect(said(answer(survey, at("day"), { kind: "text", text: "31/02/2027" }))).toBe(
      "Xin nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/12/2026.",
    );
    const day = answer(survey, at("day"), { kind: "text", text: "5/1/2027" });
    expect(day).toMatchObject({ ok: true, state: { answers: { day: "2027-01-05" } } });
    const q = survey.sections[0]!.questions;
    expect(formatAnswer(q[1]!, 4)).toBe("4/5");
    expect(formatAnswer(q[2]!, "2027-01-05")).toBe("05/01/2027");
  });
});

describe("a whole answer at once, as a web form sends it", () => {
  const at = (id: string): EngineState => ({ ...start(def), current: id });
  const whole = (state: EngineState, value: string | string[]) => answerWhole(def, state, value);

  test("ticks of a multiple choice are taken as they are, in the options' order; none is refused", () => {
    const r = whole({ ...at("areas"), draft: ["x"] }, ["z", "y"]);
    expect(r.ok && r.state.answers.areas).toEqual(["y", "z"]);
    const none = whole(at("areas"), []);
    expect(none.ok ? null : problemText(none.error)).toContain("1");
  });

  test("a long text replaces what was gathered; empty is refused when required", () => {
    const r = whole({ ...at("strengths"), draft: "cũ" }, "Tận tuỵ với công việc.");
    expect(r.ok && r.state.answers.strengths).toBe("Tận tuỵ với công việc.");
    const empty = whole(at("strengths"), "  ");
    expect(empty.ok ? null : problemText(empty.error)).toBe("Câu trả lời không được để trống.");
    const long = whole(at("strengths"), "x".repeat(51));
    expect(long.ok).toBe(false);
  });

  test("a picked value, a typed number; a number out of range keeps the question", () => {
    const yes = whole(at("has_post"), "yes");
    expect(yes.ok && yes.state.answers.has_post).toBe(true);
    const kind = whole(at("kind"), "private");
    expect(kind.ok && kind.state.answers.kind).toBe("private");
    const out = whole(at("score"), "31");
    expect(out.ok).toBe(false);
    expect(out.state.current).toBe("score");
    const ok = whole(at("score"), "30");
    expect(ok.ok && ok.state.answers.score).toBe(30);
  });
});

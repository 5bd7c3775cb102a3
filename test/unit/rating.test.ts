import { describe, expect, test } from "vitest";
import { problemText } from "../../src/texts/questionnaire.ts";
import {
  allowedLevels,
  checkSplit,
  countLevels,
  DEFAULT_SPLIT,
  goodOrAboveShare,
  levelForScore,
  quotaCheck,
  ScoreSplitError,
  type Level,
} from "../../src/domain/rating.ts";

const none = { decline: false, discipline: false, breach: false, tasksUndone: false };
const excellent = { beyondRequirement: true, shortcomingsFixed: true };

describe("score boundaries", () => {
  test.each([
    [100, "xuat_sac"],
    [90, "xuat_sac"],
    [89, "tot"],
    [70, "tot"],
    [69, "hoan_thanh"],
    [50, "hoan_thanh"],
    [49, "khong_hoan_thanh"],
    [0, "khong_hoan_thanh"],
  ])("%s points: %s", (total, level) => expect(levelForScore(total)).toBe(level));
});

describe("levels a member may propose", () => {
  test("the level reached and the lower ones, never 'không hoàn thành' without cause", () => {
    expect(allowedLevels(92, none, excellent)).toEqual(["xuat_sac", "tot", "hoan_thanh"]);
    expect(allowedLevels(75, none, excellent)).toEqual(["tot", "hoan_thanh"]);
    expect(allowedLevels(55, none, excellent)).toEqual(["hoan_thanh"]);
    expect(allowedLevels(40, none, excellent)).toEqual(["khong_hoan_thanh"]);
  });
  test("'xuất sắc' also needs 30% beyond requirement and last year's shortcomings fixed", () => {
    expect(allowedLevels(95, none, { beyondRequirement: false, shortcomingsFixed: true })).toEqual([
      "tot",
      "hoan_thanh",
    ]);
    expect(allowedLevels(95, none, { beyondRequirement: true, shortcomingsFixed: false })).toEqual([
      "tot",
      "hoan_thanh",
    ]);
  });
  test.each(["decline", "discipline", "breach", "tasksUndone"] as const)(
    "trigger %s leaves only 'không hoàn thành'",
    (trigger) => {
      expect(allowedLevels(98, { ...none, [trigger]: true }, excellent)).toEqual(["khong_hoan_thanh"]);
    },
  );
});

describe("quota on 'xuất sắc'", () => {
  const levels = (x: number, t: number, h = 0, k = 0): Level[] => [
    ...Array<Level>(x).fill("xuat_sac"),
    ...Array<Level>(t).fill("tot"),
    ...Array<Level>(h).fill("hoan_thanh"),
    ...Array<Level>(k).fill("khong_hoan_thanh"),
  ];
  test("at most 20% of 'hoàn thành tốt'", () => {
    expect(quotaCheck(countLevels(levels(2, 10)))).toEqual({ max: 2, ok: true });
    expect(quotaCheck(countLevels(levels(3, 10)))).toEqual({ max: 2, ok: false });
    expect(quotaCheck(countLevels(levels(1, 4)))).toEqual({ max: 0, ok: false });
  });
  test("25% for outstanding units (configurable)", () => {
    expect(quotaCheck(countLevels(levels(3, 12)), 0.25)).toEqual({ max: 3, ok: true });
  });
  test("share rated good or above", () => {
    expect(goodOrAboveShare(countLevels(levels(1, 6, 2, 1)))).toBe(0.7);
  });
});

describe("the split of 30 + 70 points", () => {
  test("the default adds up", () => expect(checkSplit(DEFAULT_SPLIT)).toBe(DEFAULT_SPLIT));
  test("a split that does not add up is refused", () => {
    expect(() => checkSplit({ general: { a: 20 }, tasks: { b: 70 } })).toThrow(ScoreSplitError);
    expect(() => checkSplit({ general: { a: 30 }, tasks: { b: 60, c: 5 } })).toThrow("70 điểm (đang là 65)");
  });
});

describe("the self-review forms", async () => {
  const { buildSelfReviewForm, scoreTotals, allowedLevelsFor, scoreQuestionId, FORM_KINDS } =
    await import("../../src/domain/forms/self-review.ts");
  const { start, answer, visibleQuestions } = await import("../../src/domain/questionnaire.ts");

  test("2A, 2B and 2C build from the default split with one question per sub-point", () => {
    for (const kind of FORM_KINDS) {
      const form = buildSelfReviewForm(kind, DEFAULT_SPLIT);
      expect(form.sections.map((s) => s.id)).toEqual(["header", "a1", "a2", "a3", "a4", "a5", "a6", "b"]);
      expect(form.sections.at(-1)!.questions.filter((q) => q.type === "number")).toHaveLength(5);
    }
    expect(buildSelfReviewForm("2A", DEFAULT_SPLIT).sections[1]!.questions[1]!.text).toContain("người đứng đầu");
    expect(buildSelfReviewForm("2C", DEFAULT_SPLIT).sections[1]!.questions[1]!.text).toContain("nơi cư trú");
  });

  test("a sub-point cannot exceed its maximum", () => {
    const form = buildSelfReviewForm("2C", DEFAULT_SPLIT);
    const id = scoreQuestionId("general", "Chính trị tư tưởng", 0);
    const r = answer(form, { answers: {}, current: id, history: [] }, { kind: "text", text: "11" });
    expect(r).toMatchObject({ ok: false, error: { code: "range", min: 0, max: 10 } });
    expect(r.ok ? null : problemText(r.error)).toBe("Số phải từ 0 đến 10.");
  });

  test("totals and allowed levels follow the answers", () => {
    const answers: Record<string, number | boolean | string> = {};
    Object.keys(DEFAULT_SPLIT.general).forEach((l, i) => (answers[scoreQuestionId("general", l, i)] = 9));
    Object.keys(DEFAULT_SPLIT.tasks).forEach((l, i) => (answers[scoreQuestionId("tasks", l, i)] = i === 0 ? 46 : 18));
    expect(scoreTotals(DEFAULT_SPLIT, answers)).toEqual({ general: 27, tasks: 64, total: 91 });
    Object.assign(answers, {
      t_decline: false,
      t_discipline: false,
      t_breach: false,
      t_undone: false,
      beyond: true,
      a3_progress: "fixed",
    });
    expect(allowedLevelsFor(DEFAULT_SPLIT, answers)).toEqual(["xuat_sac", "tot", "hoan_thanh"]);
    expect(allowedLevelsFor(DEFAULT_SPLIT, { ...answers, a3_progress: "fixing" })).toEqual(["tot", "hoan_thanh"]);
    expect(allowedLevelsFor(DEFAULT_SPLIT, { ...answers, t_discipline: true })).toEqual(["khong_hoan_thanh"]);
  });

  test("conditional sections: explanations are asked only when there is something to explain", () => {
    const form = buildSelfReviewForm("2C", DEFAULT_SPLIT);
    const ids = visibleQuestions(form, { a4_has: false, a5_has: true, a3_progress: "none" }).map((q) => q.id);
    expect(ids).not.toContain("a4_text");
    expect(ids).toContain("a5_text");
    expect(ids).not.toContain("a3_detail");
    expect(start(form).current).toBe("header_ok");
  });
});

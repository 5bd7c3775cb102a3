/**
 * Nothing personal is kept longer than the archive rule allows: message texts, leave reasons, self-review answers,
 * the names on survey answers.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { cleanupOldRows } from "../../src/services/scheduled/cleanup.ts";
import { addMonthsToInstant } from "../../src/domain/time.ts";
import { freshDb } from "../support/db.ts";
import { reviewRows } from "../../src/services/review-export.ts";
import { cliActor } from "../../src/services/meetings.ts";
import { DEFAULT_SPLIT } from "../../src/domain/rating.ts";
import { seedBranch } from "../support/fixtures.ts";
import { surveyQuestionnaire } from "../../src/domain/survey.ts";
import { surveyResultsFor } from "../../src/services/surveys.ts";
import { createOutbox } from "../../src/delivery/outbox.ts";
import { TEST_SETTINGS } from "../support/services.ts";

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDb());
});
afterEach(async () => db.$disconnect());

const NOW = new Date("2027-12-20T03:00:00Z");
const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const testDeps = () => ({
  db,
  clock: () => NOW,
  outbox: createOutbox({ db, clock: () => NOW }),
  settings: TEST_SETTINGS,
});
const run = () => cleanupOldRows({ db, clock: () => NOW, retention: { messageDays: 30, graceMonths: 12 } });

test(
  "message texts after 30 days, leave reasons 12 months after the " +
    "meeting, review answers 12 months after the lock",
  async () => {
    const { branch, members } = await seedBranch(db, { members: [{ fullName: "Đặng Văn Một" }] });
    const m = members[0]!;
    const row = (key: string, status: "sent" | "failed" | "pending", createdAt: Date) => ({
      idempotencyKey: key,
      channel: "telegram" as const,
      chatId: "1",
      memberId: m.id,
      payload: JSON.stringify({ text: `Lý do: ốm ${key}` }),
      status,
      createdAt,
    });
    await db.outbox.createMany({
      data: [
        row("old-sent", "sent", days(31)),
        row("old-failed", "failed", days(40)),
        row("new-sent", "sent", days(29)),
        row("old-pending", "pending", days(31)),
      ],
    });
    const oldMeeting = await db.meeting.create({
      data: {
        branchId: branch.id,
        kind: "regular",
        startsAt: addMonthsToInstant(NOW, -13),
        place: "X",
        status: "held",
      },
    });
    const recentMeeting = await db.meeting.create({
      data: {
        branchId: branch.id,
        kind: "regular",
        startsAt: addMonthsToInstant(NOW, -11),
        place: "X",
        status: "held",
      },
    });
    await db.response.create({
      data: {
        meetingId: oldMeeting.id,
        memberId: m.id,
        answer: "leave_accepted",
        reason: "Ốm nặng",
        attendance: "absent",
      },
    });
    await db.response.create({
      data: {
        meetingId: recentMeeting.id,
        memberId: m.id,
        answer: "leave_accepted",
        reason: "Đi công tác",
        attendance: "absent",
      },
    });
    const state = JSON.stringify({ answers: { a2_shortcomings: "Còn chậm" }, current: null, history: [] });
    const locked = await db.reviewCampaign.create({
      data: {
        branchId: branch.id,
        year: 2025,
        deadline: new Date("2025-12-05T10:00:00Z"),
        split: JSON.stringify(DEFAULT_SPLIT),
        status: "locked",
        lockedAt: new Date("2025-12-20T03:00:00Z"),
        createdBy: "cli",
      },
    });
    const lockedRecently = await db.reviewCampaign.create({
      data: {
        branchId: branch.id,
        year: 2026,
        deadline: new Date("2026-12-05T10:00:00Z"),
        split: JSON.stringify(DEFAULT_SPLIT),
        status: "locked",
        lockedAt: new Date("2026-12-21T03:00:00Z"),
        createdBy: "cli",
      },
    });
    await db.selfReview.create({
      data: {
        campaignId: locked.id,
        memberId: m.id,
        form: "2C",
        state,
        status: "submitted",
        total: 82,
        proposedLevel: "tot",
        finalLevel: "tot",
      },
    });
    await db.selfReview.create({
      data: {
        campaignId: lockedRecently.id,
        memberId: m.id,
        form: "2C",
        state,
        status: "submitted",
        total: 75,
        finalLevel: "tot",
      },
    });

    expect(await run()).toMatchObject({ messageTexts: 2, leaveReasons: 1, reviewAnswers: 1 });
    expect(await run()).toMatchObject({ messageTexts: 0, leaveReasons: 0, reviewAnswers: 0 });

    const texts = Object.fromEntries(
      (await db.outbox.findMany()).map((r) => [r.idempotencyKey, [r.payload, r.status, r.memberId]]),
    );
    expect(texts).toEqual({
      "old-sent": ["{}", "sent", m.id],
      "old-failed": ["{}", "failed", m.id],
      "new-sent": [JSON.stringify({ text: "Lý do: ốm new-sent" }), "sent", m.id],
      "old-pending": [JSON.stringify({ text: "Lý do: ốm old-pending" }), "pending", m.id],
    });
    const responses = await db.response.findMany({ orderBy: { id: "asc" } });
    expect(responses.map((r) => [r.answer, r.reason])).toEqual([
      ["leave_accepted", null],
      ["leave_accepted", "Đi công tác"],
    ]);
    const reviews = await db.selfReview.findMany({ orderBy: { id: "asc" } });
    expect(reviews.map((r) => [r.state, r.total, r.finalLevel])).toEqual([
      ["{}", 82, "tot"],
      [state, 75, "tot"],
    ]);
    // The branch's report still reads: levels kept, answers gone.
    const rows = await reviewRows(db, cliActor, locked.id);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.at(-1)).toBe("Hoàn thành tốt nhiệm vụ");
  },
);

test("a named survey's answers lose their names 12 months after its deadline; its totals stay", async () => {
  const { branch, members } = await seedBranch(db, {
    members: [{ fullName: "Đặng Văn Một" }, { fullName: "Đặng Văn Hai" }],
  });
  const definition = JSON.stringify(
    surveyQuestionnaire("Cũ", [
      { title: "", questions: [{ id: "q1", type: "yes_no", text: "Đồng ý?", required: true }] },
    ]),
  );
  const survey = (deadline: Date) =>
    db.survey.create({
      data: {
        organisationId: branch.organisationId,
        branchId: branch.id,
        createdBy: "cli",
        title: "Cũ",
        definition,
        audience: JSON.stringify({ branchIds: [branch.id], audience: "all" }),
        deadline,
      },
    });
  const old = await survey(addMonthsToInstant(NOW, -13));
  const recent = await survey(addMonthsToInstant(NOW, -11));
  const answered = JSON.stringify({ answers: { q1: true }, current: null, history: ["q1"] });
  for (const s of [old, recent])
    await db.surveyRecipient.createMany({
      data: [
        {
          surveyId: s.id,
          memberId: members[0]!.id,
          branchId: branch.id,
          status: "answered",
          state: answered,
          answeredAt: s.deadline,
        },
        {
          surveyId: s.id,
          memberId: members[1]!.id,
          branchId: branch.id,
          status: "answering",
          state: answered.replace("null", '"q1"'),
        },
      ],
    });
  expect(await run()).toMatchObject({ surveyAnswers: 2 });
  expect(await run()).toMatchObject({ surveyAnswers: 0 });
  const oldRows = await db.surveyRecipient.findMany({ where: { surveyId: old.id }, orderBy: { memberId: "asc" } });
  expect(oldRows.map((r) => [r.status, r.state, r.answeredAt])).toEqual([
    ["answered", "{}", null],
    ["answering", "{}", null],
  ]);
  expect((await db.surveyAnswer.findMany({ where: { surveyId: old.id } })).map((a) => a.answers)).toEqual([
    JSON.stringify({ q1: true }),
  ]);
  const results = await surveyResultsFor(testDeps(), cliActor, old.id);
  expect(results.sheets).toEqual([{ branchId: branch.id, name: null, answers: { q1: true } }]);
  expect(results.status).toMatchObject({ recipients: 2, answered: 1 });
  expect((await db.surveyRecipient.findMany({ where: { surveyId: recent.id } })).map((r) => r.state)).toEqual([
    answered,
    answered.replace("null", '"q1"'),
  ]);
});

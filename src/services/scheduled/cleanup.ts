/**
 * Keeps nothing longer than it is needed (the archive rule in the domain guide):
 * - bookkeeping: seen update ids (7 days), failed link attempts (2 days), meetings' reminder shapes once written or
 *   cancelled (7 days: by then the meeting is past the planner's look-back);
 * - message texts: once a message is settled (sent, failed, skipped, cancelled)
 *   for `messageDays`, only its key, recipient, kind and status remain;
 * - leave reasons: a meeting's attendance is final once it is held; its reasons
 *   are kept `graceMonths` after the meeting, then only "with reason / without"
 *   remains (the answer itself);
 * - self-review answers: the signed form is on paper in the member's file, so
 *   the answers are kept `graceMonths` after the review is locked, then only
 *   the levels and the score;
 * - survey answers: a named survey's answers are kept with the names
 *   `graceMonths` after its deadline, then the names are taken off (each sheet
 *   becomes an anonymous one, as in an anonymous survey) and unsent drafts go.
 */
import { isPostgresql, type Db } from "../../db/client.ts";
import { addAnonymousAnswers, type AnonymousAnswer } from "../../db/anonymous-answers.ts";
import { addMonthsToInstant, type Clock } from "../../domain/time.ts";

export interface RetentionSettings {
  messageDays: number;
  graceMonths: number;
}

export interface CleanupResult {
  seen: number;
  attempts: number;
  fanouts: number;
  messageTexts: number;
  leaveReasons: number;
  reviewAnswers: number;
  surveyAnswers: number;
}

export async function cleanupOldRows(deps: {
  db: Db;
  clock: Clock;
  retention: RetentionSettings;
}): Promise<CleanupResult> {
  const { db } = deps;
  const now = deps.clock();
  const ms = now.getTime();
  const seen = await db.inboundSeen.deleteMany({ where: { at: { lt: new Date(ms - 7 * 86_400_000) } } });
  const attempts = await db.linkAttempt.deleteMany({ where: { at: { lt: new Date(ms - 2 * 86_400_000) } } });
  const fanouts = await db.outboxFanout.deleteMany({
    where: { status: { in: ["done", "cancelled"] }, updatedAt: { lt: new Date(ms - 7 * 86_400_000) } },
  });
  const messageTexts = await db.outbox.updateMany({
    where: {
      status: { in: ["sent", "failed", "skipped", "cancelled"] },
      createdAt: { lt: new Date(ms - deps.retention.messageDays * 86_400_000) },
      payload: { not: "{}" },
    },
    data: { payload: "{}", lastError: null },
  });
  const graceStart = addMonthsToInstant(now, -deps.retention.graceMonths);
  const leaveReasons = await db.response.updateMany({
    where: { reason: { not: null }, meeting: { status: { in: ["held", "cancelled"] }, startsAt: { lt: graceStart } } },
    data: { reason: null },
  });
  const reviewAnswers = await db.selfReview.updateMany({
    where: { state: { not: "{}" }, campaign: { status: "locked", lockedAt: { lt: graceStart } } },
    data: { state: "{}" },
  });
  const surveyAnswers = await detachSurveyAnswers(db, graceStart);
  return {
    surveyAnswers,
    seen: seen.count,
    attempts: attempts.count,
    fanouts: fanouts.count,
    messageTexts: messageTexts.count,
    leaveReasons: leaveReasons.count,
    reviewAnswers: reviewAnswers.count,
  };
}

/** Named surveys whose deadline is older than `before`: answers kept without names, drafts dropped. */
async function detachSurveyAnswers(db: Db, before: Date): Promise<number> {
  const rows = await db.surveyRecipient.findMany({
    where: { state: { not: "{}" }, survey: { deadline: { lt: before } } },
    select: { id: true, surveyId: true, branchId: true, status: true, state: true },
  });
  if (rows.length === 0) return 0;
  await db.$transaction(async (tx) => {
    const kept: AnonymousAnswer[] = [];
    for (const r of rows) {
      if (r.status === "answered") {
        const answers = (JSON.parse(r.state) as { answers?: unknown }).answers ?? {};
        kept.push({ surveyId: r.surveyId, branchId: r.branchId, answers: JSON.stringify(answers) });
      }
    }
    await addAnonymousAnswers(tx, isPostgresql(db), kept);
    for (const r of rows) {
      await tx.surveyRecipient.update({ where: { id: r.id }, data: { state: "{}", answeredAt: null } });
    }
  });
  return rows.length;
}

/**
 * Reminds members who have not submitted their self-review: weekly after the
 * review opens, then 3 days and 1 day before the deadline (at 08:00 local),
 * naming the section still missing. Each step once per member (idempotency key).
 */
import type { Db } from "../../db/client.ts";
import type { Outbox } from "../../delivery/outbox.ts";
import { buildSelfReviewForm, formKindOf } from "../../domain/forms/self-review.ts";
import { sectionOf } from "../../domain/questionnaire.ts";
import { formatDateTime, fromLocal, localParts, type Clock } from "../../domain/time.ts";
import { deliveryTargets } from "../members.ts";
import { campaignSplit, participants, reviewState } from "../self-review.ts";
import { t } from "../../texts/vi.ts";

export function reviewReminderStep(opened: Date, deadline: Date, now: Date, tz: string): string | null {
  if (now >= deadline) return null;
  const d = localParts(deadline, tz);
  const at8 = (daysBefore: number) => {
    const day = new Date(Date.UTC(d.year, d.month - 1, d.day - daysBefore));
    return fromLocal(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: 8, minute: 0 },
      tz,
    );
  };
  if (now >= at8(1)) return "d-1";
  if (now >= at8(3)) return "d-3";
  const weeks = Math.floor((now.getTime() - opened.getTime()) / (7 * 86_400_000));
  return weeks >= 1 ? `w${weeks}` : null;
}

export async function planReviewReminders(deps: {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  timeZone: string;
}): Promise<number> {
  const now = deps.clock();
  const campaigns = await deps.db.reviewCampaign.findMany({ where: { status: "open", deadline: { gt: now } } });
  let queued = 0;
  for (const campaign of campaigns) {
    const step = reviewReminderStep(campaign.createdAt, campaign.deadline, now, deps.timeZone);
    if (!step) continue;
    const { taking } = await participants(deps.db, campaign);
    const reviews = await deps.db.selfReview.findMany({ where: { campaignId: campaign.id } });
    const open = taking.filter((m) => reviews.find((r) => r.memberId === m.id)?.status !== "submitted");
    const targets = await deliveryTargets(
      deps.db,
      open.map((m) => m.id),
    );
    const split = campaignSplit(campaign);
    queued += await deps.outbox.enqueue(
      [...targets.values()].map((target) => {
        const review = reviews.find((r) => r.memberId === target.memberId);
        const state = review ? reviewState(review) : null;
        const section =
          review && state?.current
            ? (sectionOf(buildSelfReviewForm(formKindOf(review.form), split), state.current)?.title ?? null)
            : null;
        return {
          key: `review-reminder:${campaign.id}:${target.memberId}:${step}`,
          channel: target.channel,
          chatId: target.chatId,
          memberId: target.memberId,
          priority: "bulk" as const,
          kind: "review_reminder",
          message: { text: t.reviewReminder(formatDateTime(campaign.deadline, deps.timeZone), section) },
        };
      }),
    );
  }
  return queued;
}

/**
 * Nudges the members who have not answered an open survey (nor sent an
 * anonymous one): at each configured step before the deadline (by default 3
 * days before and the morning of the last day, 08:00 local), once per member
 * and step (idempotency key), on one channel, never in quiet hours. A survey
 * closed early or past its deadline gets no more nudges.
 */
import type { Db } from "../../db/client.ts";
import type { Outbox } from "../../delivery/outbox.ts";
import {
  chooseDueStep,
  outsideQuietHours,
  reminderDueAt,
  type LeadTime,
  type QuietHours,
} from "../../domain/reminders.ts";
import { formatDateTime, type Clock } from "../../domain/time.ts";
import { surveyTexts as st } from "../../texts/surveys.ts";
import { deliveryTargets } from "../members.ts";

export async function planSurveyReminders(deps: {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  timeZone: string;
  quietHours: QuietHours | null;
  steps: LeadTime[];
}): Promise<number> {
  const now = deps.clock();
  const surveys = await deps.db.survey.findMany({ where: { status: "open", deadline: { gt: now } } });
  let queued = 0;
  for (const survey of surveys) {
    const due = deps.steps
      .map((lead) => ({ lead, at: reminderDueAt(survey.deadline, lead, deps.timeZone) }))
      .filter((s): s is { lead: LeadTime; at: Date } => s.at !== null && s.at <= now);
    // A step that fell due before the survey was sent is not a reminder; of the rest only the latest goes out.
    const { send } = chooseDueStep(due, survey.createdAt);
    if (!send) continue;
    const waiting = await deps.db.surveyRecipient.findMany({
      where: { surveyId: survey.id, status: { not: "answered" } },
      select: { memberId: true, status: true },
    });
    const targets = await deliveryTargets(
      deps.db,
      waiting.map((w) => w.memberId),
    );
    const deadline = formatDateTime(survey.deadline, deps.timeZone);
    const notBefore = outsideQuietHours(now, deps.quietHours, deps.timeZone);
    const started = new Set(waiting.filter((w) => w.status === "answering").map((w) => w.memberId));
    const messages = {
      started: {
        text: st.nudge(survey.title, deadline, true),
        choices: [[{ data: `survey:${survey.id}`, label: st.btnAnswer }]],
      },
      fresh: {
        text: st.nudge(survey.title, deadline, false),
        choices: [[{ data: `survey:${survey.id}`, label: st.btnAnswer }]],
      },
    };
    queued += await deps.outbox.enqueue(
      [...targets.values()].map((t) => ({
        key: `survey-nudge:${survey.id}:${t.memberId}:${send.lead.step}`,
        channel: t.channel,
        chatId: t.chatId,
        memberId: t.memberId,
        priority: "bulk" as const,
        kind: "survey_nudge",
        message: started.has(t.memberId) ? messages.started : messages.fresh,
        groupKey: `survey:${survey.id}`,
        notBefore,
        expiresAt: survey.deadline,
      })),
    );
  }
  return queued;
}

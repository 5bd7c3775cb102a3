/**
 * Computes which meeting reminders are due and queues them in the outbox.
 * Idempotent: keys name (meeting, member, step, meeting time), so running it
 * every minute, after a restart, or twice at once queues each reminder once.
 * Reminders that fell due while the bot was down are sent if the meeting has
 * not started, otherwise stored as skipped.
 */
import type { Db } from "../db/client.ts";
import { outsideQuietHours, reminderDueAt, parseLeadTimes, type LeadTime, type QuietHours } from "../domain/reminders.ts";
import type { Clock } from "../domain/time.ts";
import type { Outbox, OutboxItem } from "../delivery/outbox.ts";
import { deliveryTargets } from "../services/members.ts";
import { expectedMembers } from "../services/meetings.ts";
import { meetingGroup, rsvpChoices } from "../services/meeting-notices.ts";
import { meetingBlock, t } from "../texts/vi.ts";

export interface PlanRemindersDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  timeZone: string;
  quietHours: QuietHours | null;
  leadTimes: LeadTime[];
  nudge: LeadTime | null;
  nudgeEnabled: boolean;
}

/** How far back we still look for reminders missed during downtime. */
const LOOKBACK_MS = 2 * 86_400_000;

export async function planReminders(deps: PlanRemindersDeps): Promise<{ queued: number; skipped: number }> {
  const now = deps.clock();
  const maxLeadDays = Math.max(...deps.leadTimes.map((l) => l.daysBefore), deps.nudge?.daysBefore ?? 0) + 1;
  const meetings = await deps.db.meeting.findMany({
    where: {
      status: { in: ["planned", "changed"] },
      startsAt: { gt: new Date(now.getTime() - LOOKBACK_MS), lte: new Date(now.getTime() + maxLeadDays * 86_400_000) },
    },
    include: { branch: true },
  });
  let queued = 0;
  let skipped = 0;
  for (const meeting of meetings) {
    const leads = meeting.branch.reminderLeads ? parseLeadTimes(meeting.branch.reminderLeads) : deps.leadTimes;
    const nudgeOn = meeting.branch.nudgeEnabled ?? deps.nudgeEnabled;
    const steps: { lead: LeadTime; nudge: boolean }[] = leads.map((lead) => ({ lead, nudge: false }));
    if (nudgeOn && deps.nudge) steps.push({ lead: deps.nudge, nudge: true });
    const due = steps
      .map((s) => ({ ...s, at: reminderDueAt(meeting.startsAt, s.lead, deps.timeZone) }))
      .filter((s): s is typeof s & { at: Date } => s.at !== null && s.at <= now);
    if (due.length === 0) continue;

    const members = await expectedMembers(deps.db, meeting);
    const targets = await deliveryTargets(deps.db, members.map((m) => m.id));
    const responses = await deps.db.response.findMany({ where: { meetingId: meeting.id } });
    const answerOf = new Map(responses.map((r) => [r.memberId, r.answer]));
    const started = meeting.startsAt <= now;
    const block = meetingBlock(meeting, deps.timeZone);
    const isToday = (lead: LeadTime) => lead.daysBefore === 0;
    const items: OutboxItem[] = [];
    for (const step of due) {
      for (const target of targets.values()) {
        const answer = answerOf.get(target.memberId) ?? null;
        if (step.nudge && answer) continue; // the nudge is only for those who have not answered
        const text = step.nudge ? t.nudge(block) : t.reminder(block, isToday(step.lead) ? "today" : "soon", answer);
        items.push({
          key: `${step.nudge ? "meeting-nudge" : "meeting-reminder"}:${meeting.id}:${target.memberId}:${step.lead.step}:${meeting.startsAt.toISOString()}`,
          channel: target.channel,
          chatId: target.chatId,
          memberId: target.memberId,
          priority: "bulk",
          kind: step.nudge ? "meeting_nudge" : "meeting_reminder",
          message: { text, choices: rsvpChoices(meeting.id) },
          notBefore: outsideQuietHours(now, deps.quietHours, deps.timeZone),
          expiresAt: meeting.startsAt,
          groupKey: meetingGroup(meeting.id),
          ...(started ? { skipped: "meeting had started when the reminder could be sent" } : {}),
        });
      }
    }
    const inserted = await deps.outbox.enqueue(items);
    if (started) skipped += inserted;
    else queued += inserted;
  }
  return { queued, skipped };
}

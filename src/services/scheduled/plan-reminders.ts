/**
 * Computes which meeting reminders are due and queues them in the outbox.
 * Idempotent: keys name (meeting, member, step, meeting time), so running it
 * every minute, after a restart, or twice at once queues each reminder once.
 * Reminders that fell due while the bot was down are sent if the meeting has
 * not started, otherwise stored as skipped.
 */
import type { Db } from "../../db/client.ts";
import { hotQueries, type BranchMember } from "../../db/hot-queries.ts";
import {
  chooseDueStep,
  outsideQuietHours,
  reminderDueAt,
  parseLeadTimes,
  type LeadTime,
  type QuietHours,
} from "../../domain/reminders.ts";
import type { Clock } from "../../domain/time.ts";
import type { Outbox, OutboxItem } from "../../delivery/outbox.ts";
import type { OutgoingMessage } from "../../messaging/types.ts";
import { isExemptAt } from "../../domain/attendance.ts";
import { branchDeliveryTargets, deliveryTargets } from "../members.ts";
import { guestsOf } from "../liaisons.ts";
import { meetingGroup, rsvpChoices } from "../meeting-notices.ts";
import { meetingBlock, t } from "../../texts/vi.ts";

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
  const meetings = await hotQueries(deps.db).meetingsStartingIn(
    new Date(now.getTime() - LOOKBACK_MS),
    new Date(now.getTime() + maxLeadDays * 86_400_000),
  );
  // Branches of a province meet at a handful of distinct times: work out each (time, lead time) once.
  const dueTimes = new Map<string, Date | null>();
  const dueAt = (startsAt: Date, lead: LeadTime) => {
    const key = `${startsAt.getTime()}:${lead.step}`;
    let at = dueTimes.get(key);
    if (at === undefined) dueTimes.set(key, (at = reminderDueAt(startsAt, lead, deps.timeZone)));
    return at;
  };
  // Work out which steps are due first, then load members, accounts and answers of
  // every concerned branch in three queries (this runs every minute, for a whole ward).
  const plans = meetings.flatMap((meeting) => {
    const leads = meeting.branch.reminderLeads ? parseLeadTimes(meeting.branch.reminderLeads) : deps.leadTimes;
    const nudgeOn = meeting.branch.nudgeEnabled ?? deps.nudgeEnabled;
    const steps: { lead: LeadTime; nudge: boolean }[] = leads.map((lead) => ({ lead, nudge: false }));
    if (nudgeOn && deps.nudge) steps.push({ lead: deps.nudge, nudge: true });
    const due = steps.flatMap((s) => {
      const at = dueAt(meeting.startsAt, s.lead);
      return at !== null && at <= now ? [{ ...s, at }] : [];
    });
    return due.length ? [{ meeting, due }] : [];
  });
  if (plans.length === 0) return { queued: 0, skipped: 0 };
  // A chunk of meetings at a time keeps memory flat for a province-sized database. While one chunk's messages are
  // written, the next chunk is read and worked out (PostgreSQL does the one while this process does the other);
  // chunks are written one after the other, in order.
  let queued = 0;
  let skipped = 0;
  let writing: Promise<void> | null = null;
  for (let i = 0; i < plans.length; i += 200) {
    const { fresh, late } = await planChunk(deps, plans.slice(i, i + 200), now);
    await writing;
    writing = (async () => {
      queued += await deps.outbox.enqueue(fresh);
      skipped += await deps.outbox.enqueue(late);
    })();
    // Reported when awaited above or below, not as an unhandled rejection in between.
    writing.catch(() => undefined);
  }
  await writing;
  return { queued, skipped };
}

type Plan = {
  meeting: {
    id: number;
    branchId: number;
    startsAt: Date;
    kind: string;
    place: string;
    agenda: string;
    status: string;
    createdAt: Date;
    updatedAt: Date;
  };
  due: { lead: LeadTime; nudge: boolean; at: Date }[];
};

async function planChunk(
  deps: PlanRemindersDeps,
  plans: Plan[],
  now: Date,
): Promise<{ fresh: OutboxItem[]; late: OutboxItem[] }> {
  const branchIds = [...new Set(plans.map((p) => p.meeting.branchId))];
  const meetingIds = plans.map((p) => p.meeting.id);
  const queries = hotQueries(deps.db);
  const members = await queries.branchMembers(branchIds);
  const targets = await branchDeliveryTargets(deps.db, branchIds);
  const responses = await queries.answers(meetingIds);
  const membersOf = new Map<number, BranchMember[]>();
  for (const m of members) {
    const list = membersOf.get(m.branchId);
    if (list) list.push(m);
    else membersOf.set(m.branchId, [m]);
  }
  const answerOf = new Map(responses.map((r) => [`${r.meetingId}:${r.memberId}`, r.answer]));
  // Committee members in charge get the reminders of the branches they follow, as guests (no nudge).
  const guests = await guestsOf(
    deps.db,
    plans.map((p) => p.meeting),
  );
  const guestTargets =
    guests.size > 0 ? await deliveryTargets(deps.db, [...new Set([...guests.values()].flat())]) : new Map();
  const guestAnswers =
    guests.size > 0 ? await deps.db.guestResponse.findMany({ where: { meetingId: { in: [...guests.keys()] } } }) : [];
  for (const g of guestAnswers) if (g.answer) answerOf.set(`${g.meetingId}:${g.memberId}`, g.answer);
  const branchNames =
    guests.size > 0
      ? new Map(
          (
            await deps.db.branch.findMany({
              where: { id: { in: plans.filter((p) => guests.has(p.meeting.id)).map((p) => p.meeting.branchId) } },
              select: { id: true, name: true },
            })
          ).map((b) => [b.id, b.name]),
        )
      : new Map<number, string>();
  const notBefore = outsideQuietHours(now, deps.quietHours, deps.timeZone);
  const fresh: OutboxItem[] = [];
  const late: OutboxItem[] = [];
  for (const { meeting, due } of plans) {
    const started = meeting.startsAt <= now;
    const startsAtKey = meeting.startsAt.toISOString();
    const group = meetingGroup(meeting.id);
    const block = meetingBlock(meeting, deps.timeZone);
    const messages = new Map<string, OutgoingMessage>();
    const expected = (membersOf.get(meeting.branchId) ?? []).filter(
      (m) => !isExemptAt(m as Parameters<typeof isExemptAt>[0], meeting.startsAt),
    );
    // The meeting got its current time when it was created, or when it was moved.
    const scheduledAt = meeting.status === "changed" ? meeting.updatedAt : meeting.createdAt;
    // The choice depends only on whether the member has answered (the nudge is only for those who have not): work it
    // out twice per meeting.
    let answered: ReturnType<typeof chooseDueStep<(typeof due)[number]>> | undefined;
    let notAnswered: typeof answered;
    const choiceAnswered = () =>
      (answered ??= chooseDueStep(
        due.filter((step) => !step.nudge),
        scheduledAt,
      ));
    const choiceNotAnswered = () => (notAnswered ??= chooseDueStep(due, scheduledAt));
    const people = [
      ...expected.map((m) => ({ id: m.id, target: targets.get(m.id), guest: false })),
      ...(guests.get(meeting.id) ?? []).map((id) => ({ id, target: guestTargets.get(id), guest: true })),
    ];
    for (const member of people) {
      const target = member.target;
      if (!target) continue;
      const answer = answerOf.get(`${meeting.id}:${member.id}`) ?? null;
      const { send, skip } = answer || member.guest ? choiceAnswered() : choiceNotAnswered();
      const item = (step: (typeof due)[number], skipped: string | null): OutboxItem => {
        // Members with the same answer get the same message object (stored once per distinct text).
        const messageKey = `${step.lead.step}:${step.nudge}:${answer ?? ""}:${member.guest}`;
        let message = messages.get(messageKey);
        if (!message) {
          const reminder = step.nudge
            ? t.nudge(block)
            : t.reminder(block, step.lead.daysBefore === 0 ? "today" : "soon", answer);
          const text = member.guest
            ? `${t.guestNotice(branchNames.get(meeting.branchId) ?? "")}\n${reminder}`
            : reminder;
          message = { text, choices: rsvpChoices(meeting.id) };
          messages.set(messageKey, message);
        }
        return {
          key: `${step.nudge ? "meeting-nudge" : "meeting-reminder"}:${meeting.id}:${member.id}:${step.lead.step}:${startsAtKey}`,
          channel: target.channel,
          chatId: target.chatId,
          memberId: member.id,
          priority: "bulk",
          kind: step.nudge ? "meeting_nudge" : "meeting_reminder",
          message,
          notBefore,
          expiresAt: meeting.startsAt,
          groupKey: group,
          ...(skipped ? { skipped } : {}),
        };
      };
      if (send)
        (started ? late : fresh).push(
          item(send, started ? "meeting had started when the reminder could be sent" : null),
        );
      for (const s of skip)
        late.push(
          item(
            s.step,
            s.why === "before_scheduled"
              ? "due before the meeting was set for this time"
              : "a later reminder was due as well; only that one is sent",
          ),
        );
    }
  }
  return { fresh, late };
}

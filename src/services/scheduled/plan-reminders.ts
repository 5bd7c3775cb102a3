/**
 * Computes which meeting reminders are due and queues them in the outbox.
 * Idempotent: keys name (meeting, member, step, meeting time), so running it
 * every minute, after a restart, or twice at once queues each reminder once.
 * Reminders that fell due while the bot was down are sent if the meeting has
 * not started, otherwise stored as skipped.
 *
 * The rules are applied here, per meeting: which step each member gets (by whether he/she has answered) and its
 * text. Where the database can (see db/member-rows.ts), it then makes the branch's members' rows from those few
 * shapes itself; this process makes only the rows of guests, of members with a temporary exemption (whose window is
 * checked here) and of meetings whose reminder would be split into parts.
 *
 * Those meetings are stored first (db/fanouts.ts), each with the instant it was planned, and their shapes made when
 * their rows are written, by the same rules as at that instant (`writeWaitingReminders`). When no more than
 * `writeAtOnce` meetings wait, their rows are written at once; a province's are written as the dispatcher's queue
 * drains (delivery/fanout-feeder.ts): at the platforms' limits its million reminders take hours to send, so writing
 * them all now would buy nothing.
 */
import { isPostgresql, type Db } from "../../db/client.ts";
import { hotQueries, type BranchMember, type MeetingToRemind } from "../../db/hot-queries.ts";
import {
  chooseDueStep,
  outsideQuietHours,
  reminderDueAt,
  parseLeadTimes,
  type LeadTime,
  type QuietHours,
} from "../../domain/reminders.ts";
import type { Clock } from "../../domain/time.ts";
import { payloadOf, splitItem, type Outbox, type OutboxItem } from "../../delivery/outbox.ts";
import { writesMemberRows, type MemberRowShape } from "../../db/member-rows.ts";
import { queueFanouts, writeFanouts, type Fanout, type FanoutsWritten, type ShapesFor } from "../../db/fanouts.ts";
import { Answer, Channel } from "../../db/generated/enums.ts";
import type { OutgoingMessage } from "../../messaging/types.ts";
import { isExemptAt } from "../../domain/attendance.ts";
import { branchDeliveryTargets, deliveryTargets, type DeliveryTarget } from "../members.ts";
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
  /**
   * Where the members' rows are made: by the database where it can (the default), or all here (what a database
   * without a direct connection gets; tests hold the two to the same rows).
   */
  memberRowsIn?: "database" | "process";
  /**
   * When the previous run in this process began. Meetings it planned are then looked at again only when something
   * may add a row (see `worthRevisiting`); null or long ago: every meeting is planned.
   */
  previousRun?: Date | null;
  /** Up to this many meetings waiting: this run writes their members' rows; more: the dispatcher does. */
  writeAtOnce?: number;
}

/** A ward's or a district's meetings of a day are all written at once; a province's as the queue drains. */
export const WRITE_AT_ONCE = 500;

/** Meetings written per statement. */
const WRITE_SLICE = 100;

/**
 * Each meeting is looked at again at least this often (its turn is staggered by its id) for what the roster changed
 * between runs: a member linked, added or back from an exemption, a committee member put in charge.
 */
export const REVISIT_MS = 15 * 60_000;

/**
 * Whether a meeting the previous run planned may need a row now: a step has fallen due since, the meeting was created
 * or changed since, or its turn has come. Without this a province's planner would make a million members' rows again
 * every minute only to find them there.
 */
function worthRevisiting(meeting: Plan["meeting"], due: Plan["due"], since: Date, now: Date): boolean {
  if (meeting.createdAt > since || meeting.updatedAt > since) return true;
  if (due.some((step) => step.at > since)) return true;
  const offset = (meeting.id % (REVISIT_MS / 60_000)) * 60_000;
  return Math.floor((now.getTime() + offset) / REVISIT_MS) !== Math.floor((since.getTime() + offset) / REVISIT_MS);
}

/** How far back we still look for reminders missed during downtime. */
const LOOKBACK_MS = 2 * 86_400_000;

export interface PlanResult {
  /** Reminders queued to be sent, and stored as skipped (with the reason). */
  queued: number;
  skipped: number;
  /** Meetings whose members' rows are still to be written (by the dispatcher, as its queue drains). */
  waiting: number;
}

type Rules = Pick<PlanRemindersDeps, "timeZone" | "leadTimes" | "nudge" | "nudgeEnabled">;

/** The steps of a meeting's reminders due at `now` (by its branch's lead times, if it has its own). */
function dueStepsAt(deps: Rules, now: Date) {
  // Branches of a province meet at a handful of distinct times: work out each (time, lead time) once.
  const dueTimes = new Map<string, Date | null>();
  const dueAt = (startsAt: Date, lead: LeadTime) => {
    const key = `${startsAt.getTime()}:${lead.step}`;
    let at = dueTimes.get(key);
    if (at === undefined) dueTimes.set(key, (at = reminderDueAt(startsAt, lead, deps.timeZone)));
    return at;
  };
  return (meeting: MeetingToRemind): Plan["due"] => {
    const leads = meeting.branch.reminderLeads ? parseLeadTimes(meeting.branch.reminderLeads) : deps.leadTimes;
    const nudgeOn = meeting.branch.nudgeEnabled ?? deps.nudgeEnabled;
    const steps: { lead: LeadTime; nudge: boolean }[] = leads.map((lead) => ({ lead, nudge: false }));
    if (nudgeOn && deps.nudge) steps.push({ lead: deps.nudge, nudge: true });
    return steps.flatMap((s) => {
      const at = dueAt(meeting.startsAt, s.lead);
      return at !== null && at <= now ? [{ ...s, at }] : [];
    });
  };
}

export async function planReminders(deps: PlanRemindersDeps): Promise<PlanResult> {
  const now = deps.clock();
  const maxLeadDays = Math.max(...deps.leadTimes.map((l) => l.daysBefore), deps.nudge?.daysBefore ?? 0) + 1;
  const meetings = await hotQueries(deps.db).meetingsStartingIn(
    new Date(now.getTime() - LOOKBACK_MS),
    new Date(now.getTime() + maxLeadDays * 86_400_000),
  );
  const since = deps.previousRun && now.getTime() - deps.previousRun.getTime() < REVISIT_MS ? deps.previousRun : null;
  const dueSteps = dueStepsAt(deps, now);
  // Work out which steps are due first, then what each chunk of meetings needs (this runs every minute, for a
  // whole province).
  const plans = meetings.flatMap((meeting) => {
    const due = dueSteps(meeting);
    if (due.length === 0 || (since && !worthRevisiting(meeting, due, since, now))) return [];
    return [{ meeting, due }];
  });
  if (plans.length === 0) return { queued: 0, skipped: 0, waiting: 0 };
  const inDatabase = (deps.memberRowsIn ?? "database") === "database" && writesMemberRows(deps.db);
  // A chunk of meetings at a time keeps memory flat for a province-sized database. While chunks are written, the
  // next one is worked out; PostgreSQL writes two at once (its server has the cores; SQLite writes one at a time).
  const inFlight = isPostgresql(deps.db) ? 2 : 1;
  let queued = 0;
  let skipped = 0;
  const writing = new Set<Promise<void>>();
  for (let i = 0; i < plans.length; i += CHUNK) {
    const chunk = await planChunk(deps, plans.slice(i, i + CHUNK), now, inDatabase);
    while (writing.size >= inFlight) await Promise.race(writing);
    const write: Promise<void> = (async () => {
      await queueFanouts(deps.db, chunk.fanouts, now);
      queued += await deps.outbox.enqueue(chunk.fresh);
      skipped += await deps.outbox.enqueue(chunk.late);
    })().finally(() => writing.delete(write));
    writing.add(write);
    // Reported when awaited below, not as an unhandled rejection in between.
    write.catch(() => undefined);
  }
  await Promise.all(writing);
  let waiting = 0;
  if (inDatabase) {
    waiting = await deps.db.outboxFanout.count({ where: { status: "pending" } });
    // A ward's or a district's meetings are written here and now; beyond that the dispatcher writes them as its queue
    // drains (its first top-up comes within a second).
    if (waiting <= (deps.writeAtOnce ?? WRITE_AT_ONCE))
      while (waiting > 0) {
        const written = await writeWaitingReminders(deps, WRITE_SLICE);
        if (written.meetings === 0) break;
        queued += written.pending;
        skipped += written.skipped;
        waiting -= written.meetings;
      }
    waiting = Math.max(0, waiting);
  }
  return { queued, skipped, waiting };
}

/**
 * Writes the members' rows of up to `meetings` meetings that planning left waiting (db/fanouts.ts), oldest first: each
 * meeting's shapes made by the rules as when it was planned, its members and their answers as they are now.
 */
export async function writeWaitingReminders(
  deps: Rules & Pick<PlanRemindersDeps, "db" | "clock">,
  meetings: number,
): Promise<FanoutsWritten> {
  return writeFanouts(deps.db, meetings, deps.clock(), shapesAsPlanned(deps));
}

/** Waiting meetings' shapes, by the rules as when each was planned. */
export function shapesAsPlanned(deps: Rules & Pick<PlanRemindersDeps, "db">): ShapesFor {
  return async (waiting) => {
    const found = new Map(
      (
        await deps.db.meeting.findMany({
          where: { id: { in: waiting.map((w) => w.meetingId) } },
          include: { branch: { select: { reminderLeads: true, nudgeEnabled: true } } },
        })
      ).map((m) => [m.id, m]),
    );
    return waiting.flatMap((w) => {
      const meeting = found.get(w.meetingId);
      const due = meeting ? dueStepsAt(deps, w.plannedAt)(meeting) : [];
      if (!meeting || due.length === 0) return [];
      return meetingRules(deps, { meeting, due }, w.plannedAt, w.notBefore, "").shapes() ?? [];
    });
  };
}

/** Meetings per chunk. */
const CHUNK = 200;

/** The answers a member may have given, and "none": the members' rows are made per answer. */
const ANSWER_CLASSES = ["none", ...Object.values(Answer)] as const;

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

type DueStepOf = Plan["due"][number];
type Person = { id: number; target: DeliveryTarget | undefined; guest: boolean };

/** One meeting's rules: what a member gets by his/her answer, as outbox items or as shapes for the database. */
function meetingRules(deps: Rules, plan: Plan, now: Date, notBefore: Date, branchName: string) {
  const { meeting, due } = plan;
  const started = meeting.startsAt <= now;
  const startsAtKey = meeting.startsAt.toISOString();
  const group = meetingGroup(meeting.id);
  // Made when a text is (planning leaves most meetings' texts to the writer).
  let block: string | undefined;
  const messages = new Map<string, OutgoingMessage>();
  // The meeting got its current time when it was created, or when it was moved.
  const scheduledAt = meeting.status === "changed" ? meeting.updatedAt : meeting.createdAt;
  // The choice depends only on whether the member has answered (the nudge is only for those who have not): work it
  // out twice per meeting.
  let answered: ReturnType<typeof chooseDueStep<DueStepOf>> | undefined;
  let notAnswered: typeof answered;
  const choice = (hasAnswered: boolean) =>
    hasAnswered
      ? (answered ??= chooseDueStep(
          due.filter((step) => !step.nudge),
          scheduledAt,
        ))
      : (notAnswered ??= chooseDueStep(due, scheduledAt));
  const message = (step: DueStepOf, answer: string | null, guest: boolean): OutgoingMessage => {
    // Members with the same answer get the same message object (stored once per distinct text).
    const messageKey = `${step.lead.step}:${step.nudge}:${answer ?? ""}:${guest}`;
    let found = messages.get(messageKey);
    if (!found) {
      block ??= meetingBlock(meeting, deps.timeZone);
      const reminder = step.nudge
        ? t.nudge(block)
        : t.reminder(block, step.lead.daysBefore === 0 ? "today" : "soon", answer as Answer | null);
      const text = guest ? `${t.guestNotice(branchName)}\n${reminder}` : reminder;
      found = { text, choices: rsvpChoices(meeting.id) };
      messages.set(messageKey, found);
    }
    return found;
  };
  const keyPrefix = (step: DueStepOf) => `${step.nudge ? "meeting-nudge" : "meeting-reminder"}:${meeting.id}:`;
  const keySuffix = (step: DueStepOf) => `:${step.lead.step}:${startsAtKey}`;
  /** Each step a member with this answer gets: sent, or stored as skipped with the reason. */
  const steps = (answer: string | null, guest: boolean) => {
    const { send, skip } = choice(answer !== null || guest);
    const out: { step: DueStepOf; skipped: string | null }[] = [];
    if (send) out.push({ step: send, skipped: started ? "meeting had started when the reminder could be sent" : null });
    for (const s of skip)
      out.push({
        step: s.step,
        skipped:
          s.why === "before_scheduled"
            ? "due before the meeting was set for this time"
            : "a later reminder was due as well; only that one is sent",
      });
    return out;
  };
  const common = (step: DueStepOf, skipped: string | null) => ({
    kind: step.nudge ? "meeting_nudge" : "meeting_reminder",
    notBefore,
    expiresAt: meeting.startsAt,
    groupKey: group,
    ...(skipped ? { skipped } : {}),
  });
  return {
    meeting,
    /** A person's items. */
    items(person: Person, answer: string | null): OutboxItem[] {
      const target = person.target;
      if (!target) return [];
      return steps(answer, person.guest).map(({ step, skipped }) => ({
        key: `${keyPrefix(step)}${person.id}${keySuffix(step)}`,
        channel: target.channel,
        chatId: target.chatId,
        memberId: person.id,
        priority: "bulk",
        message: message(step, answer, person.guest),
        ...common(step, skipped),
      }));
    },
    /** The members' rows as shapes, or null when a text would be split into parts (those rows are made here). */
    shapes(): MemberRowShape[] | null {
      const shapes: MemberRowShape[] = [];
      for (const answer of ANSWER_CLASSES)
        for (const { step, skipped } of steps(answer === "none" ? null : answer, false)) {
          const text = message(step, answer === "none" ? null : answer, false);
          const fits = Object.values(Channel).every(
            (channel) =>
              splitItem({ key: "", channel, chatId: "", priority: "bulk", kind: "", message: text }).length === 1,
          );
          if (!fits) return null;
          const c = common(step, skipped);
          shapes.push({
            meetingId: meeting.id,
            answer,
            keyPrefix: keyPrefix(step),
            keySuffix: keySuffix(step),
            kind: c.kind,
            payload: payloadOf(text),
            status: skipped ? "skipped" : "pending",
            lastError: skipped,
            nextAttemptAt: notBefore,
            expiresAt: meeting.startsAt,
            groupKey: group,
          });
        }
      return shapes;
    },
  };
}

async function planChunk(
  deps: PlanRemindersDeps,
  plans: Plan[],
  now: Date,
  inDatabase: boolean,
): Promise<{ fanouts: Fanout[]; fresh: OutboxItem[]; late: OutboxItem[] }> {
  const { db } = deps;
  const queries = hotQueries(db);
  const notBefore = outsideQuietHours(now, deps.quietHours, deps.timeZone);
  // Committee members in charge get the reminders of the branches they follow, as guests (no nudge).
  const guests = await guestsOf(
    db,
    plans.map((p) => p.meeting),
  );
  const branchNames =
    guests.size > 0
      ? new Map(
          (
            await db.branch.findMany({
              where: { id: { in: plans.filter((p) => guests.has(p.meeting.id)).map((p) => p.meeting.branchId) } },
              select: { id: true, name: true },
            })
          ).map((b) => [b.id, b.name]),
        )
      : new Map<number, string>();
  const rules = plans.map((p) => meetingRules(deps, p, now, notBefore, branchNames.get(p.meeting.branchId) ?? ""));
  // The database makes the members' rows of the meetings whose texts fit in one message (written later: see
  // writeWaitingReminders); the rest are made here.
  const fanouts: Fanout[] = [];
  const here: typeof rules = [];
  const byDatabase: typeof rules = [];
  for (const r of rules) {
    if (inDatabase && (surelyFits(r.meeting) || r.shapes() !== null)) {
      fanouts.push({ meetingId: r.meeting.id, groupKey: meetingGroup(r.meeting.id), plannedAt: now, notBefore });
      byDatabase.push(r);
    } else here.push(r);
  }
  // Members made here: every member of those meetings' branches, and of the others those with a temporary
  // exemption (its window is checked against the meeting's time here; the database leaves out every exemption).
  const hereBranches = [...new Set(here.map((r) => r.meeting.branchId))];
  const members: BranchMember[] = hereBranches.length ? await queries.branchMembers(hereBranches) : [];
  if (byDatabase.length > 0)
    members.push(
      ...(await db.member.findMany({
        where: {
          branchId: { in: [...new Set(byDatabase.map((r) => r.meeting.branchId))] },
          leftAt: null,
          exemption: "temporary",
        },
        select: { id: true, branchId: true, exemption: true, exemptFrom: true, exemptUntil: true },
        orderBy: { id: "asc" },
      })),
    );
  const membersOf = new Map<number, BranchMember[]>();
  for (const m of members) {
    const list = membersOf.get(m.branchId);
    if (list) list.push(m);
    else membersOf.set(m.branchId, [m]);
  }
  const people = new Map<number, Person[]>();
  const targetBranches = new Set<number>();
  for (const r of rules) {
    const expected = (membersOf.get(r.meeting.branchId) ?? []).filter(
      (m) => !isExemptAt(m as Parameters<typeof isExemptAt>[0], r.meeting.startsAt),
    );
    if (expected.length > 0) targetBranches.add(r.meeting.branchId);
    const list = [
      ...expected.map((m) => ({ id: m.id, target: undefined, guest: false })),
      ...(guests.get(r.meeting.id) ?? []).map((id) => ({ id, target: undefined, guest: true })),
    ];
    if (list.length > 0) people.set(r.meeting.id, list);
  }
  const fresh: OutboxItem[] = [];
  const late: OutboxItem[] = [];
  if (people.size === 0) return { fanouts, fresh, late };
  const targets = await branchDeliveryTargets(db, [...targetBranches]);
  const guestTargets =
    guests.size > 0 ? await deliveryTargets(db, [...new Set([...guests.values()].flat())]) : new Map();
  const meetingIds = [...people.keys()];
  const answerOf = new Map(
    (await queries.answers(meetingIds)).map((r) => [`${r.meetingId}:${r.memberId}`, r.answer as string]),
  );
  const guestAnswers =
    guests.size > 0 ? await db.guestResponse.findMany({ where: { meetingId: { in: [...guests.keys()] } } }) : [];
  for (const g of guestAnswers) if (g.answer) answerOf.set(`${g.meetingId}:${g.memberId}`, g.answer);
  for (const r of rules) {
    for (const person of people.get(r.meeting.id) ?? []) {
      const target = person.guest ? guestTargets.get(person.id) : targets.get(person.id);
      for (const item of r.items({ ...person, target }, answerOf.get(`${r.meeting.id}:${person.id}`) ?? null))
        (item.skipped ? late : fresh).push(item);
    }
  }
  return { fanouts, fresh, late };
}

/**
 * A reminder's text is its header, the meeting's block and a line about the answer: with a place and an agenda this
 * short it fits in one message on every channel (Zalo's 2,000 characters, less room for the numbered choices), so the
 * texts need not be made to know it.
 */
function surelyFits(meeting: Plan["meeting"]): boolean {
  return meeting.place.length + meeting.agenda.length <= SURELY_FITS;
}

/** Characters of place and agenda together that planning takes on trust (a test holds it to the texts). */
export const SURELY_FITS = 1500;

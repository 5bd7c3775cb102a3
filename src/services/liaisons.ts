/**
 * Committee members in charge of branches (cấp ủy viên phụ trách chi bộ): the
 * committee assigns one to each branch; he/she gets the branch's meeting notices
 * and reminders as a guest, answers them, and his/her attendance is recorded
 * apart from the branch's own members (so the branch's attendance counts its
 * members only). A yearly target of meetings attended (committee setting) and a
 * report of who is behind.
 */
import { localParts, yearRange } from "../domain/time.ts";
import { sortByName } from "../domain/text.ts";
import type { Db } from "../db/client.ts";
import { audit } from "./audit.ts";
import { committeeSettings, organisationActedFor } from "./committee-settings.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { assertLeaderOf, type AnswerResult } from "./meetings.ts";
import { assertLeaderOrCommittee } from "./committee-overview.ts";

type MeetingAt = { id: number; branchId: number; startsAt: Date };

/** Whether an assignment covers a moment. */
const covers = (l: { since: Date; until: Date | null }, at: Date) =>
  l.since <= at && (l.until === null || l.until > at);

/** The committee members in charge of each meeting's branch at its time (not members of that branch themselves). */
export async function guestsOf(db: Db, meetings: MeetingAt[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (meetings.length === 0) return result;
  const liaisons = await db.branchLiaison.findMany({
    where: { branchId: { in: [...new Set(meetings.map((m) => m.branchId))] } },
    include: { member: { select: { branchId: true, leftAt: true } } },
  });
  for (const m of meetings) {
    const ids = liaisons
      .filter((l) => l.branchId === m.branchId && covers(l, m.startsAt))
      .filter((l) => l.member.branchId !== m.branchId && l.member.leftAt === null)
      .map((l) => l.memberId);
    if (ids.length > 0) result.set(m.id, [...new Set(ids)]);
  }
  return result;
}

export async function isGuestOf(db: Db, memberId: number, meeting: MeetingAt): Promise<boolean> {
  return ((await guestsOf(db, [meeting])).get(meeting.id) ?? []).includes(memberId);
}

/** A guest's answer (attending, or away with a reason); nothing to decide: the branch's leaders are told. */
export async function guestAnswer(
  deps: ServiceDeps,
  input: { memberId: number; meetingId: number; answer: "attending" | "leave_requested"; reason?: string },
): Promise<AnswerResult> {
  const { db } = deps;
  const meeting = await db.meeting.findUnique({ where: { id: input.meetingId } });
  if (!meeting || !(await isGuestOf(db, input.memberId, meeting))) return { type: "stale", reason: "not_expected" };
  if (meeting.status === "cancelled") return { type: "stale", reason: "cancelled" };
  const now = deps.clock();
  if (meeting.startsAt <= now || meeting.status === "held") return { type: "stale", reason: "started" };
  const key = { meetingId_memberId: { meetingId: meeting.id, memberId: input.memberId } };
  const existing = await db.guestResponse.findUnique({ where: key });
  const reason = input.reason ?? null;
  if (existing?.answer === input.answer && existing.reason === reason)
    return { type: "ok", responseId: existing.id, changed: false };
  const row = await db.guestResponse.upsert({
    where: key,
    create: { meetingId: meeting.id, memberId: input.memberId, answer: input.answer, reason, answeredAt: now },
    update: { answer: input.answer, reason, answeredAt: now },
  });
  return { type: "ok", responseId: row.id, changed: true };
}

/** Assigns a committee member to a branch; the branch's previous one (if any) ends now. */
export async function assignLiaison(deps: ServiceDeps, actor: Actor, input: { branchId: number; memberId: number }) {
  const { db } = deps;
  const branch = await db.branch.findUnique({ where: { id: input.branchId } });
  if (!branch) throw new ServiceError("branch.not_found", { code: String(input.branchId) });
  await organisationActedFor(db, actor, branch.organisationId);
  const member = await db.member.findUnique({ where: { id: input.memberId }, include: { branch: true } });
  if (!member || member.leftAt || member.branch.organisationId !== branch.organisationId)
    throw new ServiceError("liaison.bad_member");
  const now = deps.clock();
  return db.$transaction(async (tx) => {
    const current = await tx.branchLiaison.findMany({ where: { branchId: branch.id, until: null } });
    if (current.some((l) => l.memberId === member.id))
      throw new ServiceError("liaison.already", { name: member.fullName });
    await tx.branchLiaison.updateMany({ where: { branchId: branch.id, until: null }, data: { until: now } });
    const row = await tx.branchLiaison.create({ data: { branchId: branch.id, memberId: member.id, since: now } });
    await audit(tx, {
      actor: actor.label,
      action: "liaison.assign",
      branchId: branch.id,
      targetMemberId: member.id,
      details: { ended: current.map((l) => l.memberId) },
    });
    return { liaison: row, member, branch };
  });
}

export async function endLiaison(deps: ServiceDeps, actor: Actor, branchId: number): Promise<number> {
  const { db } = deps;
  const branch = await db.branch.findUnique({ where: { id: branchId } });
  if (!branch) throw new ServiceError("branch.not_found", { code: String(branchId) });
  await organisationActedFor(db, actor, branch.organisationId);
  return db.$transaction(async (tx) => {
    const { count } = await tx.branchLiaison.updateMany({
      where: { branchId, until: null },
      data: { until: deps.clock() },
    });
    if (count > 0) await audit(tx, { actor: actor.label, action: "liaison.end", branchId });
    return count;
  });
}

/** Records which guests of a held meeting came (the rest were absent). */
export async function recordGuestAttendance(deps: ServiceDeps, actor: Actor, meetingId: number, presentIds: number[]) {
  const { db } = deps;
  const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new ServiceError("meeting.not_found");
  assertLeaderOf(actor, meeting.branchId, "attendance.record");
  if (meeting.startsAt > deps.clock()) throw new ServiceError("meeting.not_yet_held");
  if (meeting.status === "cancelled") throw new ServiceError("meeting.cancelled");
  const guests = (await guestsOf(db, [meeting])).get(meeting.id) ?? [];
  const present = new Set(presentIds);
  const now = deps.clock();
  await db.$transaction(async (tx) => {
    for (const memberId of guests) {
      const attendance = present.has(memberId) ? "present" : "absent";
      await tx.guestResponse.upsert({
        where: { meetingId_memberId: { meetingId, memberId } },
        create: { meetingId, memberId, attendance, recordedAt: now },
        update: { attendance, recordedAt: now },
      });
    }
    await audit(tx, {
      actor: actor.label,
      action: "attendance.guests",
      branchId: meeting.branchId,
      details: { meetingId, present: guests.filter((g) => present.has(g)) },
    });
  });
  return guests.length;
}

/** The guests of a meeting with their answers and attendance, for the branch's leaders and the committee. */
export async function guestsOfMeeting(deps: ServiceDeps, actor: Actor, meetingId: number) {
  const meeting = await deps.db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) throw new ServiceError("meeting.not_found");
  await assertLeaderOrCommittee(deps.db, actor, meeting.branchId, "meeting.guests");
  return meetingGuests(deps.db, meeting);
}

async function meetingGuests(db: Db, meeting: MeetingAt) {
  const ids = (await guestsOf(db, [meeting])).get(meeting.id) ?? [];
  const [members, rows] = await Promise.all([
    db.member.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } }),
    db.guestResponse.findMany({ where: { meetingId: meeting.id } }),
  ]);
  return sortByName(
    members.map((m) => {
      const r = rows.find((x) => x.memberId === m.id);
      return {
        memberId: m.id,
        fullName: m.fullName,
        answer: r?.answer ?? null,
        reason: r?.reason ?? null,
        attendance: r?.attendance ?? null,
      };
    }),
  );
}

export interface LiaisonRow {
  memberId: number;
  fullName: string;
  branchId: number;
  branch: string;
  current: boolean;
  /** Meetings of the branch held in the year while he/she was in charge, and those he/she attended. */
  held: number;
  attended: number;
  target: number;
  /** The share of the target due by today (a whole year for a past year). */
  dueByNow: number;
  behind: boolean;
}

/** Per committee member in charge: the year's meetings attended against the target, who is behind. */
export async function liaisonReport(
  deps: ServiceDeps,
  actor: Actor,
  year: number,
  organisationId?: number,
): Promise<LiaisonRow[]> {
  const { db } = deps;
  const org = await organisationActedFor(db, actor, organisationId);
  const settings = await committeeSettings(db, org);
  const tz = deps.settings.timeZone;
  const { from, to } = yearRange(year, tz);
  const now = deps.clock();
  const liaisons = await db.branchLiaison.findMany({
    where: { branch: { organisationId: org }, since: { lt: to }, OR: [{ until: null }, { until: { gt: from } }] },
    include: { member: { select: { fullName: true } }, branch: { select: { name: true } } },
  });
  const meetings = await db.meeting.findMany({
    where: { branchId: { in: liaisons.map((l) => l.branchId) }, status: "held", startsAt: { gte: from, lt: to } },
    select: { id: true, branchId: true, startsAt: true },
  });
  const attended = await db.guestResponse.findMany({
    where: { meetingId: { in: meetings.map((m) => m.id) }, attendance: "present" },
    select: { meetingId: true, memberId: true },
  });
  const today = localParts(now, tz);
  const monthsElapsed = today.year > year ? 12 : today.year < year ? 0 : today.month - 1 + today.day / 31;
  const dueByNow = Math.floor((settings.liaisonYearlyMeetings * monthsElapsed) / 12);
  const rows = new Map<string, LiaisonRow>();
  for (const l of liaisons) {
    const key = `${l.memberId}:${l.branchId}`;
    const row = rows.get(key) ?? {
      memberId: l.memberId,
      fullName: l.member.fullName,
      branchId: l.branchId,
      branch: l.branch.name,
      current: false,
      held: 0,
      attended: 0,
      target: settings.liaisonYearlyMeetings,
      dueByNow,
      behind: false,
    };
    row.current ||= l.until === null;
    const mine = meetings.filter((m) => m.branchId === l.branchId && covers(l, m.startsAt));
    row.held += mine.length;
    row.attended += mine.filter((m) => attended.some((a) => a.meetingId === m.id && a.memberId === l.memberId)).length;
    rows.set(key, row);
  }
  const list = [...rows.values()].map((r) => ({ ...r, behind: r.attended < r.dueByNow }));
  return list.sort((a, b) => a.branch.localeCompare(b.branch, "vi") || a.fullName.localeCompare(b.fullName, "vi"));
}

/**
 * Who may be put in charge of a branch: the organisation's committee staff and branch leaders by name, any member by
 * number.
 */
export async function liaisonChoices(deps: ServiceDeps, actor: Actor, organisationId?: number) {
  const org = await organisationActedFor(deps.db, actor, organisationId);
  const [branches, people] = await Promise.all([
    deps.db.branch.findMany({
      where: { organisationId: org },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    deps.db.member.findMany({
      where: { leftAt: null, role: { in: ["committee", "secretary", "deputy"] }, branch: { organisationId: org } },
      select: { id: true, fullName: true, branch: { select: { name: true } } },
    }),
  ]);
  return { branches, people: sortByName(people) };
}

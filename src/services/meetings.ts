/**
 * Meetings: creating, changing and cancelling them, members' answers (có mặt /
 * xin vắng), the secretary's decisions, attendance, and the status report.
 * Authorisation by branch is checked here, so every caller gets it.
 */
import { sortByName } from "../domain/text.ts";
import type { Db } from "../db/client.ts";
import { hotQueries } from "../db/hot-queries.ts";
import { isExemptAt, summariseAttendance, type AttendanceRow, type AttendanceSummary } from "../domain/attendance.ts";
import type { Clock } from "../domain/time.ts";
import { audit } from "./audit.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { isLeader } from "./members.ts";
import type { Actor } from "./deps.ts";

export type { Actor } from "./deps.ts";
export { cliActor } from "./deps.ts";

export type MeetingKind = "regular" | "thematic";
export const MEETING_KINDS: MeetingKind[] = ["regular", "thematic"];

export function memberAsActor(m: { id: number; branchId: number; role: string }): Actor {
  return { id: m.id, branchId: m.branchId, role: m.role, label: `member:${m.id}` };
}

export function assertLeaderOf(actor: Actor, branchId: number, action: string): void {
  if (actor.isAdmin) return;
  if (actor.branchId !== branchId || !isLeader(actor)) throw new NotAuthorisedError(action);
}

export const MAX_PLACE = 200;
export const MAX_AGENDA = 1500;
export const MAX_REASON = 500;

export interface MeetingInput {
  branchId: number;
  kind: MeetingKind;
  startsAt: Date;
  place: string;
  agenda: string;
}

function checkInput(input: Omit<MeetingInput, "branchId">, now: Date): void {
  if (input.startsAt <= now) throw new ServiceError("meeting.in_past");
  if (input.place.trim() === "" || input.place.length > MAX_PLACE)
    throw new ServiceError("meeting.bad_place", { max: MAX_PLACE });
  if (input.agenda.length > MAX_AGENDA) throw new ServiceError("meeting.agenda_too_long", { max: MAX_AGENDA });
}

export async function createMeeting(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: MeetingInput & { scheduleKey?: string },
) {
  assertLeaderOf(actor, input.branchId, "meeting.create");
  checkInput(input, clock());
  return db.$transaction(async (tx) => {
    const meeting = await tx.meeting.create({
      data: {
        branchId: input.branchId,
        kind: input.kind,
        startsAt: input.startsAt,
        place: input.place.trim(),
        agenda: input.agenda.trim(),
        createdById: actor.id,
        scheduleKey: input.scheduleKey ?? null,
        // The business clock, not the machine's: reminders due before this moment are not sent.
        createdAt: clock(),
        updatedAt: clock(),
      },
    });
    await audit(tx, {
      actor: actor.label,
      action: "meeting.create",
      branchId: input.branchId,
      details: { meetingId: meeting.id, kind: input.kind, startsAt: input.startsAt.toISOString() },
    });
    return meeting;
  });
}

export async function getMeetingForLeader(db: Db, actor: Actor, meetingId: number, action: string) {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, include: { branch: true } });
  if (!meeting) throw new ServiceError("meeting.not_found");
  assertLeaderOf(actor, meeting.branchId, action);
  return meeting;
}

export async function changeMeeting(
  db: Db,
  clock: Clock,
  actor: Actor,
  meetingId: number,
  change: { startsAt?: Date; place?: string; agenda?: string },
) {
  const meeting = await getMeetingForLeader(db, actor, meetingId, "meeting.change");
  if (meeting.status === "cancelled" || meeting.status === "held") throw new ServiceError("meeting.not_changeable");
  const next = {
    kind: meeting.kind,
    startsAt: change.startsAt ?? meeting.startsAt,
    place: change.place ?? meeting.place,
    agenda: change.agenda ?? meeting.agenda,
  };
  checkInput(next, clock());
  return db.$transaction(async (tx) => {
    const updated = await tx.meeting.update({
      where: { id: meetingId },
      data: {
        startsAt: next.startsAt,
        place: next.place.trim(),
        agenda: next.agenda.trim(),
        status: "changed",
        updatedAt: clock(),
      },
    });
    await audit(tx, {
      actor: actor.label,
      action: "meeting.change",
      branchId: meeting.branchId,
      details: {
        meetingId,
        from: { startsAt: meeting.startsAt.toISOString(), place: meeting.place },
        to: { startsAt: next.startsAt.toISOString(), place: next.place },
      },
    });
    return { before: meeting, after: updated };
  });
}

export async function cancelMeeting(db: Db, actor: Actor, meetingId: number) {
  const meeting = await getMeetingForLeader(db, actor, meetingId, "meeting.cancel");
  if (meeting.status === "cancelled") throw new ServiceError("meeting.already_cancelled");
  if (meeting.status === "held") throw new ServiceError("meeting.already_held");
  return db.$transaction(async (tx) => {
    const updated = await tx.meeting.update({ where: { id: meetingId }, data: { status: "cancelled" } });
    await audit(tx, {
      actor: actor.label,
      action: "meeting.cancel",
      branchId: meeting.branchId,
      details: { meetingId },
    });
    return updated;
  });
}

/** Planned or changed meetings of a branch that have not started. */
export async function upcomingMeetings(db: Db, branchId: number, now: Date, take = 10) {
  return hotQueries(db).upcomingMeetings(branchId, now, take);
}

/** Members expected at a meeting: in the branch, not left, not exempted at its time. */
export async function expectedMembers(db: Db, meeting: { branchId: number; startsAt: Date }) {
  const members = sortByName(await db.member.findMany({ where: { branchId: meeting.branchId, leftAt: null } }));
  return members.filter(
    (m) =>
      !isExemptAt({ exemption: m.exemption, exemptFrom: m.exemptFrom, exemptUntil: m.exemptUntil }, meeting.startsAt),
  );
}

export type AnswerResult =
  | { type: "ok"; responseId: number; changed: boolean }
  | { type: "stale"; reason: "cancelled" | "started" | "not_expected" | "decided" };

/** Why a member of `branchId` can no longer answer this meeting at `now`, or null while it is open. */
export function closedForAnswers(
  meeting: { branchId: number; status: string; startsAt: Date } | null,
  branchId: number | null,
  now: Date,
): Extract<AnswerResult, { type: "stale" }>["reason"] | null {
  if (!meeting || meeting.branchId !== branchId) return "not_expected";
  if (meeting.status === "cancelled") return "cancelled";
  if (meeting.startsAt <= now || meeting.status === "held") return "started";
  return null;
}

/** A member answers a meeting (có mặt, or xin vắng with a reason). */
export async function answerMeeting(
  db: Db,
  clock: Clock,
  opts: {
    memberId: number;
    meetingId: number;
    answer: "attending" | "leave_requested";
    reason?: string;
    /** The member's row when the caller has just read it (one query fewer per button press). */
    member?: { id: number; branchId: number };
  },
): Promise<AnswerResult> {
  const queries = hotQueries(db);
  const [found, member] = await Promise.all([
    queries.meetingWithResponse(opts.meetingId, opts.memberId),
    opts.member?.id === opts.memberId ? opts.member : queries.member(opts.memberId),
  ]);
  const meeting = found?.meeting ?? null;
  const now = clock();
  const closed = closedForAnswers(meeting, member?.branchId ?? null, now);
  if (closed || !meeting || !member) return { type: "stale", reason: closed ?? "not_expected" };
  if (opts.reason !== undefined && opts.reason.length > MAX_REASON)
    throw new ServiceError("leave.reason_too_long", { max: MAX_REASON });
  const existing = found?.response ?? null;
  if (existing?.answer === opts.answer && (opts.answer === "attending" || existing.reason === (opts.reason ?? null))) {
    return { type: "ok", responseId: existing.id, changed: false };
  }
  const responseId = await queries.saveAnswer({
    meetingId: meeting.id,
    memberId: member.id,
    answer: opts.answer,
    reason: opts.reason ?? null,
    at: now,
  });
  return { type: "ok", responseId, changed: true };
}

export type DecisionResult =
  | { type: "ok"; memberId: number; meetingId: number; accepted: boolean }
  | { type: "stale"; reason: "cancelled" | "already_decided" | "withdrawn" };

/** The secretary accepts or refuses a leave request. */
export async function decideLeave(
  db: Db,
  clock: Clock,
  actor: Actor,
  responseId: number,
  accept: boolean,
): Promise<DecisionResult> {
  const response = await db.response.findUnique({ where: { id: responseId }, include: { meeting: true } });
  if (!response) throw new ServiceError("leave.not_found");
  assertLeaderOf(actor, response.meeting.branchId, "leave.decide");
  if (response.meeting.status === "cancelled") return { type: "stale", reason: "cancelled" };
  if (response.answer === "leave_accepted" || response.answer === "leave_refused")
    return { type: "stale", reason: "already_decided" };
  if (response.answer !== "leave_requested") return { type: "stale", reason: "withdrawn" };
  const now = clock();
  await db.$transaction(async (tx) => {
    await tx.response.update({
      where: { id: responseId },
      data: { answer: accept ? "leave_accepted" : "leave_refused", decidedAt: now, decidedById: actor.id },
    });
    await audit(tx, {
      actor: actor.label,
      action: accept ? "leave.accept" : "leave.refuse",
      branchId: response.meeting.branchId,
      targetMemberId: response.memberId,
      details: { meetingId: response.meetingId },
    });
  });
  return { type: "ok", memberId: response.memberId, meetingId: response.meetingId, accepted: accept };
}

export interface MeetingStatus {
  meeting: { id: number; kind: string; startsAt: Date; place: string; status: string };
  attending: string[];
  leave: { name: string; reason: string; decision: "requested" | "accepted" | "refused" }[];
  noAnswer: string[];
  unreachable: string[];
  unlinked: string[];
}

/** Who attends, who asked leave, who has not answered, who cannot be reached. */
export async function meetingStatus(db: Db, actor: Actor, meetingId: number): Promise<MeetingStatus> {
  const meeting = await getMeetingForLeader(db, actor, meetingId, "meeting.status");
  const members = await expectedMembers(db, meeting);
  const ids = members.map((m) => m.id);
  const [responses, accounts] = await Promise.all([
    db.response.findMany({ where: { meetingId, memberId: { in: ids } } }),
    db.channelAccount.findMany({ where: { memberId: { in: ids } } }),
  ]);
  const byMember = new Map(responses.map((r) => [r.memberId, r]));
  const status: MeetingStatus = { meeting, attending: [], leave: [], noAnswer: [], unreachable: [], unlinked: [] };
  for (const m of members) {
    const r = byMember.get(m.id);
    const own = accounts.filter((a) => a.memberId === m.id);
    if (own.length === 0) status.unlinked.push(m.fullName);
    else if (own.every((a) => a.unreachableAt)) status.unreachable.push(m.fullName);
    if (r?.answer === "attending") status.attending.push(m.fullName);
    else if (r?.answer?.startsWith("leave_")) {
      const decision =
        r.answer === "leave_accepted" ? "accepted" : r.answer === "leave_refused" ? "refused" : "requested";
      status.leave.push({ name: m.fullName, reason: r.reason ?? "", decision });
    } else status.noAnswer.push(m.fullName);
  }
  return status;
}

/** Meetings whose attendance a leader can record: started within the last 30 days, not cancelled. */
export async function meetingsForAttendance(db: Db, branchId: number, now: Date) {
  return db.meeting.findMany({
    where: {
      branchId,
      status: { in: ["planned", "changed", "held"] },
      startsAt: { lte: now, gte: new Date(now.getTime() - 30 * 86_400_000) },
    },
    orderBy: { startsAt: "desc" },
    take: 5,
  });
}

export async function attendanceRoster(db: Db, actor: Actor, meetingId: number) {
  const meeting = await getMeetingForLeader(db, actor, meetingId, "attendance.view");
  const members = await expectedMembers(db, meeting);
  const responses = await db.response.findMany({ where: { meetingId } });
  const byMember = new Map(responses.map((r) => [r.memberId, r]));
  return {
    meeting,
    rows: members.map((m): AttendanceRow => {
      const r = byMember.get(m.id);
      return {
        memberId: m.id,
        fullName: m.fullName,
        attendance: (r?.attendance as AttendanceRow["attendance"]) ?? null,
        answer: r?.answer ?? null,
        reason: r?.reason ?? null,
      };
    }),
  };
}

/** Records attendance: everyone expected is present except `absentIds`. The meeting becomes "held". */
export async function recordAttendance(
  db: Db,
  clock: Clock,
  actor: Actor,
  meetingId: number,
  absentIds: number[],
  threshold: number,
): Promise<{ summary: AttendanceSummary; meeting: { id: number; startsAt: Date; kind: string } }> {
  const { meeting, rows } = await attendanceRoster(db, actor, meetingId);
  if (meeting.status === "cancelled") throw new ServiceError("meeting.cancelled");
  const now = clock();
  if (meeting.startsAt > now) throw new ServiceError("meeting.not_yet_held");
  const absent = new Set(absentIds);
  await db.$transaction(async (tx) => {
    for (const row of rows) {
      const attendance = absent.has(row.memberId) ? "absent" : "present";
      await tx.response.upsert({
        where: { meetingId_memberId: { meetingId, memberId: row.memberId } },
        create: { meetingId, memberId: row.memberId, attendance, recordedAt: now },
        update: { attendance, recordedAt: now },
      });
      row.attendance = attendance;
    }
    await tx.meeting.update({ where: { id: meetingId }, data: { status: "held" } });
    await audit(tx, {
      actor: actor.label,
      action: "attendance.record",
      branchId: meeting.branchId,
      details: { meetingId, absent: absentIds },
    });
  });
  return { summary: summariseAttendance(rows, threshold), meeting };
}

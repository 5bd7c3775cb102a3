/**
 * Members' replies to meetings and the leaders' decisions, with the notices that
 * follow them: a leave request goes to the branch's leaders, a decision goes back
 * to the member. The chat buttons and the command line both call these.
 */
import { hotQueries } from "../db/hot-queries.ts";
import { meetingBlock, t } from "../texts/vi.ts";
import { audit } from "./audit.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { rsvpChoices } from "./meeting-notices.ts";
import {
  answerMeeting,
  closedForAnswers,
  decideLeave,
  MAX_REASON,
  type AnswerResult,
  type DecisionResult,
} from "./meetings.ts";
import { branchLeaders, deliveryTargets } from "./members.ts";
import { guestAnswer, isGuestOf } from "./liaisons.ts";

/** Who answers: the member him/herself, or a leader of the branch writing down an answer given by phone. */
function assertMayAnswerFor(actor: Actor, member: { id: number; branchId: number }): void {
  if (actor.id === member.id || actor.isAdmin) return;
  if (actor.branchId === member.branchId && (actor.role === "secretary" || actor.role === "deputy")) return;
  throw new NotAuthorisedError("meeting.answer");
}

export async function answerAttending(
  deps: ServiceDeps,
  actor: Actor,
  input: { memberId: number; meetingId: number },
): Promise<AnswerResult> {
  // A member answering for him/herself was read with the update: the actor says who and where.
  const member =
    actor.id === input.memberId && actor.branchId !== null
      ? { id: actor.id, branchId: actor.branchId }
      : await hotQueries(deps.db).member(input.memberId);
  if (!member) return { type: "stale", reason: "not_expected" };
  assertMayAnswerFor(actor, member);
  const result = await answerMeeting(deps.db, deps.clock, { ...input, member, answer: "attending" });
  // Not a meeting of the member's branch: the committee member in charge answers as a guest.
  if (result.type === "stale" && result.reason === "not_expected")
    return guestAnswer(deps, { ...input, answer: "attending" });
  return result;
}

/** Whether a member may still ask leave for this meeting (asked before the reason is typed). */
export async function leaveOpen(
  deps: ServiceDeps,
  actor: Actor,
  meetingId: number,
): Promise<{ type: "ok" } | Extract<AnswerResult, { type: "stale" }>> {
  const meeting = await hotQueries(deps.db).meeting(meetingId);
  const now = deps.clock();
  let closed = closedForAnswers(meeting, actor.branchId, now);
  // The committee member in charge answers the branch's meetings as a guest.
  if (closed === "not_expected" && meeting && actor.id !== null && (await isGuestOf(deps.db, actor.id, meeting)))
    closed = closedForAnswers(meeting, meeting.branchId, now);
  return closed ? { type: "stale", reason: closed } : { type: "ok" };
}

export { MAX_REASON };

/** The committee member in charge will not come: stored, and the branch's leaders are told (nothing to decide). */
async function guestAway(
  deps: ServiceDeps,
  member: { id: number; fullName: string },
  meetingId: number,
  reason: string,
): Promise<AnswerResult & { leadersTold?: number }> {
  const result = await guestAnswer(deps, { memberId: member.id, meetingId, answer: "leave_requested", reason });
  if (result.type === "stale" || !result.changed) return result;
  const meeting = await deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
  const leaders = await branchLeaders(deps.db, meeting.branchId);
  const block = meetingBlock(meeting, deps.settings.timeZone);
  await deps.outbox.enqueue(
    leaders.map((l) => ({
      key: `guest-away:${result.responseId}:${l.memberId}:${deps.clock().getTime()}`,
      channel: l.channel,
      chatId: l.chatId,
      memberId: l.memberId,
      priority: "reply" as const,
      kind: "guest_away",
      message: { text: t.guestAwayToLeader(member.fullName, block, reason) },
    })),
  );
  return { ...result, leadersTold: leaders.length };
}

/** A leave request with its reason; the branch's leaders get it with Chấp thuận / Không buttons. */
export async function requestLeave(
  deps: ServiceDeps,
  actor: Actor,
  input: { memberId: number; meetingId: number; reason: string },
): Promise<AnswerResult & { leadersTold?: number }> {
  const { db, outbox } = deps;
  const member = await hotQueries(db).member(input.memberId);
  if (!member) return { type: "stale", reason: "not_expected" };
  assertMayAnswerFor(actor, member);
  const reason = input.reason.trim();
  if (reason === "") throw new ServiceError("leave.reason_empty");
  if (reason.length > MAX_REASON) throw new ServiceError("leave.reason_too_long", { max: MAX_REASON });
  const result = await answerMeeting(db, deps.clock, { ...input, member, reason, answer: "leave_requested" });
  if (result.type === "stale" && result.reason === "not_expected")
    return guestAway(deps, member, input.meetingId, reason);
  if (result.type === "stale" || !result.changed) return result;
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: input.meetingId } });
  const response = await db.response.findUniqueOrThrow({ where: { id: result.responseId } });
  await audit(db, {
    actor: actor.label,
    action: "leave.request",
    branchId: meeting.branchId,
    targetMemberId: member.id,
    details: { meetingId: meeting.id },
  });
  const leaders = (await branchLeaders(db, meeting.branchId)).filter(
    // A leader writing down someone's request by phone already knows of it.
    (l) => l.memberId !== actor.id || actor.id === member.id,
  );
  const block = meetingBlock(meeting, deps.settings.timeZone);
  await outbox.enqueue(
    leaders.map((l) => ({
      key: `leave-request:${result.responseId}:${response.answeredAt?.getTime() ?? 0}:${l.memberId}`,
      channel: l.channel,
      chatId: l.chatId,
      memberId: l.memberId,
      priority: "reply" as const,
      kind: "leave_request",
      message: {
        text: t.leaveRequestToLeader(member.fullName, block, reason),
        choices: [
          [
            { data: `leave:ok:${result.responseId}`, label: t.btnAccept },
            { data: `leave:no:${result.responseId}`, label: t.btnRefuse },
          ],
        ],
      },
    })),
  );
  return { ...result, leadersTold: leaders.length };
}

/** A leader accepts or refuses a leave request; the member is told (with the buttons again when refused). */
export async function decideLeaveRequest(
  deps: ServiceDeps,
  actor: Actor,
  input: { responseId: number; accept: boolean },
): Promise<DecisionResult & { memberName?: string }> {
  const { db, outbox } = deps;
  const result = await decideLeave(db, deps.clock, actor, input.responseId, input.accept);
  if (result.type === "stale") return result;
  const [member, meeting] = await Promise.all([
    db.member.findUniqueOrThrow({ where: { id: result.memberId } }),
    db.meeting.findUniqueOrThrow({ where: { id: result.meetingId } }),
  ]);
  const block = meetingBlock(meeting, deps.settings.timeZone);
  const target = (await deliveryTargets(db, [member.id])).get(member.id);
  if (target) {
    await outbox.enqueue([
      {
        key: `leave-decision:${input.responseId}`,
        channel: target.channel,
        chatId: target.chatId,
        memberId: member.id,
        priority: "reply",
        kind: "leave_decision",
        message: {
          text: result.accepted ? t.leaveAccepted(block) : t.leaveRefused(block),
          ...(result.accepted ? {} : { choices: rsvpChoices(meeting.id) }),
        },
      },
    ]);
  }
  return { ...result, memberName: member.fullName };
}

/** The next meetings of the member's branch, each with the member's own answer. */
export async function myUpcomingMeetings(deps: ServiceDeps, actor: Actor, take: number) {
  if (actor.id === null || actor.branchId === null) return [];
  return hotQueries(deps.db).upcomingWithAnswers(actor.branchId, actor.id, deps.clock(), take);
}

/** Leave requests of a meeting still waiting for a decision (for the command line). */
export async function pendingLeaveRequests(deps: ServiceDeps, actor: Actor, meetingId: number) {
  const rows = await deps.db.response.findMany({
    where: { meetingId, answer: "leave_requested" },
    include: { member: { select: { fullName: true, branchId: true } } },
    orderBy: { id: "asc" },
  });
  return rows
    .filter((r) => actor.isAdmin || r.member.branchId === actor.branchId)
    .map((r) => ({ responseId: r.id, memberId: r.memberId, fullName: r.member.fullName, reason: r.reason ?? "" }));
}

/**
 * Creating, moving and cancelling a meeting, each with the notices that follow:
 * the chat dialog and the command line call these, so members hear of a change
 * the same way whoever made it.
 */
import type { Actor, ServiceDeps } from "./deps.ts";
import { meetingGroup, notifyMeetingMembers } from "./meeting-notices.ts";
import { cancelMeeting, changeMeeting, createMeeting, type MeetingInput } from "./meetings.ts";

const notices = (deps: ServiceDeps) => ({ db: deps.db, outbox: deps.outbox, timeZone: deps.settings.timeZone });

/** Creates the meeting and tells every expected, linked member; returns it and how many were told. */
export async function scheduleMeeting(deps: ServiceDeps, actor: Actor, input: MeetingInput) {
  const meeting = await createMeeting(deps.db, deps.clock, actor, input);
  const notified = await notifyMeetingMembers(notices(deps), meeting, "announced");
  return { meeting, notified };
}

/** Moves a meeting (time, place, agenda): reminders already queued are withdrawn and members told what changed. */
export async function rescheduleMeeting(
  deps: ServiceDeps,
  actor: Actor,
  meetingId: number,
  change: { startsAt?: Date; place?: string; agenda?: string },
) {
  const { before, after } = await changeMeeting(deps.db, deps.clock, actor, meetingId, change);
  await deps.outbox.cancelGroup(meetingGroup(after.id));
  const notified = await notifyMeetingMembers(notices(deps), after, "changed", before);
  return { before, meeting: after, notified };
}

/** Cancels a meeting: its queued reminders go, and members are told. */
export async function callOffMeeting(deps: ServiceDeps, actor: Actor, meetingId: number) {
  const meeting = await cancelMeeting(deps.db, actor, meetingId);
  await deps.outbox.cancelGroup(meetingGroup(meeting.id));
  const notified = await notifyMeetingMembers(notices(deps), meeting, "cancelled");
  return { meeting, notified };
}

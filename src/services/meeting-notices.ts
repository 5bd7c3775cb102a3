/** Messages about a meeting sent to its members: announcement, change, cancellation. */
import type { Db } from "../db/client.ts";
import type { Choice } from "../messaging/types.ts";
import type { Outbox } from "../delivery/outbox.ts";
import { formatDateTime } from "../domain/time.ts";
import { meetingBlock, t, type MeetingView } from "../texts/vi.ts";
import { deliveryTargets } from "./members.ts";
import { expectedMembers } from "./meetings.ts";
import { guestsOf } from "./liaisons.ts";

export function rsvpChoices(meetingId: number): Choice[][] {
  return [
    [
      { data: `rsvp:yes:${meetingId}`, label: t.btnAttend },
      { data: `rsvp:leave:${meetingId}`, label: t.btnLeave },
    ],
  ];
}

export const meetingGroup = (meetingId: number) => `meeting:${meetingId}`;

export interface NoticeDeps {
  db: Db;
  outbox: Outbox;
  timeZone: string;
}

type MeetingRow = MeetingView & { id: number; branchId: number; updatedAt: Date };

/** Tells every expected, linked member; returns how many messages were queued. */
export async function notifyMeetingMembers(
  deps: NoticeDeps,
  meeting: MeetingRow,
  what: "announced" | "changed" | "cancelled",
  /** For a change: the meeting as it was, so the notice says what moved from what to what. */
  before?: { startsAt: Date; place: string },
): Promise<number> {
  const members = await expectedMembers(deps.db, meeting);
  const targets = await deliveryTargets(
    deps.db,
    members.map((m) => m.id),
  );
  const block = meetingBlock(meeting, deps.timeZone);
  const moved =
    before && before.startsAt.getTime() !== meeting.startsAt.getTime()
      ? { from: formatDateTime(before.startsAt, deps.timeZone), to: formatDateTime(meeting.startsAt, deps.timeZone) }
      : null;
  const placeMoved = before && before.place !== meeting.place ? { from: before.place, to: meeting.place } : null;
  const text =
    what === "announced"
      ? t.meetingAnnounced(block)
      : what === "changed"
        ? t.meetingChanged(block, moved, placeMoved)
        : t.meetingCancelled(block);
  const version = meeting.updatedAt.getTime();
  // The committee member in charge of the branch is told too, as a guest.
  const guestIds = (await guestsOf(deps.db, [meeting])).get(meeting.id) ?? [];
  const guestTargets = await deliveryTargets(deps.db, guestIds);
  const branch =
    guestTargets.size > 0
      ? (await deps.db.branch.findUniqueOrThrow({ where: { id: meeting.branchId }, select: { name: true } })).name
      : "";
  const to = [
    ...[...targets.values()].map((target) => ({ target, text })),
    ...[...guestTargets.values()].map((target) => ({ target, text: `${t.guestNotice(branch)}\n${text}` })),
  ];
  return deps.outbox.enqueue(
    to.map(({ target, text }) => ({
      key: `meeting-${what}:${meeting.id}:${version}:${target.memberId}`,
      channel: target.channel,
      chatId: target.chatId,
      memberId: target.memberId,
      priority: "bulk" as const,
      kind: `meeting_${what}`,
      message: what === "cancelled" ? { text } : { text, choices: rsvpChoices(meeting.id) },
      groupKey: meetingGroup(meeting.id),
      // Notices about a meeting are useless once it has begun.
      expiresAt: meeting.startsAt,
    })),
  );
}

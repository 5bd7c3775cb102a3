/**
 * Announcements (thông báo): who receives one, sending it through the outbox
 * (now or at a set time), "Đã nhận" acknowledgements, per-recipient status,
 * re-reminding those who have not acknowledged, and cancelling while sending.
 */
import { announcementTexts as t, type RecipientState } from "../texts/announcements.ts";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { Clock } from "../domain/time.ts";
import { sortByName } from "../domain/text.ts";
import type { Channel, OutgoingMessage } from "../messaging/types.ts";
import { audit } from "./audit.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { deliveryTargets, isLeader } from "./members.ts";
import { inSlices } from "./slices.ts";
import { expectedMembers, type Actor } from "./meetings.ts";

export const audienceSchema = z.object({
  branchIds: z.array(z.number().int()).min(1),
  audience: z.enum(["all", "leaders", "no_answer"]),
  meetingId: z.number().int().optional(),
});
export type Audience = z.infer<typeof audienceSchema>;

export const attachmentSchema = z.object({
  kind: z.enum(["photo", "document"]),
  fileId: z.string(),
  filename: z.string().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const MAX_ANNOUNCEMENT = 3500;

/** Committee members (role "committee") may address every branch of their organisation. */
export function isCommittee(member: { role: string }): boolean {
  return member.role === "committee";
}

async function assertMaySend(db: Db, actor: Actor, branchIds: number[]): Promise<number> {
  if (actor.isAdmin) {
    const first = await db.branch.findFirst({ where: { id: { in: branchIds } } });
    if (!first) throw new ServiceError("announcement.no_branch");
    return first.organisationId;
  }
  const own = await db.branch.findUnique({ where: { id: actor.branchId ?? -1 } });
  if (!own) throw new NotAuthorisedError("announcement.send");
  const onlyOwn = branchIds.length === 1 && branchIds[0] === own.id;
  if (onlyOwn && (isLeader(actor) || isCommittee(actor))) return own.organisationId;
  if (!isCommittee(actor)) throw new NotAuthorisedError("announcement.send");
  const branches = await db.branch.findMany({ where: { id: { in: branchIds } } });
  if (branches.length !== branchIds.length || branches.some((b) => b.organisationId !== own.organisationId))
    throw new NotAuthorisedError("announcement.send");
  return own.organisationId;
}

/** The members an audience names, now. */
export async function resolveRecipients(db: Db, audience: Audience, now: Date) {
  const members = await db.member.findMany({
    where: {
      branchId: { in: audience.branchIds },
      leftAt: null,
      ...(audience.audience === "leaders" ? { role: { in: ["secretary", "deputy"] } } : {}),
    },
  });
  if (audience.audience !== "no_answer") return sortByName(members);
  const meeting = audience.meetingId ? await db.meeting.findUnique({ where: { id: audience.meetingId } }) : null;
  if (!meeting || meeting.startsAt <= now) return [];
  const expected = await expectedMembers(db, meeting);
  const answered = new Set(
    (await db.response.findMany({ where: { meetingId: meeting.id, answer: { not: null } } })).map((r) => r.memberId),
  );
  return expected.filter((m) => !answered.has(m.id));
}

export interface Preview {
  recipients: number;
  reachable: number;
  unreachable: string[];
  /** Seconds to send everything at the channels' rates. */
  etaSeconds: number;
}

export async function previewAnnouncement(
  db: Db,
  actor: Actor,
  audience: Audience,
  now: Date,
  rates: Record<Channel, number>,
): Promise<Preview> {
  await assertMaySend(db, actor, audience.branchIds);
  const members = await resolveRecipients(db, audience, now);
  const targets = await deliveryTargets(
    db,
    members.map((m) => m.id),
  );
  const per = { telegram: 0, zalo: 0 };
  for (const t of targets.values()) per[t.channel]++;
  return {
    recipients: members.length,
    reachable: targets.size,
    unreachable: members.filter((m) => !targets.has(m.id)).map((m) => m.fullName),
    etaSeconds: Math.max(1, Math.ceil(Math.max(per.telegram / rates.telegram, per.zalo / rates.zalo))),
  };
}

export const ackChoice = (id: number) => [[{ data: `ack:${id}`, label: t.btnAck }]];

function messageFor(id: number, text: string, senderLabel: string, attachment: Attachment | null): OutgoingMessage {
  return {
    text: t.announcement(senderLabel, text),
    choices: ackChoice(id),
    ...(attachment ? { attachment: { kind: attachment.kind, fileId: attachment.fileId } } : {}),
  };
}

export async function sendAnnouncement(
  deps: { db: Db; outbox: Outbox; clock: Clock },
  actor: Actor,
  input: { text: string; attachment: Attachment | null; audience: Audience; sendAt: Date | null; senderLabel: string },
) {
  const { db, outbox, clock } = deps;
  const text = input.text.trim();
  if (text === "" && !input.attachment) throw new ServiceError("announcement.empty");
  if (text.length > MAX_ANNOUNCEMENT) throw new ServiceError("announcement.too_long", { max: MAX_ANNOUNCEMENT });
  const organisationId = await assertMaySend(db, actor, input.audience.branchIds);
  const now = clock();
  if (input.sendAt && input.sendAt <= now) throw new ServiceError("announcement.send_at_past");
  const members = await resolveRecipients(db, input.audience, now);
  const targets = await deliveryTargets(
    db,
    members.map((m) => m.id),
  );
  const announcement = await db.announcement.create({
    data: {
      organisationId,
      branchId: actor.branchId ?? input.audience.branchIds[0]!,
      createdById: actor.id,
      text,
      attachment: input.attachment ? JSON.stringify(input.attachment) : null,
      audience: JSON.stringify(input.audience),
      status: input.sendAt ? "scheduled" : "sending",
      sendAt: input.sendAt ?? now,
      recipientCount: members.length,
    },
  });
  const message = messageFor(announcement.id, text, input.senderLabel, input.attachment);
  await outbox.enqueue(
    [...targets.values()].map((t) => ({
      key: `ann:${announcement.id}:${t.memberId}`,
      channel: t.channel,
      chatId: t.chatId,
      memberId: t.memberId,
      priority: "bulk" as const,
      kind: "announcement",
      message,
      groupKey: `ann:${announcement.id}`,
      ...(input.sendAt ? { notBefore: input.sendAt } : {}),
    })),
  );
  await audit(db, {
    actor: actor.label,
    action: "announcement.send",
    branchId: announcement.branchId,
    details: {
      id: announcement.id,
      recipients: members.length,
      scheduled: !!input.sendAt,
      branches: input.audience.branchIds.length,
    },
  });
  return { announcement, recipients: members.length, queued: targets.size };
}

export type AckResult = { type: "ok"; already: boolean } | { type: "stale" };

export async function acknowledge(db: Db, clock: Clock, announcementId: number, memberId: number): Promise<AckResult> {
  // "sending" too: the member may press the button a moment before the row is marked sent.
  const addressed = await db.outbox.findFirst({
    where: { groupKey: `ann:${announcementId}`, memberId, status: { in: ["sent", "sending"] } },
  });
  const announcement = await db.announcement.findUnique({ where: { id: announcementId } });
  if (!addressed || !announcement || announcement.status === "cancelled") return { type: "stale" };
  const existing = await db.announcementAck.findUnique({
    where: { announcementId_memberId: { announcementId, memberId } },
  });
  if (existing) return { type: "ok", already: true };
  await db.announcementAck.create({ data: { announcementId, memberId, at: clock() } });
  return { type: "ok", already: false };
}

export { RECIPIENT_STATE_LABELS, type RecipientState } from "../texts/announcements.ts";

async function getForSender(db: Db, actor: Actor, id: number) {
  const a = await db.announcement.findUnique({ where: { id } });
  if (!a) throw new ServiceError("announcement.not_found");
  if (actor.isAdmin) return a;
  const mine = a.branchId === actor.branchId && (isLeader(actor) || isCommittee(actor));
  const committee =
    isCommittee(actor) &&
    (await db.branch.findUnique({ where: { id: actor.branchId ?? -1 } }))?.organisationId === a.organisationId;
  if (!mine && !committee) throw new NotAuthorisedError("announcement.status");
  return a;
}

/** Per recipient: acknowledged / sent / queued / failed / unreachable. */
export async function announcementStatus(db: Db, actor: Actor, id: number) {
  const a = await getForSender(db, actor, id);
  const audience = audienceSchema.parse(JSON.parse(a.audience));
  const rows = await db.outbox.findMany({ where: { groupKey: `ann:${id}` }, orderBy: { id: "asc" } });
  const acks = new Set((await db.announcementAck.findMany({ where: { announcementId: id } })).map((x) => x.memberId));
  const memberIds = [...new Set(rows.map((r) => r.memberId).filter((m): m is number => m !== null))];
  const members = await inSlices(memberIds, (slice) => db.member.findMany({ where: { id: { in: slice } } }));
  // Recipients without any reachable account at sending time have no outbox row.
  const all =
    audience.audience === "no_answer"
      ? members
      : await db.member.findMany({
          where: {
            branchId: { in: audience.branchIds },
            ...(audience.audience === "leaders" ? { role: { in: ["secretary", "deputy"] } } : {}),
            createdAt: { lte: a.createdAt },
          },
        });
  const byMember = new Map<number, RecipientState>();
  for (const m of all) byMember.set(m.id, "unreachable");
  for (const r of rows) {
    if (r.memberId === null) continue;
    const state: RecipientState = acks.has(r.memberId)
      ? "acknowledged"
      : r.status === "sent"
        ? "sent"
        : r.status === "pending" || r.status === "sending"
          ? "queued"
          : r.status === "cancelled"
            ? "cancelled"
            : "failed";
    const previous = byMember.get(r.memberId);
    // A re-reminder adds rows: the best state wins.
    const rank: RecipientState[] = ["unreachable", "cancelled", "failed", "queued", "sent", "acknowledged"];
    if (!previous || rank.indexOf(state) > rank.indexOf(previous)) byMember.set(r.memberId, state);
  }
  const names = new Map([...all, ...members].map((m) => [m.id, m.fullName]));
  const recipients = sortByName(
    [...byMember.entries()].map(([memberId, state]) => ({
      memberId,
      fullName: names.get(memberId) ?? `#${memberId}`,
      state,
    })),
  );
  const counts: Record<RecipientState, number> = {
    acknowledged: 0,
    sent: 0,
    queued: 0,
    failed: 0,
    unreachable: 0,
    cancelled: 0,
  };
  for (const r of recipients) counts[r.state]++;
  return { announcement: a, recipients, counts };
}

/** Sends the announcement again to those who received it but have not acknowledged. */
export async function remindUnacknowledged(
  deps: { db: Db; outbox: Outbox; clock: Clock },
  actor: Actor,
  id: number,
  senderLabel: string,
): Promise<number> {
  const { announcement, recipients } = await announcementStatus(deps.db, actor, id);
  if (announcement.status === "cancelled") throw new ServiceError("announcement.stopped");
  const pending = recipients.filter((r) => r.state === "sent");
  const targets = await deliveryTargets(
    deps.db,
    pending.map((r) => r.memberId),
  );
  const stamp = deps.clock().getTime();
  const attachment = announcement.attachment ? attachmentSchema.parse(JSON.parse(announcement.attachment)) : null;
  const message = messageFor(id, t.reminded(announcement.text), senderLabel, attachment);
  const n = await deps.outbox.enqueue(
    [...targets.values()].map((t) => ({
      key: `ann:${id}:${t.memberId}:r${stamp}`,
      channel: t.channel,
      chatId: t.chatId,
      memberId: t.memberId,
      priority: "bulk" as const,
      kind: "announcement",
      message,
      groupKey: `ann:${id}`,
    })),
  );
  await audit(deps.db, {
    actor: actor.label,
    action: "announcement.remind",
    branchId: announcement.branchId,
    details: { id, count: n },
  });
  return n;
}

/** Stops what is not sent yet. */
export async function cancelAnnouncement(
  deps: { db: Db; outbox: Outbox; clock: Clock },
  actor: Actor,
  id: number,
): Promise<number> {
  const a = await getForSender(deps.db, actor, id);
  if (a.status === "cancelled") return 0;
  const n = await deps.outbox.cancelGroup(`ann:${id}`);
  await deps.db.announcement.update({ where: { id }, data: { status: "cancelled", cancelledAt: deps.clock() } });
  await audit(deps.db, {
    actor: actor.label,
    action: "announcement.cancel",
    branchId: a.branchId,
    details: { id, stopped: n },
  });
  return n;
}

/** Announcements a sender may follow: his/her branch's, or the organisation's for the committee. */
export async function recentAnnouncements(db: Db, actor: Actor, take = 5) {
  const own = await db.branch.findUnique({ where: { id: actor.branchId ?? -1 } });
  if (!own) return [];
  return db.announcement.findMany({
    where: isCommittee(actor) ? { organisationId: own.organisationId } : { branchId: own.id },
    orderBy: { id: "desc" },
    take,
  });
}

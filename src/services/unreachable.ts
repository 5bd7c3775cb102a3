/**
 * When a platform refuses delivery for good: mark the account unreachable, tell
 * the branch leaders once, and send the message again on the member's other
 * linked channel if there is one (reminders and notices, not dialog replies).
 */
import type { Db } from "../db/client.ts";
import type { Clock } from "../domain/time.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { UnreachableNotice } from "../delivery/dispatcher.ts";
import { t } from "../texts/vi.ts";
import { audit } from "./audit.ts";
import { branchLeaders, deliveryTargets } from "./members.ts";
import type { Channel, OutgoingMessage } from "../messaging/types.ts";

/**
 * Sends a reminder or notice again on the member's other linked channel (not
 * dialog replies). Returns whether it found one.
 */
export async function fallBackToOtherChannel(
  deps: { db: Db; outbox: Outbox },
  outboxId: number,
  memberId: number,
  failedChannel: Channel,
  usable?: (c: Channel) => boolean,
): Promise<boolean> {
  const row = await deps.db.outbox.findUnique({ where: { id: outboxId } });
  if (!row || row.priority !== "bulk" || row.idempotencyKey.includes("|via:")) return false;
  const targets = await deliveryTargets(deps.db, [memberId], { memberId, channel: failedChannel });
  const other = targets.get(memberId);
  if (!other || (usable && !usable(other.channel))) return false;
  await deps.outbox.enqueue([
    {
      key: `${row.idempotencyKey}|via:${other.channel}`,
      channel: other.channel,
      chatId: other.chatId,
      memberId,
      priority: "bulk",
      kind: row.kind,
      message: JSON.parse(row.payload) as OutgoingMessage,
      expiresAt: row.expiresAt,
      groupKey: row.groupKey,
    },
  ]);
  return true;
}

export function createUnreachableHandler(deps: { db: Db; outbox: Outbox; clock: Clock }) {
  async function fallBack(notice: UnreachableNotice, memberId: number): Promise<void> {
    await fallBackToOtherChannel(deps, notice.outboxId, memberId, notice.channel);
  }
  return async (notice: UnreachableNotice): Promise<void> => {
    const { db, outbox, clock } = deps;
    const account = await db.channelAccount.findFirst({
      where: { channel: notice.channel, chatId: notice.chatId },
      include: { member: true },
    });
    if (!account) return;
    await fallBack(notice, account.memberId);
    if (account.unreachableAt) return;
    const now = clock();
    await db.channelAccount.update({ where: { id: account.id }, data: { unreachableAt: now } });
    await audit(db, {
      actor: "system",
      action: "account.unreachable",
      branchId: account.member.branchId,
      targetMemberId: account.memberId,
      details: { channel: notice.channel, error: notice.error.slice(0, 200) },
    });
    const leaders = (await branchLeaders(db, account.member.branchId)).filter((l) => l.memberId !== account.memberId);
    await outbox.enqueue(
      leaders.map((l) => ({
        key: `unreachable:${account.id}:${now.getTime()}:${l.memberId}`,
        channel: l.channel,
        chatId: l.chatId,
        memberId: l.memberId,
        priority: "bulk" as const,
        kind: "unreachable_notice",
        message: { text: t.unreachableToLeader(account.member.fullName, notice.channel) },
      })),
    );
  };
}

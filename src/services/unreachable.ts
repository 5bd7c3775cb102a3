/** When a platform refuses delivery for good: mark the account and tell the branch leaders once. */
import type { Db } from "../db/client.ts";
import type { Clock } from "../domain/time.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { UnreachableNotice } from "../delivery/dispatcher.ts";
import { t } from "../texts/vi.ts";
import { audit } from "./audit.ts";
import { branchLeaders } from "./members.ts";

export function createUnreachableHandler(deps: { db: Db; outbox: Outbox; clock: Clock }) {
  return async (notice: UnreachableNotice): Promise<void> => {
    const { db, outbox, clock } = deps;
    const account = await db.channelAccount.findFirst({ where: { channel: notice.channel, chatId: notice.chatId }, include: { member: true } });
    if (!account || account.unreachableAt) return;
    const now = clock();
    await db.channelAccount.update({ where: { id: account.id }, data: { unreachableAt: now } });
    await audit(db, { actor: "system", action: "account.unreachable", branchId: account.member.branchId, targetMemberId: account.memberId, details: { channel: notice.channel, error: notice.error.slice(0, 200) } });
    const leaders = (await branchLeaders(db, account.member.branchId)).filter((l) => l.memberId !== account.memberId);
    await outbox.enqueue(leaders.map((l) => ({
      key: `unreachable:${account.id}:${now.getTime()}:${l.memberId}`,
      channel: l.channel, chatId: l.chatId, memberId: l.memberId, priority: "bulk" as const, kind: "unreachable_notice",
      message: { text: t.unreachableToLeader(account.member.fullName, notice.channel) },
    })));
  };
}

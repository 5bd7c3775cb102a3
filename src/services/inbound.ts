/**
 * The start of every incoming update, on the hot path: claim it (a platform
 * that delivers it again finds it taken), find the member behind the account,
 * read the chat's dialog state, and note where and when the account was last
 * seen.
 */
import { hotQueries } from "../db/hot-queries.ts";
import type { Channel } from "../messaging/types.ts";
import type { ServiceDeps } from "./deps.ts";

export async function beginUpdate(
  deps: ServiceDeps,
  update: { channel: Channel; updateKey: string; userId: string; chatId: string },
) {
  const queries = hotQueries(deps.db);
  const now = deps.clock();
  const begun = await queries.beginUpdate({
    channel: update.channel,
    updateKey: update.updateKey,
    at: now,
    externalId: update.userId,
    chatId: update.chatId,
  });
  if (!begun.fresh) return { fresh: false as const };
  // A member who has left the party keeps no access through an old account.
  const found = begun.found && !begun.found.member.leftAt ? begun.found : null;
  if (
    found &&
    (found.account.unreachableAt ||
      found.account.chatId !== update.chatId ||
      now.getTime() - found.account.lastSeenAt.getTime() > 60_000)
  ) {
    // "Last seen" decides the delivery channel; a minute's precision is enough and saves a write per update.
    await queries.touchAccount(found.account.id, update.chatId, now);
  }
  return { fresh: true as const, member: found?.member ?? null, session: begun.session?.data ?? null };
}

/** Drops bookkeeping rows that are no longer needed (seen update ids, old failed link attempts). */
import type { Db } from "../db/client.ts";
import type { Clock } from "../domain/time.ts";

export async function cleanupOldRows(deps: { db: Db; clock: Clock }): Promise<{ seen: number; attempts: number }> {
  const now = deps.clock().getTime();
  const seen = await deps.db.inboundSeen.deleteMany({ where: { at: { lt: new Date(now - 7 * 86_400_000) } } });
  const attempts = await deps.db.linkAttempt.deleteMany({ where: { at: { lt: new Date(now - 2 * 86_400_000) } } });
  return { seen: seen.count, attempts: attempts.count };
}

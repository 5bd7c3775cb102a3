/** What the health check and the metrics read from the database: it answers, and how the outbox stands. */
import type { Db } from "../db/client.ts";
import type { OutboxFigures } from "../observability/metrics.ts";

export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** Rows waiting, and how long the oldest due one has been due (a row held for quiet hours is not due yet). */
export async function outboxFigures(db: Db, now: Date): Promise<OutboxFigures> {
  const [depth, oldest] = await Promise.all([
    db.outbox.count({ where: { status: { in: ["pending", "sending"] } } }),
    db.outbox.findFirst({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    }),
  ]);
  return {
    depth,
    oldestDueSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.nextAttemptAt.getTime()) / 1000)) : 0,
  };
}

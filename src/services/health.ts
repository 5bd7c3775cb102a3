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

/**
 * Rows waiting, and how long the oldest due one has been due (a row held for quiet hours is not due yet). A meeting
 * whose members' rows are not yet written (db/fanouts.ts) counts as due from its `notBefore`: its reminders wait too.
 * And how long ago the last message went out: a province's reminders keep the oldest waiting for hours while the
 * queue moves at the platforms' limits.
 */
export async function outboxFigures(db: Db, now: Date): Promise<OutboxFigures> {
  const [depth, oldest, unwritten, oldestUnwritten, lastSent] = await Promise.all([
    db.outbox.count({ where: { status: { in: ["pending", "sending"] } } }),
    db.outbox.findFirst({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    }),
    db.outboxFanout.count({ where: { status: "pending" } }),
    db.outboxFanout.aggregate({ where: { status: "pending", notBefore: { lte: now } }, _min: { notBefore: true } }),
    lastSendAmongNewest(db),
  ]);
  const secondsSince = (at: Date) => Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  const due = [oldest?.nextAttemptAt, oldestUnwritten._min.notBefore].filter((d): d is Date => !!d);
  return {
    depth,
    oldestDueSeconds: due.length ? Math.max(...due.map(secondsSince)) : 0,
    unwrittenMeetings: unwritten,
    lastSentSeconds: lastSent ? secondsSince(lastSent) : null,
  };
}

/** Rows looked at for the last send: the newest, by id (the queue is sent in that order, replies first). */
const NEWEST_ROWS = 5000;

/**
 * When the last message among the newest rows was sent (null: none of them was). Bounded, so a scrape stays cheap
 * with millions of rows kept: a queue that is moving has sent some of its newest rows.
 */
async function lastSendAmongNewest(db: Db): Promise<Date | null> {
  const rows = await db.$queryRawUnsafe<{ sentAt: Date | string | null }[]>(
    `SELECT max("sentAt") AS "sentAt" FROM (SELECT "sentAt" FROM "Outbox" ORDER BY "id" DESC LIMIT ${NEWEST_ROWS}) n`,
  );
  const at = rows[0]?.sentAt;
  return at === null || at === undefined ? null : new Date(at);
}

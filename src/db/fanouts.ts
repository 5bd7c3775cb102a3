/**
 * Meetings' reminders decided but not yet written as members' outbox rows (the OutboxFanout table).
 *
 * At the platforms' limits a province's million reminders take hours to send (30 a second on Telegram). Writing them
 * all the minute they fall due would hold the bot's database for that long a write and buy nothing: planning stores,
 * per meeting, the instant it decided (which steps were due then), and the members' rows are written a few meetings at
 * a time as the dispatcher's queue drains (delivery/fanout-feeder.ts). The writer is handed the waiting meetings and
 * returns their shapes (member-rows.ts), made by the planner's rules as at that instant
 * (services/scheduled/plan-reminders.ts); the rows come from the roster and answers as they are when written.
 *
 * - Planning a meeting again (a step fell due, it changed, or its turn to be looked at again came) moves its instant
 *   on and asks for its rows again: rows already there are left alone (their keys), new members get theirs.
 * - Cancelling the meeting's group (moved, cancelled) cancels what is not yet written, in the same transaction as its
 *   rows. A writer writes a meeting only if nothing changed it since the writer read it: on SQLite checked in the
 *   writing transaction; on PostgreSQL the meeting is locked while written (another writer steps over it, a
 *   cancellation waits and then cancels its rows).
 */
import type pg from "pg";
import { directConnection, postgresqlPool, type Db, type SqliteConnection } from "./client.ts";
import { postgresqlDate, sqlDate } from "./hot-queries.ts";
import { postgresqlWrite, sqliteWriter, type MemberRowCounts, type MemberRowShape } from "./member-rows.ts";

export interface Fanout {
  meetingId: number;
  groupKey: string | null;
  /** When planning decided. */
  plannedAt: Date;
  /** The earliest instant its rows may be sent. */
  notBefore: Date;
}

export interface FanoutsWritten extends MemberRowCounts {
  /** Meetings whose rows were written. */
  meetings: number;
}

/** Makes the shapes of the waiting meetings (those it leaves out get no rows and are done). */
export type ShapesFor = (waiting: Fanout[]) => Promise<MemberRowShape[]>;

const UPSERT_SET =
  `ON CONFLICT ("meetingId") DO UPDATE SET "groupKey" = excluded."groupKey", "plannedAt" = excluded."plannedAt", ` +
  `"notBefore" = excluded."notBefore", "status" = 'pending', "revision" = "OutboxFanout"."revision" + 1, ` +
  `"updatedAt" = excluded."updatedAt"`;

type Picked = Fanout & { id: number; revision: number };

type SqliteStatements = {
  queue: (fanouts: Fanout[], now: string) => void;
  pick: (meetings: number) => Picked[];
  write: (picked: Picked[], shapes: MemberRowShape[], now: string) => FanoutsWritten;
};
const sqliteStatements = new WeakMap<SqliteConnection, SqliteStatements>();

function sqlite(connection: SqliteConnection): SqliteStatements {
  let found = sqliteStatements.get(connection);
  if (found) return found;
  const upsert = connection.prepare(
    `INSERT INTO "OutboxFanout" ("meetingId", "groupKey", "plannedAt", "notBefore", "status", "createdAt", ` +
      `"updatedAt") VALUES (?, ?, ?, ?, 'pending', ?, ?) ${UPSERT_SET}`,
  );
  // Plain numbers, as hot-queries.ts reads them (the adapter turns on BigInt results for the connection).
  const pick = connection
    .prepare(
      `SELECT "id", "meetingId", "groupKey", "plannedAt", "notBefore", "revision" FROM "OutboxFanout" ` +
        `WHERE "status" = 'pending' ORDER BY "id" LIMIT ?`,
    )
    .safeIntegers(false);
  const unchanged = connection.prepare(
    `SELECT 1 FROM "OutboxFanout" WHERE "id" = ? AND "status" = 'pending' AND "revision" = ?`,
  );
  const done = connection.prepare(`UPDATE "OutboxFanout" SET "status" = 'done', "updatedAt" = ? WHERE "id" = ?`);
  const writeRows = sqliteWriter(connection);
  found = {
    queue: connection.transaction((fanouts: Fanout[], now: string) => {
      for (const f of fanouts)
        upsert.run(f.meetingId, f.groupKey, sqlDate(f.plannedAt), sqlDate(f.notBefore), now, now);
    }).immediate,
    pick: (meetings) =>
      (
        pick.all(meetings) as (Omit<Picked, "plannedAt" | "notBefore"> & { plannedAt: string; notBefore: string })[]
      ).map((r) => ({ ...r, plannedAt: new Date(r.plannedAt), notBefore: new Date(r.notBefore) })),
    // Checked, written and marked in one transaction: nothing (a cancellation, planning again) comes in between.
    write: connection.transaction((picked: Picked[], shapes: MemberRowShape[], now: string): FanoutsWritten => {
      const kept = picked.filter((p) => unchanged.get(p.id, p.revision) !== undefined);
      const meetings = new Set(kept.map((p) => p.meetingId));
      const counts = writeRows(
        shapes.filter((s) => meetings.has(s.meetingId)),
        now,
      );
      for (const p of kept) done.run(now, p.id);
      return { meetings: kept.length, ...counts };
    }).immediate,
  };
  sqliteStatements.set(connection, found);
  return found;
}

const POSTGRESQL_UPSERT =
  `INSERT INTO "OutboxFanout" ("meetingId", "groupKey", "plannedAt", "notBefore", "status", "createdAt", ` +
  `"updatedAt") SELECT m, g, p, n, 'pending', $5::timestamp(3), $5::timestamp(3) ` +
  `FROM unnest($1::int[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[]) AS f(m, g, p, n) ORDER BY m ` +
  UPSERT_SET;

/** Dates as milliseconds: a timestamp without a time zone read by node-postgres would be taken as local time. */
const POSTGRESQL_PICK =
  `SELECT "id", "meetingId", "groupKey", (EXTRACT(EPOCH FROM "plannedAt") * 1000)::float8 AS "plannedAt", ` +
  `(EXTRACT(EPOCH FROM "notBefore") * 1000)::float8 AS "notBefore", "revision" FROM "OutboxFanout" ` +
  `WHERE "status" = 'pending' ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`;

async function postgresqlWriteFanouts(
  pool: pg.Pool,
  meetings: number,
  now: Date,
  shapesFor: ShapesFor,
): Promise<FanoutsWritten> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Another instance writing some meetings, or a cancellation holding one, is stepped over, not waited for.
    const { rows } = await client.query<
      Omit<Picked, "plannedAt" | "notBefore"> & { plannedAt: number; notBefore: number }
    >(POSTGRESQL_PICK, [meetings]);
    if (rows.length === 0) {
      await client.query("COMMIT");
      return { meetings: 0, pending: 0, skipped: 0 };
    }
    const picked = rows.map((r) => ({ ...r, plannedAt: new Date(r.plannedAt), notBefore: new Date(r.notBefore) }));
    const counts = await postgresqlWrite(client, await shapesFor(picked), now);
    await client.query(
      `UPDATE "OutboxFanout" SET "status" = 'done', "updatedAt" = $1::timestamp(3) WHERE "id" = ANY($2::int[])`,
      [postgresqlDate(now), rows.map((r) => r.id)],
    );
    await client.query("COMMIT");
    return { meetings: rows.length, ...counts };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Stores (or moves on) meetings waiting for their members' rows. */
export async function queueFanouts(db: Db, fanouts: Fanout[], now: Date): Promise<void> {
  if (fanouts.length === 0) return;
  const connection = directConnection(db);
  if (connection) return sqlite(connection).queue(fanouts, sqlDate(now));
  const pool = postgresqlPool(db);
  if (!pool) throw new Error("queueFanouts needs a direct SQLite connection or the PostgreSQL pool");
  await pool.query(POSTGRESQL_UPSERT, [
    fanouts.map((f) => f.meetingId),
    fanouts.map((f) => f.groupKey),
    fanouts.map((f) => postgresqlDate(f.plannedAt)),
    fanouts.map((f) => postgresqlDate(f.notBefore)),
    postgresqlDate(now),
  ]);
}

/** Writes the members' rows of up to `meetings` waiting meetings, oldest first; returns what was written. */
export async function writeFanouts(db: Db, meetings: number, now: Date, shapesFor: ShapesFor): Promise<FanoutsWritten> {
  const connection = directConnection(db);
  if (connection) {
    const statements = sqlite(connection);
    const picked = statements.pick(meetings);
    if (picked.length === 0) return { meetings: 0, pending: 0, skipped: 0 };
    return statements.write(picked, await shapesFor(picked), sqlDate(now));
  }
  const pool = postgresqlPool(db);
  if (!pool) throw new Error("writeFanouts needs a direct SQLite connection or the PostgreSQL pool");
  return postgresqlWriteFanouts(pool, meetings, now, shapesFor);
}

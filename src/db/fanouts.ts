/**
 * Meetings' reminders decided but not yet written as members' outbox rows (the OutboxFanout table).
 *
 * At the platforms' limits a province's million reminders take hours to send (30 a second on Telegram). Writing them
 * all the minute they fall due would hold the bot's database for that long a write and buy nothing: planning stores,
 * per meeting, what each member gets by his/her answer (the shapes of member-rows.ts), and the dispatcher has the
 * members' rows written a few meetings at a time as its queue drains (delivery/fanout-feeder.ts). The rows are the
 * ones planning would have written, made from the roster as it is when they are written.
 *
 * - Planning a meeting again (a step fell due, it changed, or its turn to be looked at again came) replaces its
 *   shapes and asks for its rows again: rows already there are left alone (their keys), new members get theirs.
 * - Cancelling the meeting's group (moved, cancelled) cancels what is not yet written, in the same transaction as its
 *   rows; on PostgreSQL a meeting being written is locked, so the cancellation waits for it and then cancels its rows.
 */
import type pg from "pg";
import { directConnection, postgresqlPool, type Db, type SqliteConnection } from "./client.ts";
import { postgresqlDate, sqlDate } from "./hot-queries.ts";
import { postgresqlWrite, sqliteWriter, type MemberRowCounts, type MemberRowShape } from "./member-rows.ts";

export interface Fanout {
  /** One per meeting: "meeting-reminders:<id>". */
  key: string;
  groupKey: string | null;
  shapes: MemberRowShape[];
  /** The earliest of its rows' nextAttemptAt. */
  notBefore: Date;
}

export interface FanoutsWritten extends MemberRowCounts {
  /** Meetings whose rows were written. */
  meetings: number;
}

export const fanoutKey = (meetingId: number) => `meeting-reminders:${meetingId}`;

function serialise(shapes: MemberRowShape[]): string {
  return JSON.stringify(shapes);
}

function parse(json: string): MemberRowShape[] {
  return (JSON.parse(json) as (MemberRowShape & { nextAttemptAt: string; expiresAt: string | null })[]).map((s) => ({
    ...s,
    nextAttemptAt: new Date(s.nextAttemptAt),
    expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt),
  }));
}

const UPSERT_SET =
  `ON CONFLICT ("key") DO UPDATE SET "groupKey" = excluded."groupKey", "shapes" = excluded."shapes", ` +
  `"status" = 'pending', "notBefore" = excluded."notBefore", "updatedAt" = excluded."updatedAt"`;

type SqliteStatements = {
  queue: (fanouts: Fanout[], now: string) => void;
  write: (meetings: number, now: string) => FanoutsWritten;
};
const sqliteStatements = new WeakMap<SqliteConnection, SqliteStatements>();

function sqlite(connection: SqliteConnection): SqliteStatements {
  let found = sqliteStatements.get(connection);
  if (found) return found;
  const upsert = connection.prepare(
    `INSERT INTO "OutboxFanout" ("key", "groupKey", "shapes", "status", "notBefore", "createdAt", "updatedAt") ` +
      `VALUES (?, ?, ?, 'pending', ?, ?, ?) ${UPSERT_SET}`,
  );
  const pick = connection.prepare(
    `SELECT "id", "shapes" FROM "OutboxFanout" WHERE "status" = 'pending' ORDER BY "id" LIMIT ?`,
  );
  const done = connection.prepare(`UPDATE "OutboxFanout" SET "status" = 'done', "updatedAt" = ? WHERE "id" = ?`);
  const writeRows = sqliteWriter(connection);
  found = {
    queue: connection.transaction((fanouts: Fanout[], now: string) => {
      for (const f of fanouts) upsert.run(f.key, f.groupKey, serialise(f.shapes), sqlDate(f.notBefore), now, now);
    }).immediate,
    // Read, written and marked in one transaction: nothing (a cancellation, planning again) comes in between.
    write: connection.transaction((meetings: number, now: string): FanoutsWritten => {
      const rows = pick.all(meetings) as { id: number; shapes: string }[];
      if (rows.length === 0) return { meetings: 0, pending: 0, skipped: 0 };
      const counts = writeRows(
        rows.flatMap((r) => parse(r.shapes)),
        now,
      );
      for (const r of rows) done.run(now, r.id);
      return { meetings: rows.length, ...counts };
    }).immediate,
  };
  sqliteStatements.set(connection, found);
  return found;
}

const POSTGRESQL_UPSERT =
  `INSERT INTO "OutboxFanout" ("key", "groupKey", "shapes", "status", "notBefore", "createdAt", "updatedAt") ` +
  `SELECT k, g, s, 'pending', n, $5::timestamp(3), $5::timestamp(3) ` +
  `FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp(3)[]) AS f(k, g, s, n) ORDER BY k ${UPSERT_SET}`;

async function postgresqlWriteFanouts(pool: pg.Pool, meetings: number, now: Date): Promise<FanoutsWritten> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Another instance writing some meetings, or a cancellation holding one, is stepped over, not waited for.
    const { rows } = await client.query<{ id: number; shapes: string }>(
      `SELECT "id", "shapes" FROM "OutboxFanout" WHERE "status" = 'pending' ORDER BY "id" LIMIT $1 ` +
        `FOR UPDATE SKIP LOCKED`,
      [meetings],
    );
    if (rows.length === 0) {
      await client.query("COMMIT");
      return { meetings: 0, pending: 0, skipped: 0 };
    }
    const counts = await postgresqlWrite(
      client,
      rows.flatMap((r) => parse(r.shapes)),
      now,
    );
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

/** Stores (or replaces) meetings' shapes, to be written as rows. */
export async function queueFanouts(db: Db, fanouts: Fanout[], now: Date): Promise<void> {
  if (fanouts.length === 0) return;
  const connection = directConnection(db);
  if (connection) return sqlite(connection).queue(fanouts, sqlDate(now));
  const pool = postgresqlPool(db);
  if (!pool) throw new Error("queueFanouts needs a direct SQLite connection or the PostgreSQL pool");
  await pool.query(POSTGRESQL_UPSERT, [
    fanouts.map((f) => f.key),
    fanouts.map((f) => f.groupKey),
    fanouts.map((f) => serialise(f.shapes)),
    fanouts.map((f) => postgresqlDate(f.notBefore)),
    postgresqlDate(now),
  ]);
}

/** Writes the members' rows of up to `meetings` waiting meetings, oldest first; returns what was written. */
export async function writeFanouts(db: Db, meetings: number, now: Date): Promise<FanoutsWritten> {
  const connection = directConnection(db);
  if (connection) return sqlite(connection).write(meetings, sqlDate(now));
  const pool = postgresqlPool(db);
  if (!pool) throw new Error("writeFanouts needs a direct SQLite connection or the PostgreSQL pool");
  return postgresqlWriteFanouts(pool, meetings, now);
}

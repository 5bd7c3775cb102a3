/**
 * A meeting's reminders for its branch's members, written by the database itself: one INSERT … SELECT makes each
 * member's outbox row from a few shapes (what every member who answered alike gets for one step), so a province's
 * million reminders are never read into this process, turned into objects and sent back. The planner
 * (services/scheduled/plan-reminders.ts) decides the shapes with the domain rules; the database applies them to the
 * members:
 *   - who have not left and have no exemption (`exemption = 'none'`; the planner handles the few with a temporary
 *     one, whose window it checks against the meeting's time);
 *   - with a reachable account: the one on the member's preferred channel, else the most recently seen (the order
 *     of `reachableAccounts` in hot-queries.ts, as `branchDeliveryTargets` picks);
 *   - whose answer to the meeting is the shape's (none: no answer yet).
 * Keys are the shape's prefix, the member's id and its suffix: the same keys the planner would make, so a row
 * already queued is left alone (ON CONFLICT DO NOTHING) and planning twice queues each reminder once. A meeting
 * cancelled meanwhile gets none (the shapes may be written later: see fanouts.ts).
 */
import type pg from "pg";
import { directConnection, postgresqlPool, type Db, type SqliteConnection } from "./client.ts";
import { postgresqlDate, sqlDate } from "./hot-queries.ts";

export interface MemberRowShape {
  meetingId: number;
  /** The members it is for: their answer to the meeting, or "none". */
  answer: string;
  /** The key up to the member's id, and after it. */
  keyPrefix: string;
  keySuffix: string;
  kind: string;
  payload: string;
  status: "pending" | "skipped";
  lastError: string | null;
  nextAttemptAt: Date;
  expiresAt: Date | null;
  groupKey: string | null;
}

export interface MemberRowCounts {
  pending: number;
  skipped: number;
}

/**
 * SQLite: the rows, given the shapes in the connection's TEMP table `s`: from the meetings to their members, each
 * member's account (the first by the order `reachableAccounts` reads them) and answer, and last the shape for that
 * meeting and answer (so each member is looked at once, not once per shape). SQLite plans this well: each join is an
 * index lookup, the accounts of the chunk's branches ranked once.
 */
const SQLITE_SELECT =
  `SELECT s."keyPrefix" || m."id" || s."keySuffix", t."channel", t."chatId", m."id", 'bulk', s."kind", ` +
  `s."payload", s."status", 0, s."lastError", s."nextAttemptAt", s."expiresAt", s."groupKey", ? ` +
  `FROM (SELECT DISTINCT "meetingId" FROM temp."chibo_member_row_shape") q ` +
  `JOIN "Meeting" mt ON mt."id" = q."meetingId" AND mt."status" <> 'cancelled' ` +
  `JOIN "Member" m ON m."branchId" = mt."branchId" AND m."leftAt" IS NULL AND m."exemption" = 'none' ` +
  `JOIN (SELECT a."memberId", a."channel", a."chatId", ROW_NUMBER() OVER (PARTITION BY a."memberId" ORDER BY ` +
  `CASE WHEN a."channel" = am."preferredChannel" THEN 0 ELSE 1 END, a."lastSeenAt" DESC, a."id" DESC) AS "rank" ` +
  `FROM "ChannelAccount" a JOIN "Member" am ON am."id" = a."memberId" ` +
  `WHERE a."unreachableAt" IS NULL AND am."leftAt" IS NULL AND am."exemption" = 'none' AND am."branchId" IN ` +
  `(SELECT mm."branchId" FROM "Meeting" mm WHERE mm."id" IN (SELECT "meetingId" FROM temp."chibo_member_row_shape"))) t ` +
  `ON t."memberId" = m."id" AND t."rank" = 1 ` +
  `LEFT JOIN "Response" r ON r."meetingId" = mt."id" AND r."memberId" = m."id" ` +
  `JOIN temp."chibo_member_row_shape" s ON s."meetingId" = mt."id" AND s."answer" = COALESCE(r."answer", 'none')`;

/**
 * Rows are stored meeting by meeting, each meeting's members in turn (on both databases): the dispatcher takes rows
 * in that order, and a chat gets one message a second, so a member's several reminders one after another would hold
 * the others back.
 */
const ORDER = `ORDER BY mt."id", m."id", s."n"`;

const COLUMNS =
  `"idempotencyKey", "channel", "chatId", "memberId", "priority", "kind", "payload", "status", "attempts", ` +
  `"lastError", "nextAttemptAt", "expiresAt", "groupKey", "createdAt"`;

const SHAPE_COLUMNS = [
  "meetingId",
  "answer",
  "keyPrefix",
  "keySuffix",
  "kind",
  "payload",
  "status",
  "lastError",
  "nextAttemptAt",
  "expiresAt",
  "groupKey",
] as const;

/** A shape's values after its meeting and answer, in the order of SHAPE_COLUMNS; dates as the database takes them. */
function shapeValues(s: MemberRowShape, date: (d: Date) => string): unknown[] {
  return [
    s.keyPrefix,
    s.keySuffix,
    s.kind,
    s.payload,
    s.status,
    s.lastError,
    date(s.nextAttemptAt),
    s.expiresAt ? date(s.expiresAt) : null,
    s.groupKey,
  ];
}

export type SqliteWrite = (shapes: MemberRowShape[], created: string) => MemberRowCounts;
const sqliteWriters = new WeakMap<SqliteConnection, SqliteWrite>();

/** SQLite: the shapes go to a table of the connection's own (TEMP), then one statement, in one transaction. */
export function sqliteWriter(connection: SqliteConnection): SqliteWrite {
  let write = sqliteWriters.get(connection);
  if (!write) {
    // Typed columns: an untyped meetingId would not meet the meetings' integer ids through an index.
    connection.exec(
      `CREATE TEMP TABLE IF NOT EXISTS "chibo_member_row_shape" ("n" INTEGER PRIMARY KEY, "meetingId" INTEGER, ` +
        `${SHAPE_COLUMNS.slice(1)
          .map((c) => `"${c}" TEXT`)
          .join(", ")})`,
    );
    connection.exec(
      `CREATE INDEX IF NOT EXISTS temp."chibo_member_row_shape_meeting" ON "chibo_member_row_shape" ("meetingId", "answer")`,
    );
    const clear = connection.prepare(`DELETE FROM temp."chibo_member_row_shape"`);
    const add = connection.prepare(
      `INSERT INTO temp."chibo_member_row_shape" VALUES (?, ${SHAPE_COLUMNS.map(() => "?").join(", ")})`,
    );
    const insert = connection.prepare(
      `INSERT INTO "Outbox" (${COLUMNS}) ${SQLITE_SELECT} ` +
        `WHERE s."status" = ? ${ORDER} ON CONFLICT ("idempotencyKey") DO NOTHING`,
    );
    write = connection.transaction((shapes: MemberRowShape[], created: string) => {
      clear.run();
      shapes.forEach((s, i) => add.run(i, s.meetingId, s.answer, ...shapeValues(s, sqlDate)));
      // One statement per status the shapes have (usually only "pending"): each tells how many it inserted.
      const counts = { pending: 0, skipped: 0 };
      for (const status of ["pending", "skipped"] as const)
        if (shapes.some((s) => s.status === status)) counts[status] = insert.run(created, status).changes;
      clear.run();
      return counts;
    }).immediate;
    sqliteWriters.set(connection, write);
  }
  return write;
}

/**
 * PostgreSQL, one statement that counts what it inserted by status. Its planner, misjudging how many members a chunk
 * has, would join a chunk's accounts or shapes by scanning them again for every member (minutes for a province), so
 * nothing is left to its estimates: each meeting, member's account and answer is one index lookup (LATERAL, OFFSET 0
 * so that it is not folded into a join; the account in the order `reachableAccounts` reads them), and the shapes are
 * a jsonb object keyed "<meeting>:<answer>", each a list of [keyPrefix, keySuffix, kind, payload, status, lastError,
 * nextAttemptAt, expiresAt, groupKey, order], looked up by key.
 */
const POSTGRESQL_INSERT =
  `WITH inserted AS (INSERT INTO "Outbox" (${COLUMNS}) ` +
  `SELECT (e->>0) || m."id" || (e->>1), t."channel", t."chatId", m."id", 'bulk'::"Priority", e->>2, e->>3, ` +
  `(e->>4)::"OutboxStatus", 0, e->>5, (e->>6)::timestamp(3), (e->>7)::timestamp(3), e->>8, $1::timestamp(3) ` +
  `FROM unnest($2::int[]) AS q("meetingId") ` +
  `CROSS JOIN LATERAL (SELECT "id", "branchId" FROM "Meeting" WHERE "id" = q."meetingId" AND "status" <> 'cancelled' OFFSET 0) mt ` +
  `JOIN "Member" m ON m."branchId" = mt."branchId" AND m."leftAt" IS NULL AND m."exemption" = 'none' ` +
  `JOIN LATERAL (SELECT a."channel", a."chatId" FROM "ChannelAccount" a ` +
  `WHERE a."memberId" = m."id" AND a."unreachableAt" IS NULL ` +
  `ORDER BY CASE WHEN a."channel" = m."preferredChannel" THEN 0 ELSE 1 END, a."lastSeenAt" DESC, a."id" DESC ` +
  `LIMIT 1) t ON true ` +
  `LEFT JOIN LATERAL (SELECT "answer" FROM "Response" WHERE "meetingId" = mt."id" AND "memberId" = m."id" OFFSET 0) r ` +
  `ON true CROSS JOIN LATERAL jsonb_array_elements($3::jsonb -> (mt."id" || ':' || COALESCE(r."answer"::text, 'none'))) e ` +
  `ORDER BY mt."id", m."id", (e->>9)::int ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "status") ` +
  `SELECT "status"::text AS "status", count(*)::int AS "n" FROM inserted GROUP BY "status"`;

/** A pool, or one of its clients inside a transaction. */
type Queryable = Pick<pg.Pool, "query">;

export async function postgresqlWrite(pool: Queryable, shapes: MemberRowShape[], now: Date): Promise<MemberRowCounts> {
  const byKey: Record<string, unknown[][]> = {};
  shapes.forEach((s, n) => (byKey[`${s.meetingId}:${s.answer}`] ??= []).push([...shapeValues(s, postgresqlDate), n]));
  const meetings = [...new Set(shapes.map((s) => s.meetingId))];
  const { rows } = await pool.query<{ status: string; n: number }>(POSTGRESQL_INSERT, [
    postgresqlDate(now),
    meetings,
    JSON.stringify(byKey),
  ]);
  const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { pending: count("pending"), skipped: count("skipped") };
}

/** Whether this database writes members' rows itself (a direct SQLite connection, or the PostgreSQL pool). */
export function writesMemberRows(db: Db): boolean {
  return directConnection(db) !== undefined || postgresqlPool(db) !== undefined;
}

/**
 * Outbox inserts, for one reply as for a province's reminders: Prisma's
 * createMany is far too slow for the latter and costs a query compilation for
 * the former. On SQLite, one prepared statement on Prisma's own connection in
 * one transaction; otherwise multi-row INSERT … ON CONFLICT DO NOTHING through
 * Prisma's raw queries. Both SQLite and PostgreSQL accept the SQL; what differs
 * is the placeholders ("?" or "$1") and how a DateTime is passed (the text the
 * Prisma SQLite adapter stores, or a Date for PostgreSQL). On PostgreSQL outside
 * a transaction, one prepared statement on the pool takes every column as an
 * array (`unnest`): one statement for any number of rows, no query to compile.
 */
import type pg from "pg";
import { directConnection, isPostgresql, postgresqlPool, type Db, type SqliteConnection } from "./client.ts";
import { postgresqlDate, sqlDate as sqliteDate } from "./hot-queries.ts";

export interface OutboxRow {
  idempotencyKey: string;
  channel: string;
  chatId: string;
  memberId: number | null;
  priority: string;
  kind: string;
  payload: string;
  status: string;
  lastError: string | null;
  nextAttemptAt: Date;
  expiresAt: Date | null;
  groupKey: string | null;
}

const COLUMNS = [
  "idempotencyKey",
  "channel",
  "chatId",
  "memberId",
  "priority",
  "kind",
  "payload",
  "status",
  "attempts",
  "lastError",
  "nextAttemptAt",
  "expiresAt",
  "groupKey",
  "createdAt",
] as const;
/** Small statements keep memory flat (larger ones were not faster here). */
const ROWS_PER_STATEMENT = Math.floor(999 / COLUMNS.length);

/**
 * What rows share: a reminder's text, kind, times and group are the same for every member of a meeting who has
 * answered alike. Each distinct set is written once per batch, and each row names its set: far less to bind (SQLite) or
 * to send and parse (PostgreSQL) than every column of every row.
 */
const SHAPE_COLUMNS = [
  "channel",
  "priority",
  "kind",
  "payload",
  "status",
  "lastError",
  "nextAttemptAt",
  "expiresAt",
  "groupKey",
] as const;

interface Shaped {
  /** One row of each distinct set of shared columns, in order of first use. */
  shapes: OutboxRow[];
  /** For each row, the index of its set in `shapes`. */
  shapeOf: Int32Array;
}

function shape(rows: OutboxRow[]): Shaped {
  // By payload first: rows of a batch share the payload string itself, whose hash the engine keeps.
  const byPayload = new Map<string, Map<string, number>>();
  const shapes: OutboxRow[] = [];
  const shapeOf = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    let rest = byPayload.get(r.payload);
    if (!rest) byPayload.set(r.payload, (rest = new Map()));
    const key =
      `${r.channel}\u0000${r.priority}\u0000${r.kind}\u0000${r.status}\u0000${r.lastError ?? "\u0001"}\u0000` +
      `${r.nextAttemptAt.getTime()}\u0000${r.expiresAt?.getTime() ?? ""}\u0000${r.groupKey ?? "\u0001"}`;
    let index = rest.get(key);
    if (index === undefined) {
      rest.set(key, (index = shapes.length));
      shapes.push(r);
    }
    shapeOf[i] = index;
  });
  return { shapes, shapeOf };
}

const inserts = new WeakMap<SqliteConnection, (rows: OutboxRow[], created: string) => number>();
/** Rows per prepared multi-row statement: fewer calls into SQLite (the rest go one by one). */
const ROWS_PER_DIRECT_STATEMENT = 100;

/**
 * Prepared statements in one transaction, per connection: the shared columns go to a table of the connection's own
 * (TEMP), each row brings its key, chat, member and the number of its set.
 */
function directInsert(connection: SqliteConnection) {
  let insertAll = inserts.get(connection);
  if (!insertAll) {
    connection.exec(
      `CREATE TEMP TABLE IF NOT EXISTS "chibo_outbox_shape" ("id" INTEGER PRIMARY KEY, ` +
        `${SHAPE_COLUMNS.map((c) => `"${c}"`).join(", ")})`,
    );
    const clearShapes = connection.prepare(`DELETE FROM temp."chibo_outbox_shape"`);
    const addShape = connection.prepare(
      `INSERT INTO temp."chibo_outbox_shape" VALUES (?, ${SHAPE_COLUMNS.map(() => "?").join(", ")})`,
    );
    // CROSS JOIN keeps the rows' order (SQLite loops over the left side first): ids follow the list, as a chat's
    // messages must.
    const statement = (n: number) =>
      connection.prepare(
        `INSERT INTO "Outbox" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) ` +
          `SELECT v.column1, s."channel", v.column2, v.column3, s."priority", s."kind", s."payload", s."status", 0, ` +
          `s."lastError", s."nextAttemptAt", s."expiresAt", s."groupKey", ? ` +
          `FROM (VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?)").join(", ")}) AS v ` +
          `CROSS JOIN temp."chibo_outbox_shape" AS s ON s."id" = v.column4 ` +
          `WHERE true ON CONFLICT ("idempotencyKey") DO NOTHING`,
      );
    const one = statement(1);
    const many = statement(ROWS_PER_DIRECT_STATEMENT);
    insertAll = connection.transaction((list: OutboxRow[], created: string) => {
      const { shapes, shapeOf } = shape(list);
      clearShapes.run();
      shapes.forEach((r, i) =>
        addShape.run(
          i,
          r.channel,
          r.priority,
          r.kind,
          r.payload,
          r.status,
          r.lastError,
          sqliteDate(r.nextAttemptAt),
          r.expiresAt ? sqliteDate(r.expiresAt) : null,
          r.groupKey,
        ),
      );
      let n = 0;
      let i = 0;
      const params: unknown[] = [];
      for (; i + ROWS_PER_DIRECT_STATEMENT <= list.length; i += ROWS_PER_DIRECT_STATEMENT) {
        params.length = 0;
        params.push(created);
        for (let j = i; j < i + ROWS_PER_DIRECT_STATEMENT; j++) {
          const r = list[j]!;
          params.push(r.idempotencyKey, r.chatId, r.memberId, shapeOf[j]);
        }
        n += many.run(params).changes;
      }
      for (; i < list.length; i++) {
        const r = list[i]!;
        n += one.run(created, r.idempotencyKey, r.chatId, r.memberId, shapeOf[i]).changes;
      }
      clearShapes.run();
      return n;
    }).immediate;
    inserts.set(connection, insertAll);
  }
  return insertAll;
}

/** PostgreSQL's type of each column, for the arrays `unnest` reads. */
const POSTGRESQL_TYPES: Record<(typeof COLUMNS)[number], string> = {
  idempotencyKey: "text",
  channel: '"Channel"',
  chatId: "text",
  memberId: "int",
  priority: '"Priority"',
  kind: "text",
  payload: "text",
  status: '"OutboxStatus"',
  attempts: "int",
  lastError: "text",
  nextAttemptAt: "timestamp(3)",
  expiresAt: "timestamp(3)",
  groupKey: "text",
  createdAt: "timestamp(3)",
};

/** Rows as four arrays (key, chat, member, set), the sets as one array per shared column; in the list's order. */
const UNNEST_INSERT = {
  name: "chibo_outbox_insert",
  text:
    `INSERT INTO "Outbox" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) ` +
    `SELECT r."key", s."channel", r."chat", r."member", s."priority", s."kind", s."payload", s."status", 0, ` +
    `s."lastError", s."nextAttemptAt", s."expiresAt", s."groupKey", $1::timestamp(3) ` +
    `FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) WITH ORDINALITY AS r("key", "chat", "member", "shape", "n") ` +
    `JOIN unnest(${SHAPE_COLUMNS.map((c, i) => `$${i + 6}::${POSTGRESQL_TYPES[c]}[]`).join(", ")}) WITH ORDINALITY ` +
    `AS s(${SHAPE_COLUMNS.map((c) => `"${c}"`).join(", ")}, "id") ON s."id" = r."shape" ` +
    `ORDER BY r."n" ON CONFLICT ("idempotencyKey") DO NOTHING`,
};

/** Rows per statement on PostgreSQL: arrays of this many rows keep a statement's memory small. */
const ROWS_PER_ARRAY_STATEMENT = 5000;

async function poolInsert(pool: pg.Pool, rows: OutboxRow[], now: Date): Promise<number> {
  let inserted = 0;
  const created = postgresqlDate(now);
  for (let i = 0; i < rows.length; i += ROWS_PER_ARRAY_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_ARRAY_STATEMENT);
    const { shapes, shapeOf } = shape(chunk);
    const values: unknown[] = [
      created,
      chunk.map((r) => r.idempotencyKey),
      chunk.map((r) => r.chatId),
      chunk.map((r) => r.memberId),
      Array.from(shapeOf, (n) => n + 1), // WITH ORDINALITY counts from 1
      ...SHAPE_COLUMNS.map((c) =>
        shapes.map((r) => {
          const v = r[c];
          return v instanceof Date ? postgresqlDate(v) : v;
        }),
      ),
    ];
    inserted += (await pool.query({ ...UNNEST_INSERT, values })).rowCount ?? 0;
  }
  return inserted;
}

/** Inserts rows whose idempotency key is new; returns how many were inserted. */
export async function insertOutboxRows(db: Db, rows: OutboxRow[], now: Date): Promise<number> {
  const direct = directConnection(db);
  // Far faster than going through the ORM, for one reply as for a province's reminders.
  if (direct) return directInsert(direct)(rows, sqliteDate(now));
  // A transaction's client has no pool of its own: its rows go through Prisma, on the transaction's connection.
  const pool = postgresqlPool(db);
  if (pool) return poolInsert(pool, rows, now);
  const { date, placeholder } = dialect(db);
  let inserted = 0;
  const columnList = COLUMNS.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      params.push(
        r.idempotencyKey,
        r.channel,
        r.chatId,
        r.memberId,
        r.priority,
        r.kind,
        r.payload,
        r.status,
        0,
        r.lastError,
        date(r.nextAttemptAt),
        r.expiresAt ? date(r.expiresAt) : null,
        r.groupKey,
        date(now),
      );
      const first = params.length - COLUMNS.length;
      return `(${COLUMNS.map((c, i) => placeholder(first + i, c)).join(", ")})`;
    });
    inserted += await db.$executeRawUnsafe(
      `INSERT INTO "Outbox" (${columnList}) VALUES ${values.join(", ")} ON CONFLICT ("idempotencyKey") DO NOTHING`,
      ...params,
    );
  }
  return inserted;
}

interface Dialect {
  date(d: Date): unknown;
  /** The placeholder of the parameter at this index (0-based); enum columns are cast on PostgreSQL. */
  placeholder(index: number, column?: string): string;
}

const SQLITE: Dialect = { date: sqliteDate, placeholder: () => "?" };

/** PostgreSQL through Prisma's raw queries (a transaction's client): Dates as they are, enum columns cast. */
const POSTGRESQL: Dialect = {
  date: (d) => d,
  placeholder: (index, column) => {
    // Enum types (quoted names) need a cast; the rest are inferred from the column.
    const type = column ? POSTGRESQL_TYPES[column as (typeof COLUMNS)[number]] : undefined;
    return type?.startsWith('"') ? `$${index + 1}::${type}` : `$${index + 1}`;
  },
};

function dialect(db: Db): Dialect {
  return isPostgresql(db) ? POSTGRESQL : SQLITE;
}

export interface SentMark {
  id: number;
  /** The platform's message id, kept so that a later button press can edit that message. */
  externalId: string;
}

/** Marks many rows sent in one statement, each with its own platform message id. */
export async function markRowsSent(db: Db, rows: SentMark[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const direct = directConnection(db);
  const pool = postgresqlPool(db);
  if (pool) {
    await pool.query({
      name: "chibo_outbox_sent",
      text:
        `UPDATE "Outbox" o SET "status" = 'sent', "sentAt" = $1::timestamp(3), "attempts" = o."attempts" + 1, ` +
        `"lastError" = NULL, "externalId" = v."externalId" FROM unnest($2::int[], $3::text[]) AS v("id", "externalId") ` +
        `WHERE o."id" = v."id"`,
      values: [postgresqlDate(now), rows.map((r) => r.id), rows.map((r) => r.externalId || null)],
    });
    return;
  }
  const { date, placeholder } = direct ? SQLITE : dialect(db);
  const params: unknown[] = [date(now)];
  const cases = rows.map((r) => {
    params.push(r.id, r.externalId || null);
    return `WHEN ${placeholder(params.length - 2)} THEN ${placeholder(params.length - 1)}`;
  });
  const ids = rows.map((r) => {
    params.push(r.id);
    return placeholder(params.length - 1);
  });
  const sql =
    `UPDATE "Outbox" SET "status" = 'sent', "sentAt" = ${placeholder(0)}, "attempts" = ` +
    `"attempts" + 1, "lastError" = NULL, "externalId" = CASE "id" ` +
    `${cases.join(" ")} END WHERE "id" IN (${ids.join(", ")})`;
  if (direct) direct.prepare(sql).run(params);
  else await db.$executeRawUnsafe(sql, ...params);
}

/**
 * The queries every incoming update runs (claim the update, find the member,
 * read and write the dialog, answer a meeting), as prepared statements on the
 * connection (SQLite) or pool (PostgreSQL) Prisma's adapter opened.
 *
 * Why: Prisma 6 compiles every query anew in WebAssembly, about 0.5 ms each on
 * this hardware, and an update runs six to ten of them; a prepared statement
 * takes a few microseconds. The SQL is written once (ON CONFLICT, RETURNING)
 * and runs on both; a database opened without a direct connection gets the
 * same queries through Prisma (`prismaHotQueries`), and a test holds both to
 * the same answers on both databases, so the Prisma types stay the contract.
 */
import type { Statement } from "better-sqlite3";
import pg from "pg";
import { directConnection, postgresqlPool, type Db, type SqliteConnection } from "./client.ts";
import {
  Prisma,
  type Branch,
  type ChannelAccount,
  type ChatSession,
  type Meeting,
  type Member,
  type Response,
} from "./generated/client.ts";
import {
  Answer,
  Attendance,
  BranchKind,
  Channel,
  Exemption,
  FeeGroup,
  MeetingKind,
  MeetingStatus,
  MemberStatus,
  Role,
} from "./generated/enums.ts";

export type MemberWithBranch = Member & { branch: Branch };

export type AccountWithMember = { account: ChannelAccount; member: MemberWithBranch };

/** What an update starts from (see `beginUpdate`). */
export type UpdateStart =
  { fresh: false } | { fresh: true; found: AccountWithMember | null; session: ChatSession | null };

export interface HotQueries {
  /** Records an incoming update; false when it was recorded before (handled already). */
  claimUpdate(channel: string, updateKey: string, at: Date): Promise<boolean>;
  accountWithMember(channel: Channel, externalId: string): Promise<AccountWithMember | null>;
  /**
   * Claims an update and, when it is new, finds the sender's account with member and branch and reads the chat's
   * dialog state: one statement on PostgreSQL, where each statement is a round trip.
   */
  beginUpdate(u: {
    channel: Channel;
    updateKey: string;
    at: Date;
    externalId: string;
    chatId: string;
  }): Promise<UpdateStart>;
  /** The account was seen now, from this chat: reachable again. */
  touchAccount(id: number, chatId: string, at: Date): Promise<void>;
  session(channel: string, chatId: string): Promise<ChatSession | null>;
  saveSession(channel: string, chatId: string, dialog: string, data: string, at: Date): Promise<void>;
  deleteSession(channel: string, chatId: string): Promise<void>;
  meeting(id: number): Promise<Meeting | null>;
  member(id: number): Promise<Member | null>;
  /** A branch's planned or changed meetings starting after `after`, soonest first. */
  upcomingMeetings(branchId: number, after: Date, take: number): Promise<Meeting[]>;
  /** The same, each with this member's answer (null when none). */
  upcomingWithAnswers(
    branchId: number,
    memberId: number,
    after: Date,
    take: number,
  ): Promise<(Meeting & { answer: Answer | null })[]>;
  /** A meeting with this member's response to it (null when none); null when there is no such meeting. */
  meetingWithResponse(
    meetingId: number,
    memberId: number,
  ): Promise<{ meeting: Meeting; response: Response | null } | null>;
  /**
   * The payload of the message last sent to a chat as this platform message id (a pressed button's message), or null.
   */
  sentPayload(channel: Channel, chatId: string, externalId: string): Promise<string | null>;
  /** Stores a member's answer (a new answer clears an earlier decision); returns the response id. */
  saveAnswer(a: {
    meetingId: number;
    memberId: number;
    answer: Answer;
    reason: string | null;
    at: Date;
  }): Promise<number>;

  // Planning reminders reads these for a whole province every minute.
  /** Planned or changed meetings starting in (after, until], with their branch's reminder settings. */
  meetingsStartingIn(after: Date, until: Date): Promise<MeetingToRemind[]>;
  /** Members of these branches who have not left, by id. */
  branchMembers(branchIds: number[]): Promise<BranchMember[]>;
  /** Reachable accounts of those members, most recently used first. */
  reachableAccounts(branchIds: number[]): Promise<ReachableAccount[]>;
  /** The answers given to these meetings. */
  answers(meetingIds: number[]): Promise<{ meetingId: number; memberId: number; answer: Answer }[]>;
}

export type MeetingToRemind = Meeting & { branch: Pick<Branch, "reminderLeads" | "nudgeEnabled"> };
export type BranchMember = Pick<Member, "id" | "branchId" | "exemption" | "exemptFrom" | "exemptUntil">;
export type ReachableAccount = Pick<ChannelAccount, "memberId" | "channel" | "chatId"> & {
  preferredChannel: Channel | null;
};

/** Databases cap the parameters of one statement: long id lists go in slices. */
const SLICE = 500;

async function sliced<T>(ids: number[], run: (slice: number[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length <= SLICE) return ids.length ? run(ids) : [];
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += SLICE) for (const row of await run(ids.slice(i, i + SLICE))) out.push(row);
  return out;
}

/** The fast statements when the database has a direct connection (or pool), Prisma otherwise. */
export function hotQueries(db: Db): HotQueries {
  const connection = directConnection(db);
  if (connection) return sqliteHotQueries(connection);
  const pool = postgresqlPool(db);
  if (pool) return postgresqlHotQueries(pool);
  return prismaHotQueries(db);
}

/** `beginUpdate` as three queries, one after the other. */
function composedBegin(
  q: Pick<HotQueries, "claimUpdate" | "accountWithMember" | "session">,
): HotQueries["beginUpdate"] {
  return async ({ channel, updateKey, at, externalId, chatId }) => {
    if (!(await q.claimUpdate(channel, updateKey, at))) return { fresh: false };
    const found = await q.accountWithMember(channel, externalId);
    return { fresh: true, found, session: await q.session(channel, chatId) };
  };
}

export function prismaHotQueries(db: Db): HotQueries {
  const queries: Omit<HotQueries, "beginUpdate"> = {
    async claimUpdate(channel, updateKey, at) {
      try {
        await db.inboundSeen.create({ data: { channel, updateKey, at }, select: { id: true } });
        return true;
      } catch (e) {
        if ((e as { code?: unknown }).code === "P2002") return false; // unique (channel, updateKey): seen before
        throw e;
      }
    },
    async accountWithMember(channel, externalId) {
      const account = await db.channelAccount.findUnique({
        where: { channel_externalId: { channel, externalId } },
        include: { member: { include: { branch: true } } },
      });
      if (!account) return null;
      const { member, ...rest } = account;
      return { account: rest, member };
    },
    async touchAccount(id, chatId, at) {
      await db.channelAccount.update({ where: { id }, data: { lastSeenAt: at, unreachableAt: null, chatId } });
    },
    session: (channel, chatId) => db.chatSession.findUnique({ where: { channel_chatId: { channel, chatId } } }),
    async saveSession(channel, chatId, dialog, data, at) {
      await db.chatSession.upsert({
        where: { channel_chatId: { channel, chatId } },
        create: { channel, chatId, dialog, data, updatedAt: at },
        update: { dialog, data, updatedAt: at },
      });
    },
    async deleteSession(channel, chatId) {
      await db.chatSession.deleteMany({ where: { channel, chatId } });
    },
    meeting: (id) => db.meeting.findUnique({ where: { id } }),
    member: (id) => db.member.findUnique({ where: { id } }),
    upcomingMeetings: (branchId, after, take) =>
      db.meeting.findMany({
        where: { branchId, status: { in: ["planned", "changed"] }, startsAt: { gt: after } },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take,
      }),
    async upcomingWithAnswers(branchId, memberId, after, take) {
      const meetings = await db.meeting.findMany({
        where: { branchId, status: { in: ["planned", "changed"] }, startsAt: { gt: after } },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take,
        include: { responses: { where: { memberId }, select: { answer: true } } },
      });
      return meetings.map(({ responses, ...m }) => ({ ...m, answer: responses[0]?.answer ?? null }));
    },
    async meetingWithResponse(meetingId, memberId) {
      const found = await db.meeting.findUnique({
        where: { id: meetingId },
        include: { responses: { where: { memberId } } },
      });
      if (!found) return null;
      const { responses, ...meeting } = found;
      return { meeting, response: responses[0] ?? null };
    },
    async sentPayload(channel, chatId, externalId) {
      const row = await db.outbox.findFirst({
        where: { channel, chatId, externalId, status: "sent" },
        orderBy: { id: "desc" },
        select: { payload: true },
      });
      return row?.payload ?? null;
    },
    async saveAnswer({ meetingId, memberId, answer, reason, at }) {
      const r = await db.response.upsert({
        where: { meetingId_memberId: { meetingId, memberId } },
        create: { meetingId, memberId, answer, reason, answeredAt: at },
        update: { answer, reason, answeredAt: at, decidedAt: null, decidedById: null },
        select: { id: true },
      });
      return r.id;
    },
    meetingsStartingIn: (after, until) =>
      db.meeting.findMany({
        where: { status: { in: ["planned", "changed"] }, startsAt: { gt: after, lte: until } },
        include: { branch: { select: { reminderLeads: true, nudgeEnabled: true } } },
        orderBy: { id: "asc" },
      }),
    branchMembers: (branchIds) =>
      sliced(branchIds, (ids) =>
        db.member.findMany({
          where: { branchId: { in: ids }, leftAt: null },
          select: { id: true, branchId: true, exemption: true, exemptFrom: true, exemptUntil: true },
          orderBy: { id: "asc" },
        }),
      ),
    async reachableAccounts(branchIds) {
      const accounts = await sliced(branchIds, (ids) =>
        db.channelAccount.findMany({
          where: { unreachableAt: null, member: { branchId: { in: ids }, leftAt: null } },
          orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
          select: { memberId: true, channel: true, chatId: true, member: { select: { preferredChannel: true } } },
        }),
      );
      return accounts.map(({ member, ...a }) => ({ ...a, preferredChannel: member.preferredChannel }));
    },
    async answers(meetingIds) {
      const rows = await sliced(meetingIds, (ids) =>
        db.response.findMany({
          where: { meetingId: { in: ids }, answer: { not: null } },
          select: { meetingId: true, memberId: true, answer: true },
          orderBy: { id: "asc" },
        }),
      );
      return rows.map((r) => ({ ...r, answer: r.answer! }));
    },
  };
  return { ...queries, beginUpdate: composedBegin(queries) };
}

// ---- SQLite ---------------------------------------------------------------

/** DateTime as the Prisma SQLite adapter writes it: ISO-8601 with an explicit offset. */
export const sqlDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * DateTime for PostgreSQL's "timestamp without time zone" (what Prisma's DateTime is): the instant's UTC wall time, as
 * Prisma writes it (a Date would be written in the process's zone).
 */
export const postgresqlDate = (d: Date) => d.toISOString().replace("Z", "");

/** Reads what the adapter (or a column default) wrote: ISO text, "YYYY-MM-DD HH:MM:SS" in UTC, or milliseconds. */
function readDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
}

/**
 * Which columns of a model are not plain SQLite values (the rest are numbers and strings already); a test checks them
 * against the schema.
 */
export const TYPED_COLUMNS = {
  ChannelAccount: { dates: ["linkedAt", "lastSeenAt", "unreachableAt"], booleans: [] },
  Member: {
    dates: ["exemptFrom", "exemptUntil", "leftAt", "admittedAt", "createdAt", "updatedAt"],
    booleans: ["suspended"],
  },
  Branch: { dates: ["createdAt"], booleans: ["nudgeEnabled"] },
  ChatSession: { dates: ["updatedAt"], booleans: [] },
  Meeting: { dates: ["startsAt", "createdAt", "updatedAt", "startedAt", "endedAt"], booleans: ["prepared"] },
  Response: { dates: ["answeredAt", "decidedAt", "recordedAt"], booleans: [] },
} as const;

/** The enumerated columns of those models: a value outside the enum is refused where the row is read. */
export const ENUM_COLUMNS: Record<keyof typeof TYPED_COLUMNS, Record<string, Record<string, string>>> = {
  ChannelAccount: { channel: Channel },
  Member: { status: MemberStatus, role: Role, feeGroup: FeeGroup, exemption: Exemption, preferredChannel: Channel },
  Branch: { kind: BranchKind },
  ChatSession: {},
  Meeting: { kind: MeetingKind, status: MeetingStatus },
  Response: { answer: Answer, attendance: Attendance },
};

/** A stored enum value, checked: the raw SQL path reads text, the types promise a union. */
export function enumValue<E extends string>(values: Record<string, E>, v: unknown): E {
  if (typeof v === "string" && Object.hasOwn(values, v)) return v as E;
  throw new Error(`unexpected stored value ${JSON.stringify(v)}`);
}

function rowMapper<T>(model: keyof typeof TYPED_COLUMNS): (row: Record<string, unknown>) => T {
  const { dates, booleans } = TYPED_COLUMNS[model];
  const enums = Object.entries(ENUM_COLUMNS[model]);
  return (row) => {
    for (const c of dates) row[c] = readDate(row[c]);
    for (const c of booleans) row[c] = row[c] === null || row[c] === undefined ? null : Boolean(row[c]);
    for (const [c, values] of enums) if (row[c] !== null && row[c] !== undefined) enumValue(values, row[c]);
    // Every column now has the type the model declares (numbers and strings as read, the rest converted above).
    return row as T;
  };
}

const toAccount = rowMapper<ChannelAccount>("ChannelAccount");
const toMember = rowMapper<Member>("Member");
const toBranch = rowMapper<Branch>("Branch");
const toSession = rowMapper<ChatSession>("ChatSession");
const toMeeting = rowMapper<Meeting>("Meeting");
const toResponse = rowMapper<Response>("Response");

/** `alias."column" AS "prefix_column"` for each column of a model: a joined row keeps each model's columns apart. */
const prefixed = (alias: string, columns: Record<string, string>) =>
  Object.values(columns)
    .map((c) => `${alias}."${c}" AS "${alias}_${c}"`)
    .join(", ");

/** The columns of one model out of a joined row (see `prefixed`). */
function unprefixed(row: Row, alias: string, columns: Record<string, string>): Row {
  const out: Row = {};
  for (const c of Object.values(columns)) out[c] = row[`${alias}_${c}`];
  return out;
}

const ACCOUNT_WITH_MEMBER =
  `SELECT ${prefixed("a", Prisma.ChannelAccountScalarFieldEnum)}, ${prefixed("m", Prisma.MemberScalarFieldEnum)}, ` +
  `${prefixed("b", Prisma.BranchScalarFieldEnum)} FROM "ChannelAccount" a JOIN "Member" m ON m."id" = a."memberId" ` +
  `JOIN "Branch" b ON b."id" = m."branchId" WHERE a."channel" = ? AND a."externalId" = ?`;

/** The account, member and branch out of a row of ACCOUNT_WITH_MEMBER (null when the row has none). */
function accountFrom(row: Row): AccountWithMember | null {
  if (row.a_id === null || row.a_id === undefined) return null;
  const account = toAccount(unprefixed(row, "a", Prisma.ChannelAccountScalarFieldEnum));
  const member = toMember(unprefixed(row, "m", Prisma.MemberScalarFieldEnum));
  return { account, member: { ...member, branch: toBranch(unprefixed(row, "b", Prisma.BranchScalarFieldEnum)) } };
}

/** The statements, written once for both databases: "?" for each parameter, "(?)" for a list of ids. */
const SQL = {
  claim: `INSERT INTO "InboundSeen" ("channel", "updateKey", "at") VALUES (?, ?, ?) ON CONFLICT ("channel", "updateKey") DO NOTHING`,
  // The account, its member and the branch in one statement (every update starts with it).
  accountWithMember: ACCOUNT_WITH_MEMBER,
  // PostgreSQL only (SQLite has no INSERT inside WITH): the claim, the account and the dialog state in one round trip.
  begin:
    `WITH claim AS (INSERT INTO "InboundSeen" ("channel", "updateKey", "at") VALUES (?, ?, ?) ` +
    `ON CONFLICT ("channel", "updateKey") DO NOTHING RETURNING 1) ` +
    `SELECT EXISTS (SELECT 1 FROM claim) AS "fresh", found.*, ${prefixed("s", Prisma.ChatSessionScalarFieldEnum)} ` +
    `FROM (SELECT 1) AS one LEFT JOIN (${ACCOUNT_WITH_MEMBER}) AS found ON TRUE ` +
    `LEFT JOIN "ChatSession" s ON s."channel" = ? AND s."chatId" = ?`,
  member: `SELECT * FROM "Member" WHERE "id" = ?`,
  touch: `UPDATE "ChannelAccount" SET "lastSeenAt" = ?, "unreachableAt" = NULL, "chatId" = ? WHERE "id" = ?`,
  session: `SELECT * FROM "ChatSession" WHERE "channel" = ? AND "chatId" = ?`,
  saveSession: `INSERT INTO "ChatSession" ("channel", "chatId", "dialog", "data", "updatedAt") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("channel", "chatId") DO UPDATE SET "dialog" = excluded."dialog", "data" = excluded."data", "updatedAt" = excluded."updatedAt"`,
  deleteSession: `DELETE FROM "ChatSession" WHERE "channel" = ? AND "chatId" = ?`,
  meeting: `SELECT * FROM "Meeting" WHERE "id" = ?`,
  upcoming:
    `SELECT * FROM "Meeting" WHERE "branchId" = ? AND "status" IN ('planned', 'changed') AND "startsAt" > ? ` +
    `ORDER BY "startsAt" ASC, "id" ASC LIMIT ?`,
  upcomingWithAnswers:
    `SELECT m.*, r."answer" AS "r_answer" FROM "Meeting" m ` +
    `LEFT JOIN "Response" r ON r."meetingId" = m."id" AND r."memberId" = ? ` +
    `WHERE m."branchId" = ? AND m."status" IN ('planned', 'changed') AND m."startsAt" > ? ` +
    `ORDER BY m."startsAt" ASC, m."id" ASC LIMIT ?`,
  meetingWithResponse:
    `SELECT ${prefixed("m", Prisma.MeetingScalarFieldEnum)}, ${prefixed("r", Prisma.ResponseScalarFieldEnum)} ` +
    `FROM "Meeting" m LEFT JOIN "Response" r ON r."meetingId" = m."id" AND r."memberId" = ? WHERE m."id" = ?`,
  sentPayload:
    `SELECT "payload" FROM "Outbox" WHERE "chatId" = ? AND "externalId" = ? ` +
    `AND "channel" = ? AND "status" = 'sent' ORDER BY "id" DESC LIMIT 1`,
  saveAnswer: `INSERT INTO "Response" ("meetingId", "memberId", "answer", "reason", "answeredAt") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("meetingId", "memberId") DO UPDATE SET "answer" = excluded."answer", "reason" = excluded."reason",
         "answeredAt" = excluded."answeredAt", "decidedAt" = NULL, "decidedById" = NULL
       RETURNING "id"`,
  meetingsIn: `SELECT m.*, b."reminderLeads" AS "b_reminderLeads", b."nudgeEnabled" AS "b_nudgeEnabled" FROM "Meeting" m JOIN "Branch" b ON b."id" = m."branchId"
       WHERE m."status" IN ('planned', 'changed') AND m."startsAt" > ? AND m."startsAt" <= ? ORDER BY m."id" ASC`,
  branchMembers:
    `SELECT "id", "branchId", "exemption", "exemptFrom", "exemptUntil" FROM ` +
    `"Member" WHERE "branchId" IN (?) AND "leftAt" IS NULL ORDER BY "id" ASC`,
  // NULLS LAST: both databases then order accounts never seen after the others (PostgreSQL would put them first).
  reachableAccounts: `SELECT a."memberId", a."channel", a."chatId", m."preferredChannel" FROM "ChannelAccount" a JOIN "Member" m ON m."id" = a."memberId"
     WHERE m."branchId" IN (?) AND m."leftAt" IS NULL AND a."unreachableAt" IS NULL ORDER BY a."lastSeenAt" DESC NULLS LAST, a."id" DESC`,
  answers:
    `SELECT "meetingId", "memberId", "answer" FROM "Response" WHERE ` +
    `"meetingId" IN (?) AND "answer" IS NOT NULL ORDER BY "id" ASC`,
} as const;

type Row = Record<string, unknown>;

/** How one database runs the statements above. */
interface Executor {
  date(d: Date): unknown;
  get(sql: string, params: unknown[]): Promise<Row | undefined>;
  all(sql: string, params: unknown[]): Promise<Row[]>;
  /** Rows as arrays of values (one object fewer per row: these read a province at once). */
  arrays(sql: string, params: unknown[]): Promise<unknown[][]>;
  /** How many rows the statement changed. */
  run(sql: string, params: unknown[]): Promise<number>;
  /** `sql` with "(?)" standing for `ids` (at least one), after the parameters `before`. */
  list(sql: string, ids: number[], before: unknown[], mode: "objects" | "arrays"): Promise<unknown[]>;
}

function sqliteExecutor(c: SqliteConnection): Executor {
  const cache = new Map<string, Statement>();
  // Plain numbers (the adapter turns on BigInt results for the connection; ids here fit in a double).
  const statement = (sql: string, mode: "objects" | "arrays" = "objects") => {
    const key = `${mode}:${sql}`;
    let found = cache.get(key);
    if (!found) {
      found = c.prepare(sql).safeIntegers(false);
      if (mode === "arrays") found.raw(true);
      cache.set(key, found);
    }
    return found;
  };
  return {
    date: sqlDate,
    get: async (sql, params) => statement(sql).get(...params) as Row | undefined,
    all: async (sql, params) => statement(sql).all(...params) as Row[],
    arrays: async (sql, params) => statement(sql, "arrays").all(...params) as unknown[][],
    run: async (sql, params) => statement(sql).run(...params).changes,
    // The list is padded to a power of two with its last id (IN does not mind repeats), so ten statements serve
    // every length.
    async list(sql, ids, before, mode) {
      const size = 2 ** Math.ceil(Math.log2(ids.length));
      const padded =
        ids.length === size ? ids : [...ids, ...Array.from({ length: size - ids.length }, () => ids[ids.length - 1])];
      const expanded = sql.replace("(?)", `(${Array.from({ length: size }, () => "?").join(", ")})`);
      return statement(expanded, mode).all(...before, ...padded);
    },
  };
}

/** PostgreSQL's "timestamp without time zone" (what Prisma's DateTime is): kept as text, read as UTC by readDate. */
const TIMESTAMP = 1114;
const POSTGRESQL_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP
      ? (v: string) => v
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** "?" → "$1", "$2", …; "IN (?)" → "= ANY($n::int[])" (one statement for any length of list). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/IN \(\?\)|\?/g, (m) => (m === "?" ? `$${++n}` : `= ANY($${++n}::int[])`));
}

function postgresqlExecutor(pool: pg.Pool): Executor {
  const texts = new Map<string, { name: string; text: string }>();
  const prepared = (sql: string) => {
    let found = texts.get(sql);
    if (!found) texts.set(sql, (found = { name: `chibo_hot_${texts.size}`, text: numbered(sql) }));
    return found;
  };
  const query = (sql: string, values: unknown[], rowMode?: "array") =>
    pool.query({ ...prepared(sql), values, types: POSTGRESQL_TYPES, ...(rowMode ? { rowMode } : {}) });
  return {
    date: postgresqlDate,
    get: async (sql, params) => (await query(sql, params)).rows[0] as Row | undefined,
    all: async (sql, params) => (await query(sql, params)).rows as Row[],
    arrays: async (sql, params) => (await query(sql, params, "array")).rows as unknown[][],
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    async list(sql, ids, before, mode) {
      return (await query(sql, [...before, ids], mode === "arrays" ? "array" : undefined)).rows;
    },
  };
}

function sqlHotQueries(x: Executor): Omit<HotQueries, "beginUpdate"> {
  const d = x.date;
  return {
    async claimUpdate(channel, updateKey, at) {
      return (await x.run(SQL.claim, [channel, updateKey, d(at)])) === 1;
    },
    async accountWithMember(channel, externalId) {
      const row = await x.get(SQL.accountWithMember, [channel, externalId]);
      return row ? accountFrom(row) : null;
    },
    async touchAccount(id, chatId, at) {
      await x.run(SQL.touch, [d(at), chatId, id]);
    },
    async session(channel, chatId) {
      const row = await x.get(SQL.session, [channel, chatId]);
      return row ? toSession(row) : null;
    },
    async saveSession(channel, chatId, dialog, data, at) {
      await x.run(SQL.saveSession, [channel, chatId, dialog, data, d(at)]);
    },
    async deleteSession(channel, chatId) {
      await x.run(SQL.deleteSession, [channel, chatId]);
    },
    async meeting(id) {
      const row = await x.get(SQL.meeting, [id]);
      return row ? toMeeting(row) : null;
    },
    async member(id) {
      const row = await x.get(SQL.member, [id]);
      return row ? toMember(row) : null;
    },
    async upcomingMeetings(branchId, after, take) {
      return (await x.all(SQL.upcoming, [branchId, d(after), take])).map(toMeeting);
    },
    async upcomingWithAnswers(branchId, memberId, after, take) {
      const rows = await x.all(SQL.upcomingWithAnswers, [memberId, branchId, d(after), take]);
      return rows.map((row) => {
        const answer = row.r_answer === null ? null : enumValue(Answer, row.r_answer);
        delete row.r_answer;
        return { ...toMeeting(row), answer };
      });
    },
    async meetingWithResponse(meetingId, memberId) {
      const row = await x.get(SQL.meetingWithResponse, [memberId, meetingId]);
      if (!row) return null;
      const meeting = toMeeting(unprefixed(row, "m", Prisma.MeetingScalarFieldEnum));
      const response = row.r_id === null ? null : toResponse(unprefixed(row, "r", Prisma.ResponseScalarFieldEnum));
      return { meeting, response };
    },
    async sentPayload(channel, chatId, externalId) {
      const row = await x.get(SQL.sentPayload, [chatId, externalId, channel]);
      return (row?.payload as string | undefined) ?? null;
    },
    async saveAnswer({ meetingId, memberId, answer, reason, at }) {
      const row = await x.get(SQL.saveAnswer, [meetingId, memberId, answer, reason, d(at)]);
      return row!.id as number;
    },
    async meetingsStartingIn(after, until) {
      const rows = await x.all(SQL.meetingsIn, [d(after), d(until)]);
      return rows.map((row) => {
        const branch = {
          reminderLeads: row.b_reminderLeads as string | null,
          nudgeEnabled: row.b_nudgeEnabled === null ? null : Boolean(row.b_nudgeEnabled),
        };
        delete row.b_reminderLeads;
        delete row.b_nudgeEnabled;
        return { ...toMeeting(row), branch };
      });
    },
    branchMembers: (branchIds) =>
      sliced(branchIds, async (ids) =>
        ((await x.list(SQL.branchMembers, ids, [], "arrays")) as [number, number, unknown, unknown, unknown][]).map(
          ([id, branchId, exemption, from, until]) => ({
            id,
            branchId,
            exemption: enumValue(Exemption, exemption),
            exemptFrom: readDate(from),
            exemptUntil: readDate(until),
          }),
        ),
      ),
    reachableAccounts: (branchIds) =>
      sliced(branchIds, async (ids) =>
        ((await x.list(SQL.reachableAccounts, ids, [], "arrays")) as [number, unknown, string, unknown][]).map(
          ([memberId, channel, chatId, preferred]) => ({
            memberId,
            channel: enumValue(Channel, channel),
            chatId,
            preferredChannel: preferred === null ? null : enumValue(Channel, preferred),
          }),
        ),
      ),
    answers: (meetingIds) =>
      sliced(meetingIds, async (ids) =>
        (
          (await x.list(SQL.answers, ids, [], "objects")) as { meetingId: number; memberId: number; answer: unknown }[]
        ).map((r) => ({ meetingId: r.meetingId, memberId: r.memberId, answer: enumValue(Answer, r.answer) })),
      ),
  };
}

const boundSqlite = new WeakMap<SqliteConnection, HotQueries>();

export function sqliteHotQueries(c: SqliteConnection): HotQueries {
  let queries = boundSqlite.get(c);
  if (!queries) {
    const statements = sqlHotQueries(sqliteExecutor(c));
    boundSqlite.set(c, (queries = { ...statements, beginUpdate: composedBegin(statements) }));
  }
  return queries;
}

const boundPostgresql = new WeakMap<pg.Pool, HotQueries>();

export function postgresqlHotQueries(pool: pg.Pool): HotQueries {
  let queries = boundPostgresql.get(pool);
  if (!queries) {
    const x = postgresqlExecutor(pool);
    queries = {
      ...sqlHotQueries(x),
      async beginUpdate({ channel, updateKey, at, externalId, chatId }) {
        const row = (await x.get(SQL.begin, [channel, updateKey, x.date(at), channel, externalId, channel, chatId]))!;
        if (!row.fresh) return { fresh: false };
        const session = row.s_id === null ? null : toSession(unprefixed(row, "s", Prisma.ChatSessionScalarFieldEnum));
        return { fresh: true, found: accountFrom(row), session };
      },
    };
    boundPostgresql.set(pool, queries);
  }
  return queries;
}

/**
 * The queries every incoming update runs (claim the update, find the member,
 * read and write the dialog, answer a meeting), as prepared statements on the
 * connection Prisma's adapter opened.
 *
 * Why: Prisma 6 compiles every query anew in WebAssembly, about 0.5 ms each on
 * this hardware, and an update runs six to ten of them; a prepared statement
 * takes a few microseconds. The SQL is plain (ON CONFLICT, RETURNING) and runs
 * on PostgreSQL too; a database opened without a direct connection gets the
 * same queries through Prisma (`prismaHotQueries`), and a test holds both to
 * the same answers, so the Prisma types stay the contract.
 */
import type { Statement } from "better-sqlite3";
import { directConnection, type Db, type SqliteConnection } from "./client.ts";
import type { Branch, ChannelAccount, ChatSession, Meeting, Member, Response } from "./generated/client.ts";
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

export interface HotQueries {
  /** Records an incoming update; false when it was recorded before (handled already). */
  claimUpdate(channel: string, updateKey: string, at: Date): Promise<boolean>;
  accountWithMember(
    channel: Channel,
    externalId: string,
  ): Promise<{ account: ChannelAccount; member: MemberWithBranch } | null>;
  /** The account was seen now, from this chat: reachable again. */
  touchAccount(id: number, chatId: string, at: Date): Promise<void>;
  session(channel: string, chatId: string): Promise<ChatSession | null>;
  saveSession(channel: string, chatId: string, dialog: string, data: string, at: Date): Promise<void>;
  deleteSession(channel: string, chatId: string): Promise<void>;
  meeting(id: number): Promise<Meeting | null>;
  member(id: number): Promise<Member | null>;
  /** A branch's planned or changed meetings starting after `after`, soonest first. */
  upcomingMeetings(branchId: number, after: Date, take: number): Promise<Meeting[]>;
  response(meetingId: number, memberId: number): Promise<Response | null>;
  responsesOf(memberId: number, meetingIds: number[]): Promise<Response[]>;
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

const bound = new WeakMap<SqliteConnection, HotQueries>();

/** The fast statements when the database has a direct connection, Prisma otherwise. */
export function hotQueries(db: Db): HotQueries {
  const connection = directConnection(db);
  if (!connection) return prismaHotQueries(db);
  let queries = bound.get(connection);
  if (!queries) bound.set(connection, (queries = sqliteHotQueries(connection)));
  return queries;
}

export function prismaHotQueries(db: Db): HotQueries {
  return {
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
    response: (meetingId, memberId) =>
      db.response.findUnique({ where: { meetingId_memberId: { meetingId, memberId } } }),
    async sentPayload(channel, chatId, externalId) {
      const row = await db.outbox.findFirst({
        where: { channel, chatId, externalId, status: "sent" },
        orderBy: { id: "desc" },
        select: { payload: true },
      });
      return row?.payload ?? null;
    },
    responsesOf: (memberId, meetingIds) =>
      db.response.findMany({ where: { memberId, meetingId: { in: meetingIds } }, orderBy: { id: "asc" } }),
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
}

// ---- SQLite ---------------------------------------------------------------

/** DateTime as the Prisma SQLite adapter writes it: ISO-8601 with an explicit offset. */
export const sqlDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

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

function prepareAll(c: SqliteConnection) {
  // Plain numbers (the adapter turns on BigInt results for the connection; ids here fit in a double).
  const p = (sql: string) => c.prepare(sql).safeIntegers(false);
  return {
    claim: p(
      `INSERT INTO "InboundSeen" ("channel", "updateKey", "at") VALUES (?, ?, ` +
        `?) ON CONFLICT ("channel", "updateKey") DO NOTHING`,
    ),
    account: p(`SELECT * FROM "ChannelAccount" WHERE "channel" = ? AND "externalId" = ?`),
    member: p(`SELECT * FROM "Member" WHERE "id" = ?`),
    branch: p(`SELECT * FROM "Branch" WHERE "id" = ?`),
    touch: p(`UPDATE "ChannelAccount" SET "lastSeenAt" = ?, "unreachableAt" = NULL, "chatId" = ? WHERE "id" = ?`),
    session: p(`SELECT * FROM "ChatSession" WHERE "channel" = ? AND "chatId" = ?`),
    saveSession: p(
      `INSERT INTO "ChatSession" ("channel", "chatId", "dialog", "data", "updatedAt") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("channel", "chatId") DO UPDATE SET "dialog" = excluded."dialog", "data" = excluded."data", "updatedAt" = excluded."updatedAt"`,
    ),
    deleteSession: p(`DELETE FROM "ChatSession" WHERE "channel" = ? AND "chatId" = ?`),
    meeting: p(`SELECT * FROM "Meeting" WHERE "id" = ?`),
    upcoming: p(
      `SELECT * FROM "Meeting" WHERE "branchId" = ? AND "status" IN ` +
        `('planned', 'changed') AND "startsAt" > ? ORDER BY "startsAt" ASC, "id" ` +
        `ASC LIMIT ?`,
    ),
    response: p(`SELECT * FROM "Response" WHERE "meetingId" = ? AND "memberId" = ?`),
    sentPayload: p(
      `SELECT "payload" FROM "Outbox" WHERE "chatId" = ? AND "externalId" = ? ` +
        `AND "channel" = ? AND "status" = 'sent' ORDER BY "id" DESC LIMIT 1`,
    ),
    saveAnswer: p(
      `INSERT INTO "Response" ("meetingId", "memberId", "answer", "reason", "answeredAt") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("meetingId", "memberId") DO UPDATE SET "answer" = excluded."answer", "reason" = excluded."reason",
         "answeredAt" = excluded."answeredAt", "decidedAt" = NULL, "decidedById" = NULL
       RETURNING "id"`,
    ),
    meetingsIn: p(
      `SELECT m.*, b."reminderLeads" AS "b_reminderLeads", b."nudgeEnabled" AS "b_nudgeEnabled" FROM "Meeting" m JOIN "Branch" b ON b."id" = m."branchId"
       WHERE m."status" IN ('planned', 'changed') AND m."startsAt" > ? AND m."startsAt" <= ? ORDER BY m."id" ASC`,
    ),
    /** Statements with an IN list, one per statement and list size (see inList). */
    withList: new Map<string, Statement>(),
    prepare: p,
  };
}

const prepared = new WeakMap<SqliteConnection, ReturnType<typeof prepareAll>>();

function statements(c: SqliteConnection) {
  let s = prepared.get(c);
  if (!s) {
    s = prepareAll(c);
    prepared.set(c, s);
  }
  return s;
}

type Row = Record<string, unknown>;

export function sqliteHotQueries(c: SqliteConnection): HotQueries {
  const s = statements(c);
  /**
   * `sql` with "(?)" standing for a list of ids (at least one). The list is padded
   * to a power of two with its last id (IN does not mind repeats), so ten
   * statements serve every length.
   */
  const inList =
    (sql: string, mode: "objects" | "arrays" = "objects") =>
    (ids: number[], ...before: unknown[]): unknown[] => {
      const size = 2 ** Math.ceil(Math.log2(ids.length));
      const key = `${size}:${mode}:${sql}`;
      let statement = s.withList.get(key);
      if (!statement) {
        statement = s.prepare(sql.replace("(?)", `(${Array.from({ length: size }, () => "?").join(", ")})`));
        if (mode === "arrays") statement.raw(true);
        s.withList.set(key, statement);
      }
      const padded =
        ids.length === size ? ids : [...ids, ...Array.from({ length: size - ids.length }, () => ids[ids.length - 1])];
      return statement.all(...before, ...padded);
    };
  const responsesOf = inList(`SELECT * FROM "Response" WHERE "memberId" = ? AND "meetingId" IN (?) ORDER BY "id" ASC`);
  // Arrays (raw rows) build one object per row instead of two: these read a province at once.
  const branchMembers = inList(
    `SELECT "id", "branchId", "exemption", "exemptFrom", "exemptUntil" FROM ` +
      `"Member" WHERE "branchId" IN (?) AND "leftAt" IS NULL ORDER BY "id" ASC`,
    "arrays",
  );
  const reachableAccounts = inList(
    `SELECT a."memberId", a."channel", a."chatId", m."preferredChannel" FROM "ChannelAccount" a JOIN "Member" m ON m."id" = a."memberId"
     WHERE m."branchId" IN (?) AND m."leftAt" IS NULL AND a."unreachableAt" IS NULL ORDER BY a."lastSeenAt" DESC, a."id" DESC`,
    "arrays",
  );
  const answers = inList(
    `SELECT "meetingId", "memberId", "answer" FROM "Response" WHERE ` +
      `"meetingId" IN (?) AND "answer" IS NOT NULL ORDER BY "id" ASC`,
  );
  return {
    async claimUpdate(channel, updateKey, at) {
      return s.claim.run(channel, updateKey, sqlDate(at)).changes === 1;
    },
    async accountWithMember(channel, externalId) {
      const account = s.account.get(channel, externalId) as Row | undefined;
      if (!account) return null;
      const member = s.member.get(account.memberId) as Row | undefined;
      const branch = member ? (s.branch.get(member.branchId) as Row | undefined) : undefined;
      if (!member || !branch) return null;
      return { account: toAccount(account), member: { ...toMember(member), branch: toBranch(branch) } };
    },
    async touchAccount(id, chatId, at) {
      s.touch.run(sqlDate(at), chatId, id);
    },
    async session(channel, chatId) {
      const row = s.session.get(channel, chatId) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async saveSession(channel, chatId, dialog, data, at) {
      s.saveSession.run(channel, chatId, dialog, data, sqlDate(at));
    },
    async deleteSession(channel, chatId) {
      s.deleteSession.run(channel, chatId);
    },
    async meeting(id) {
      const row = s.meeting.get(id) as Row | undefined;
      return row ? toMeeting(row) : null;
    },
    async member(id) {
      const row = s.member.get(id) as Row | undefined;
      return row ? toMember(row) : null;
    },
    async upcomingMeetings(branchId, after, take) {
      return (s.upcoming.all(branchId, sqlDate(after), take) as Row[]).map(toMeeting);
    },
    async response(meetingId, memberId) {
      const row = s.response.get(meetingId, memberId) as Row | undefined;
      return row ? toResponse(row) : null;
    },
    async responsesOf(memberId, meetingIds) {
      return sliced(meetingIds, async (ids) => (responsesOf(ids, memberId) as Row[]).map(toResponse));
    },
    async sentPayload(channel, chatId, externalId) {
      const row = s.sentPayload.get(chatId, externalId, channel) as { payload: string } | undefined;
      return row?.payload ?? null;
    },
    async saveAnswer({ meetingId, memberId, answer, reason, at }) {
      const row = s.saveAnswer.get(meetingId, memberId, answer, reason, sqlDate(at)) as { id: number };
      return row.id;
    },
    async meetingsStartingIn(after, until) {
      const rows = s.meetingsIn.all(sqlDate(after), sqlDate(until)) as Row[];
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
        (branchMembers(ids) as [number, number, unknown, unknown, unknown][]).map(
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
        (reachableAccounts(ids) as [number, unknown, string, unknown][]).map(
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
        (answers(ids) as { meetingId: number; memberId: number; answer: unknown }[]).map((r) => ({
          meetingId: r.meetingId,
          memberId: r.memberId,
          answer: enumValue(Answer, r.answer),
        })),
      ),
  };
}

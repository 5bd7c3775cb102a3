/**
 * The database module: builds the Prisma client for DATABASE_URL (a `file:` address: SQLite through the
 * better-sqlite3 adapter; a `postgresql://` address: PostgreSQL through the pg adapter) and applies migrations.
 * What differs between the two lives here and in the modules it names; the rest of the code uses portable Prisma
 * queries.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PROJECT_ROOT } from "../paths.ts";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "./generated/client.ts";
import { PrismaClient as PostgresqlPrismaClient } from "./generated-pg/client.ts";
import { ensurePrivateDir, ensurePrivateFile } from "./files.ts";
import { applyMigrationsTo, pendingMigrations } from "./migrate.ts";
import { applyPostgresqlMigrations, pendingPostgresqlMigrations } from "./migrate-postgresql.ts";

export type Db = PrismaClient;
export type { Prisma } from "./generated/client.ts";
import type { Prisma } from "./generated/client.ts";

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: or postgresql://`);
}

/**
 * Whether this client (or a transaction's client) talks to PostgreSQL: the few statements written by hand differ.
 * Prisma 6.19 keeps the provider as `_activeProvider` on the client and on its transaction clients without declaring
 * it; openDb checks it once, so an upgrade that moves it stops the bot at start-up instead of sending SQLite's SQL to
 * PostgreSQL.
 */
export function isPostgresql(db: Db | Prisma.TransactionClient): boolean {
  const provider: unknown = Reflect.get(db, "_activeProvider");
  if (provider === "postgresql") return true;
  if (provider === "sqlite") return false;
  throw new Error("the Prisma client no longer tells its provider (_activeProvider): check the pinned version");
}

/** "file:./data/chibo.db" -> absolute path of the file (relative paths are taken from the project root). */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, "");
  return resolve(PROJECT_ROOT, path);
}

/**
 * The connection Prisma's adapter opened, shared with the prepared statements
 * of hot-queries.ts and bulk.ts: one connection, so they never wait on each
 * other's locks and see the same transactions Prisma does.
 */
const connections = new WeakMap<Db, SqliteConnection>();

export function directConnection(db: Db): SqliteConnection | undefined {
  const connection = connections.get(db);
  return connection?.open ? connection : undefined;
}

export type SqliteConnection = Database.Database;

/**
 * The better-sqlite3 handle the adapter opened. @prisma/adapter-better-sqlite3 (pinned at 6.19) keeps it as
 * `client` without declaring it; it offers no other way to share its connection, and sharing is required: a
 * second connection writing while a Prisma transaction holds the lock would wait synchronously and stall the
 * event loop the transaction needs to commit. Checked here, once, at start-up: if an upgrade moves it, the bot
 * refuses to start instead of running slower or wrong.
 */
function adapterConnection(adapter: object): SqliteConnection {
  const candidate: unknown = Reflect.get(adapter, "client");
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof Reflect.get(candidate, "prepare") !== "function" ||
    typeof Reflect.get(candidate, "pragma") !== "function"
  )
    throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection: check the pinned version");
  return candidate as SqliteConnection;
}

/** WAL lets readers work while the dispatcher writes; the busy timeout rides out short locks. */
/** secure_delete: what is deleted (an erased member) is overwritten with zeros, not left in free pages. */
const PRAGMAS = ["journal_mode = WAL", "busy_timeout = 5000", "synchronous = NORMAL", "secure_delete = ON"];
type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"]>;

/**
 * Prisma's adapter begins its transactions with a plain (deferred) BEGIN: one that reads and then writes fails at once,
 * without waiting, when another process (the command line beside the bot, or the bot beside it) wrote in between.
 * BEGIN IMMEDIATE takes the write lock first and waits for it with the busy timeout. (better-sqlite3's own
 * transactions, in bulk.ts and member-rows.ts, ask for `.immediate` themselves.)
 */
function beginImmediately(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  connection.prepare = ((source: string) =>
    prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as SqliteConnection["prepare"];
}

/**
 * A secret kept beside the database (0600), never in it: invite codes are
 * stored as HMACs under it, so a copy of the database alone gives no code back.
 * INVITE_CODE_SECRET, when set, is used instead.
 */
const secrets = new WeakMap<Db, Buffer>();

export function databaseSecret(db: Db): Buffer {
  const secret = secrets.get(db);
  if (!secret) throw new Error("database opened without its secret");
  return secret;
}

function loadSecret(file: string): Buffer {
  if (process.env.INVITE_CODE_SECRET) return Buffer.from(process.env.INVITE_CODE_SECRET, "utf8");
  const path = `${file}.secret`;
  if (!existsSync(path)) {
    try {
      writeFileSync(path, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      // Another process created it first: use that one.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return Buffer.from(readFileSync(path, "utf8").trim(), "utf8");
}

/**
 * On PostgreSQL the secret cannot live beside a file, and every instance must share it: INVITE_CODE_SECRET is
 * required (the configuration refuses to start without it).
 */
function postgresqlSecret(): Buffer {
  const secret = process.env.INVITE_CODE_SECRET;
  if (!secret) throw new Error("INVITE_CODE_SECRET is required with a PostgreSQL DATABASE_URL");
  return Buffer.from(secret, "utf8");
}

/** PostgreSQL connections each instance keeps open (node-postgres pool). */
const POSTGRESQL_POOL_SIZE = 10;

const pools = new WeakMap<Db, pg.Pool>();

/** The node-postgres pool Prisma's pg adapter opened (shared with the statements of hot-queries.ts), while open. */
export function postgresqlPool(db: Db): pg.Pool | undefined {
  const pool = pools.get(db);
  return pool && !pool.ended ? pool : undefined;
}

async function openPostgresql(url: string): Promise<Db> {
  const secret = postgresqlSecret();
  const factory = new PrismaPg({ connectionString: url, max: POSTGRESQL_POOL_SIZE });
  // Wraps the adapter factory to keep the pool it opens (again after a reconnect).
  const capturing: AdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      pools.set(db, adapter.underlyingDriver());
      return adapter;
    },
  };
  // The PostgreSQL client is generated from the same models (prisma/postgresql/schema.prisma is derived from
  // prisma/schema.prisma), so it answers every query the SQLite client's types describe.
  const db = new PostgresqlPrismaClient({ adapter: capturing as never }) as unknown as Db;
  if (!isPostgresql(db)) throw new Error("the PostgreSQL client does not say it is one");
  secrets.set(db, secret);
  await db.$connect();
  if (!pools.has(db)) throw new Error("the PostgreSQL adapter did not open its pool");
  return db;
}

export async function openDb(url: string): Promise<Db> {
  if (databaseKind(url) === "postgresql") return openPostgresql(url);
  const file = sqlitePath(url);
  ensurePrivateFile(file);
  const secret = loadSecret(file);
  const factory = new PrismaBetterSQLite3({ url: `file:${file}` });
  // Wraps the adapter factory to keep the connection it opens (again after a reconnect).
  const capturing: AdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const connection = adapterConnection(adapter);
      for (const pragma of PRAGMAS) connection.pragma(pragma);
      beginImmediately(connection);
      connections.set(db, connection);
      return adapter;
    },
  };
  const db = new PrismaClient({ adapter: capturing });
  secrets.set(db, secret);
  await db.$connect();
  if (!connections.has(db)) throw new Error("the SQLite adapter did not open its connection");
  if (isPostgresql(db)) throw new Error("the SQLite client says it is a PostgreSQL one");
  return db;
}

/** Applies pending migrations in process (see migrate.ts and migrate-postgresql.ts); returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  if (databaseKind(url) === "postgresql") return applyPostgresqlMigrations(url);
  return applyMigrationsTo(sqlitePath(url));
}

/** A second process (the admin command line) never migrates: it stops when the schema is behind. */
export class SchemaBehindError extends Error {
  override readonly name = "SchemaBehindError";
  constructor(readonly pending: string[]) {
    super(`the database lacks ${pending.length} migration(s): ${pending.join(", ")}`);
  }
}

export async function assertSchemaCurrent(url: string): Promise<void> {
  const pending =
    databaseKind(url) === "postgresql" ? await pendingPostgresqlMigrations(url) : pendingMigrations(sqlitePath(url));
  if (pending.length > 0) throw new SchemaBehindError(pending);
}

/** Tightens the database folder (0700) and files (0600) of an existing install; returns what changed. */
export function securePrivateFiles(url: string): string[] {
  if (databaseKind(url) === "postgresql") return [];
  const file = sqlitePath(url);
  const dir = dirname(file);
  return [...(ensurePrivateDir(dir) ? [dir] : []), ...ensurePrivateFile(file)];
}

/**
 * After an erasure. SQLite: deleted content is zeroed as it is freed (secure_delete), and VACUUM rewrites the file
 * and empties the write-ahead log. PostgreSQL: VACUUM marks the dead rows' space free for reuse; the bytes stay in
 * the data files until overwritten (README: personal data).
 */
export async function reclaimDeletedSpace(db: Db): Promise<void> {
  await db.$executeRawUnsafe("VACUUM");
  if (!isPostgresql(db)) await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}

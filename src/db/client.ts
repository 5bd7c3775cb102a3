/**
 * The database module: builds the Prisma client on the better-sqlite3 adapter
 * and applies migrations. Everything SQLite-specific lives here; the rest of
 * the code uses only portable Prisma queries (PostgreSQL later swaps the adapter).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PROJECT_ROOT } from "../paths.ts";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaClient } from "./generated/client.ts";
import { ensurePrivateDir, ensurePrivateFile } from "./files.ts";
import { applyMigrationsTo, pendingMigrations } from "./migrate.ts";

export type Db = PrismaClient;
export type { Prisma } from "./generated/client.ts";

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

export async function openDb(url: string): Promise<Db> {
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
      connections.set(db, connection);
      return adapter;
    },
  };
  const db = new PrismaClient({ adapter: capturing });
  secrets.set(db, secret);
  await db.$connect();
  if (!connections.has(db)) throw new Error("the SQLite adapter did not open its connection");
  return db;
}

/** Applies pending migrations in process (see migrate.ts); returns the names applied. */
export function applyMigrations(url: string): string[] {
  return applyMigrationsTo(sqlitePath(url));
}

/** A second process (the admin command line) never migrates: it stops when the schema is behind. */
export class SchemaBehindError extends Error {
  override readonly name = "SchemaBehindError";
  constructor(readonly pending: string[]) {
    super(`the database lacks ${pending.length} migration(s): ${pending.join(", ")}`);
  }
}

export function assertSchemaCurrent(url: string): void {
  const pending = pendingMigrations(sqlitePath(url));
  if (pending.length > 0) throw new SchemaBehindError(pending);
}

/** Tightens the database folder (0700) and files (0600) of an existing install; returns what changed. */
export function securePrivateFiles(url: string): string[] {
  const file = sqlitePath(url);
  const dir = dirname(file);
  return [...(ensurePrivateDir(dir) ? [dir] : []), ...ensurePrivateFile(file)];
}

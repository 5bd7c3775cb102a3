/**
 * The database module: builds the Prisma client on the better-sqlite3 adapter
 * and applies migrations. Everything SQLite-specific lives here; the rest of
 * the code uses only portable Prisma queries (PostgreSQL later swaps the adapter).
 */
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
export type { Prisma } from "./generated/client.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** "file:./data/chibo.db" -> absolute path of the file (relative paths are taken from the project root). */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, "");
  return resolve(projectRoot, path);
}

/** A second, plain connection to the same file, for bulk writes (see bulk.ts). */
const bulkConnections = new WeakMap<Db, Database.Database>();

export function bulkConnection(db: Db): Database.Database | undefined {
  return bulkConnections.get(db);
}

export async function openDb(url: string): Promise<Db> {
  const file = sqlitePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  const bulk = new Database(file);
  bulk.pragma("journal_mode = WAL");
  bulk.pragma("busy_timeout = 5000");
  bulkConnections.set(db, bulk);
  // WAL lets readers work while the dispatcher writes; the busy timeout rides out short locks.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}

const run = promisify(execFile);

/** Applies pending migrations with `prisma migrate deploy` (the schema engine runs as WebAssembly). */
export async function applyMigrations(url: string): Promise<void> {
  const file = sqlitePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const require = createRequire(import.meta.url);
  const prismaCli = require.resolve("prisma/build/index.js");
  await run(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
  });
}

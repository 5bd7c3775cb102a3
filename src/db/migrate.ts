/**
 * Applies the SQL migrations in prisma/migrations to a SQLite file, in process.
 *
 * Why not `prisma migrate deploy`: it starts the WebAssembly schema engine in a
 * child process (seconds at every start) and fails when another process holds
 * the database ("WASM_ERROR: unknown variant SocketTimeout"), so the admin
 * command line could not run beside the bot. The files are the ones Prisma
 * writes, and the bookkeeping table is Prisma's own `_prisma_migrations`, so a
 * database migrated by either stays readable by both.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { PROJECT_ROOT } from "../paths.ts";
import { ensurePrivateFile } from "./files.ts";

export const MIGRATIONS_DIR = resolve(PROJECT_ROOT, "prisma/migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(resolve(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

function appliedNames(connection: Database.Database): Set<string> {
  const exists = connection
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
    .get();
  if (!exists) return new Set();
  const rows = connection
    .prepare(
      "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    )
    .all() as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/** Names of the migrations the file still lacks (a missing file lacks them all). */
export function pendingMigrations(file: string, migrations = readMigrations()): string[] {
  let connection: Database.Database;
  try {
    connection = new Database(file, { fileMustExist: true, readonly: true });
  } catch {
    return migrations.map((m) => m.name);
  }
  try {
    const applied = appliedNames(connection);
    return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  } finally {
    connection.close();
  }
}

/**
 * Applies what is pending, each migration in its own transaction. Safe beside a
 * running process and against a second migrator: the write lock is taken first
 * and the list re-read under it. Returns the names applied.
 */
export function applyMigrationsTo(file: string, migrations = readMigrations()): string[] {
  ensurePrivateFile(file);
  const connection = new Database(file);
  try {
    connection.pragma("journal_mode = WAL");
    connection.pragma("busy_timeout = 10000");
    connection.exec(BOOKKEEPING);
    const done: string[] = [];
    for (const migration of migrations) {
      connection.exec("BEGIN IMMEDIATE");
      try {
        if (appliedNames(connection).has(migration.name)) {
          connection.exec("ROLLBACK");
          continue;
        }
        const started = new Date().toISOString();
        connection.exec(migration.sql);
        connection
          .prepare(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES (?, ?, ?, ?, ?, 1)`,
          )
          .run(randomUUID(), migration.checksum, new Date().toISOString(), migration.name, started);
        connection.exec("COMMIT");
        done.push(migration.name);
      } catch (e) {
        if (connection.inTransaction) connection.exec("ROLLBACK");
        throw new MigrationError(migration.name, e);
      }
    }
    return done;
  } finally {
    connection.close();
  }
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

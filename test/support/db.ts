/**
 * A fresh database for one test: a copy of the migrated SQLite template file, or, when the suite runs on PostgreSQL
 * (the "postgresql" project of vitest.config.ts), a database copied from the migrated template on the test server.
 */
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { inject } from "vitest";
import { openDb, type Db } from "../../src/db/client.ts";
import { readMigrations } from "../../src/db/migrate.ts";
import { postgresqlMigrations } from "../../src/db/migrate-postgresql.ts";
import { createEmptyDatabase, createTestDatabase } from "./postgresql.ts";

const dir = resolve(import.meta.dirname, "../../.tmp/test");

export function onPostgresql(): boolean {
  return process.env.CHIBO_TEST_DATABASE === "postgresql";
}

/** The address of a new, migrated, empty database. */
export async function freshDatabaseUrl(): Promise<string> {
  if (onPostgresql()) return createTestDatabase(inject("postgresqlAdminUrl"));
  const file = resolve(dir, `${randomUUID()}.db`);
  copyFileSync(resolve(dir, "template.db"), file);
  return `file:${file}`;
}

/** The address of a database that does not exist yet (SQLite) or is empty (PostgreSQL): no migration applied. */
export async function emptyDatabaseUrl(): Promise<string> {
  if (onPostgresql()) return createEmptyDatabase(inject("postgresqlAdminUrl"));
  return `file:${resolve(dir, `${randomUUID()}.db`)}`;
}

/** The migrations of the database the tests run on. */
export function migrationNames(): string[] {
  return (onPostgresql() ? postgresqlMigrations() : readMigrations()).map((m) => m.name);
}

export async function freshDb(): Promise<{ db: Db; url: string }> {
  const url = await freshDatabaseUrl();
  return { db: await openDb(url), url };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresqlAdminUrl: string;
  }
}

/** The column names of a table, on either database. */
export async function columnsOf(db: Db, table: string): Promise<string[]> {
  if (onPostgresql()) {
    const rows = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT column_name::text AS name FROM information_schema.columns WHERE table_name = $1`,
      table,
    );
    return rows.map((r) => r.name);
  }
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`);
  return rows.map((r) => r.name);
}

/** The application's tables (not the migrations' bookkeeping), on either database. */
export async function tablesOf(db: Db): Promise<string[]> {
  const sql = onPostgresql()
    ? `SELECT table_name::text AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
    : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`;
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(sql);
  return rows.map((r) => r.name).filter((name) => name !== "_prisma_migrations");
}

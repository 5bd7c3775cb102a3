/**
 * Applies the PostgreSQL migrations (prisma/postgresql/migrations) in process.
 *
 * Why not `prisma migrate deploy`: without a downloaded engine, Prisma 6.19 migrates through its WebAssembly schema
 * engine, which cannot read PostgreSQL's catalog yet (prisma/prisma#27403). The SQL files are the ones `prisma
 * migrate diff` writes, kept in the repository; the bookkeeping table is Prisma's own `_prisma_migrations`.
 *
 * Several instances may start together: each migration runs in its own transaction under an advisory lock, and the
 * list of applied migrations is read again under that lock.
 */
import { resolve } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PROJECT_ROOT } from "../paths.ts";
import { MigrationError, readMigrations, type Migration } from "./migrate.ts";

export const POSTGRESQL_MIGRATIONS_DIR = resolve(PROJECT_ROOT, "prisma/postgresql/migrations");

/** Any fixed number: the advisory lock every chibo instance takes while it migrates. */
const MIGRATION_LOCK = 0x63_68_69_62;

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

async function appliedNames(client: pg.Client): Promise<Set<string>> {
  const exists = await client.query("SELECT to_regclass('_prisma_migrations')::text AS t");
  if (!exists.rows[0]?.t) return new Set();
  const rows = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.rows.map((r) => r.name));
}

/** One connection for the length of `run`, closed after it. */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function postgresqlMigrations(): Migration[] {
  return readMigrations(POSTGRESQL_MIGRATIONS_DIR);
}

export async function pendingPostgresqlMigrations(url: string, migrations = postgresqlMigrations()): Promise<string[]> {
  return withClient(url, async (client) => {
    const applied = await appliedNames(client);
    return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  });
}

export async function applyPostgresqlMigrations(url: string, migrations = postgresqlMigrations()): Promise<string[]> {
  return withClient(url, async (client) => {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(BOOKKEEPING);
    await client.query("COMMIT");
    const done: string[] = [];
    for (const migration of migrations) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
        if ((await appliedNames(client)).has(migration.name)) {
          await client.query("ROLLBACK");
          continue;
        }
        const started = new Date();
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, started],
        );
        await client.query("COMMIT");
        done.push(migration.name);
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new MigrationError(migration.name, e);
      }
    }
    return done;
  });
}

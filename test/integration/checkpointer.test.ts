/**
 * SQLite's checkpoints run in a worker thread (src/db/checkpointer.ts): the bot's connection commits without copying
 * the log into the database file, the worker copies it within its interval and truncates a large log, and a stop
 * gives the checkpoints back to the connection. Observed on the files themselves: the database file grows only when
 * the log is copied into it.
 */
import { existsSync, statSync } from "node:fs";
import { pino } from "pino";
import { afterEach, expect, test } from "vitest";
import { startCheckpointer, type Checkpointer } from "../../src/db/checkpointer.ts";
import { directConnection, openDb, sqlitePath, type Db } from "../../src/db/client.ts";
import { freshDb, onPostgresql } from "../support/db.ts";

const logger = pino({ level: "silent" });
const opened: Db[] = [];
const started: Checkpointer[] = [];
afterEach(async () => {
  for (const c of started.splice(0)) await c.stop();
  for (const db of opened.splice(0)) await db.$disconnect();
});

async function database(): Promise<{ db: Db; file: string }> {
  const { db, url } = await freshDb();
  opened.push(db);
  return { db, file: sqlitePath(url) };
}

/** About 3 MB of rows: several hundred pages of log. */
async function write(db: Db): Promise<void> {
  await db.auditLog.createMany({
    data: Array.from({ length: 5_000 }, (_, i) => ({ actor: "cli", action: "test.fill", details: `${i}`.repeat(150) })),
  });
}

const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

test.skipIf(onPostgresql())(
  "the connection commits without checkpointing; the worker copies the log into the file and truncates it",
  async () => {
    // Without the worker, a connection that does not checkpoint leaves everything in the log.
    const alone = await database();
    directConnection(alone.db)!.pragma("wal_autocheckpoint = 0");
    const aloneBefore = size(alone.file);
    await write(alone.db);
    await new Promise((r) => setTimeout(r, 600));
    expect(size(alone.file)).toBe(aloneBefore);
    expect(size(`${alone.file}-wal`)).toBeGreaterThan(2_000_000);

    const { db, file } = await database();
    started.push(await startCheckpointer(db, { logger, everyMs: 100, truncateAboveBytes: 1_000_000 }));
    expect(Number(directConnection(db)!.pragma("wal_autocheckpoint", { simple: true }))).toBe(0);
    const before = size(file);
    await write(db);
    expect(await waitFor(() => size(file) > before + 2_000_000 && size(`${file}-wal`) === 0, 5_000)).toBe(true);
    // What another process reads is all there.
    const reader = await openDb(`file:${file}`);
    opened.push(reader);
    expect(await reader.auditLog.count({ where: { action: "test.fill" } })).toBe(5_000);
  },
);

test.skipIf(onPostgresql())("a stop gives the checkpoints back to the connection", async () => {
  const { db } = await database();
  const checkpointer = await startCheckpointer(db, { logger, everyMs: 100 });
  expect(Number(directConnection(db)!.pragma("wal_autocheckpoint", { simple: true }))).toBe(0);
  await checkpointer.stop();
  expect(Number(directConnection(db)!.pragma("wal_autocheckpoint", { simple: true }))).toBe(1000);
  await checkpointer.stop(); // twice is harmless
});

test.runIf(onPostgresql())("on PostgreSQL there is nothing to do", async () => {
  const { db } = await freshDb();
  opened.push(db);
  const checkpointer = await startCheckpointer(db, { logger });
  await checkpointer.stop();
  expect(await db.auditLog.count()).toBe(0);
});

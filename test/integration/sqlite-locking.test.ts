/**
 * Two processes on one SQLite file (the bot and the command line beside it): a transaction that reads and then writes
 * must not fail because the other process wrote in between. It takes the write lock when it begins (BEGIN IMMEDIATE,
 * src/db/client.ts), and the other process waits for it with its busy timeout.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { sqlitePath } from "../../src/db/client.ts";
import { freshDb, onPostgresql } from "../support/db.ts";

const driver = createRequire(import.meta.url).resolve("better-sqlite3");

test.skipIf(onPostgresql())(
  "a transaction that reads, then writes, while another process writes: both land, neither fails",
  async () => {
    const { db, url } = await freshDb();
    try {
      let other: Promise<{ code: number | null; err: string }> | undefined;
      await db.$transaction(async (tx) => {
        expect(await tx.auditLog.count()).toBe(0);
        // Another process writes now, with the bot's busy timeout.
        const child = spawn(
          process.execPath,
          [
            "-e",
            `const D = require(${JSON.stringify(driver)}); const d = new D(${JSON.stringify(sqlitePath(url))});` +
              `d.pragma("busy_timeout = 5000"); console.log("trying");` +
              `d.prepare("INSERT INTO AuditLog (actor, action) VALUES ('cli', 'test.other')").run(); d.close();`,
          ],
          { stdio: ["ignore", "pipe", "pipe"] },
        );
        let err = "";
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
        other = new Promise((resolve) => child.on("exit", (code) => resolve({ code, err })));
        await new Promise((r) => setTimeout(r, 300));
        await tx.auditLog.create({ data: { actor: "bot", action: "test.mine" } });
      });
      expect(await other).toEqual({ code: 0, err: "" });
      expect((await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((r) => r.action)).toEqual([
        "test.mine",
        "test.other",
      ]);
    } finally {
      await db.$disconnect();
    }
  },
);

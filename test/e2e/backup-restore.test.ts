/**
 * Backing up and restoring as an administrator does it, with the real processes:
 * `db backup` while the bot runs and writes, `db restore` refused while it runs,
 * then, with the bot stopped, every table back row for row (the key beside the
 * database too), and a bot that starts on the restored file.
 */
import { existsSync, readFileSync, copyFileSync, mkdtempSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import TelegramServerModule from "telegram-test-api";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { openDb, type Db } from "../../src/db/client.ts";
import { seedBranch } from "../support/fixtures.ts";
import { runCliProcess, startBot, type BotProcess } from "../support/processes.ts";
import { freePort, TEST_TOKEN } from "../support/telegram-harness.ts";

const dir = resolve(import.meta.dirname, "../../.tmp/test");
/** A dozen processes start one after another (the bot twice): a busy machine needs more than the usual limit. */
const PROCESSES = 120_000;
let server: TelegramServer;
let bot: BotProcess | null = null;
let db: Db;
let url: string;
let file: string;

beforeAll(async () => {
  server = new (TelegramServerModule as unknown as typeof TelegramServer)({
    port: await freePort(),
    host: "127.0.0.1",
    storeTimeout: 3600,
  });
  await server.start();
  file = resolve(dir, `${randomUUID()}.db`);
  copyFileSync(resolve(dir, "template.db"), file);
  url = `file:${file}`;
  db = await openDb(url);
  await seedBranch(db, {
    code: "tdp5",
    name: "Chi bộ Tổ dân phố 5",
    members: [{ fullName: "Nguyễn Văn An", role: "secretary" }, { fullName: "Trần Thị Bình" }],
  });
});
afterAll(async () => {
  await bot?.stop();
  await db?.$disconnect();
  await server?.stop();
});

/** Every table's rows, as plain values, in a stable order. */
function snapshot(path: string): Record<string, unknown[]> {
  const d = new Database(path, { readonly: true });
  try {
    const tables = d
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    const rows = (name: string) =>
      d
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort();
    return Object.fromEntries(tables.map((t) => [t.name, rows(t.name)]));
  } finally {
    d.close();
  }
}

test(
  "a live backup, a restore refused while the bot runs, then every table back",
  async () => {
    const env = { DATABASE_URL: url };
    bot = startBot({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, DATABASE_URL: url });
    await bot.waitForLog("chibo is running");
    const out = mkdtempSync(join(tmpdir(), "chibo-backup-"));
    const copy = join(out, "chibo-2026-11-24.db");

    expect(
      (
        await runCliProcess(
          ["meeting", "create", "--branch", "tdp5", "--at", "15/12/2026 19:30", "--place", "Nhà văn hoá"],
          env,
        )
      ).code,
    ).toBe(0);
    // Another meeting (and its notices) is written while the copy is taken: the copy is whole either way.
    const writing = runCliProcess(
      ["meeting", "create", "--branch", "tdp5", "--at", "16/12/2026 19:30", "--place", "Trong lúc sao lưu"],
      env,
    );
    const backup = await runCliProcess(["db", "backup", copy], env);
    await writing;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Đã ghi ${copy}`);
    expect(readFileSync(`${copy}.secret`, "utf8")).toBe(readFileSync(`${file}.secret`, "utf8"));
    // Never over an existing file.
    const again = await runCliProcess(["db", "backup", copy], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("đã có: chọn tên khác");

    // What the copy holds, and a change made after it.
    await runCliProcess(
      ["meeting", "create", "--branch", "tdp5", "--at", "17/12/2026 19:30", "--place", "Sau sao lưu"],
      env,
    );
    const taken = snapshot(copy);
    const check = new Database(copy, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    expect(JSON.stringify(taken.Meeting)).toContain("Nhà văn hoá");

    const refused = await runCliProcess(["db", "restore", copy, "--yes"], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("Bot đang chạy");
    expect((await db.meeting.findMany()).map((m) => m.place)).toContain("Sau sao lưu");

    // Stopped cleanly: its heartbeat is gone, and the restore goes through.
    expect(await bot.stop()).toBe(0);
    bot = null;
    await db.$disconnect();
    const restore = await runCliProcess(["db", "restore", copy, "--yes"], env);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Đã khôi phục cơ sở dữ liệu");
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
    const restored = snapshot(file);
    expect(Object.keys(restored)).toEqual(Object.keys(taken));
    for (const table of Object.keys(taken)) expect(restored[table], table).toEqual(taken[table]);
    expect(JSON.stringify(restored.Meeting)).not.toContain("Sau sao lưu");

    // A file that is not chibo's is refused; a bot starts on the restored database.
    const stranger = join(out, "other.db");
    new Database(stranger).exec("CREATE TABLE t (x)");
    const wrong = await runCliProcess(["db", "restore", stranger, "--yes"], env);
    expect(wrong.stdout).toContain("không phải cơ sở dữ liệu của chibo");
    bot = startBot({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, DATABASE_URL: url });
    await bot.waitForLog("chibo is running");
    db = await openDb(url);
    expect((await db.member.findMany()).map((m) => m.fullName).sort()).toEqual(["Nguyễn Văn An", "Trần Thị Bình"]);
  },
  PROCESSES,
);

test(
  "on a new machine, where no database exists yet, a backup is restored and a copy is made without one appearing",
  async () => {
    const out = mkdtempSync(join(tmpdir(), "chibo-newmachine-"));
    const backupFile = join(out, "chibo-backup.db");
    expect((await runCliProcess(["db", "backup", backupFile], { DATABASE_URL: url })).code).toBe(0);

    // The new machine's configured database is a file that is not there.
    const fresh = join(out, "data", "chibo.db");
    const env = { DATABASE_URL: `file:${fresh}` };
    const restore = await runCliProcess(["db", "restore", backupFile, "--yes"], env);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("Đã khôi phục cơ sở dữ liệu");
    const restored = snapshot(fresh);
    const taken = snapshot(backupFile);
    for (const table of Object.keys(taken)) expect(restored[table], table).toEqual(taken[table]);
    expect(readFileSync(`${fresh}.secret`, "utf8")).toBe(readFileSync(`${backupFile}.secret`, "utf8"));
    const branches = await runCliProcess(["branch", "list"], env);
    expect(branches.code).toBe(0);
    expect(branches.stdout).toContain("Chi bộ Tổ dân phố 5");

    // Copying from a named file does not need, or make, the configured one.
    const elsewhere = { DATABASE_URL: `file:${join(out, "none", "chibo.db")}` };
    const target = join(out, "copy.db");
    const copied = await runCliProcess(
      ["db", "copy", "--from", `file:${backupFile}`, "--to", `file:${target}`],
      elsewhere,
    );
    expect(copied.stderr).toBe("");
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain("Member: 2 dòng");
    expect(existsSync(join(out, "none"))).toBe(false);
  },
  PROCESSES,
);

test(
  "after an upgrade, before the bot has applied the new migrations, a backup can still be taken; other commands wait",
  async () => {
    const behind = resolve(dir, `${randomUUID()}.db`);
    copyFileSync(resolve(dir, "template.db"), behind);
    const d = new Database(behind);
    d.exec(
      `DELETE FROM _prisma_migrations WHERE migration_name = (SELECT MAX(migration_name) FROM _prisma_migrations)`,
    );
    d.close();
    const env = { DATABASE_URL: `file:${behind}` };
    const refused = await runCliProcess(["branch", "list"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("thiếu 1 bản cập nhật");
    const copy = join(mkdtempSync(join(tmpdir(), "chibo-upgrade-")), "before-upgrade.db");
    const backup = await runCliProcess(["db", "backup", copy], env);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(snapshot(copy)._prisma_migrations).toEqual(snapshot(behind)._prisma_migrations);
  },
  PROCESSES,
);

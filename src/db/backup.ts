/**
 * A consistent copy of a live SQLite database (SQLite's online backup API, through
 * better-sqlite3: the bot may keep writing meanwhile), and putting one back with
 * the bot stopped. The key beside the database (`<file>.secret`, which invite codes
 * and sign-in links are hashed with) travels with it, so codes issued before still
 * work after a restore.
 */
import { copyFileSync, existsSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { sqlitePath } from "./client.ts";
import { ensurePrivateFile } from "./files.ts";

export class BackupError extends Error {
  override readonly name = "BackupError";
  constructor(
    readonly reason: "target_exists" | "no_source" | "not_chibo" | "bot_running",
    readonly path: string,
  ) {
    super(`${reason}: ${path}`);
  }
}

/** How recent a heartbeat means the bot is running (it beats every 10 s). */
export const HEARTBEAT_FRESH_MS = 30_000;

/** Tables of the running bot's liveness and leadership, not data: a backup or a copy leaves their rows out. */
export const RUNTIME_TABLES = ["Heartbeat", "Lease"] as const;

export async function backupDatabase(url: string, target: string): Promise<string[]> {
  const source = sqlitePath(url);
  if (!existsSync(source)) throw new BackupError("no_source", source);
  if (existsSync(target)) throw new BackupError("target_exists", target);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  // Which process runs on the live database, and what it holds, is not the copy's: a bot started on the restored
  // file takes its leases at once, and `db copy` from the file is not refused as "bot running".
  const copy = new Database(target, { fileMustExist: true });
  try {
    const runtime = copy
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${RUNTIME_TABLES.map(() => "?").join(", ")})`,
      )
      .all(...RUNTIME_TABLES) as { name: string }[];
    for (const { name } of runtime) copy.exec(`DELETE FROM "${name}"`);
  } finally {
    copy.close();
  }
  const written = [target];
  if (existsSync(`${source}.secret`)) {
    copyFileSync(`${source}.secret`, `${target}.secret`);
    written.push(`${target}.secret`);
  }
  return written;
}

/** Puts a backup in place of the database; refused while a bot beats on it, or when the file is not chibo's. */
export async function restoreDatabase(url: string, source: string, now: Date): Promise<void> {
  const target = sqlitePath(url);
  if (!existsSync(source)) throw new BackupError("no_source", source);
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const hasMigrations = backup
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
      .get();
    if (!hasMigrations) throw new BackupError("not_chibo", source);
    if (existsSync(target)) {
      const live = new Database(target, { readonly: true, fileMustExist: true });
      try {
        const table = live.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Heartbeat'`).get();
        const beat = table
          ? (live.prepare(`SELECT MAX("seenAt") AS at FROM "Heartbeat"`).get() as { at: number | string | null })
          : null;
        const at = beat?.at == null ? null : new Date(typeof beat.at === "number" ? beat.at : beat.at).getTime();
        if (at !== null && now.getTime() - at < HEARTBEAT_FRESH_MS) throw new BackupError("bot_running", target);
      } finally {
        live.close();
      }
    }
    // A new machine has no data folder yet.
    ensurePrivateFile(target);
    // The write-ahead log of the old database must not be replayed over the restored one.
    for (const extra of [`${target}-wal`, `${target}-shm`]) rmSync(extra, { force: true });
    await backup.backup(target);
  } finally {
    backup.close();
  }
  if (existsSync(`${source}.secret`)) copyFileSync(`${source}.secret`, `${target}.secret`);
}

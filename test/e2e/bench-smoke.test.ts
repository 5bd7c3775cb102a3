/** A tiny run of `npm run bench`, so the benchmark cannot rot: every figure is printed with its unit. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";

/** The databases this test run covers (vitest.config.ts): the benchmark prints its figures for the same ones. */
const databases = (process.env.CHIBO_TEST_DATABASES ?? "sqlite,postgresql").split(",").map((d) => d.trim());

test("the benchmark runs at tiny sizes and prints every figure", async () => {
  const root = resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts"], {
    cwd: root,
    // The PostgreSQL figures when this run tests PostgreSQL too.
    env: { PATH: process.env.PATH ?? "", BENCH_QUICK: "1", BENCH_DATABASES: databases.join(",") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise((r) => child.once("exit", r));
  expect(code, out).toBe(0);
  expect(out).toMatch(/^1\. dispatcher capacity: [\d,]+ msg\/s/m);
  expect(out).toMatch(
    /^2a\. real bot process .* 8 members × 5 reminders each, .* = 40 messages .* ratio [\d.]+ of the allowed 8 msg\/s .* 429 answers \d+ = [\d.]+ per message .* duplicates 0, lost 0$/m,
  );
  expect(out).toMatch(
    /^2c\. start-up of that process: [\d,]+ ms from spawn to "running", [\d,]+ ms of it after the database opened/m,
  );
  // At-least-once: nothing lost; a duplicate only for a request in flight at a kill.
  const kill =
    /^2b\. .* killed with SIGKILL (\d+) times .*: lost 0, sent twice (\d+) \(observed at the fake API\); requests the fake API had received but not yet answered at the kills: (\d+); messages left "sending" by the kills and sent again at restart: (\d+) /m.exec(
      out,
    );
  expect(kill, out).not.toBeNull();
  expect(Number(kill![2])).toBeLessThanOrEqual(Number(kill![4]));
  expect(out).toMatch(/^3a\. grammY .* ratio [\d.]+; 429 answers \d+ = [\d.]+ per message; duplicates \d+, lost \d+$/m);
  expect(out).toMatch(/^3b\. grammY killed \(SIGKILL\) after \d+ messages and restarted: lost \d+, sent twice \d+/m);
  // Inbound and planning on each database.
  for (const n of databases.map((d) => (d === "sqlite" ? "4" : "4pg")))
    expect(out).toMatch(new RegExp(`^${n}\\. inbound: [\\d,]+ updates/s .* p50 [\\d.]+ ms, p99 [\\d.]+ ms`, "m"));
  expect(out).toMatch(/^4\. inbound: .* SQLite written/m);
  if (databases.includes("postgresql")) expect(out).toMatch(/^4pg\. inbound: .* PostgreSQL written/m);
  for (const [n, kind] of [
    ["5", "SQLite"],
    ["5pg", "PostgreSQL"],
  ].filter(([n]) => databases.includes(n === "5" ? "sqlite" : "postgresql")))
    expect(out).toMatch(
      new RegExp(
        `^${n}\\. scale \\(${kind}\\): planning reminders for 2,000 members in 60 branches \\(one meeting each, three days ` +
          `ahead at six different hours, all due now\\) took [\\d.]+ s .*: 2,000 reminders written to the outbox at once, ` +
          `0 meetings' left to the dispatcher .* peak RSS [\\d,]+ MB .* 2,000 reminder rows in the end$`,
        "m",
      ),
    );
  if (databases.includes("postgresql"))
    expect(out).toMatch(
      /^8\. two bot processes on one PostgreSQL .* 60 messages to 60 chats; the leader killed with SIGKILL after 24, the standby leading [\d,]+ ms later; .* lost 0, sent twice \d+ /m,
    );
}, 240_000);

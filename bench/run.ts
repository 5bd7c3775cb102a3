/**
 * `npm run bench`: delivery at the platforms' limits and the bot's own speed,
 * measured against a fake Telegram Bot API on loopback. Prints each figure with
 * its unit (and the ratio where one applies).
 *
 * Sizes (environment): BENCH_CAPACITY (5000), BENCH_ANNOUNCEMENT (5000),
 * BENCH_INBOUND (5000), BENCH_SCALE_MEMBERS (100000), BENCH_SCALE_BRANCHES (3000);
 * BENCH_QUICK=1 runs tiny sizes (used by the test suite so the script cannot rot).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { Telegram } from "telegraf";
import { applyMigrations, openDb, type Db } from "../src/db/client.ts";
import { createDispatcher } from "../src/delivery/dispatcher.ts";
import { createOutbox } from "../src/delivery/outbox.ts";
import { createBotCore } from "../src/bot/core.ts";
import { allFeatures } from "../src/bot/features/index.ts";
import { createSessionStore } from "../src/bot/session-store.ts";
import { createLogger } from "../src/logging/logger.ts";
import { createTelegramSender, telegramUpdateToEvent } from "../src/messaging/telegram/telegram-messages.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";

const quick = process.env.BENCH_QUICK === "1";
const size = (name: string, full: number, small: number) => Number(process.env[name] ?? (quick ? small : full));
const CAPACITY = size("BENCH_CAPACITY", 5000, 300);
const ANNOUNCEMENT = size("BENCH_ANNOUNCEMENT", 5000, 60);
const INBOUND = size("BENCH_INBOUND", 5000, 200);
const SCALE_MEMBERS = size("BENCH_SCALE_MEMBERS", 100_000, 2000);
const SCALE_BRANCHES = size("BENCH_SCALE_BRANCHES", 3000, 60);
// Telegram's limits; the quick run keeps the shape at a smaller scale.
const LIMIT = quick ? 30 : 30;
const RANDOM_429 = 0.002;
const TOKEN = "100000001:BENCH_token_not_a_real_one_0123456789";

const dir = resolve(import.meta.dirname, "../.tmp/bench");
const here = import.meta.dirname;
const logger = createLogger({ level: "silent", secrets: [TOKEN] });
const print = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function freshDb(name: string): Promise<{ db: Db; url: string }> {
  const file = resolve(dir, `${name}.db`);
  for (const s of ["", "-wal", "-shm"]) rmSync(`${file}${s}`, { force: true });
  const url = `file:${file}`;
  await applyMigrations(url);
  return { db: await openDb(url), url };
}

async function enqueueAnnouncement(db: Db, n: number, tag: string): Promise<void> {
  const outbox = createOutbox({ db, clock: () => new Date() });
  await outbox.enqueue(Array.from({ length: n }, (_, i) => ({
    key: `${tag}:${i}`, channel: "telegram" as const, chatId: String(100_000 + i), priority: "bulk" as const, kind: "announcement",
    message: { text: `Thông báo ${i}`, choices: [[{ data: "ack:1", label: "✅ Đã nhận" }]] },
  })));
}

function child(script: string, args: string[]): { proc: ChildProcess; firstLine: Promise<string> } {
  const proc = spawn(process.execPath, ["--import", "tsx", resolve(here, script), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = new Promise<string>((res, rej) => {
    let buf = "";
    proc.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      if (buf.includes("\n")) res(buf.split("\n")[0]!);
    });
    proc.once("exit", (code) => rej(new Error(`${script} exited with ${code}`)));
  });
  firstLine.catch(() => undefined); // a killed child never prints: that is expected
  return { proc, firstLine };
}

const exited = (p: ChildProcess) => new Promise((r) => (p.exitCode !== null ? r(p.exitCode) : p.once("exit", r)));

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("benchmark step timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function countDelivery(api: FakeBotApi, n: number) {
  const per = new Map<string, number>();
  for (const m of api.accepted) per.set(m.chatId, (per.get(m.chatId) ?? 0) + 1);
  let duplicates = 0;
  for (const c of per.values()) duplicates += c - 1;
  const lost = n - per.size;
  const times = api.accepted.map((m) => m.at);
  const seconds = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
  return { duplicates, lost, seconds, rate: seconds > 0 ? (api.accepted.length - 1) / seconds : 0 };
}

async function figure1(api: FakeBotApi): Promise<void> {
  api.setLimits({ perSecond: 0, perChatMs: 0, random429: 0 });
  api.reset();
  const { db } = await freshDb("capacity");
  await enqueueAnnouncement(db, CAPACITY, "cap");
  const dispatcher = createDispatcher({
    db, clock: () => new Date(), logger, senders: { telegram: createTelegramSender(new Telegram(TOKEN, { apiRoot: api.apiRoot })) },
    limits: { telegram: { perSecond: 1_000_000, perChatIntervalMs: 0 }, zalo: { perSecond: 1, perChatIntervalMs: 0 } },
    quietHours: null, timeZone: "Asia/Ho_Chi_Minh", maxAttempts: 5, maxInFlight: 64, batchSize: 500,
  });
  const started = performance.now();
  dispatcher.start();
  await waitUntil(async () => (await db.outbox.count({ where: { status: { not: "sent" } } })) === 0, 600_000);
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.stop();
  await db.$disconnect();
  const rate = CAPACITY / seconds;
  print(`1. dispatcher capacity: ${fmt(rate)} msg/s (${fmt(CAPACITY)} messages in ${fmt(seconds, 2)} s through the outbox, fake API unlimited; goal ≥ 1,000 msg/s: ${rate >= 1000 ? "met" : "NOT met"})`);
}

async function figure2(api: FakeBotApi): Promise<void> {
  const limits = { perSecond: LIMIT, perChatMs: 1000, random429: RANDOM_429 };
  // a) straight run
  api.setLimits(limits);
  api.reset();
  const { db, url } = await freshDb("limits");
  await enqueueAnnouncement(db, ANNOUNCEMENT, "ann");
  let w = child("dispatcher-worker.ts", [url, api.apiRoot, String(LIMIT), "1000"]);
  await w.firstLine;
  await waitUntil(async () => (await db.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) === 0, 3_600_000);
  w.proc.kill("SIGTERM");
  await exited(w.proc);
  const a = countDelivery(api, ANNOUNCEMENT);
  const rejected = api.rejected429;
  print(`2a. at Telegram's limits (${LIMIT} msg/s overall, 1 msg/s per chat, ${RANDOM_429 * 100}% random 429 retry_after 1): ${fmt(ANNOUNCEMENT)}-member announcement in ${fmt(a.seconds, 1)} s = ${fmt(a.rate, 2)} msg/s, ratio ${fmt(a.rate / LIMIT, 3)} of the allowed rate (goal ≥ 0.95); duplicates ${a.duplicates}, losses ${a.lost}; 429 answers ${rejected}`);

  // b) killed at a random point, restarted
  api.reset();
  await db.outbox.deleteMany();
  await enqueueAnnouncement(db, ANNOUNCEMENT, "ann-kill");
  w = child("dispatcher-worker.ts", [url, api.apiRoot, String(LIMIT), "1000"]);
  await w.firstLine;
  const killAt = Math.floor(ANNOUNCEMENT * (0.2 + Math.random() * 0.6));
  await waitUntil(() => api.accepted.length >= killAt, 3_600_000);
  w.proc.kill("SIGKILL");
  await exited(w.proc);
  const atKill = api.accepted.length;
  w = child("dispatcher-worker.ts", [url, api.apiRoot, String(LIMIT), "1000"]);
  const recovered = (JSON.parse(await w.firstLine) as { recovered: number }).recovered;
  await waitUntil(async () => (await db.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) === 0, 3_600_000);
  w.proc.kill("SIGTERM");
  await exited(w.proc);
  const b = countDelivery(api, ANNOUNCEMENT);
  print(`2b. same, dispatcher killed (SIGKILL) after ${fmt(atKill)} messages and restarted: duplicates ${b.duplicates}, losses ${b.lost}; ${recovered} message(s) were in flight at the kill and sent again; ratio ${fmt(b.rate / LIMIT, 3)} (kill gap included)`);
  await db.$disconnect();
}

async function figure3(api: FakeBotApi): Promise<void> {
  api.setLimits({ perSecond: LIMIT, perChatMs: 1000, random429: RANDOM_429 });
  api.reset();
  let w = child("grammy-worker.ts", [api.apiRoot, String(ANNOUNCEMENT)]);
  await w.firstLine.catch(() => "");
  await exited(w.proc);
  const a = countDelivery(api, ANNOUNCEMENT);
  print(`3a. grammY + transformer-throttler + auto-retry, same workload: ${fmt(a.rate, 2)} msg/s, ratio ${fmt(a.rate / LIMIT, 3)}; duplicates ${a.duplicates}, losses ${a.lost}; 429 answers ${api.rejected429}`);
  api.reset();
  w = child("grammy-worker.ts", [api.apiRoot, String(ANNOUNCEMENT)]);
  const killAt = Math.floor(ANNOUNCEMENT * (0.2 + Math.random() * 0.6));
  await waitUntil(() => api.accepted.length >= killAt, 3_600_000);
  w.proc.kill("SIGKILL");
  await exited(w.proc);
  const sent = new Set(api.accepted.map((m) => m.chatId)).size;
  print(`3b. grammY killed after ${fmt(sent)} messages: its queue lived in memory, so ${fmt(ANNOUNCEMENT - sent)} are lost; restarting the send repeats ${fmt(sent)} (no record of what went out)`);
}

async function figure4(): Promise<void> {
  const { db } = await freshDb("inbound");
  const org = await db.organisation.create({ data: { name: "Bench" } });
  const branch = await db.branch.create({ data: { organisationId: org.id, code: "bench", name: "Chi bộ bench" } });
  const members = 200;
  const created = await db.member.createManyAndReturn({ data: Array.from({ length: members }, (_, i) => ({ branchId: branch.id, fullName: `Đảng viên ${i}` })), select: { id: true } });
  await db.channelAccount.createMany({ data: created.map((m, i) => ({ channel: "telegram", externalId: String(500_000 + i), chatId: String(500_000 + i), memberId: m.id })) });
  const meeting = await db.meeting.create({ data: { branchId: branch.id, kind: "regular", startsAt: new Date(Date.now() + 5 * 86_400_000), place: "X" } });
  const clock = () => new Date();
  const outbox = createOutbox({ db, clock });
  const core = createBotCore({
    db, outbox, sessions: createSessionStore(db), clock, logger,
    settings: { timeZone: "Asia/Ho_Chi_Minh", attendanceThreshold: 0.85, linkMaxFailuresPerHour: 5, maxInputLength: 2000, fees: { timeZone: "Asia/Ho_Chi_Minh", maxPayment: 5_000_000, maxAdvanceMonths: 12 }, sendRates: { telegram: 30, zalo: 10 } },
  }, allFeatures);
  const updates = Array.from({ length: INBOUND }, (_, i) => {
    const user = 500_000 + (i % members);
    const from = { id: user, is_bot: false, first_name: "A" };
    const chat = { id: user, type: "private" as const, first_name: "A" };
    return i % 2 === 0
      ? { update_id: i + 1, message: { message_id: i + 1, date: 0, chat, from, text: "/lichhop", entities: [{ type: "bot_command" as const, offset: 0, length: 8 }] } }
      : { update_id: i + 1, callback_query: { id: String(i), from, chat_instance: "x", data: `rsvp:${i % 4 === 1 ? "yes" : "leave"}:${meeting.id}`, message: { message_id: 1, date: 0, chat, text: "x" } } };
  });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < updates.length) {
      const u = updates[next++]!;
      const t0 = performance.now();
      const event = telegramUpdateToEvent(u as never);
      if (event) await core.handle(event);
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const rate = INBOUND / seconds;
  const replies = await db.outbox.count();
  await db.$disconnect();
  print(`4. inbound: ${fmt(rate)} updates/s (${fmt(INBOUND)} updates: /lichhop and Có mặt/Xin vắng buttons, 8 at a time, each parsed, dialog state read, SQLite written, ${fmt(replies)} replies queued); latency p50 ${fmt(p(0.5), 2)} ms, p99 ${fmt(p(0.99), 2)} ms (goal ≥ 1,000 updates/s and p99 < 50 ms: ${rate >= 1000 && p(0.99) < 50 ? "met" : "NOT met"})`);
}

async function figure5(): Promise<void> {
  const file = resolve(dir, "scale.db");
  for (const s of ["", "-wal", "-shm"]) rmSync(`${file}${s}`, { force: true });
  const url = `file:${file}`;
  await applyMigrations(url);
  const now = "2026-12-01T01:00:00.000Z"; // 08:00 in Hà Nội
  const seed = child("scale-worker.ts", ["seed", url, String(SCALE_MEMBERS), String(SCALE_BRANCHES), now]);
  await seed.firstLine;
  await exited(seed.proc);
  const plan = child("scale-worker.ts", ["plan", url, now]);
  const r = JSON.parse(await plan.firstLine) as { ms: number; queued: number; rssMB: number };
  await exited(plan.proc);
  print(`5. scale: planning reminders for ${fmt(SCALE_MEMBERS)} members in ${fmt(SCALE_BRANCHES)} branches (one meeting each, three days ahead at six different hours, all due now) took ${fmt(r.ms / 1000, 2)} s (goal < 2 s: ${r.ms < 2000 ? "met" : "NOT met"}), ${fmt(r.queued)} reminders queued, peak RSS ${fmt(r.rssMB)} MB (goal < 300 MB: ${r.rssMB < 300 ? "met" : "NOT met"})`);
}

mkdirSync(dir, { recursive: true });
print(`chibo benchmark${quick ? " (quick sizes)" : ""} — node ${process.version}, ${new Date().toISOString()}`);
const api = await startFakeBotApi();
const only = process.env.BENCH_ONLY?.split(",") ?? ["1", "2", "3", "4", "5"];
if (only.includes("1")) await figure1(api);
if (only.includes("2")) await figure2(api);
if (only.includes("3")) await figure3(api);
if (only.includes("4")) await figure4();
if (only.includes("5")) await figure5();
await api.close();
process.exit(0);

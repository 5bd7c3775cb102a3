/**
 * The persistent outbox. Every message the bot sends is first stored here with
 * an idempotency key, so a retried command, a re-planned reminder or a restart
 * never produces a second copy, and nothing is lost when the process dies.
 */
import type { Db } from "../db/client.ts";
import { insertOutboxRows } from "../db/bulk.ts";
import type { Clock } from "../domain/time.ts";
import type { Channel, OutgoingMessage } from "../messaging/types.ts";

export type Priority = "reply" | "bulk";

export interface OutboxItem {
  key: string;
  channel: Channel;
  chatId: string;
  memberId?: number | null;
  priority: Priority;
  kind: string;
  message: OutgoingMessage;
  /** Not before this instant (defaults to now). */
  notBefore?: Date;
  /** Skip instead of sending after this instant. */
  expiresAt?: Date | null;
  groupKey?: string | null;
  /** Store as already skipped (e.g. a reminder whose meeting began while the bot was down). */
  skipped?: string;
}

export interface Outbox {
  /** Stores the items whose keys are new; returns how many were new. */
  enqueue(items: OutboxItem[]): Promise<number>;
  /** Cancels pending messages of a group (e.g. reminders of a meeting that moved). */
  cancelGroup(groupKey: string, kinds?: string[]): Promise<number>;
}

export function createOutbox(deps: { db: Db; clock: Clock; onEnqueue?: () => void }): Outbox {
  const { db, clock } = deps;
  return {
    async enqueue(items) {
      if (items.length === 0) return 0;
      const now = clock();
      const inserted = await insertOutboxRows(db, dedupeByKey(items).map((c) => toRow(c, now)), now);
      if (inserted > 0) deps.onEnqueue?.();
      return inserted;
    },
    async cancelGroup(groupKey, kinds) {
      const r = await db.outbox.updateMany({
        where: { groupKey, status: "pending", ...(kinds ? { kind: { in: kinds } } : {}) },
        data: { status: "cancelled" },
      });
      return r.count;
    },
  };
}

/** Many planned reminders share one message object: serialise it once. */
const serialised = new WeakMap<OutgoingMessage, string>();
function payloadOf(message: OutgoingMessage): string {
  let json = serialised.get(message);
  if (json === undefined) {
    json = JSON.stringify(message);
    serialised.set(message, json);
  }
  return json;
}

function toRow(c: OutboxItem, now: Date) {
  return {
    idempotencyKey: c.key,
    channel: c.channel,
    chatId: c.chatId,
    memberId: c.memberId ?? null,
    priority: c.priority,
    kind: c.kind,
    payload: payloadOf(c.message),
    status: c.skipped ? "skipped" : "pending",
    lastError: c.skipped ?? null,
    nextAttemptAt: c.notBefore ?? now,
    expiresAt: c.expiresAt ?? null,
    groupKey: c.groupKey ?? null,
  };
}

function dedupeByKey(items: OutboxItem[]): OutboxItem[] {
  const byKey = new Map<string, OutboxItem>();
  for (const item of items) if (!byKey.has(item.key)) byKey.set(item.key, item);
  return [...byKey.values()];
}

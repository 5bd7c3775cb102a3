/**
 * The persistent outbox. Every message the bot sends is first stored here with
 * an idempotency key, so a retried command, a re-planned reminder or a restart
 * never produces a second copy, and nothing is lost when the process dies.
 */
import type { Db } from "../db/client.ts";
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

const CHUNK = 500;

export function createOutbox(deps: { db: Db; clock: Clock; onEnqueue?: () => void }): Outbox {
  const { db, clock } = deps;
  return {
    async enqueue(items) {
      if (items.length === 0) return 0;
      let inserted = 0;
      for (let i = 0; i < items.length; i += CHUNK) {
        const chunk = dedupeByKey(items.slice(i, i + CHUNK));
        inserted += await db.$transaction(async (tx) => {
          const existing = await tx.outbox.findMany({
            where: { idempotencyKey: { in: chunk.map((c) => c.key) } },
            select: { idempotencyKey: true },
          });
          const seen = new Set(existing.map((e) => e.idempotencyKey));
          const now = clock();
          const fresh = chunk.filter((c) => !seen.has(c.key));
          if (fresh.length === 0) return 0;
          await tx.outbox.createMany({
            data: fresh.map((c) => ({
              idempotencyKey: c.key,
              channel: c.channel,
              chatId: c.chatId,
              memberId: c.memberId ?? null,
              priority: c.priority,
              kind: c.kind,
              payload: JSON.stringify(c.message),
              status: c.skipped ? "skipped" : "pending",
              lastError: c.skipped ?? null,
              nextAttemptAt: c.notBefore ?? now,
              expiresAt: c.expiresAt ?? null,
              groupKey: c.groupKey ?? null,
            })),
          });
          return fresh.length;
        });
      }
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

function dedupeByKey(items: OutboxItem[]): OutboxItem[] {
  const byKey = new Map<string, OutboxItem>();
  for (const item of items) if (!byKey.has(item.key)) byKey.set(item.key, item);
  return [...byKey.values()];
}

/**
 * The persistent outbox. Every message the bot sends is first stored here with
 * an idempotency key, so a retried command, a re-planned reminder or a restart
 * never produces a second copy, and nothing is lost when the process dies.
 */
import type { Db } from "../db/client.ts";
import { insertOutboxRows } from "../db/bulk.ts";
import type { Clock } from "../domain/time.ts";
import type { Channel, OutgoingMessage } from "../messaging/types.ts";
import { splitText } from "../messaging/split-text.ts";

/** Longest text one message may carry, per channel. */
export const TEXT_LIMITS: Record<Channel, number> = { telegram: 4096, zalo: 2000 };

/** Zalo has no buttons: the numbered choices are appended to the text, so room is kept for them. */
function roomForChoices(channel: Channel, choices: OutgoingMessage["choices"]): number {
  if (channel !== "zalo" || !choices?.length) return 0;
  return 80 + choices.flat().reduce((n, c) => n + c.label.length + 6, 0);
}

/** A later part waits until the part before it is sent (the dispatcher releases it): parts arrive in order. */
export const HELD_UNTIL = new Date("9999-01-01T00:00:00Z");

/** Where a part stands in its message: parts 2… have keys "<key>#2", "<key>#3" … */
export interface PartInfo {
  base: string;
  index: number;
  of: number;
}

export type StoredMessage = OutgoingMessage & { part?: PartInfo };

/**
 * A text longer than the channel allows becomes several rows, each its own
 * delivery with its own key, retried alone; choices go with the last part.
 */
export function splitItem(item: OutboxItem): OutboxItem[] {
  const m = item.message;
  if (m.document || m.editMessageId) return [item];
  const limit = TEXT_LIMITS[item.channel];
  const lastLimit = limit - roomForChoices(item.channel, m.choices);
  if (m.text.length <= lastLimit) return [item];
  const texts = splitText(m.text, limit);
  if (texts.at(-1)!.length > lastLimit) texts.push(...splitText(texts.pop()!, lastLimit));
  const { choices, askContact, removeKeyboard, attachment, ...rest } = m;
  return texts.map((text, i): OutboxItem => {
    const first = i === 0;
    const last = i === texts.length - 1;
    const message: StoredMessage = {
      ...rest,
      text,
      ...(first && attachment ? { attachment } : {}),
      ...(last && choices ? { choices } : {}),
      ...(last && askContact ? { askContact } : {}),
      ...(last && removeKeyboard ? { removeKeyboard } : {}),
      part: { base: item.key, index: i + 1, of: texts.length },
    };
    return {
      ...item,
      key: first ? item.key : `${item.key}#${i + 1}`,
      message,
      ...(first ? {} : { notBefore: HELD_UNTIL }),
    };
  });
}

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

/** The kinds of rows a fanout writes (meeting reminders). */
const FANOUT_KINDS = ["meeting_reminder", "meeting_nudge"];

export function createOutbox(deps: { db: Db; clock: Clock; onEnqueue?: () => void }): Outbox {
  const { db, clock } = deps;
  return {
    async enqueue(items) {
      if (items.length === 0) return 0;
      const now = clock();
      const inserted = await insertOutboxRows(
        db,
        dedupeByKey(items)
          .flatMap(splitItem)
          .map((c) => toRow(c, now)),
        now,
      );
      if (inserted > 0) deps.onEnqueue?.();
      return inserted;
    },
    async cancelGroup(groupKey, kinds) {
      // Members' reminders not yet written (db/fanouts.ts) go first: on PostgreSQL a meeting being written is locked
      // until its rows are in, and then they are cancelled with the rest.
      const rows = db.outbox.updateMany({
        where: { groupKey, status: "pending", ...(kinds ? { kind: { in: kinds } } : {}) },
        data: { status: "cancelled" },
      });
      if (kinds && !kinds.some((k) => FANOUT_KINDS.includes(k))) return (await rows).count;
      const [, cancelled] = await db.$transaction([
        db.outboxFanout.updateMany({
          where: { groupKey, status: "pending" },
          data: { status: "cancelled", revision: { increment: 1 }, updatedAt: clock() },
        }),
        rows,
      ]);
      return cancelled.count;
    },
  };
}

/** Many planned reminders share one message object: serialise it once. */
const serialised = new WeakMap<OutgoingMessage, string>();
export function payloadOf(message: OutgoingMessage): string {
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

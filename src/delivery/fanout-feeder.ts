/**
 * Keeps the dispatcher's queue fed with members' reminders that planning decided but left to be written
 * (db/fanouts.ts): when a channel the bot sends on has fewer than `lowWater` bulk messages waiting, the next meetings'
 * rows are written, oldest first, by the writer it is given. A channel that cannot send (no token) does not hold the
 * others back: only the channels with a sender are looked at.
 */
import type { Db } from "../db/client.ts";
import type { Channel } from "../messaging/types.ts";

export interface FanoutFeederDeps {
  db: Db;
  /** Writes the rows of up to this many waiting meetings (services/scheduled/plan-reminders.ts: the rules). */
  write: (meetings: number) => Promise<{ pending: number; skipped: number }>;
  /** The channels the dispatcher sends on. */
  channels: Channel[];
  /** Fewer bulk messages waiting than this on a channel: write more. About a minute's sending at 30 a second. */
  lowWater?: number;
  /** Meetings written per refill (a branch averages a few dozen members). */
  meetings?: number;
}

/** Returns a refill: writes the next meetings' rows if a channel is running low; returns how many rows it wrote. */
export function createFanoutFeeder(deps: FanoutFeederDeps): () => Promise<number> {
  const { db } = deps;
  const lowWater = deps.lowWater ?? 2000;
  const meetings = deps.meetings ?? 60;
  return async () => {
    const waiting = await db.outboxFanout.findFirst({ where: { status: "pending" }, select: { id: true } });
    if (!waiting) return 0;
    let low = false;
    for (const channel of deps.channels) {
      const queued = await db.outbox.count({
        where: { status: "pending", priority: "bulk", channel },
        take: lowWater,
      });
      if (queued < lowWater) {
        low = true;
        break;
      }
    }
    if (!low) return 0;
    const written = await deps.write(meetings);
    return written.pending + written.skipped;
  };
}

/**
 * Warns secretaries whose branch has no thematic meeting planned in the current
 * quarter (at least one per quarter is required). Once a week at most.
 */
import type { Db } from "../../db/client.ts";
import { fromLocal, localParts, quarterOf, type Clock } from "../../domain/time.ts";
import type { Outbox } from "../../delivery/outbox.ts";
import { branchLeaders } from "../members.ts";
import { t } from "../../texts/vi.ts";

export function quarterBounds(now: Date, tz: string): { start: Date; end: Date; quarter: number; year: number } {
  const p = localParts(now, tz);
  const quarter = quarterOf(p.month);
  const firstMonth = (quarter - 1) * 3 + 1;
  const start = fromLocal({ year: p.year, month: firstMonth, day: 1, hour: 0, minute: 0 }, tz);
  const end =
    quarter === 4
      ? fromLocal({ year: p.year + 1, month: 1, day: 1, hour: 0, minute: 0 }, tz)
      : fromLocal({ year: p.year, month: firstMonth + 3, day: 1, hour: 0, minute: 0 }, tz);
  return { start, end, quarter, year: p.year };
}

/** Branch ids without a (non-cancelled) thematic meeting in the quarter of `now`. */
export async function branchesMissingThematic(db: Db, now: Date, tz: string, branchIds?: number[]): Promise<number[]> {
  const { start, end } = quarterBounds(now, tz);
  const branches = await db.branch.findMany({
    where: branchIds ? { id: { in: branchIds } } : {},
    select: { id: true },
  });
  const withThematic = await db.meeting.findMany({
    where: { kind: "thematic", status: { not: "cancelled" }, startsAt: { gte: start, lt: end } },
    select: { branchId: true },
    distinct: ["branchId"],
  });
  const has = new Set(withThematic.map((m) => m.branchId));
  return branches.map((b) => b.id).filter((id) => !has.has(id));
}

export async function warnMissingThematic(deps: {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  timeZone: string;
}): Promise<number> {
  const now = deps.clock();
  const { quarter, year } = quarterBounds(now, deps.timeZone);
  const week = Math.floor(now.getTime() / (7 * 86_400_000));
  const missing = await branchesMissingThematic(deps.db, now, deps.timeZone);
  let queued = 0;
  for (const branchId of missing) {
    const leaders = await branchLeaders(deps.db, branchId);
    queued += await deps.outbox.enqueue(
      leaders.map((l) => ({
        key: `thematic-warning:${branchId}:${year}-Q${quarter}:w${week}:${l.memberId}`,
        channel: l.channel,
        chatId: l.chatId,
        memberId: l.memberId,
        priority: "bulk" as const,
        kind: "thematic_warning",
        message: { text: t.noThematicWarning(quarter, year) },
      })),
    );
  }
  return queued;
}

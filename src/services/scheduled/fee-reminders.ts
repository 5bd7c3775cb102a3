/**
 * The monthly fee-reminder ladder: on the 1st, on the branch's collection day,
 * and some days after it, at a set local time, in the member's own chat, with
 * the amount and the months unpaid. Only the latest step that is due is sent
 * (after downtime, one reminder, not three); each step once (idempotency key);
 * nothing for a member whose months are paid, exempted or reported as paid.
 */
import { feeMonthLine } from "../../texts/fees.ts";
import type { Db } from "../../db/client.ts";
import { outstanding } from "../../domain/fees.ts";
import { outsideQuietHours, type QuietHours } from "../../domain/reminders.ts";
import { formatMoney } from "../../domain/text.ts";
import { fromLocal, localParts, parseClock, type Clock } from "../../domain/time.ts";
import type { Outbox, OutboxItem } from "../../delivery/outbox.ts";
import { currentMonth, statements } from "../fees.ts";
import { deliveryTargets } from "../members.ts";
import { t } from "../../texts/vi.ts";

export interface FeeReminderDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  timeZone: string;
  quietHours: QuietHours | null;
  collectionDay: number;
  overdueDays: number;
  /** "HH:mm" local. */
  time: string;
}

export function feeLadder(collectionDay: number, overdueDays: number): number[] {
  return [...new Set([1, collectionDay, collectionDay + overdueDays])].sort((a, b) => a - b);
}

export async function planFeeReminders(deps: FeeReminderDeps): Promise<number> {
  const now = deps.clock();
  const p = localParts(now, deps.timeZone);
  const clock = parseClock(deps.time) ?? { hour: 8, minute: 0 };
  const month = currentMonth(now, deps.timeZone);
  const branches = await deps.db.branch.findMany();
  const items: OutboxItem[] = [];
  for (const branch of branches) {
    const ladder = feeLadder(branch.feeCollectionDay ?? deps.collectionDay, deps.overdueDays);
    const dueSteps = ladder.filter(
      (day) =>
        fromLocal({ year: p.year, month: p.month, day, hour: clock.hour, minute: clock.minute }, deps.timeZone) <= now,
    );
    const step = dueSteps.at(-1);
    if (step === undefined) continue;
    const members = await deps.db.member.findMany({ where: { branchId: branch.id, leftAt: null } });
    const collectors = members.filter((m) => m.role === "collector");
    const collectorName = (collectors[0] ?? members.find((m) => m.role === "secretary"))?.fullName ?? null;
    const targets = await deliveryTargets(
      deps.db,
      members.map((m) => m.id),
    );
    // The reachable members' statements, read together (one query per table for the branch).
    const reachable = members.filter((m) => targets.has(m.id));
    const all = await statements(
      deps.db,
      reachable.map((m) => m.id),
      { year: p.year, until: month, timeZone: deps.timeZone },
    );
    for (const [i, m] of reachable.entries()) {
      const target = targets.get(m.id)!;
      const s = all[i]!;
      const unpaid = s.months.filter((x) => x.state === "unpaid" || x.state === "partial");
      if (unpaid.length === 0) continue;
      const lines = unpaid.map((x) => feeMonthLine(x.month, outstanding(x))).join("\n");
      items.push({
        key: `fee-reminder:${m.id}:${month}:d${step}`,
        channel: target.channel,
        chatId: target.chatId,
        memberId: m.id,
        priority: "bulk",
        kind: "fee_reminder",
        message: {
          text: t.feeReminder(lines, formatMoney(s.owed), t.feeHowToPay(collectorName)),
          choices: [[{ data: "feepaid:report", label: t.btnFeePaid }]],
        },
        notBefore: outsideQuietHours(now, deps.quietHours, deps.timeZone),
        groupKey: `fee:${m.id}`,
      });
    }
  }
  return deps.outbox.enqueue(items);
}

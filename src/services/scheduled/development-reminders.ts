/**
 * Party development reminders, once a day: to the branch's secretary and deputy
 * and to the assigned helper, when a clock has few working days left
 * (clockWarningWorkingDays) and again when it is overdue; to the probationary
 * member too, a month before probation ends; and to the leaders when someone on
 * the list has no helper. Each reminder goes once (idempotency keys carry the
 * clock, its state and its due day, so a corrected date reminds again).
 */
import type { OutboxItem } from "../../delivery/outbox.ts";
import { developmentTexts as dt } from "../../texts/development.ts";
import type { ServiceDeps } from "../deps.ts";
import { branchLeaders, deliveryTargets, type DeliveryTarget } from "../members.ts";
import { openCandidateViews } from "../party-development.ts";

export async function planDevelopmentReminders(deps: ServiceDeps): Promise<number> {
  const { db, outbox } = deps;
  const views = await openCandidateViews(deps);
  if (views.length === 0) return 0;
  const branches = new Map(
    (
      await db.branch.findMany({
        where: { id: { in: [...new Set(views.map((v) => v.candidate.branchId))] } },
        select: { id: true, name: true },
      })
    ).map((b) => [b.id, b.name]),
  );
  const people = await deliveryTargets(db, [
    ...new Set(views.flatMap((v) => [v.candidate.helperId, v.candidate.memberId]).filter((x) => x !== null)),
  ]);
  const leadersOf = new Map<number, DeliveryTarget[]>();
  const items: OutboxItem[] = [];
  const send = (to: DeliveryTarget, key: string, text: string) =>
    items.push({
      key: `${key}:${to.memberId}`,
      channel: to.channel,
      chatId: to.chatId,
      memberId: to.memberId,
      priority: "bulk",
      kind: "development_reminder",
      message: { text },
    });
  for (const v of views) {
    const c = v.candidate;
    const branch = branches.get(c.branchId) ?? "";
    if (!leadersOf.has(c.branchId)) leadersOf.set(c.branchId, await branchLeaders(db, c.branchId));
    const leaders = leadersOf.get(c.branchId) ?? [];
    const helper = c.helperId === null ? undefined : people.get(c.helperId);
    const staff = [...leaders, ...(helper && !leaders.some((l) => l.memberId === helper.memberId) ? [helper] : [])];
    for (const clock of v.clocks) {
      if (clock.state !== "due_soon" && clock.state !== "overdue") continue;
      const key = `development:${c.id}:${clock.id}:${clock.state}:${clock.due}`;
      for (const to of staff) send(to, key, dt.reminder(c.fullName, branch, clock));
      const member = c.memberId === null ? undefined : people.get(c.memberId);
      if (clock.id === "probationReviews" && clock.state === "due_soon" && member)
        send(member, key, dt.probationReviewToMember(clock.due));
    }
    if (v.warnings.some((w) => w.code === "no_helper"))
      for (const to of leaders) send(to, `development:${c.id}:no-helper`, dt.helperMissing(c.fullName, branch));
  }
  return outbox.enqueue(items);
}

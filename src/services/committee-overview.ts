/**
 * The committee's view across its branches (the `committee` role reads every
 * branch of its organisation): per branch the members and how many are linked,
 * meetings held this year and their attendance, the year's fee collection
 * against what is due, the share rated "hoàn thành tốt nhiệm vụ trở lên"; and
 * the organisation's month-by-month trend. Computed with grouped queries into
 * a snapshot that is kept for COMMITTEE_OVERVIEW_MAX_AGE minutes (refreshed by
 * the scheduled job), so the page reads it at once; the page says when it was
 * computed.
 */
import { feeForMonth, monthsBetween, type Month } from "../domain/fees.ts";
import { goodOrAboveShare, countLevels, type Level } from "../domain/rating.ts";
import { localParts, yearRange } from "../domain/time.ts";
import type { Db } from "../db/client.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { NotAuthorisedError } from "./errors.ts";
import { currentMonth, firstMonth, loadFeeTable } from "./fees.ts";
import { inSlices } from "./slices.ts";
import { isLeader } from "./members.ts";

export interface BranchFigures {
  branchId: number;
  code: string;
  name: string;
  members: number;
  linked: number;
  meetingsHeld: number;
  /** Present ÷ recorded over the year's held meetings; null with none recorded. */
  attendance: number | null;
  feeCollected: number;
  feeExpected: number;
  /** Members rated in the year's campaign (final level) and the share good or above; null with none rated. */
  rated: number;
  goodShare: number | null;
}

export interface CommitteeOverview {
  organisationId: number;
  year: number;
  computedAt: Date;
  branches: BranchFigures[];
  trend: { months: Month[]; meetingsHeld: number[]; attendance: (number | null)[]; feeCollected: number[] };
}

/** The organisation the actor may read as committee staff, or a refusal. */
export async function committeeOrganisation(db: Db, actor: Actor): Promise<number> {
  if (actor.role !== "committee" || actor.branchId === null) throw new NotAuthorisedError("committee.read");
  const own = await db.branch.findUnique({ where: { id: actor.branchId }, select: { organisationId: true } });
  if (!own) throw new NotAuthorisedError("committee.read");
  return own.organisationId;
}

/** Whether the actor (committee staff) may read this branch: one of the organisation's (reports use it too). */
export async function assertCommitteeReads(db: Db, actor: Actor, branchId: number) {
  const organisationId = await committeeOrganisation(db, actor);
  const branch = await db.branch.findUnique({ where: { id: branchId } });
  if (!branch || branch.organisationId !== organisationId) throw new NotAuthorisedError("committee.read");
  return branch;
}

/** The branch's leaders, committee staff of its organisation, or the command line (records the committee reads). */
export async function assertLeaderOrCommittee(db: Db, actor: Actor, branchId: number, action: string): Promise<void> {
  if (actor.isAdmin) return;
  if (actor.branchId === branchId && isLeader(actor)) return;
  if (actor.role === "committee") {
    await assertCommitteeReads(db, actor, branchId);
    return;
  }
  throw new NotAuthorisedError(action);
}

export async function computeOverview(
  deps: ServiceDeps,
  organisationId: number,
  year: number,
): Promise<CommitteeOverview> {
  const { db } = deps;
  const tz = deps.settings.timeZone;
  const now = deps.clock();
  const { from, to } = yearRange(year, tz);
  const thisMonth = currentMonth(now, tz);
  const lastMonth = [`${year}-12`, thisMonth].sort()[0]!;
  const months = monthsBetween(`${year}-01`, `${year}-12`);
  const inOrg = { branch: { organisationId } };

  const branches = await db.branch.findMany({
    where: { organisationId },
    select: { id: true, code: true, name: true, region: true },
  });
  const [members, linked, meetings, attendance, collected, reviews, table, adjustments] = await Promise.all([
    db.member.findMany({
      where: { ...inOrg, leftAt: null },
      select: { id: true, branchId: true, feeGroup: true, feeBase: true, feesFromMonth: true, createdAt: true },
    }),
    db.member.groupBy({ by: ["branchId"], where: { ...inOrg, leftAt: null, accounts: { some: {} } }, _count: true }),
    db.meeting.findMany({
      where: { ...inOrg, status: "held", startsAt: { gte: from, lt: to } },
      select: { id: true, branchId: true, startsAt: true },
    }),
    db.response.groupBy({
      by: ["meetingId", "attendance"],
      where: { meeting: { ...inOrg, status: "held", startsAt: { gte: from, lt: to } }, attendance: { not: null } },
      _count: true,
    }),
    inSlices(
      branches.map((b) => b.id),
      (ids) =>
        db.feeEntry.groupBy({
          by: ["branchId", "month"],
          where: { branchId: { in: ids }, status: "confirmed", month: { gte: `${year}-01`, lte: `${year}-12` } },
          _sum: { amount: true },
        }),
    ),
    db.reviewCampaign.findMany({ where: { year }, select: { id: true, branchId: true } }),
    loadFeeTable(db),
    // Adjustments (exemptions, reductions) are few: all of them, matched to the members below.
    db.feeAdjustment.findMany(),
  ]);
  const branchIds = new Set(branches.map((b) => b.id));
  const campaignBranch = new Map(reviews.filter((c) => branchIds.has(c.branchId)).map((c) => [c.id, c.branchId]));
  const finals = await inSlices([...campaignBranch.keys()], (ids) =>
    db.selfReview.groupBy({
      by: ["campaignId", "finalLevel"],
      where: { campaignId: { in: ids }, status: "submitted", finalLevel: { not: null } },
      _count: true,
    }),
  );

  const region = new Map(branches.map((b) => [b.id, b.region]));
  const adjustmentsOf = new Map<number, typeof adjustments>();
  for (const a of adjustments) adjustmentsOf.set(a.memberId, [...(adjustmentsOf.get(a.memberId) ?? []), a]);
  const per = new Map<number, BranchFigures & { present: number; recorded: number }>();
  for (const b of branches)
    per.set(b.id, {
      branchId: b.id,
      code: b.code,
      name: b.name,
      members: 0,
      linked: 0,
      meetingsHeld: 0,
      attendance: null,
      feeCollected: 0,
      feeExpected: 0,
      rated: 0,
      goodShare: null,
      present: 0,
      recorded: 0,
    });

  // What is due this year up to this month: each member's fee by the same rule as his/her statement.
  for (const m of members) {
    const row = per.get(m.branchId)!;
    row.members++;
    const start = [`${year}-01`, firstMonth(m, tz)].sort().at(-1)!;
    if (start > lastMonth) continue;
    const input = {
      group: m.feeGroup,
      base: m.feeBase,
      region: region.get(m.branchId) ?? 1,
      ...table,
      adjustments: adjustmentsOf.get(m.id) ?? [],
    };
    for (const month of monthsBetween(start, lastMonth)) {
      const fee = feeForMonth(month, input);
      if (fee.ok) row.feeExpected += fee.due;
    }
  }
  for (const l of linked) per.get(l.branchId)!.linked = l._count;

  const monthOf = (d: Date) => {
    const p = localParts(d, tz);
    return p.month - 1;
  };
  const trendHeld = months.map(() => 0);
  const trendPresent = months.map(() => 0);
  const trendRecorded = months.map(() => 0);
  const trendFees = months.map(() => 0);
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  for (const m of meetings) {
    per.get(m.branchId)!.meetingsHeld++;
    trendHeld[monthOf(m.startsAt)]!++;
  }
  for (const a of attendance) {
    const m = meetingById.get(a.meetingId);
    if (!m) continue;
    const row = per.get(m.branchId)!;
    row.recorded += a._count;
    trendRecorded[monthOf(m.startsAt)]! += a._count;
    if (a.attendance === "present") {
      row.present += a._count;
      trendPresent[monthOf(m.startsAt)]! += a._count;
    }
  }
  for (const f of collected) {
    const sum = f._sum.amount ?? 0;
    const row = per.get(f.branchId);
    if (row && f.month <= lastMonth) row.feeCollected += sum;
    trendFees[Number(f.month.slice(5)) - 1]! += sum;
  }
  const levels = new Map<number, Level[]>();
  for (const f of finals) {
    const branchId = campaignBranch.get(f.campaignId)!;
    levels.set(branchId, [...(levels.get(branchId) ?? []), ...Array<Level>(f._count).fill(f.finalLevel as Level)]);
  }
  for (const [branchId, l] of levels) {
    const row = per.get(branchId)!;
    row.rated = l.length;
    row.goodShare = goodOrAboveShare(countLevels(l));
  }

  const rows = [...per.values()].map(({ present, recorded, ...r }) => ({
    ...r,
    attendance: recorded > 0 ? present / recorded : null,
  }));
  rows.sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const shownMonths = months.filter((m) => m <= lastMonth);
  return {
    organisationId,
    year,
    computedAt: now,
    branches: rows,
    trend: {
      months: shownMonths,
      meetingsHeld: trendHeld.slice(0, shownMonths.length),
      attendance: trendRecorded.slice(0, shownMonths.length).map((r, i) => (r > 0 ? trendPresent[i]! / r : null)),
      feeCollected: trendFees.slice(0, shownMonths.length),
    },
  };
}

/** Snapshots per organisation and year, kept for `maxAgeMs`. */
export function overviewCache(maxAgeMs: number) {
  const kept = new Map<string, CommitteeOverview>();
  const running = new Map<string, Promise<CommitteeOverview>>();
  return {
    async get(deps: ServiceDeps, organisationId: number, year: number, fresh = false): Promise<CommitteeOverview> {
      const key = `${organisationId}:${year}`;
      const have = kept.get(key);
      if (!fresh && have && deps.clock().getTime() - have.computedAt.getTime() < maxAgeMs) return have;
      // One computation at a time per key: a burst of visitors waits for the same one.
      let p = running.get(key);
      if (!p) {
        p = computeOverview(deps, organisationId, year).finally(() => running.delete(key));
        running.set(key, p);
      }
      const o = await p;
      kept.set(key, o);
      return o;
    },
    /** Recomputes what visitors have looked at (the scheduled job). */
    async refresh(deps: ServiceDeps): Promise<number> {
      let n = 0;
      for (const o of [...kept.values()]) {
        await this.get(deps, o.organisationId, o.year, true);
        n++;
      }
      return n;
    },
  };
}

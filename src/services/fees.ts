/**
 * Party-fee use cases on the database: the fee table, members' statements,
 * recording payments (collector), reports "Tôi đã đóng" (member) and their
 * confirmation, reversals, the monthly collection and the arrears flags.
 * The ledger is append-only: a correction is a reversal entry.
 */
import { feeTexts } from "../texts/fees.ts";
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { DEFAULT_FEE_RATES, DEFAULT_MINIMUM_WAGES, FEE_LEDGER_START } from "../config/fee-defaults.ts";
import {
  addMonths,
  arrearsLevel,
  monthsBetween,
  monthStatuses,
  outstanding,
  type ArrearsLevel,
  type FeeInputs,
  type FeeRateRow,
  type MinimumWageRow,
  type Month,
  type MonthStatus,
} from "../domain/fees.ts";
import { localParts, yearRange, type Clock } from "../domain/time.ts";
import { sortByName } from "../domain/text.ts";
import { audit } from "./audit.ts";
import { inSlices } from "./slices.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import type { Actor, FeeSettings } from "./deps.ts";

export type { FeeSettings } from "./deps.ts";

export function currentMonth(now: Date, tz: string): Month {
  const p = localParts(now, tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

/** Fills an empty fee table with the 2026 defaults (edited later by the command line). */
export async function ensureFeeTable(db: Db): Promise<void> {
  if ((await db.feeRate.count()) === 0) await db.feeRate.createMany({ data: DEFAULT_FEE_RATES.map((r) => ({ ...r })) });
  if ((await db.minimumWage.count()) === 0)
    await db.minimumWage.createMany({ data: DEFAULT_MINIMUM_WAGES.map((w) => ({ ...w })) });
}

export async function loadFeeTable(db: Db): Promise<{ rates: FeeRateRow[]; wages: MinimumWageRow[] }> {
  const [rates, wages] = await Promise.all([db.feeRate.findMany(), db.minimumWage.findMany()]);
  return { rates, wages };
}

/** Fee collectors of a branch are its collectors, or its leaders when it has none. */
export function canCollect(actor: Actor, branchId: number): boolean {
  if (actor.isAdmin) return true;
  return actor.branchId === branchId && ["collector", "secretary", "deputy"].includes(actor.role);
}

function assertCollector(actor: Actor, branchId: number, action: string): void {
  if (!canCollect(actor, branchId)) throw new NotAuthorisedError(action);
}

type MemberRow = {
  id: number;
  branchId: number;
  fullName: string;
  feeGroup: string | null;
  feeBase: number | null;
  feesFromMonth: string | null;
  createdAt: Date;
  branch: { region: number };
};

export function firstMonth(member: { feesFromMonth: string | null; createdAt: Date }, tz: string): Month {
  const joined = member.feesFromMonth ?? currentMonth(member.createdAt, tz);
  return joined > FEE_LEDGER_START ? joined : FEE_LEDGER_START;
}

export interface Statement {
  member: MemberRow;
  months: MonthStatus[];
  owed: number;
  unpaid: MonthStatus[];
}

/** A member's months of `year` (or from the first owed month up to `until`) with their state. */
export async function statement(
  db: Db,
  memberId: number,
  opts: { year: number; until: Month; timeZone: string },
): Promise<Statement> {
  const [s] = await statements(db, [memberId], opts);
  if (!s) throw new ServiceError("member.not_found");
  return s;
}

/**
 * Several members' statements with one query per table (members, fee table, adjustments, ledger) instead of one
 * set per member: a branch's grid, its month's collection and its arrears read 30 members in a few queries.
 */
export async function statements(
  db: Db,
  memberIds: number[],
  opts: { year: number; until: Month; timeZone: string },
): Promise<Statement[]> {
  if (memberIds.length === 0) return [];
  const [members, table, adjustments, ledger] = await Promise.all([
    inSlices(memberIds, (ids) =>
      db.member.findMany({ where: { id: { in: ids } }, include: { branch: { select: { region: true } } } }),
    ),
    loadFeeTable(db),
    inSlices(memberIds, (ids) => db.feeAdjustment.findMany({ where: { memberId: { in: ids } } })),
    inSlices(memberIds, (ids) =>
      db.feeEntry.findMany({ where: { memberId: { in: ids }, status: { not: "rejected" } } }),
    ),
  ]);
  const byId = new Map(members.map((m) => [m.id, m]));
  const group = <T extends { memberId: number }>(rows: T[]) => {
    const out = new Map<number, T[]>();
    for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), r]);
    return out;
  };
  const adjustmentsOf = group(adjustments);
  const ledgerOf = group(ledger);
  return memberIds.flatMap((id) => {
    const member = byId.get(id);
    if (!member) return [];
    const start = [`${opts.year}-01`, firstMonth(member, opts.timeZone)].sort().at(-1)!;
    const end = [`${opts.year}-12`, opts.until].sort()[0]!;
    const input: FeeInputs = {
      group: member.feeGroup,
      base: member.feeBase,
      region: member.branch.region,
      ...table,
      adjustments: adjustmentsOf.get(id) ?? [],
    };
    const months = start <= end ? monthStatuses(monthsBetween(start, end), input, ledgerOf.get(id) ?? []) : [];
    const unpaid = months.filter((m) => m.state === "unpaid" || m.state === "partial");
    return [{ member, months, owed: unpaid.reduce((s, m) => s + outstanding(m), 0), unpaid }];
  });
}

export interface PaymentRequest {
  memberId: number;
  months: Month[];
  /** The amount handed over; must equal what the months owe. */
  amount: number;
  /** Makes a retried command or a double press harmless. */
  requestId: string;
  note?: string;
}

/** Checks the months a payment would cover; returns what they owe. */
export async function checkPaymentMonths(
  db: Db,
  clock: Clock,
  settings: FeeSettings,
  memberId: number,
  months: Month[],
): Promise<{ due: number; statuses: MonthStatus[] }> {
  if (months.length === 0) throw new ServiceError("fee.no_months");
  const now = currentMonth(clock(), settings.timeZone);
  const sorted = [...new Set(months)].sort();
  const last = sorted.at(-1)!;
  if (last > addMonths(now, settings.maxAdvanceMonths)) {
    throw new ServiceError("fee.too_far_ahead", { max: settings.maxAdvanceMonths, month: last });
  }
  const member = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    include: { branch: { select: { region: true } } },
  });
  const first = firstMonth(member, settings.timeZone);
  if (sorted[0]! < first) {
    throw new ServiceError("fee.before_start", { month: sorted[0]!, name: member.fullName, first });
  }
  const table = await loadFeeTable(db);
  const adjustments = await db.feeAdjustment.findMany({ where: { memberId } });
  const ledger = await db.feeEntry.findMany({ where: { memberId, status: "confirmed" } });
  const statuses = monthStatuses(
    sorted,
    { group: member.feeGroup, base: member.feeBase, region: member.branch.region, ...table, adjustments },
    ledger,
  );
  const unknown = statuses.find((s) => s.due === null);
  if (unknown) throw new ServiceError("fee.cannot_compute", { month: unknown.month, reason: unknown.reason });
  const settled = statuses.find((s) => s.state === "paid" || s.state === "exempt");
  if (settled)
    throw new ServiceError("fee.month_settled", { month: settled.month, exempt: settled.state === "exempt" });
  return { due: statuses.reduce((s, m) => s + outstanding(m), 0), statuses };
}

/** The collector records a payment of one or several months. */
export async function recordPayment(
  db: Db,
  clock: Clock,
  settings: FeeSettings,
  actor: Actor,
  req: PaymentRequest,
): Promise<{ created: boolean; total: number; months: Month[] }> {
  const member = await db.member.findUniqueOrThrow({ where: { id: req.memberId } });
  assertCollector(actor, member.branchId, "fee.record");
  const batch = `pay:${req.requestId}`;
  const existing = await db.feeEntry.findMany({ where: { batch } });
  if (existing.length > 0)
    return { created: false, total: existing.reduce((s, e) => s + e.amount, 0), months: existing.map((e) => e.month) };
  if (!Number.isInteger(req.amount) || req.amount <= 0) throw new ServiceError("fee.bad_amount");
  if (req.amount > settings.maxPayment)
    throw new ServiceError("fee.amount_too_big", { amount: req.amount, max: settings.maxPayment });
  const { due, statuses } = await checkPaymentMonths(db, clock, settings, req.memberId, req.months);
  if (req.amount !== due) {
    throw new ServiceError("fee.amount_mismatch", { amount: req.amount, months: statuses.length, due });
  }
  const now = clock();
  await db.$transaction(async (tx) => {
    for (const s of statuses) {
      await tx.feeEntry.create({
        data: {
          memberId: member.id,
          branchId: member.branchId,
          month: s.month,
          amount: outstanding(s),
          status: "confirmed",
          batch,
          idempotencyKey: `${batch}:${s.month}`,
          recordedBy: actor.label,
          decidedBy: actor.label,
          decidedAt: now,
          note: req.note ?? "",
        },
      });
    }
    // A pending report of the member for these months is settled by this payment.
    await tx.feeEntry.updateMany({
      where: { memberId: member.id, month: { in: statuses.map((s) => s.month) }, status: "pending" },
      data: { status: "rejected", decidedBy: actor.label, decidedAt: now, note: feeTexts.replacedByPayment },
    });
    await audit(tx, {
      actor: actor.label,
      action: "fee.record",
      branchId: member.branchId,
      targetMemberId: member.id,
      details: { months: statuses.map((s) => s.month), amount: req.amount },
    });
  });
  return { created: true, total: due, months: statuses.map((s) => s.month) };
}

/** "Tôi đã đóng": the member reports payment of his/her unpaid months; pending until the collector decides. */
export async function reportPaid(
  db: Db,
  clock: Clock,
  settings: FeeSettings,
  memberId: number,
  months: Month[],
  requestId: string,
) {
  const member = await db.member.findUniqueOrThrow({ where: { id: memberId } });
  const batch = `report:${requestId}`;
  const existing = await db.feeEntry.findMany({ where: { batch } });
  if (existing.length > 0)
    return {
      created: false,
      batch,
      total: existing.reduce((s, e) => s + e.amount, 0),
      months: existing.map((e) => e.month),
    };
  const { statuses } = await checkPaymentMonths(db, clock, settings, memberId, months);
  const pendingAlready = statuses.find((s) => s.state === "pending");
  if (pendingAlready) throw new ServiceError("fee.already_reported", { month: pendingAlready.month });
  await db.$transaction(async (tx) => {
    for (const s of statuses) {
      await tx.feeEntry.create({
        data: {
          memberId,
          branchId: member.branchId,
          month: s.month,
          amount: outstanding(s),
          status: "pending",
          batch,
          idempotencyKey: `${batch}:${s.month}`,
          recordedBy: `member:${memberId}`,
        },
      });
    }
    await audit(tx, {
      actor: `member:${memberId}`,
      action: "fee.report",
      branchId: member.branchId,
      targetMemberId: memberId,
      details: { months: statuses.map((s) => s.month) },
    });
  });
  return {
    created: true,
    batch,
    total: statuses.reduce((s, m) => s + outstanding(m), 0),
    months: statuses.map((s) => s.month),
  };
}

export type ReportDecision =
  { type: "ok"; memberId: number; months: Month[]; total: number; accepted: boolean } | { type: "stale" };

/** The collector confirms or rejects a member's report. Deciding twice changes nothing. */
export async function decideReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  batch: string,
  accept: boolean,
): Promise<ReportDecision> {
  const entries = await db.feeEntry.findMany({ where: { batch } });
  const first = entries[0];
  if (!first) return { type: "stale" };
  assertCollector(actor, first.branchId, "fee.decide");
  if (entries.some((e) => e.status !== "pending")) return { type: "stale" };
  const now = clock();
  await db.$transaction(async (tx) => {
    await tx.feeEntry.updateMany({
      where: { batch, status: "pending" },
      data: { status: accept ? "confirmed" : "rejected", decidedBy: actor.label, decidedAt: now },
    });
    await audit(tx, {
      actor: actor.label,
      action: accept ? "fee.confirm" : "fee.reject",
      branchId: first.branchId,
      targetMemberId: first.memberId,
      details: { batch },
    });
  });
  return {
    type: "ok",
    memberId: first.memberId,
    months: entries.map((e) => e.month),
    total: entries.reduce((s, e) => s + e.amount, 0),
    accepted: accept,
  };
}

/** A correction: a new entry that cancels a confirmed one. */
export async function reverseEntry(db: Db, actor: Actor, entryId: number, reason: string) {
  const entry = await db.feeEntry.findUnique({ where: { id: entryId } });
  if (!entry) throw new ServiceError("fee.no_entry", { id: entryId });
  assertCollector(actor, entry.branchId, "fee.reverse");
  if (entry.kind !== "payment" || entry.status !== "confirmed") throw new ServiceError("fee.reverse_unconfirmed");
  if (reason.trim() === "") throw new ServiceError("fee.reason_needed");
  const already = await db.feeEntry.findFirst({ where: { reversesId: entryId } });
  if (already) throw new ServiceError("fee.already_reversed", { id: entryId, by: already.id });
  return db.$transaction(async (tx) => {
    const reversal = await tx.feeEntry.create({
      data: {
        memberId: entry.memberId,
        branchId: entry.branchId,
        month: entry.month,
        amount: -entry.amount,
        kind: "reversal",
        status: "confirmed",
        batch: `reverse:${entryId}`,
        idempotencyKey: `reverse:${entryId}`,
        reversesId: entryId,
        recordedBy: actor.label,
        decidedBy: actor.label,
        note: reason.trim(),
      },
    });
    await audit(tx, {
      actor: actor.label,
      action: "fee.reverse",
      branchId: entry.branchId,
      targetMemberId: entry.memberId,
      details: { entryId, reversalId: reversal.id, reason },
    });
    return reversal;
  });
}

export interface CollectionRow {
  memberId: number;
  fullName: string;
  group: string | null;
  status: MonthStatus;
}

/** This month's collection for a branch: who paid, who owes, totals. */
export async function monthlyCollection(db: Db, actor: Actor, branchId: number, month: Month, timeZone: string) {
  assertCollector(actor, branchId, "fee.report");
  const members = sortByName(await db.member.findMany({ where: { branchId, leftAt: null } }));
  const rows: CollectionRow[] = [];
  const all = await statements(
    db,
    members.map((m) => m.id),
    { year: Number(month.slice(0, 4)), until: month, timeZone },
  );
  for (const [i, m] of members.entries()) {
    const status = all[i]?.months.find((x) => x.month === month);
    if (status) rows.push({ memberId: m.id, fullName: m.fullName, group: m.feeGroup, status });
  }
  const expected = rows.reduce((s, r) => s + (r.status.due ?? 0), 0);
  const collected = rows.reduce((s, r) => s + r.status.paid, 0);
  return { month, rows, expected, collected };
}

export interface ArrearsRow {
  memberId: number;
  fullName: string;
  unpaidMonths: Month[];
  feeLevel: ArrearsLevel;
  absencesWithoutReason: number;
  meetingLevel: ArrearsLevel;
}

/**
 * Members to bring to the branch's attention in a calendar year: unpaid fee months
 * that are over (2 = warning, 3 = Article 8 threshold), and meetings missed without
 * an accepted reason (3 or more). The bot only flags; the branch decides.
 */
export async function arrearsFlags(
  db: Db,
  actor: Actor,
  branchId: number,
  year: number,
  now: Date,
  timeZone: string,
): Promise<ArrearsRow[]> {
  assertCollector(actor, branchId, "fee.arrears");
  const thisMonth = currentMonth(now, timeZone);
  const lastOver = addMonths(thisMonth, -1);
  const members = sortByName(await db.member.findMany({ where: { branchId, leftAt: null } }));
  const { from: yearStart, to: yearEnd } = yearRange(year, timeZone);
  const absences = await db.response.findMany({
    where: {
      attendance: "absent",
      // "without reason" includes members who never answered (answer is null); an undecided leave request is not
      // counted.
      OR: [{ answer: null }, { answer: { notIn: ["leave_accepted", "leave_requested"] } }],
      meeting: { branchId, startsAt: { gte: yearStart, lt: yearEnd } },
    },
    select: { memberId: true },
  });
  const out: ArrearsRow[] = [];
  const all = await statements(
    db,
    members.map((m) => m.id),
    { year, until: lastOver, timeZone },
  );
  for (const [i, m] of members.entries()) {
    const s = all[i]!;
    const unpaidMonths = s.months.filter((x) => x.state === "unpaid" || x.state === "partial").map((x) => x.month);
    const missed = absences.filter((a) => a.memberId === m.id).length;
    const row = {
      memberId: m.id,
      fullName: m.fullName,
      unpaidMonths,
      feeLevel: arrearsLevel(unpaidMonths.length),
      absencesWithoutReason: missed,
      meetingLevel: arrearsLevel(missed, 2, 3),
    };
    if (row.feeLevel !== "none" || row.meetingLevel !== "none") out.push(row);
  }
  return out;
}

export function newRequestId(): string {
  return randomUUID();
}

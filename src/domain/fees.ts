/**
 * Party fees (đảng phí), rule of 2026. Pure functions over plain data: the rate
 * table and minimum wages are data with effective months, so the 2026 rule and
 * its 2028 step (and any later change) are rows, not code. A month is charged by
 * the rule in force that month. Amounts are whole đồng, rounded half up.
 */

/** "YYYY-MM" */
export type Month = string;

export const FEE_GROUPS = ["salary", "retired", "student", "other", "other_retired"] as const;
export type FeeGroup = (typeof FEE_GROUPS)[number];

export const FEE_GROUP_LABELS: Record<FeeGroup, string> = {
  salary: "Hưởng lương (đóng BHXH bắt buộc)",
  retired: "Hưu trí",
  student: "Học sinh, sinh viên",
  other: "Khác, dưới tuổi nghỉ hưu",
  other_retired: "Khác, từ tuổi nghỉ hưu",
};

export const FEE_RATE_KINDS = ["percent_of_base", "percent_of_min_wage", "flat"] as const;
export type FeeRateKind = (typeof FEE_RATE_KINDS)[number];

export interface FeeRateRow {
  group: FeeGroup;
  kind: FeeRateKind;
  rateBp: number | null;
  flatAmount: number | null;
  effectiveFrom: Month;
}

export interface MinimumWageRow {
  region: number;
  amount: number;
  effectiveFrom: Month;
}

export interface AdjustmentRow {
  kind: "exempt" | "reduce";
  percent: number | null;
  fromMonth: Month;
  toMonth: Month;
}

export function isMonth(value: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** "11/2026" */
export function formatMonth(month: Month): string {
  const [y, m] = month.split("-");
  return `${m}/${y}`;
}

/** Accepts "11/2026", "11-2026", "2026-11", "T11/2026", "tháng 11/2026". */
export function parseMonthInput(text: string): Month | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^(tháng|thang|t)\s*/, "");
  let m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isMonth(`${m[2]}-${m[1]!.padStart(2, "0")}`) ? `${m[2]}-${m[1]!.padStart(2, "0")}` : null;
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) return isMonth(`${m[1]}-${m[2]!.padStart(2, "0")}`) ? `${m[1]}-${m[2]!.padStart(2, "0")}` : null;
  return null;
}

function inForce<T extends { effectiveFrom: Month }>(rows: T[], month: Month): T | null {
  let best: T | null = null;
  for (const r of rows) if (r.effectiveFrom <= month && (!best || r.effectiveFrom > best.effectiveFrom)) best = r;
  return best;
}

/** Half-up rounding to whole đồng, on integers to avoid floating-point drift (amount × bp / 10 000). */
export function percentOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5000) / 10_000);
}

export type FeeResult =
  | { ok: true; month: Month; due: number; gross: number; note: string }
  | { ok: false; month: Month; reason: "no_group" | "no_base" | "no_rate" | "no_min_wage" };

export interface FeeInputs {
  group: string | null;
  base: number | null;
  region: number;
  rates: FeeRateRow[];
  wages: MinimumWageRow[];
  adjustments: AdjustmentRow[];
}

/** What a member owes for one month. */
export function feeForMonth(month: Month, input: FeeInputs): FeeResult {
  const adjustment = input.adjustments.find((a) => a.fromMonth <= month && month <= a.toMonth);
  if (adjustment?.kind === "exempt") return { ok: true, month, due: 0, gross: 0, note: "miễn đóng" };
  if (!input.group) return { ok: false, month, reason: "no_group" };
  const rate = inForce(
    input.rates.filter((r) => r.group === input.group),
    month,
  );
  if (!rate) return { ok: false, month, reason: "no_rate" };
  let gross: number;
  let note: string;
  if (rate.kind === "flat") {
    gross = rate.flatAmount ?? 0;
    note = "mức cố định";
  } else if (rate.kind === "percent_of_base") {
    if (!input.base || input.base <= 0) return { ok: false, month, reason: "no_base" };
    gross = percentOf(input.base, rate.rateBp ?? 0);
    note = `${formatBp(rate.rateBp ?? 0)} của ${input.group === "retired" ? "lương hưu" : "tiền lương đóng BHXH"}`;
  } else {
    const wage = inForce(
      input.wages.filter((w) => w.region === input.region),
      month,
    );
    if (!wage) return { ok: false, month, reason: "no_min_wage" };
    gross = percentOf(wage.amount, rate.rateBp ?? 0);
    note = `${formatBp(rate.rateBp ?? 0)} lương tối thiểu vùng ${roman(input.region)}`;
  }
  if (adjustment?.kind === "reduce" && adjustment.percent) {
    const due = gross - percentOf(gross, adjustment.percent * 100);
    return { ok: true, month, due, gross, note: `${note}, giảm ${adjustment.percent}%` };
  }
  return { ok: true, month, due: gross, gross, note };
}

function formatBp(bp: number): string {
  return `${(bp / 100).toString().replace(".", ",")}%`;
}

function roman(n: number): string {
  return ["", "I", "II", "III", "IV"][n] ?? String(n);
}

export interface LedgerRow {
  month: Month;
  amount: number;
  status: "confirmed" | "pending" | "rejected" | string;
}

export type MonthState = "paid" | "pending" | "unpaid" | "partial" | "exempt" | "unknown";

export interface MonthStatus {
  month: Month;
  due: number | null;
  paid: number;
  pending: number;
  state: MonthState;
  reason?: string;
}

/** Each month's due, paid (confirmed) and pending amounts, and its state. */
export function monthStatuses(months: Month[], input: FeeInputs, ledger: LedgerRow[]): MonthStatus[] {
  return months.map((month) => {
    const fee = feeForMonth(month, input);
    const paid = ledger.filter((e) => e.month === month && e.status === "confirmed").reduce((s, e) => s + e.amount, 0);
    const pending = ledger.filter((e) => e.month === month && e.status === "pending").reduce((s, e) => s + e.amount, 0);
    if (!fee.ok) return { month, due: null, paid, pending, state: paid > 0 ? "paid" : "unknown", reason: fee.reason };
    let state: MonthState;
    if (fee.due === 0) state = "exempt";
    else if (paid >= fee.due) state = "paid";
    else if (pending > 0) state = "pending";
    else if (paid > 0) state = "partial";
    else state = "unpaid";
    return { month, due: fee.due, paid, pending, state };
  });
}

/** What is still owed for a month (0 when paid or exempt). */
export function outstanding(s: MonthStatus): number {
  return s.due === null ? 0 : Math.max(0, s.due - s.paid);
}

export type ArrearsLevel = "none" | "warning" | "article8";

/**
 * Unpaid months in a calendar year: 2 = warning, 3 = the Article 8 threshold (the branch decides; the bot only flags).
 */
export function arrearsLevel(unpaidMonths: number, warnAt = 2, flagAt = 3): ArrearsLevel {
  if (unpaidMonths >= flagAt) return "article8";
  if (unpaidMonths >= warnAt) return "warning";
  return "none";
}

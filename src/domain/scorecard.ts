/**
 * The "chi bộ 4 tốt" scorecard: a committee's criteria set (bộ tiêu chí) of four
 * groups, each with indicators of a type (percentage, count, yes/no), a target
 * and a weight; some computed from chibo's data, some entered by the committee.
 * An indicator scores its weight in full when it reaches the target, in
 * proportion below it (a yes/no scores all or nothing); the branch's score is
 * the share of the weights earned, out of 100. Plain functions over plain data.
 */

export const GROUPS = [1, 2, 3, 4] as const;
export type Group = (typeof GROUPS)[number];

export type IndicatorKind = "percent" | "count" | "boolean";

/** Figures chibo computes for a branch and a period. */
export const COMPUTED = [
  "regular_months",
  "meetings_up_to_standard",
  "thematic_quarters",
  "attendance",
  "fees_on_time",
  "good_or_above",
  "no_failing_members",
  "admissions_vs_target",
  "liaison_attendance",
] as const;
export type ComputedKey = (typeof COMPUTED)[number];

/** What kind of figure each computed key gives. */
export const COMPUTED_KIND: Record<ComputedKey, IndicatorKind> = {
  regular_months: "percent",
  meetings_up_to_standard: "percent",
  thematic_quarters: "percent",
  attendance: "percent",
  fees_on_time: "percent",
  good_or_above: "percent",
  no_failing_members: "boolean",
  admissions_vs_target: "percent",
  liaison_attendance: "percent",
};

export interface Indicator {
  id: number;
  group: Group;
  label: string;
  kind: IndicatorKind;
  /** A computed key, or "manual" for a value the committee enters. */
  source: ComputedKey | "manual";
  /** Percent as a share (0.9), a count, or 1 for "yes". */
  target: number;
  weight: number;
}

export interface IndicatorResult {
  indicator: Indicator;
  /** The figure (share, count, 1/0 for yes/no); null when unknown (no data, nothing entered). */
  value: number | null;
  /** Weight earned. */
  points: number;
  met: boolean;
  note: string | null;
}

export interface Scorecard {
  results: IndicatorResult[];
  /** Points earned ÷ total weight × 100, one decimal. */
  score: number;
  byGroup: Record<Group, { points: number; weight: number }>;
  /** Indicators with no figure (they earn nothing). */
  missing: number;
}

export function indicatorPoints(ind: Indicator, value: number | null): { points: number; met: boolean } {
  if (value === null) return { points: 0, met: false };
  if (ind.kind === "boolean") {
    const met = value >= 1;
    return { points: met ? ind.weight : 0, met };
  }
  if (ind.target <= 0) return { points: ind.weight, met: true };
  const ratio = Math.max(0, Math.min(1, value / ind.target));
  return { points: ind.weight * ratio, met: value >= ind.target };
}

export function scorecard(
  indicators: Indicator[],
  values: Map<number, { value: number | null; note?: string | null }>,
): Scorecard {
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, { points: 0, weight: 0 }])) as Scorecard["byGroup"];
  let points = 0;
  let weight = 0;
  let missing = 0;
  const results = indicators.map((indicator) => {
    const entry = values.get(indicator.id);
    const value = entry?.value ?? null;
    if (value === null) missing += 1;
    const r = indicatorPoints(indicator, value);
    points += r.points;
    weight += indicator.weight;
    byGroup[indicator.group].points += r.points;
    byGroup[indicator.group].weight += indicator.weight;
    return { indicator, value, points: r.points, met: r.met, note: entry?.note ?? null };
  });
  const score = weight > 0 ? Math.round((points / weight) * 1000) / 10 : 0;
  return { results, score, byGroup, missing };
}

/** Branches ordered by score (highest first); equal scores share a rank. */
export function rankByScore<T extends { score: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  return sorted.map((row, i) => ({
    ...row,
    rank: i > 0 && sorted[i - 1]!.score === row.score ? sorted.findIndex((r) => r.score === row.score) + 1 : i + 1,
  }));
}

/**
 * Fee months paid on time: of the months due (not exempt, amount known), those whose confirmed payments made by the
 * end of that month cover the amount due. Paid in advance counts as on time.
 */
export function feesOnTimeShare(
  months: { memberId: number; month: string; due: number | null; exempt: boolean }[],
  payments: { memberId: number; month: string; amount: number; at: Date }[],
  monthEnd: (month: string) => Date,
): number | null {
  const due = months.filter((m) => !m.exempt && m.due !== null && m.due > 0);
  if (due.length === 0) return null;
  const onTime = due.filter((m) => {
    const end = monthEnd(m.month);
    const paid = payments
      .filter((p) => p.memberId === m.memberId && p.month === m.month && p.at <= end)
      .reduce((s, p) => s + p.amount, 0);
    return paid >= (m.due ?? 0);
  });
  return onTime.length / due.length;
}

/** The sample criteria set shipped for a committee to start from (HD 12-2018 meeting criteria, Tiên Sơn's targets). */
export const SAMPLE_CRITERIA: Omit<Indicator, "id">[] = [
  {
    group: 1,
    label: "Lãnh đạo hoàn thành các chỉ tiêu nhiệm vụ chính trị năm của đơn vị",
    kind: "boolean",
    source: "manual",
    target: 1,
    weight: 15,
  },
  {
    group: 1,
    label: "Kết nạp đảng viên mới đạt chỉ tiêu được giao",
    kind: "percent",
    source: "admissions_vs_target",
    target: 1,
    weight: 10,
  },
  {
    group: 2,
    label: "Sinh hoạt thường kỳ đủ 12 tháng",
    kind: "percent",
    source: "regular_months",
    target: 1,
    weight: 10,
  },
  {
    group: 2,
    label: "Buổi sinh hoạt đạt chất lượng theo HD 12-HD/BTCTW",
    kind: "percent",
    source: "meetings_up_to_standard",
    target: 0.9,
    weight: 10,
  },
  {
    group: 2,
    label: "Sinh hoạt chuyên đề mỗi quý một lần",
    kind: "percent",
    source: "thematic_quarters",
    target: 1,
    weight: 5,
  },
  { group: 2, label: "Tỷ lệ đảng viên dự sinh hoạt", kind: "percent", source: "attendance", target: 0.9, weight: 5 },
  {
    group: 2,
    label: "Cấp ủy viên phụ trách dự sinh hoạt đủ chỉ tiêu",
    kind: "percent",
    source: "liaison_attendance",
    target: 1,
    weight: 5,
  },
  {
    group: 3,
    label: "Không có đảng viên bị kỷ luật trong năm",
    kind: "boolean",
    source: "manual",
    target: 1,
    weight: 10,
  },
  {
    group: 3,
    label: "Đảng viên đóng đảng phí đúng hạn",
    kind: "percent",
    source: "fees_on_time",
    target: 1,
    weight: 10,
  },
  {
    group: 3,
    label: "Nội bộ đoàn kết, không có đơn thư khiếu nại, tố cáo vượt cấp",
    kind: "boolean",
    source: "manual",
    target: 1,
    weight: 5,
  },
  {
    group: 4,
    label: "Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên",
    kind: "percent",
    source: "good_or_above",
    target: 0.8,
    weight: 10,
  },
  {
    group: 4,
    label: "Không có đảng viên không hoàn thành nhiệm vụ",
    kind: "boolean",
    source: "no_failing_members",
    target: 1,
    weight: 5,
  },
];

import { describe, expect, test } from "vitest";
import { DEFAULT_FEE_RATES, DEFAULT_MINIMUM_WAGES } from "../../src/config/fee-defaults.ts";
import {
  addMonths,
  arrearsLevel,
  feeForMonth,
  monthStatuses,
  monthsBetween,
  parseMonthInput,
  percentOf,
  type FeeInputs,
  type AdjustmentRow,
} from "../../src/domain/fees.ts";
import { parseAmount } from "../../src/domain/text.ts";

const base = (over: Partial<FeeInputs> = {}): FeeInputs => ({
  group: "other",
  base: null,
  region: 1,
  rates: DEFAULT_FEE_RATES,
  wages: DEFAULT_MINIMUM_WAGES,
  adjustments: [],
  ...over,
});
const due = (month: string, over: Partial<FeeInputs>) => {
  const r = feeForMonth(month, base(over));
  return r.ok ? r.due : r.reason;
};

describe("fee per group (2026 rule)", () => {
  test.each([
    ["salary", 8_500_000, 1, 85_000], // 1% of insured salary
    ["salary", 7_654_321, 1, 76_543], // 76 543.21 -> 76 543
    ["salary", 7_654_350, 1, 76_544], // 76 543.5 -> half up
    ["retired", 6_000_000, 1, 30_000], // 0.5% of pension
    ["retired", 4_321_100, 1, 21_606], // 21 605.5 -> 21 606
    ["student", null, 1, 5_000], // flat
    ["other", null, 1, 15_930], // 0.3% of 5 310 000 (region I)
    ["other", null, 4, 11_100], // 0.3% of 3 700 000 (region IV)
    ["other_retired", null, 1, 10_620], // 0.2% of 5 310 000
    ["other_retired", null, 3, 8_280], // 0.2% of 4 140 000
  ])("%s, base %s, region %s: %s đ", (group, b, region, amount) => {
    expect(due("2026-11", { group, base: b as number | null, region: region as number })).toBe(amount);
  });

  test("percentage groups need a base; a member without a group cannot be charged", () => {
    expect(due("2026-11", { group: "salary", base: null })).toBe("no_base");
    expect(due("2026-11", { group: null })).toBe("no_group");
  });

  test("before the 2026 rule there is no rate in the table", () => {
    expect(due("2026-01", { group: "other" })).toBe("no_rate");
  });
});

describe("the 2028 step", () => {
  test("others below retirement age: 0.3% until 12/2027, 0.5% from 01/2028", () => {
    expect(due("2027-12", { group: "other" })).toBe(15_930);
    expect(due("2028-01", { group: "other" })).toBe(26_550);
  });
  test("others at or past retirement age: 0.2% then 0.3%", () => {
    expect(due("2027-12", { group: "other_retired" })).toBe(10_620);
    expect(due("2028-01", { group: "other_retired" })).toBe(15_930);
  });
  test("salary earners are unchanged", () => {
    expect(due("2028-06", { group: "salary", base: 10_000_000 })).toBe(100_000);
  });
  test("a new minimum wage applies from its month", () => {
    const wages = [...DEFAULT_MINIMUM_WAGES, { region: 1, amount: 5_600_000, effectiveFrom: "2027-01" }];
    expect(due("2026-12", { group: "other", wages })).toBe(15_930);
    expect(due("2027-01", { group: "other", wages })).toBe(16_800);
  });
});

describe("exemptions and reductions", () => {
  const adjustments: AdjustmentRow[] = [
    { kind: "exempt", percent: null, fromMonth: "2026-03", toMonth: "2026-05" },
    { kind: "reduce", percent: 30, fromMonth: "2026-06", toMonth: "2026-06" },
    { kind: "reduce", percent: 50, fromMonth: "2026-07", toMonth: "2026-07" },
    { kind: "reduce", percent: 70, fromMonth: "2026-08", toMonth: "2026-08" },
  ];
  test.each([
    ["2026-02", 85_000],
    ["2026-03", 0],
    ["2026-05", 0],
    ["2026-06", 59_500],
    ["2026-07", 42_500],
    ["2026-08", 25_500],
    ["2026-09", 85_000],
  ])("%s: %s đ", (month, amount) => {
    expect(due(month, { group: "salary", base: 8_500_000, adjustments })).toBe(amount);
  });
  test("a reduction rounds to whole đồng", () => {
    // 15 930 - 30% = 11 151
    expect(due("2026-06", { group: "other", adjustments })).toBe(11_151);
  });
  test("an exempted member with no data still owes nothing", () => {
    expect(due("2026-04", { group: null, adjustments })).toBe(0);
  });
});

describe("month states", () => {
  test("paid, pending, partial, unpaid, exempt", () => {
    const input = base({
      group: "student",
      adjustments: [{ kind: "exempt", percent: null, fromMonth: "2026-06", toMonth: "2026-06" }],
    });
    const ledger = [
      { month: "2026-02", amount: 5000, status: "confirmed" },
      { month: "2026-03", amount: 5000, status: "pending" },
      { month: "2026-04", amount: 2000, status: "confirmed" },
      { month: "2026-05", amount: 5000, status: "confirmed" },
      { month: "2026-05", amount: -5000, status: "confirmed" }, // reversed
      { month: "2026-07", amount: 5000, status: "rejected" },
    ];
    const states = monthStatuses(monthsBetween("2026-02", "2026-07"), input, ledger).map(
      (s) => `${s.month}:${s.state}`,
    );
    expect(states).toEqual([
      "2026-02:paid",
      "2026-03:pending",
      "2026-04:partial",
      "2026-05:unpaid",
      "2026-06:exempt",
      "2026-07:unpaid",
    ]);
  });
});

describe("helpers", () => {
  test("months", () => {
    expect(addMonths("2026-11", 3)).toBe("2027-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthsBetween("2026-11", "2027-01")).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(parseMonthInput("11/2026")).toBe("2026-11");
    expect(parseMonthInput("tháng 3/2027")).toBe("2027-03");
    expect(parseMonthInput("13/2026")).toBeNull();
  });
  test("integer percentages, half up", () => {
    expect(percentOf(5_310_000, 30)).toBe(15_930);
    expect(percentOf(150, 100)).toBe(2); // 1.5 -> 2
    expect(percentOf(149, 100)).toBe(1);
  });
  test("amounts typed in chat", () => {
    expect(parseAmount("15.930")).toBe(15_930);
    expect(parseAmount("15930 đ")).toBe(15_930);
    expect(parseAmount("8.500.000")).toBe(8_500_000);
    expect(parseAmount("2tr")).toBe(2_000_000);
    expect(parseAmount("1,5 triệu")).toBe(1_500_000);
    expect(parseAmount("-5000")).toBeNull();
    expect(parseAmount("năm nghìn")).toBeNull();
    expect(parseAmount("15.93")).toBeNull();
  });
  test("arrears levels", () => {
    expect([0, 1, 2, 3, 5].map((n) => arrearsLevel(n))).toEqual(["none", "none", "warning", "article8", "article8"]);
  });
});

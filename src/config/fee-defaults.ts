/**
 * The fee table loaded into an empty database (then edited with
 * `npm run cli -- fee rate …` / `fee wage …`). Sources: QĐ 01-QĐ/TW (in force
 * from 02/2026) and the 2026 regional minimum wages. The 2028 step for members
 * outside salaried work is a row of its own.
 */
import type { FeeRateRow, MinimumWageRow } from "../domain/fees.ts";

export const DEFAULT_FEE_RATES: FeeRateRow[] = [
  { group: "salary", kind: "percent_of_base", rateBp: 100, flatAmount: null, effectiveFrom: "2026-02" },
  { group: "retired", kind: "percent_of_base", rateBp: 50, flatAmount: null, effectiveFrom: "2026-02" },
  { group: "student", kind: "flat", rateBp: null, flatAmount: 5000, effectiveFrom: "2026-02" },
  { group: "other", kind: "percent_of_min_wage", rateBp: 30, flatAmount: null, effectiveFrom: "2026-02" },
  { group: "other_retired", kind: "percent_of_min_wage", rateBp: 20, flatAmount: null, effectiveFrom: "2026-02" },
  { group: "other", kind: "percent_of_min_wage", rateBp: 50, flatAmount: null, effectiveFrom: "2028-01" },
  { group: "other_retired", kind: "percent_of_min_wage", rateBp: 30, flatAmount: null, effectiveFrom: "2028-01" },
];

export const DEFAULT_MINIMUM_WAGES: MinimumWageRow[] = [
  { region: 1, amount: 5_310_000, effectiveFrom: "2026-01" },
  { region: 2, amount: 4_730_000, effectiveFrom: "2026-01" },
  { region: 3, amount: 4_140_000, effectiveFrom: "2026-01" },
  { region: 4, amount: 3_700_000, effectiveFrom: "2026-01" },
];

/** The first month the bot keeps a ledger for (the 2026 rule). */
export const FEE_LEDGER_START = "2026-02";

/**
 * Arguments as Vietnamese committee staff type them: a month as 11/2026 or
 * 2026-11, money as 8.500.000 or 8500000, a day as dd/mm/yyyy. Each parser
 * returns the value or throws a CliError naming the option.
 */
import { parseDateTimeInput } from "../domain/datetime-input.ts";
import { localParts, type Clock } from "../domain/time.ts";
import { cliTexts as x } from "../texts/cli.ts";
import { CliError } from "./shared.ts";

/** "11/2026", "2026-11", "11-2026", "2026/11" → "2026-11". */
export function parseMonthArg(value: string, option: string): string {
  const s = value.trim();
  let m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  let year: number, month: number;
  if (m) [year, month] = [Number(m[2]), Number(m[1])];
  else if ((m = /^(\d{4})[/.-](\d{1,2})$/.exec(s))) [year, month] = [Number(m[1]), Number(m[2])];
  else throw new CliError(x.badMonth(option, value));
  if (month < 1 || month > 12 || year < 2000 || year > 2100) throw new CliError(x.badMonth(option, value));
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** "8.500.000", "8 500 000", "8,500,000", "8500000", "8.500.000 đ" → 8500000 (whole đồng). */
export function parseMoneyArg(value: string, option: string): number {
  const s = value.trim().replace(/\s*(đ|đồng|vnd|vnđ)$/i, "");
  if (!/^\d{1,3}([.,\s]\d{3})+$|^\d+$/.test(s)) throw new CliError(x.badMoney(option, value));
  return Number(s.replace(/[.,\s]/g, ""));
}

export function parseYearArg(value: string | undefined, option: string, clock: Clock, timeZone: string): number {
  if (value === undefined) return localParts(clock(), timeZone).year;
  if (!/^\d{4}$/.test(value.trim())) throw new CliError(x.badYear(option, value));
  return Number(value);
}

/** A date and time as staff type it ("03/12/2026 19:30"), in the configured zone, not in the past. */
export function parseInstantArg(value: string, option: string, clock: Clock, timeZone: string): Date {
  const parsed = parseDateTimeInput(value, clock(), timeZone);
  if (!parsed.ok)
    throw new CliError(
      x.badDateTime(option, value, parsed.error === "past" ? "past" : parsed.error === "format" ? "format" : "invalid"),
    );
  return parsed.instant;
}

export function parseIdArg(value: string, option: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw new CliError(x.badId(option, value));
  return Number(value);
}

/** dd/mm/yyyy → the calendar day at midnight UTC. */
export function parseDayArg(value: string, option: string): Date {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
  const d = m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : null;
  if (!m || !d || d.getUTCDate() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1)
    throw new CliError(x.badDay(option, value));
  return d;
}

/** "có"/"co"/"yes" or "không"/"khong"/"no". */
export function parseYesNoArg(value: string, option: string): boolean {
  const f = value
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d");
  if (["co", "yes", "y"].includes(f)) return true;
  if (["khong", "no", "n"].includes(f)) return false;
  throw new CliError(x.badYesNo(option, value));
}

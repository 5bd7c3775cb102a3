/**
 * Calendar days and working days (ngày làm việc) for the committee's clocks:
 * weekends and Vietnam's public holidays are not working days. The shipped
 * calendar holds the fixed holidays of the Labour Code (Bộ luật Lao động 2019,
 * Điều 112) for every year, and the lunar and compensatory days as the
 * government announced them for the years listed below; the committee adds
 * further years and corrections (CalendarDay rows), which win over the shipped ones.
 */
import { isValidDay, localParts } from "./time.ts";

/** A local calendar day, "YYYY-MM-DD". */
export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day if `text` is a real calendar day "YYYY-MM-DD", else null. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  return isValidDay(Number(m[1]), Number(m[2]), Number(m[3])) ? text.trim() : null;
}

/** "dd/mm/yyyy" (or d/m/yyyy) as written in Vietnam, or "YYYY-MM-DD". */
export function parseDayInput(text: string): LocalDate | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (m) return parseLocalDate(`${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`);
  return parseLocalDate(text);
}

function toUtc(d: LocalDate): Date {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day));
}

function fromUtc(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const date = toUtc(d);
  date.setUTCDate(date.getUTCDate() + n);
  return fromUtc(date);
}

/** Calendar months later; a day the month lacks becomes its last day (29/02 + 12 months → 28/02). */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: LocalDate): number {
  return toUtc(d).getUTCDay();
}

/** Whole months from `from` to `to` (an 18th birthday is 216 months), counting a month only when its day is reached. */
export function monthsBetween(from: LocalDate, to: LocalDate): number {
  const [y1, m1, d1] = from.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split("-").map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1 && addMonths(from, months) > to) months -= 1;
  return months;
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export interface CalendarEntry {
  date: LocalDate;
  name: string;
}

/** Public holidays on fixed solar dates, every year (Labour Code 2019, Điều 112). */
export const FIXED_HOLIDAYS: { monthDay: string; name: string }[] = [
  { monthDay: "01-01", name: "Tết Dương lịch" },
  { monthDay: "04-30", name: "Ngày Chiến thắng" },
  { monthDay: "05-01", name: "Ngày Quốc tế Lao động" },
  { monthDay: "09-02", name: "Quốc khánh" },
];

/**
 * Lunar-calendar holidays and the days the government added or swapped, for the years it
 * announced them (Tết Nguyên đán, Giỗ Tổ Hùng Vương 10/3 âm lịch, the second day of
 * Quốc khánh, compensatory days). Later years are entered by the committee.
 */
export const DATED_HOLIDAYS: CalendarEntry[] = [
  ...["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"].map((date) => ({
    date,
    name: "Tết Nguyên đán",
  })),
  { date: "2025-04-07", name: "Giỗ Tổ Hùng Vương" },
  { date: "2025-05-02", name: "Nghỉ hoán đổi dịp 30/4 – 1/5" },
  { date: "2025-09-01", name: "Quốc khánh" },
  ...["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"].map((date) => ({
    date,
    name: "Tết Nguyên đán",
  })),
  { date: "2026-04-27", name: "Nghỉ bù Giỗ Tổ Hùng Vương" },
];

/** Weekend days the government made working days, in the years listed above. */
export const DATED_WORKING_DAYS: CalendarEntry[] = [{ date: "2025-04-26", name: "Làm bù cho ngày 02/5/2025" }];

export interface WorkCalendar {
  /** Days off that are not weekends' own (holidays), with their names. */
  off: Map<LocalDate, string>;
  /** Days that are working days even though they fall on a weekend or a shipped holiday. */
  work: Set<LocalDate>;
  /** Years the calendar knows the lunar holidays of (shipped or entered). */
  yearsWithTet: Set<number>;
}

/** The calendar: the shipped days, then the committee's entries over them. */
export function buildCalendar(
  edits: { date: LocalDate; kind: "off" | "work"; name: string }[],
  years: { from: number; to: number } = { from: 2020, to: 2040 },
): WorkCalendar {
  const off = new Map<LocalDate, string>();
  const work = new Set<LocalDate>();
  for (let y = years.from; y <= years.to; y++) for (const h of FIXED_HOLIDAYS) off.set(`${y}-${h.monthDay}`, h.name);
  for (const h of DATED_HOLIDAYS) off.set(h.date, h.name);
  for (const w of DATED_WORKING_DAYS) work.add(w.date);
  for (const e of edits) {
    if (e.kind === "off") {
      off.set(e.date, e.name);
      work.delete(e.date);
    } else {
      work.add(e.date);
      off.delete(e.date);
    }
  }
  const yearsWithTet = new Set<number>();
  for (const [date, name] of off)
    if (/Tết Nguyên đán|Tết Âm lịch/iu.test(name)) yearsWithTet.add(Number(date.slice(0, 4)));
  return { off, work, yearsWithTet };
}

export function isWorkingDay(d: LocalDate, cal: WorkCalendar): boolean {
  if (cal.work.has(d)) return true;
  const w = weekday(d);
  if (w === 0 || w === 6) return false;
  return !cal.off.has(d);
}

/** The day on which `n` working days after `start` are complete (`start` itself is not counted). */
export function addWorkingDays(start: LocalDate, n: number, cal: WorkCalendar): LocalDate {
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left -= 1;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: LocalDate, to: LocalDate, cal: WorkCalendar): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) count += 1;
  return count;
}

/** The local calendar day of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const p = localParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** "2026-02-17" → "17/02/2026". */
export function formatLocalDate(d: LocalDate): string {
  const [y, m, day] = d.split("-");
  return `${day}/${m}/${y}`;
}

/**
 * Wall-clock time in a named zone (Asia/Ho_Chi_Minh by default) versus instants.
 * Instants are stored in UTC; people read and type local wall-clock time.
 */
import { TZDate } from "@date-fns/tz";

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface LocalParts extends LocalDateTime {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** A function that tells the current instant; passed in so tests control time. */
export type Clock = () => Date;

export function localParts(instant: Date, tz: string): LocalParts {
  const d = new TZDate(instant.getTime(), tz);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    weekday: d.getDay(),
  };
}

/** The instant at which the wall clock in `tz` shows `local`. */
export function fromLocal(local: LocalDateTime, tz: string): Date {
  const d = new TZDate(local.year, local.month - 1, local.day, local.hour, local.minute, 0, 0, tz);
  return new Date(d.getTime());
}

/** True when year/month/day name a real calendar day. */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

const pad = (n: number) => n.toString().padStart(2, "0");

/** "03/12/2026" */
export function formatDate(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "19:30" */
export function formatTime(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/** "19:30 Thứ Năm, 03/12/2026" */
export function formatDateTime(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${formatTime(instant, tz)} ${WEEKDAYS[p.weekday]}, ${formatDate(instant, tz)}`;
}

/** Parse "HH:mm" (24 h). */
export function parseClock(value: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** Quarter (1–4) of a local date. */
export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

/** [start, end) of a calendar year in zone `tz` (1 January 00:00 local to the next). */
export function yearRange(year: number, tz: string): { from: Date; to: Date } {
  return {
    from: fromLocal({ year, month: 1, day: 1, hour: 0, minute: 0 }, tz),
    to: fromLocal({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0 }, tz),
  };
}

/** The same instant n calendar months later (earlier for n < 0), the day clamped to the month's last day. */
export function addMonthsToInstant(instant: Date, n: number): Date {
  const d = new Date(instant);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

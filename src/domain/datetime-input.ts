/**
 * Parsing the date-and-time forms Vietnamese users type:
 * "03/12/2026 19:30", "19h30 3/12", "3-12-2026 19h", "ngày 3/12 lúc 19 giờ 30".
 * A missing year means the next such day that is not in the past.
 */
import { fold } from "./text.ts";
import { fromLocal, isValidDay, localParts, type LocalDateTime } from "./time.ts";

export type DateTimeParse =
  | { ok: true; instant: Date; local: LocalDateTime }
  | { ok: false; error: "format" | "invalid_date" | "invalid_time" | "past" | "too_far" };

const TIME_RE = /(?:^|\s)(\d{1,2})\s*(?::|h|gio)\s*(\d{1,2})?\s*(?:phut|p)?(?=\s|$)/;
const DATE_RE = /(?:^|\s)(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?(?=\s|$)/;
const FILLER = /\b(ngay|luc|vao|hoi|toi|sang|chieu|thu \d|thu (?:hai|ba|tu|nam|sau|bay)|chu nhat|,)\b/g;

export function parseDateTimeInput(input: string, now: Date, tz: string, maxDaysAhead = 366): DateTimeParse {
  let s = ` ${fold(input).replace(/,/g, " ")} `;
  const t = TIME_RE.exec(s);
  if (!t) return { ok: false, error: "format" };
  s = s.replace(t[0], " ");
  const d = DATE_RE.exec(s);
  if (!d) return { ok: false, error: "format" };
  s = s.replace(d[0], " ");
  if (s.replace(FILLER, " ").trim() !== "") return { ok: false, error: "format" };

  const hour = Number(t[1]);
  const minute = t[2] === undefined ? 0 : Number(t[2]);
  if (hour > 23 || minute > 59) return { ok: false, error: "invalid_time" };

  const day = Number(d[1]);
  const month = Number(d[2]);
  const nowLocal = localParts(now, tz);
  let year: number;
  if (d[3] === undefined) {
    year = nowLocal.year;
    const candidate = { year, month, day, hour, minute };
    if (isValidDay(year, month, day) && fromLocal(candidate, tz) <= now) year += 1;
  } else {
    year = d[3].length === 2 ? 2000 + Number(d[3]) : Number(d[3]);
  }
  if (!isValidDay(year, month, day)) return { ok: false, error: "invalid_date" };
  const local = { year, month, day, hour, minute };
  const instant = fromLocal(local, tz);
  if (instant <= now) return { ok: false, error: "past" };
  if (instant.getTime() - now.getTime() > maxDaysAhead * 86_400_000) return { ok: false, error: "too_far" };
  return { ok: true, instant, local };
}

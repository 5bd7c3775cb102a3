/**
 * Reminder timing rules: lead times ("3d@08:00" = three days before at 08:00
 * local) and quiet hours ("21:00-07:00") during which nothing bulk is sent.
 */
import { fromLocal, localParts, parseClock } from "./time.ts";

export interface LeadTime {
  daysBefore: number;
  hour: number;
  minute: number;
  /** Stable name for idempotency keys, e.g. "3d@08:00". */
  step: string;
}

export class LeadTimeError extends Error {
  override readonly name = "LeadTimeError";
}

export function parseLeadTimes(spec: string): LeadTime[] {
  const items = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new LeadTimeError("empty lead-time list");
  const leads = items.map((item) => {
    const m = /^(\d{1,2})d@(\d{1,2}:\d{2})$/.exec(item);
    const clock = m ? parseClock(m[2] ?? "") : null;
    if (!m || !clock) throw new LeadTimeError(`bad lead time "${item}" (expected e.g. 3d@08:00)`);
    const daysBefore = Number(m[1]);
    const step = `${daysBefore}d@${clock.hour.toString().padStart(2, "0")}:${clock.minute.toString().padStart(2, "0")}`;
    return { daysBefore, hour: clock.hour, minute: clock.minute, step };
  });
  return leads.sort((a, b) => b.daysBefore - a.daysBefore || a.hour * 60 + a.minute - (b.hour * 60 + b.minute));
}

/** When a reminder step falls due for a meeting starting at `startsAt`, or null if not before the meeting. */
export function reminderDueAt(startsAt: Date, lead: LeadTime, tz: string): Date | null {
  const p = localParts(startsAt, tz);
  const dayStart = new Date(Date.UTC(p.year, p.month - 1, p.day - lead.daysBefore));
  const due = fromLocal(
    {
      year: dayStart.getUTCFullYear(),
      month: dayStart.getUTCMonth() + 1,
      day: dayStart.getUTCDate(),
      hour: lead.hour,
      minute: lead.minute,
    },
    tz,
  );
  return due < startsAt ? due : null;
}

export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

export function parseQuietHours(spec: string): QuietHours | null {
  if (spec.trim() === "" || spec.trim() === "off") return null;
  const m = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(spec.trim());
  const start = m ? parseClock(m[1] ?? "") : null;
  const end = m ? parseClock(m[2] ?? "") : null;
  if (!start || !end) throw new LeadTimeError(`bad quiet hours "${spec}" (expected e.g. 21:00-07:00)`);
  return { startMinute: start.hour * 60 + start.minute, endMinute: end.hour * 60 + end.minute };
}

/** True when `instant` falls inside quiet hours (the window may span midnight). */
export function inQuietHours(instant: Date, quiet: QuietHours | null, tz: string): boolean {
  if (!quiet || quiet.startMinute === quiet.endMinute) return false;
  const p = localParts(instant, tz);
  const m = p.hour * 60 + p.minute;
  return quiet.startMinute < quiet.endMinute
    ? m >= quiet.startMinute && m < quiet.endMinute
    : m >= quiet.startMinute || m < quiet.endMinute;
}

/** The first instant at or after `instant` that is outside quiet hours. */
export function outsideQuietHours(instant: Date, quiet: QuietHours | null, tz: string): Date {
  if (!quiet || !inQuietHours(instant, quiet, tz)) return instant;
  const p = localParts(instant, tz);
  const m = p.hour * 60 + p.minute;
  const endHour = Math.floor(quiet.endMinute / 60);
  const endMinute = quiet.endMinute % 60;
  // Inside the window: the end is today if we are past midnight (before end), else tomorrow.
  const sameDay = m < quiet.endMinute;
  const base = new Date(Date.UTC(p.year, p.month - 1, p.day + (sameDay ? 0 : 1)));
  return fromLocal(
    {
      year: base.getUTCFullYear(),
      month: base.getUTCMonth() + 1,
      day: base.getUTCDate(),
      hour: endHour,
      minute: endMinute,
    },
    tz,
  );
}

export interface DueStep {
  /** When this step fell due. */
  at: Date;
}

/**
 * Of the steps that have fallen due for one member and meeting, which one to
 * send: never one that fell due before the meeting got its current time (it
 * was created or moved after that moment: the notice told the member), and of
 * the rest only the latest, so a bot back from downtime sends at most one
 * catch-up reminder instead of a burst. The others are recorded as skipped.
 */
export function chooseDueStep<S extends DueStep>(
  due: S[],
  scheduledAt: Date,
): { send: S | null; skip: { step: S; why: "before_scheduled" | "superseded" }[] } {
  const skip: { step: S; why: "before_scheduled" | "superseded" }[] = [];
  let send: S | null = null;
  for (const step of due) {
    if (step.at < scheduledAt) skip.push({ step, why: "before_scheduled" });
    else if (!send || step.at > send.at) {
      if (send) skip.push({ step: send, why: "superseded" });
      send = step;
    } else skip.push({ step, why: "superseded" });
  }
  return { send, skip };
}

/** Reading the console's form fields into the services' inputs; a wrong field is a Vietnamese refusal. */
import { fromLocal, isValidDay, localParts } from "../../domain/time.ts";
import { webTexts as w } from "../../texts/web.ts";

export class FieldError extends Error {
  override readonly name = "FieldError";
}

/** "2026-12-03T19:30" from <input type="datetime-local">, read on the branch's wall clock. */
export function localDateTime(value: string | null, tz: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value ?? "");
  if (!m) throw new FieldError(w.badDateTime);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!isValidDay(year, month, day) || hour > 23 || minute > 59) throw new FieldError(w.badDateTime);
  return fromLocal({ year, month, day, hour, minute }, tz);
}

/** The value a datetime-local input shows for an instant. */
export function toLocalInput(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** "2026-11" (a month) or the current one. */
export function monthParam(value: string | null, fallback: string): string {
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : fallback;
}

export function text(form: URLSearchParams, name: string): string {
  return (form.get(name) ?? "").trim();
}

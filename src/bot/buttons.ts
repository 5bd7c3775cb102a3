/**
 * Button data ("callback data" on Telegram, a numbered choice on Zalo) comes
 * back from the user's device and may be forged or garbled: it is decoded here,
 * in one place, against a schema per button. Anything malformed is answered
 * "Nút này không còn hiệu lực" by the core, never passed to a service.
 */
import { z } from "zod";

/** Telegram allows 64 bytes of callback data; our own are short words, ids and ":". */
const WELL_FORMED = /^[A-Za-z0-9_:.#-]{1,64}$/;

/** A database id as a button carries it: 1–999,999,999, digits only (no "1e309", no "-1", no "0x10"). */
export const idPart = z
  .string()
  .regex(/^[1-9]\d{0,8}$/)
  .transform(Number);

/** Thrown where a feature reads a button value that is not what its own buttons carry. */
export class StaleButtonError extends Error {
  override readonly name = "StaleButtonError";
  constructor(readonly data: string) {
    super(`malformed button data "${data}"`);
  }
}

export function wellFormed(data: string): boolean {
  return WELL_FORMED.test(data);
}

/** A dialog's button value that must be an id. */
export function buttonId(value: string | undefined): number {
  const parsed = idPart.safeParse(value ?? "");
  if (!parsed.success) throw new StaleButtonError(value ?? "");
  return parsed.data;
}

/** The schemas of the buttons that are not dialog steps: what follows the prefix, split on ":". */
export const id = z.tuple([idPart]);
export const BUTTON_ARGS = {
  /** Announcement: "Đã nhận", status, re-remind, stop. */
  ack: id,
  "ann-status": id,
  "ann-remind": id,
  "ann-stop": id,
  /** A member's report of payment, decided by the collector: the batch key. */
  feeok: z.tuple([z.string().regex(/^[\w.-]{1,40}$/)]).rest(z.string().regex(/^[\w.-]{1,40}$/)),
  feeno: z.tuple([z.string().regex(/^[\w.-]{1,40}$/)]).rest(z.string().regex(/^[\w.-]{1,40}$/)),
  feepaid: z.tuple([z.literal("report")]),
  leave: z.tuple([z.enum(["ok", "no"]), idPart]),
  rsvp: z.tuple([z.enum(["yes", "leave"]), idPart]),
  pref: z.tuple([z.enum(["telegram", "zalo", "auto"])]),
  report: z.tuple([z.enum(["members", "attendance", "ann", "audit"])]),
  "review-form": id,
  "my-review": z.tuple([z.enum(["doc", "reopen"])]),
  /** Surveys: answer one, create one, and the creator's results, close, extend, file. */
  survey: id,
  "survey-new": z.tuple([]),
  "survey-results": id,
  "survey-close": id,
  "survey-extend": id,
  "survey-export": id,
  /** After attendance: ask those who came how the meeting went. */
  "survey-feedback": id,
} as const;

export type ButtonPrefix = keyof typeof BUTTON_ARGS;
export type ButtonArgs<P extends ButtonPrefix> = z.output<(typeof BUTTON_ARGS)[P]>;

/** Earlier short names, still on buttons sent before they were renamed: they keep working. */
const FORMER_NAMES: Record<string, ButtonPrefix> = {
  anni: "ann-status",
  annr: "ann-remind",
  anns: "ann-stop",
  rep: "report",
  rvv: "review-form",
  rvw: "my-review",
};

function isPrefix(name: string): name is ButtonPrefix {
  return Object.hasOwn(BUTTON_ARGS, name);
}

/** Decodes "prefix:arg:arg" against its schema; null when the prefix is unknown or the arguments malformed. */
export function decodeButton(data: string): { prefix: ButtonPrefix; args: unknown[] } | null {
  if (!wellFormed(data)) return null;
  const [name = "", ...parts] = data.split(":");
  const prefix = isPrefix(name) ? name : FORMER_NAMES[name];
  if (!prefix) return null;
  const parsed = BUTTON_ARGS[prefix].safeParse(parts);
  return parsed.success ? { prefix, args: parsed.data as unknown[] } : null;
}

/** The data of a button: its name and arguments, checked against the same schema that decodes it. */
export function button<P extends ButtonPrefix>(prefix: P, ...args: z.input<(typeof BUTTON_ARGS)[P]>): string {
  const data = [prefix, ...(args as unknown[]).map(String)].join(":");
  if (!decodeButton(data)) throw new Error(`button ${prefix} built with bad arguments`);
  return data;
}

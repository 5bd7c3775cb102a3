/** What every group of admin commands shares: its dependencies, its error, and how it finds a branch or member. */
import type { Db } from "../db/client.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { Clock } from "../domain/time.ts";
import { normalisePhone } from "../domain/phone.ts";
import { fold } from "../domain/text.ts";
import { cliTexts as x } from "../texts/cli.ts";

export interface CliDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  timeZone: string;
  inviteTtlDays: number;
  /** Fee limits (defaults: 5,000,000 đ per payment, 12 months ahead). */
  maxPayment?: number;
  maxAdvanceMonths?: number;
  attendanceThreshold?: number;
  /** The Telegram bot's username for deep links, or null when unknown. */
  botUsername: () => Promise<string | null>;
  out: (line: string) => void;
  /** Applies pending migrations (`db migrate`); returns their names. */
  migrate?: () => string[];
}

/** A command-line mistake: printed as one line, exit code 1. */
export class CliError extends Error {
  override readonly name = "CliError";
}

export async function branchByCode(db: Db, code: string) {
  const branch = await db.branch.findUnique({ where: { code } });
  if (!branch) throw new CliError(x.noBranch(code));
  return branch;
}

export async function organisationByName(db: Db, name: string) {
  const org = await db.organisation.findUnique({ where: { name } });
  if (!org) throw new CliError(x.noOrganisation(name));
  return org;
}

/** A member of the branch by id, phone or full name (with or without diacritics). */
export async function findMember(db: Db, branchId: number, who: string) {
  if (/^\d+$/.test(who) && who.length < 9) {
    const m = await db.member.findFirst({ where: { id: Number(who), branchId, leftAt: null } });
    if (m) return m;
  }
  const phone = normalisePhone(who);
  const all = await db.member.findMany({ where: { branchId, leftAt: null } });
  const matches = phone ? all.filter((m) => m.phone === phone) : all.filter((m) => fold(m.fullName) === fold(who));
  if (matches.length === 0) throw new CliError(x.noMember(who));
  if (matches.length > 1) throw new CliError(x.manyMembers(who, matches.length));
  return matches[0]!;
}

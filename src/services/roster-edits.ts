/**
 * The roster as the secretary or deputy edits it: one member's name, phone and
 * status; a roster file uploaded, shown as a dry run, then applied. The same
 * import as the command line's, authorised by the branch.
 */
import { normalisePhone } from "../domain/phone.ts";
import { nfc } from "../domain/text.ts";
import { audit } from "./audit.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { assertLeaderOf } from "./meetings.ts";
import { importRoster, readRosterBuffer, type SheetRows } from "./roster-import.ts";

export const MAX_NAME = 120;

/** Reads an uploaded roster file (CSV or XLSX) for a branch the actor leads. */
export async function readUploadedRoster(
  _deps: ServiceDeps,
  actor: Actor,
  input: { branchId: number; name: string; data: Buffer },
): Promise<SheetRows> {
  assertLeaderOf(actor, input.branchId, "roster.import");
  try {
    return await readRosterBuffer(input.name, input.data);
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    throw new ServiceError("roster.unreadable");
  }
}

/** The import (dry run or for real) of rows already read, by a leader of the branch. */
export function importRosterAs(
  deps: ServiceDeps,
  actor: Actor,
  input: { branchId: number; sheet: SheetRows; dryRun: boolean },
) {
  assertLeaderOf(actor, input.branchId, "roster.import");
  return importRoster(deps.db, deps.clock, { ...input, actor: actor.label });
}

/** Changes one member's name, phone or status; only the fields given, audited with what changed. */
export async function updateMember(
  deps: ServiceDeps,
  actor: Actor,
  memberId: number,
  input: { fullName?: string; phone?: string; status?: "official" | "probationary" },
) {
  const member = await deps.db.member.findFirst({ where: { id: memberId, leftAt: null } });
  if (!member) throw new ServiceError("member.not_found");
  assertLeaderOf(actor, member.branchId, "member.update");
  const data: { fullName?: string; phone?: string | null; status?: "official" | "probationary" } = {};
  if (input.fullName !== undefined) {
    const name = nfc(input.fullName).replace(/\s+/g, " ").trim();
    if (name === "" || name.length > MAX_NAME) throw new ServiceError("member.bad_name", { max: MAX_NAME });
    if (name !== member.fullName) data.fullName = name;
  }
  if (input.phone !== undefined) {
    const phone = input.phone.trim() === "" ? null : normalisePhone(input.phone);
    if (phone === null && input.phone.trim() !== "") throw new ServiceError("member.bad_phone");
    if (phone !== null && phone !== member.phone) {
      const other = await deps.db.member.findFirst({
        where: { branchId: member.branchId, phone, leftAt: null, id: { not: memberId } },
      });
      if (other) throw new ServiceError("member.phone_taken");
    }
    if (phone !== member.phone) data.phone = phone;
  }
  if (input.status !== undefined && input.status !== member.status) data.status = input.status;
  if (Object.keys(data).length === 0) return { member, changed: [] as string[] };
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.member.update({ where: { id: memberId }, data });
    await audit(tx, {
      actor: actor.label,
      action: "member.update",
      branchId: member.branchId,
      targetMemberId: memberId,
      details: { fields: Object.keys(data) },
    });
    return row;
  });
  return { member: updated, changed: Object.keys(data) };
}

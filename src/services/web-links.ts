/**
 * Links that work once and for ten minutes, sent in chat where a file cannot
 * go (Zalo carries no files): the member's own data file. The token is random
 * (32 bytes), only its SHA-256 is stored, and using it, or its expiry, ends it.
 */
import { createHash, randomBytes } from "node:crypto";
import { audit, memberActor } from "./audit.ts";
import type { ServiceDeps } from "./deps.ts";
import { NotAuthorisedError } from "./errors.ts";
import type { Actor } from "./meetings.ts";
import { memberDataExport } from "./reports.ts";

export const WEB_LINK_TTL_MS = 10 * 60_000;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time link to the actor's own data file; the token goes into the link, never into the database. */
export async function issueDataLink(deps: ServiceDeps, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  if (actor.id === null) throw new NotAuthorisedError("member.data_export");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(deps.clock().getTime() + WEB_LINK_TTL_MS);
  await deps.db.webToken.create({
    data: { tokenHash: hashOf(token), memberId: actor.id, purpose: "export", expiresAt },
  });
  return { token, expiresAt };
}

export type DataLinkResult = { type: "ok"; json: Buffer } | { type: "gone" };

/** The data file behind a link: once, before it expires; audited as the member's own export. */
export async function redeemDataLink(deps: ServiceDeps, token: string): Promise<DataLinkResult> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { type: "gone" };
  const now = deps.clock();
  const row = await deps.db.webToken.findUnique({ where: { tokenHash: hashOf(token) } });
  if (!row || row.purpose !== "export" || row.expiresAt <= now) return { type: "gone" };
  // Only one request wins, even two at the same moment.
  const claimed = await deps.db.webToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count === 0) return { type: "gone" };
  const member = await deps.db.member.findUnique({ where: { id: row.memberId } });
  if (!member || member.leftAt) return { type: "gone" };
  const data = await memberDataExport(deps.db, row.memberId);
  await audit(deps.db, {
    actor: memberActor(row.memberId),
    action: "member.data_export",
    branchId: member.branchId,
    targetMemberId: row.memberId,
    details: { via: "link" },
  });
  return { type: "ok", json: Buffer.from(JSON.stringify(data, null, 2)) };
}

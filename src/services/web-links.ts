/**
 * Links that work once and for ten minutes, sent in chat: the member's own data
 * file where a file cannot go (Zalo carries no files), and the sign-in to the
 * web console. The token is random (32 bytes), only its SHA-256 is stored, and
 * using it, or its expiry, ends it.
 */
import { createHash, randomBytes } from "node:crypto";
import { audit, memberActor } from "./audit.ts";
import type { ServiceDeps } from "./deps.ts";
import { NotAuthorisedError } from "./errors.ts";
import type { Actor } from "./meetings.ts";
import { memberDataExport } from "./reports.ts";

export const WEB_LINK_TTL_MS = 10 * 60_000;

export type LinkPurpose = "export" | "signin";

export const hashOf = (value: string) => createHash("sha256").update(value).digest("hex");
export const randomToken = () => randomBytes(32).toString("base64url");
/** What randomToken gives: anything else is not looked up. */
export const isToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

/** A one-time link for the actor; the token goes into the link, never into the database. */
export async function issueLink(
  deps: ServiceDeps,
  actor: Actor,
  purpose: LinkPurpose,
): Promise<{ token: string; expiresAt: Date }> {
  if (actor.id === null) throw new NotAuthorisedError(purpose === "export" ? "member.data_export" : "web.signin");
  const token = randomToken();
  const expiresAt = new Date(deps.clock().getTime() + WEB_LINK_TTL_MS);
  await deps.db.webToken.create({ data: { tokenHash: hashOf(token), memberId: actor.id, purpose, expiresAt } });
  return { token, expiresAt };
}

/** Uses a link up: its member (still in the branch), or null when unknown, of another purpose, expired or used. */
export async function claimLink(deps: ServiceDeps, token: string, purpose: LinkPurpose) {
  if (!isToken(token)) return null;
  const now = deps.clock();
  const row = await deps.db.webToken.findUnique({ where: { tokenHash: hashOf(token) } });
  if (!row || row.purpose !== purpose || row.expiresAt <= now) return null;
  // Only one request wins, even two at the same moment.
  const claimed = await deps.db.webToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count === 0) return null;
  const member = await deps.db.member.findUnique({ where: { id: row.memberId } });
  return member && !member.leftAt ? member : null;
}

export function issueDataLink(deps: ServiceDeps, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  return issueLink(deps, actor, "export");
}

export type DataLinkResult = { type: "ok"; json: Buffer } | { type: "gone" };

/** The data file behind a link: once, before it expires; audited as the member's own export. */
export async function redeemDataLink(deps: ServiceDeps, token: string): Promise<DataLinkResult> {
  const member = await claimLink(deps, token, "export");
  if (!member) return { type: "gone" };
  const data = await memberDataExport(deps.db, member.id);
  await audit(deps.db, {
    actor: memberActor(member.id),
    action: "member.data_export",
    branchId: member.branchId,
    targetMemberId: member.id,
    details: { via: "link" },
  });
  return { type: "ok", json: Buffer.from(JSON.stringify(data, null, 2)) };
}

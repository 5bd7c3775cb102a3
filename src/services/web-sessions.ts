/**
 * Signing in to the web console. Two ways: the one-time link the bot sends in
 * chat (/web: random token, only its hash stored, single use, 10 minutes), and
 * from Telegram as a Mini App (the init data Telegram signs with the bot token,
 * checked by @tma.js/init-data-node, no older than an hour, the Telegram user
 * mapped to his/her linked member). Either opens a session: a random id in an
 * HttpOnly cookie, only its hash stored, ended after 12 hours without use, and
 * as soon as the member is unlinked everywhere, leaves the branch or changes role.
 */
import { parse, validate } from "@tma.js/init-data-node";
import { audit, memberActor } from "./audit.ts";
import type { ServiceDeps } from "./deps.ts";
import type { Actor } from "./meetings.ts";
import { memberAsActor } from "./meetings.ts";
import { findMemberByAccount, type MemberWithBranch } from "./members.ts";
import { claimLink, hashOf, isToken, issueLink, randomToken } from "./web-links.ts";

export const SESSION_IDLE_MS = 12 * 3600_000;
/** Init data older than this is refused (Telegram's own signature has no expiry). */
export const INIT_DATA_MAX_AGE_S = 3600;

export function issueSignInLink(deps: ServiceDeps, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  return issueLink(deps, actor, "signin");
}

async function openSession(deps: ServiceDeps, member: { id: number; branchId: number; role: string }, via: string) {
  const id = randomToken();
  const csrf = randomToken();
  const now = deps.clock();
  const memberId = member.id;
  const branchId = member.branchId;
  await deps.db.webSession.create({
    data: { idHash: hashOf(id), memberId, csrf, role: member.role, createdAt: now, lastSeenAt: now },
  });
  await audit(deps.db, { actor: memberActor(memberId), action: "web.signin", branchId, details: { via } });
  return { sessionId: id };
}

export type SignIn = { type: "ok"; sessionId: string } | { type: "refused"; reason: "gone" | "invalid" | "not_linked" };

export async function signInWithLink(deps: ServiceDeps, token: string): Promise<SignIn> {
  const member = await claimLink(deps, token, "signin");
  if (!member) return { type: "refused", reason: "gone" };
  return { type: "ok", ...(await openSession(deps, member, "link")) };
}

/** From Telegram's Mini App: the raw init data string, checked against the bot token. */
export async function signInWithTelegram(deps: ServiceDeps, initData: string, botToken: string): Promise<SignIn> {
  let userId: number;
  try {
    validate(initData, botToken, { expiresIn: INIT_DATA_MAX_AGE_S });
    const parsed = parse(initData);
    if (!parsed.user) return { type: "refused", reason: "invalid" };
    userId = parsed.user.id;
  } catch {
    return { type: "refused", reason: "invalid" };
  }
  const found = await findMemberByAccount(deps.db, "telegram", String(userId));
  if (!found) return { type: "refused", reason: "not_linked" };
  return { type: "ok", ...(await openSession(deps, found.member, "telegram")) };
}

export interface WebVisitor {
  member: MemberWithBranch;
  actor: Actor;
  csrf: string;
}

/** Who a session cookie belongs to, or null: unknown, idle too long, member left or no longer linked anywhere. */
export async function sessionVisitor(deps: ServiceDeps, sessionId: string): Promise<WebVisitor | null> {
  if (!isToken(sessionId)) return null;
  const now = deps.clock();
  const session = await deps.db.webSession.findUnique({ where: { idHash: hashOf(sessionId) } });
  if (!session) return null;
  const member = await deps.db.member.findUnique({
    where: { id: session.memberId },
    include: { branch: true, accounts: { select: { id: true } } },
  });
  const idle = now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS;
  // Ended by 12 idle hours, by leaving the branch, by being unlinked everywhere, or by a changed role.
  if (idle || !member || member.leftAt || member.accounts.length === 0 || member.role !== session.role) {
    await deps.db.webSession.delete({ where: { id: session.id } }).catch(() => undefined);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000)
    await deps.db.webSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  const { accounts: _accounts, ...rest } = member;
  return { member: rest, actor: memberAsActor(rest), csrf: session.csrf };
}

export async function signOut(deps: ServiceDeps, sessionId: string): Promise<void> {
  await deps.db.webSession.deleteMany({ where: { idHash: hashOf(sessionId) } });
}

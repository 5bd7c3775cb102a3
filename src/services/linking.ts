/**
 * Linking a chat account to a member: by a single-use invite code (only its
 * hash is stored) or by a shared phone contact that matches exactly one member.
 * Repeated failures from one account are slowed down.
 */
import { createHash, createHmac, randomInt } from "node:crypto";
import { databaseSecret, type Db } from "../db/client.ts";
import { normalisePhone } from "../domain/phone.ts";
import type { Clock } from "../domain/time.ts";
import type { Channel } from "../messaging/types.ts";
import { t } from "../texts/vi.ts";
import { audit, memberActor } from "./audit.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { assertLeaderOf } from "./meetings.ts";
import { deliveryTargets } from "./members.ts";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L
export const CODE_LENGTH = 8;

export function generateInviteCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** How an invite code is stored: an HMAC under the database's secret (see databaseSecret). */
export function hashInviteCode(code: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(code.trim().toUpperCase()).digest("hex");
}

/** Codes issued before keyed hashes were stored as plain SHA-256; they still work until they expire. */
function legacyHash(code: string): string {
  return createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}

/** Could this text be an invite code someone pasted? */
export function looksLikeInviteCode(text: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`, "i").test(text.trim());
}

export interface IssuedInvite {
  memberId: number;
  fullName: string;
  code: string;
  expiresAt: Date;
  /** Unused, unexpired codes the member already had: they keep working. */
  earlierValid: number;
}

/**
 * Issues fresh codes for the given members, or every unlinked member of the branch; earlier codes stay valid until they
 * expire.
 */
export async function issueInvites(
  db: Db,
  opts: { branchId: number; memberIds?: number[]; ttlDays: number; clock: Clock; actor: string },
): Promise<IssuedInvite[]> {
  const members = await db.member.findMany({
    where: {
      branchId: opts.branchId,
      leftAt: null,
      ...(opts.memberIds ? { id: { in: opts.memberIds } } : { accounts: { none: {} } }),
    },
    orderBy: { id: "asc" },
  });
  const expiresAt = new Date(opts.clock().getTime() + opts.ttlDays * 86_400_000);
  const issued: IssuedInvite[] = [];
  await db.$transaction(async (tx) => {
    const now = opts.clock();
    for (const m of members) {
      // Codes handed out earlier stay valid until used or expired: a printed sheet never silently stops working.
      const earlierValid = await tx.inviteCode.count({
        where: { memberId: m.id, usedAt: null, expiresAt: { gt: now } },
      });
      const code = generateInviteCode();
      await tx.inviteCode.create({
        data: { memberId: m.id, codeHash: hashInviteCode(code, databaseSecret(db)), expiresAt },
      });
      issued.push({ memberId: m.id, fullName: m.fullName, code, expiresAt, earlierValid });
    }
    await audit(tx, {
      actor: opts.actor,
      action: "invites.issue",
      branchId: opts.branchId,
      details: { count: members.length },
    });
  });
  return issued;
}

export interface AccountRef {
  channel: Channel;
  externalId: string;
  chatId: string;
}

export type LinkResult =
  | { type: "linked"; memberId: number; fullName: string; branchName: string; replacedOther: boolean }
  | { type: "already_linked"; fullName: string }
  | { type: "invalid" | "used" | "expired" | "throttled" | "not_own_contact" | "no_match" | "ambiguous" | "bad_phone" };

async function recentFailures(db: Db, account: AccountRef, now: Date): Promise<number> {
  return db.linkAttempt.count({
    where: {
      channel: account.channel,
      externalId: account.externalId,
      at: { gte: new Date(now.getTime() - 3_600_000) },
    },
  });
}

/** Wrong codes from every account together in the last hour: fresh accounts do not get fresh tries. */
async function recentFailuresEverywhere(db: Db, now: Date): Promise<number> {
  return db.linkAttempt.count({ where: { at: { gte: new Date(now.getTime() - 3_600_000) } } });
}

async function fail(db: Db, account: AccountRef, type: LinkResult["type"], now: Date): Promise<LinkResult> {
  await db.linkAttempt.create({ data: { channel: account.channel, externalId: account.externalId, at: now } });
  return { type } as LinkResult;
}

async function linkAccount(
  db: Db,
  account: AccountRef,
  memberId: number,
  how: string,
  now: Date,
  inviteId?: number,
): Promise<LinkResult> {
  return db.$transaction(async (tx) => {
    const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, include: { branch: true } });
    const previous = await tx.channelAccount.findUnique({
      where: { memberId_channel: { memberId, channel: account.channel } },
    });
    if (previous) await tx.channelAccount.delete({ where: { id: previous.id } });
    await tx.channelAccount.create({
      data: {
        channel: account.channel,
        externalId: account.externalId,
        chatId: account.chatId,
        memberId,
        linkedAt: now,
        lastSeenAt: now,
      },
    });
    if (inviteId !== undefined) await tx.inviteCode.update({ where: { id: inviteId }, data: { usedAt: now } });
    await audit(tx, {
      actor: memberActor(memberId),
      action: "account.link",
      branchId: member.branchId,
      targetMemberId: memberId,
      details: { channel: account.channel, how, replacedOther: previous !== null },
    });
    return {
      type: "linked",
      memberId,
      fullName: member.fullName,
      branchName: member.branch.name,
      replacedOther: previous !== null,
    };
  });
}

async function existingLink(db: Db, account: AccountRef) {
  return db.channelAccount.findUnique({
    where: { channel_externalId: { channel: account.channel, externalId: account.externalId } },
    include: { member: true },
  });
}

export async function linkByCode(
  db: Db,
  opts: {
    account: AccountRef;
    code: string;
    clock: Clock;
    maxFailuresPerHour: number;
    maxFailuresPerHourEverywhere?: number;
  },
): Promise<LinkResult> {
  const now = opts.clock();
  const current = await existingLink(db, opts.account);
  if (current && !current.member.leftAt) return { type: "already_linked", fullName: current.member.fullName };
  if ((await recentFailures(db, opts.account, now)) >= opts.maxFailuresPerHour) return { type: "throttled" };
  if ((await recentFailuresEverywhere(db, now)) >= (opts.maxFailuresPerHourEverywhere ?? 50))
    return { type: "throttled" };
  const invite =
    (await db.inviteCode.findUnique({
      where: { codeHash: hashInviteCode(opts.code, databaseSecret(db)) },
      include: { member: true },
    })) ?? (await db.inviteCode.findUnique({ where: { codeHash: legacyHash(opts.code) }, include: { member: true } }));
  if (!invite || invite.member.leftAt) return fail(db, opts.account, "invalid", now);
  if (invite.usedAt) return fail(db, opts.account, "used", now);
  if (invite.expiresAt <= now) return fail(db, opts.account, "expired", now);
  return linkAccount(db, opts.account, invite.memberId, "invite", now, invite.id);
}

export async function linkByPhone(
  db: Db,
  opts: { account: AccountRef; phone: string; contactUserId: string | null; clock: Clock; maxFailuresPerHour: number },
): Promise<LinkResult> {
  const now = opts.clock();
  const current = await existingLink(db, opts.account);
  if (current && !current.member.leftAt) return { type: "already_linked", fullName: current.member.fullName };
  if ((await recentFailures(db, opts.account, now)) >= opts.maxFailuresPerHour) return { type: "throttled" };
  // Only the sender's own contact proves the number is his/hers.
  if (opts.contactUserId !== opts.account.externalId) return fail(db, opts.account, "not_own_contact", now);
  const phone = normalisePhone(opts.phone);
  if (!phone) return fail(db, opts.account, "bad_phone", now);
  const matches = await db.member.findMany({ where: { phone, leftAt: null }, select: { id: true }, take: 2 });
  if (matches.length === 0) return fail(db, opts.account, "no_match", now);
  if (matches.length > 1) return fail(db, opts.account, "ambiguous", now);
  return linkAccount(db, opts.account, matches[0]!.id, "phone", now);
}

/** Removes a member's account on a channel. Returns false when there was none. */
export async function unlink(db: Db, opts: { memberId: number; channel: Channel; actor: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const acc = await tx.channelAccount.findUnique({
      where: { memberId_channel: { memberId: opts.memberId, channel: opts.channel } },
      include: { member: true },
    });
    if (!acc) return false;
    await tx.channelAccount.delete({ where: { id: acc.id } });
    await audit(tx, {
      actor: opts.actor,
      action: "account.unlink",
      branchId: acc.member.branchId,
      targetMemberId: opts.memberId,
      details: { channel: opts.channel },
    });
    return true;
  });
}

// ——— The use cases as chat and the command line call them ———

/** A chat account sends an invite code. */
export function linkWithCode(deps: ServiceDeps, account: AccountRef, code: string): Promise<LinkResult> {
  const s = deps.settings;
  return linkByCode(deps.db, {
    account,
    code,
    clock: deps.clock,
    maxFailuresPerHour: s.linkMaxFailuresPerHour,
    ...(s.linkMaxFailuresAllPerHour ? { maxFailuresPerHourEverywhere: s.linkMaxFailuresAllPerHour } : {}),
  });
}

/** A chat account shares its own contact (Telegram): linked when the phone matches one member. */
export function linkWithPhone(
  deps: ServiceDeps,
  account: AccountRef,
  phone: string,
  contactUserId: string | null,
): Promise<LinkResult> {
  return linkByPhone(deps.db, {
    account,
    phone,
    contactUserId,
    clock: deps.clock,
    maxFailuresPerHour: deps.settings.linkMaxFailuresPerHour,
  });
}

/** A member unlinks the chat account he/she writes from. */
export function unlinkSelf(deps: ServiceDeps, actor: Actor, channel: Channel): Promise<boolean> {
  if (actor.id === null) return Promise.resolve(false);
  return unlink(deps.db, { memberId: actor.id, channel, actor: actor.label });
}

/**
 * A leader (or committee staff) unlinks every chat account of a member of the branch: a lost phone, a shared
 * account. The member is told on the account he/she was reached on. Returns how many accounts went.
 */
export async function unlinkMember(deps: ServiceDeps, actor: Actor, memberId: number, noticeKey: string) {
  const target = await deps.db.member.findUnique({ where: { id: memberId } });
  if (!target) throw new ServiceError("member.not_found");
  assertLeaderOf(actor, target.branchId, "account.unlink");
  const before = (await deliveryTargets(deps.db, [target.id])).get(target.id);
  const accounts = await deps.db.channelAccount.findMany({ where: { memberId: target.id } });
  let removed = 0;
  for (const a of accounts)
    if (await unlink(deps.db, { memberId: target.id, channel: a.channel, actor: actor.label })) removed++;
  if (before && actor.id !== target.id) {
    await deps.outbox.enqueue([
      {
        key: `unlinked-by-leader:${target.id}:${noticeKey}`,
        channel: before.channel,
        chatId: before.chatId,
        priority: "reply",
        kind: "notice",
        message: { text: t.unlinkedByLeader },
      },
    ]);
  }
  return { fullName: target.fullName, removed };
}

/** Fresh invite codes for some members of a branch, or for all who are not linked. */
export async function issueInvitesFor(
  deps: ServiceDeps,
  actor: Actor,
  input: { branchId: number; memberIds?: number[] },
): Promise<IssuedInvite[]> {
  assertLeaderOf(actor, input.branchId, "invites.issue");
  return issueInvites(deps.db, {
    branchId: input.branchId,
    ...(input.memberIds ? { memberIds: input.memberIds } : {}),
    ttlDays: deps.settings.inviteTtlDays,
    clock: deps.clock,
    actor: actor.label,
  });
}

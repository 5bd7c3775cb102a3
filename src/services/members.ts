/** Members, roles and the accounts that reach them. */
import { ROLE_LABELS as ROLE_TEXTS } from "../texts/common.ts";
import type { Db } from "../db/client.ts";
import { hotQueries } from "../db/hot-queries.ts";
import type { Channel } from "../messaging/types.ts";
import { audit } from "./audit.ts";
import { ServiceError } from "./errors.ts";
import { inSlices } from "./slices.ts";

export const ROLES = ["member", "secretary", "deputy", "collector", "committee"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = ROLE_TEXTS;

/** Secretaries and deputies lead the branch: meetings, answers, attendance. */
export function isLeader(member: { role: string }): boolean {
  return member.role === "secretary" || member.role === "deputy";
}

export async function findMemberByAccount(db: Db, channel: Channel, externalId: string) {
  const found = await hotQueries(db).accountWithMember(channel, externalId);
  if (!found || found.member.leftAt) return null;
  return found;
}

export type MemberWithBranch = NonNullable<Awaited<ReturnType<typeof findMemberByAccount>>>["member"];

export interface DeliveryTarget {
  memberId: number;
  channel: Channel;
  chatId: string;
}

/**
 * Where to reach each member: one reachable account, so a member linked on
 * both Telegram and Zalo gets each reminder once. The member's preferred
 * channel wins; otherwise the one used most recently. Members with no
 * reachable account are absent from the map.
 */
export async function deliveryTargets(
  db: Db,
  memberIds: number[],
  exclude?: { memberId: number; channel: Channel },
): Promise<Map<number, DeliveryTarget>> {
  if (memberIds.length === 0) return new Map();
  // A member's accounts all fall in one slice, most recently seen first, as pickTargets expects.
  const accounts = await inSlices(memberIds, (slice) =>
    db.channelAccount.findMany({
      where: { memberId: { in: slice }, unreachableAt: null },
      orderBy: { lastSeenAt: "desc" },
      select: { memberId: true, channel: true, chatId: true, member: { select: { preferredChannel: true } } },
    }),
  );
  return pickTargets(accounts, exclude);
}

/** All reachable members of some branches at once (for planning many reminders). */
export async function branchDeliveryTargets(db: Db, branchIds: number[]): Promise<Map<number, DeliveryTarget>> {
  const accounts = await hotQueries(db).reachableAccounts(branchIds);
  return pickTargets(
    accounts.map((a) => ({
      memberId: a.memberId,
      channel: a.channel,
      chatId: a.chatId,
      member: { preferredChannel: a.preferredChannel },
    })),
  );
}

type AccountChoice = {
  memberId: number;
  channel: Channel;
  chatId: string;
  member: { preferredChannel: Channel | null };
};

/** Accounts ordered by last use: the preferred channel wins, otherwise the first (most recent). */
function pickTargets(
  accounts: AccountChoice[],
  exclude?: { memberId: number; channel: Channel },
): Map<number, DeliveryTarget> {
  const result = new Map<number, DeliveryTarget>();
  for (const a of accounts) {
    if (exclude && exclude.memberId === a.memberId && exclude.channel === a.channel) continue;
    const current = result.get(a.memberId);
    const preferred = a.member.preferredChannel === a.channel;
    if (!current || (preferred && current.channel !== a.channel)) {
      result.set(a.memberId, { memberId: a.memberId, channel: a.channel, chatId: a.chatId });
    }
  }
  return result;
}

/** Linked secretaries and deputies of a branch, with where to reach them. */
export async function branchLeaders(db: Db, branchId: number): Promise<DeliveryTarget[]> {
  const leaders = await db.member.findMany({
    where: { branchId, leftAt: null, role: { in: ["secretary", "deputy"] } },
    select: { id: true },
  });
  const targets = await deliveryTargets(
    db,
    leaders.map((l) => l.id),
  );
  return [...targets.values()];
}

/** A branch has one secretary (bí thư chi bộ); a second one is refused unless the first is replaced. */
export class SecretaryTakenError extends ServiceError {
  constructor(readonly current: { id: number; fullName: string }) {
    super("role.secretary_taken", { name: current.fullName, memberId: current.id });
  }
}

export interface RoleChange {
  member: { id: number; fullName: string; role: string };
  /** The former secretary who became a plain member, when --replace took the post. */
  replaced: { id: number; fullName: string } | null;
}

/** Sets a member's role; one secretary per branch. Audited. */
export async function setRole(
  db: Db,
  actor: { label: string },
  input: { memberId: number; role: Role; replace?: boolean },
): Promise<RoleChange> {
  return db.$transaction(async (tx) => {
    const member = await tx.member.findUniqueOrThrow({ where: { id: input.memberId } });
    let replaced: RoleChange["replaced"] = null;
    if (input.role === "secretary") {
      const current = await tx.member.findFirst({
        where: { branchId: member.branchId, leftAt: null, role: "secretary", id: { not: member.id } },
      });
      if (current && !input.replace) throw new SecretaryTakenError(current);
      if (current) {
        await tx.member.update({ where: { id: current.id }, data: { role: "member" } });
        await audit(tx, {
          actor: actor.label,
          action: "member.role",
          branchId: member.branchId,
          targetMemberId: current.id,
          details: { from: "secretary", to: "member" },
        });
        replaced = { id: current.id, fullName: current.fullName };
      }
    }
    const updated = await tx.member.update({ where: { id: member.id }, data: { role: input.role } });
    await audit(tx, {
      actor: actor.label,
      action: "member.role",
      branchId: member.branchId,
      targetMemberId: member.id,
      details: { from: member.role, to: input.role },
    });
    return { member: updated, replaced };
  });
}

/** Names of the members holding the secretary post in a branch (more than one is an error). */
export async function secretariesOf(
  db: Pick<Db, "member">,
  branchId: number,
): Promise<{ id: number; fullName: string }[]> {
  return db.member.findMany({
    where: { branchId, leftAt: null, role: "secretary" },
    select: { id: true, fullName: true },
    orderBy: { id: "asc" },
  });
}

/**
 * The organisation's own records: organisations, branches and their settings,
 * members and their accounts, the fee table. Committee staff use these from the
 * command line; branch leaders read their own branch's members from chat.
 * Every write checks the actor, runs in one transaction and is audited.
 */
import { parseScheduleRule } from "../domain/schedule.ts";
import { normalisePhone } from "../domain/phone.ts";
import { fold, sortByName } from "../domain/text.ts";
import type { FeeGroup, FeeRateKind, Month } from "../domain/fees.ts";
import type { Channel } from "../messaging/types.ts";
import { audit } from "./audit.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { isLeader } from "./members.ts";

function assertAdmin(actor: Actor, action: string): void {
  if (!actor.isAdmin) throw new NotAuthorisedError(action);
}

/** Reading a branch's members: its leaders and collectors, committee members, and the command line. */
function assertReadsBranch(actor: Actor, branchId: number, action: string): void {
  if (actor.isAdmin) return;
  if (actor.branchId === branchId && (isLeader(actor) || actor.role === "collector")) return;
  throw new NotAuthorisedError(action);
}

// ——— Members and their accounts ———

/** A member's linked chat accounts: the member him/herself, or a leader of the branch. */
export async function accountsOf(deps: ServiceDeps, actor: Actor, memberId: number) {
  const member = await deps.db.member.findUnique({ where: { id: memberId }, select: { branchId: true } });
  if (!member) throw new ServiceError("member.not_found");
  if (actor.id !== memberId) assertReadsBranch(actor, member.branchId, "member.accounts");
  return deps.db.channelAccount.findMany({
    where: { memberId },
    select: { channel: true, unreachableAt: true, linkedAt: true },
    orderBy: { channel: "asc" },
  });
}

/** Where a member's reminders go: one of his/her linked channels, or null for the one used last. */
export async function setPreferredChannel(
  deps: ServiceDeps,
  actor: Actor,
  channel: Channel | null,
): Promise<"ok" | "not_linked"> {
  if (actor.id === null || actor.branchId === null) throw new NotAuthorisedError("member.preferred_channel");
  const memberId = actor.id;
  if (channel && !(await deps.db.channelAccount.findFirst({ where: { memberId, channel } }))) return "not_linked";
  await deps.db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: memberId }, data: { preferredChannel: channel } });
    await audit(tx, {
      actor: actor.label,
      action: "member.preferred_channel",
      branchId: actor.branchId,
      targetMemberId: memberId,
      details: { value: channel ?? "auto" },
    });
  });
  return "ok";
}

/** Current members of a branch in Vietnamese name order (for pickers and lists). */
export async function branchMembers(
  deps: ServiceDeps,
  actor: Actor,
  branchId: number,
  opts: { linkedOnly?: boolean; exceptSelf?: boolean; take?: number } = {},
) {
  assertReadsBranch(actor, branchId, "member.list");
  const rows = await deps.db.member.findMany({
    where: {
      branchId,
      leftAt: null,
      ...(opts.linkedOnly ? { accounts: { some: {} } } : {}),
      ...(opts.exceptSelf && actor.id !== null ? { id: { not: actor.id } } : {}),
    },
    include: { accounts: { select: { channel: true, unreachableAt: true } } },
  });
  return sortByName(rows).slice(0, opts.take ?? rows.length);
}

/** One current member of a branch, or null (a stale button, a member who left). */
export async function memberOfBranch(deps: ServiceDeps, actor: Actor, branchId: number, memberId: number) {
  assertReadsBranch(actor, branchId, "member.read");
  return deps.db.member.findFirst({ where: { id: memberId, branchId, leftAt: null } });
}

/** A member of the branch by id, phone or full name (with or without diacritics), as staff type it. */
export async function findMemberInBranch(deps: ServiceDeps, actor: Actor, branchId: number, who: string) {
  assertReadsBranch(actor, branchId, "member.read");
  if (/^\d+$/.test(who) && who.length < 9) {
    const m = await deps.db.member.findFirst({ where: { id: Number(who), branchId, leftAt: null } });
    if (m) return m;
  }
  const phone = normalisePhone(who);
  const all = await deps.db.member.findMany({ where: { branchId, leftAt: null } });
  const matches = phone ? all.filter((m) => m.phone === phone) : all.filter((m) => fold(m.fullName) === fold(who));
  if (matches.length === 0) throw new ServiceError("member.no_match", { who });
  if (matches.length > 1) throw new ServiceError("member.many_match", { who, count: matches.length });
  return matches[0]!;
}

/** The self-review form kind, the admission date and a suspension: what the review's facts need. */
export async function setReviewInfo(
  deps: ServiceDeps,
  actor: Actor,
  memberId: number,
  data: { formKind?: string; admittedAt?: Date; suspended?: boolean },
) {
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: memberId } });
  if (!actor.isAdmin && !(actor.branchId === member.branchId && isLeader(actor)))
    throw new NotAuthorisedError("member.review_info");
  await deps.db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: member.id }, data });
    await audit(tx, {
      actor: actor.label,
      action: "member.review_info",
      branchId: member.branchId,
      targetMemberId: member.id,
      details: { form: data.formKind, suspended: data.suspended },
    });
  });
  return member;
}

// ——— Organisations and branches (committee staff) ———

export async function createOrganisation(deps: ServiceDeps, actor: Actor, name: string) {
  assertAdmin(actor, "org.create");
  const trimmed = name.trim();
  if (await deps.db.organisation.findUnique({ where: { name: trimmed } }))
    throw new ServiceError("org.exists", { name: trimmed });
  return deps.db.$transaction(async (tx) => {
    const created = await tx.organisation.create({ data: { name: trimmed } });
    await audit(tx, { actor: actor.label, action: "org.create", details: { id: created.id, name: trimmed } });
    return created;
  });
}

export async function organisations(deps: ServiceDeps, actor: Actor) {
  assertAdmin(actor, "org.list");
  return deps.db.organisation.findMany({ orderBy: { id: "asc" } });
}

export async function organisationByName(deps: ServiceDeps, actor: Actor, name: string) {
  assertAdmin(actor, "org.read");
  const org = await deps.db.organisation.findUnique({ where: { name } });
  if (!org) throw new ServiceError("org.not_found", { name });
  return org;
}

export const BRANCH_KINDS = ["residential", "school", "health", "police", "military", "cooperative", "other"] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];

export async function createBranch(
  deps: ServiceDeps,
  actor: Actor,
  input: { organisationId: number; code: string; name: string; kind: BranchKind },
) {
  assertAdmin(actor, "branch.create");
  if (!/^[a-z0-9_-]{2,32}$/i.test(input.code)) throw new ServiceError("branch.bad_code", { code: input.code });
  if (await deps.db.branch.findUnique({ where: { code: input.code } }))
    throw new ServiceError("branch.exists", { code: input.code, name: input.name });
  return deps.db.$transaction(async (tx) => {
    const created = await tx.branch.create({
      data: { organisationId: input.organisationId, code: input.code, name: input.name.trim(), kind: input.kind },
    });
    await audit(tx, {
      actor: actor.label,
      action: "branch.create",
      branchId: created.id,
      details: { code: input.code },
    });
    return created;
  });
}

export async function branches(deps: ServiceDeps, actor: Actor) {
  assertAdmin(actor, "branch.list");
  return deps.db.branch.findMany({
    orderBy: { code: "asc" },
    include: { organisation: true, _count: { select: { members: { where: { leftAt: null } } } } },
  });
}

export async function branchByCode(deps: ServiceDeps, actor: Actor, code: string) {
  const branch = await deps.db.branch.findUnique({ where: { code } });
  if (!branch) throw new ServiceError("branch.not_found", { code });
  if (!actor.isAdmin && actor.branchId !== branch.id) throw new NotAuthorisedError("branch.read");
  return branch;
}

/** The branches of an organisation, by name: a committee member's announcement picker, the command line. */
export async function branchesOfOrganisation(deps: ServiceDeps, actor: Actor, organisationId: number) {
  if (!actor.isAdmin) {
    const own = actor.branchId === null ? null : await deps.db.branch.findUnique({ where: { id: actor.branchId } });
    if (!own || own.organisationId !== organisationId || actor.role !== "committee")
      throw new NotAuthorisedError("branch.list");
  }
  return deps.db.branch.findMany({ where: { organisationId }, orderBy: { name: "asc" } });
}

/** The branch's regular meeting rule (parsed and stored as an RRULE), or null to stop generating meetings. */
export async function setBranchSchedule(
  deps: ServiceDeps,
  actor: Actor,
  branchId: number,
  schedule: { rule: string; time: string; place?: string } | null,
) {
  assertAdmin(actor, "branch.schedule");
  const rule = schedule ? parseScheduleRule(schedule.rule) : null;
  await deps.db.$transaction(async (tx) => {
    await tx.branch.update({
      where: { id: branchId },
      data: schedule
        ? {
            scheduleRule: rule,
            scheduleTime: schedule.time,
            ...(schedule.place ? { schedulePlace: schedule.place } : {}),
          }
        : { scheduleRule: null, scheduleTime: null },
    });
    await audit(tx, {
      actor: actor.label,
      action: "branch.schedule",
      branchId,
      details: schedule ? { rule, time: schedule.time } : { off: true },
    });
  });
  return rule;
}

export async function setBranchFees(
  deps: ServiceDeps,
  actor: Actor,
  branchId: number,
  input: { region?: number; collectionDay?: number },
) {
  assertAdmin(actor, "branch.fees");
  if (input.region !== undefined && ![1, 2, 3, 4].includes(input.region)) throw new ServiceError("branch.bad_region");
  const day = input.collectionDay;
  if (day !== undefined && !(Number.isInteger(day) && day >= 1 && day <= 28))
    throw new ServiceError("branch.bad_collection_day");
  return deps.db.$transaction(async (tx) => {
    const updated = await tx.branch.update({
      where: { id: branchId },
      data: {
        ...(input.region !== undefined ? { region: input.region } : {}),
        ...(day !== undefined ? { feeCollectionDay: day } : {}),
      },
    });
    await audit(tx, { actor: actor.label, action: "branch.fees", branchId, details: { region: input.region, day } });
    return updated;
  });
}

/** The last meetings of a branch, newest first. */
export async function recentMeetings(deps: ServiceDeps, actor: Actor, branchId: number, take = 24) {
  assertReadsBranch(actor, branchId, "meeting.list");
  return deps.db.meeting.findMany({ where: { branchId }, orderBy: { startsAt: "desc" }, take });
}

// ——— The fee table and members' fee records ———

export async function feeRates(deps: ServiceDeps, actor: Actor) {
  assertAdmin(actor, "fee.rates");
  const [rates, wages] = await Promise.all([
    deps.db.feeRate.findMany({ orderBy: [{ group: "asc" }, { effectiveFrom: "asc" }] }),
    deps.db.minimumWage.findMany({ orderBy: [{ region: "asc" }, { effectiveFrom: "asc" }] }),
  ]);
  return { rates, wages };
}

export async function setFeeRate(
  deps: ServiceDeps,
  actor: Actor,
  input: { group: FeeGroup; effectiveFrom: Month; kind: FeeRateKind; rateBp: number | null; flatAmount: number | null },
) {
  assertAdmin(actor, "fee.rate");
  const data = { kind: input.kind, rateBp: input.rateBp, flatAmount: input.flatAmount };
  await deps.db.$transaction(async (tx) => {
    await tx.feeRate.upsert({
      where: { group_effectiveFrom: { group: input.group, effectiveFrom: input.effectiveFrom } },
      create: { group: input.group, effectiveFrom: input.effectiveFrom, ...data },
      update: data,
    });
    await audit(tx, {
      actor: actor.label,
      action: "fee.rate",
      details: { group: input.group, from: input.effectiveFrom, ...data },
    });
  });
}

export async function setMinimumWage(
  deps: ServiceDeps,
  actor: Actor,
  input: { region: number; amount: number; effectiveFrom: Month },
) {
  assertAdmin(actor, "fee.wage");
  await deps.db.$transaction(async (tx) => {
    await tx.minimumWage.upsert({
      where: { region_effectiveFrom: { region: input.region, effectiveFrom: input.effectiveFrom } },
      create: { region: input.region, amount: input.amount, effectiveFrom: input.effectiveFrom },
      update: { amount: input.amount },
    });
    await audit(tx, {
      actor: actor.label,
      action: "fee.wage",
      details: { region: input.region, amount: input.amount, from: input.effectiveFrom },
    });
  });
}

/** A member's fee group, base and the month the ledger starts: what the command line's `fee member` sets. */
export async function setMemberFee(
  deps: ServiceDeps,
  actor: Actor,
  memberId: number,
  data: { feeGroup?: FeeGroup; feeBase?: number | null; feesFromMonth?: string },
) {
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: memberId } });
  if (!actor.isAdmin && !(actor.branchId === member.branchId && (isLeader(actor) || actor.role === "collector")))
    throw new NotAuthorisedError("fee.member");
  return deps.db.$transaction(async (tx) => {
    const updated = await tx.member.update({ where: { id: memberId }, data });
    await audit(tx, {
      actor: actor.label,
      action: "fee.member",
      branchId: member.branchId,
      targetMemberId: memberId,
      // Whether the base changed, never the salary itself.
      details: { group: data.feeGroup, base: data.feeBase !== undefined, from: data.feesFromMonth },
    });
    return updated;
  });
}

/** An exemption or a reduction of a member's fee for some months. */
export async function addFeeAdjustment(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    memberId: number;
    kind: "exempt" | "reduce";
    percent: number | null;
    from: Month;
    to: Month;
    reason: string;
  },
) {
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: input.memberId } });
  if (!actor.isAdmin && !(actor.branchId === member.branchId && isLeader(actor)))
    throw new NotAuthorisedError("fee.adjust");
  await deps.db.$transaction(async (tx) => {
    await tx.feeAdjustment.create({
      data: {
        memberId: member.id,
        kind: input.kind,
        percent: input.percent,
        fromMonth: input.from,
        toMonth: input.to,
        reason: input.reason,
        createdBy: actor.label,
      },
    });
    await audit(tx, {
      actor: actor.label,
      action: "fee.adjust",
      branchId: member.branchId,
      targetMemberId: member.id,
      details: { exempt: input.kind === "exempt", reduce: input.percent, from: input.from, to: input.to },
    });
  });
  return member;
}

/** Every entry of a member's fee ledger, oldest first. */
export async function feeEntries(deps: ServiceDeps, actor: Actor, memberId: number) {
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: memberId } });
  if (actor.id !== memberId) assertReadsBranch(actor, member.branchId, "fee.ledger");
  return deps.db.feeEntry.findMany({ where: { memberId }, orderBy: { id: "asc" } });
}

/**
 * The yearly self-review (bản kiểm điểm): the campaign a secretary opens, who
 * takes part, each member's answers (kept as the questionnaire engine's state,
 * so the dialog resumes days later), submission, the final level the branch
 * records, progress and the branch report with the quota check.
 */
import { reviewDocumentTexts } from "../texts/documents.ts";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { allowedLevelsFor, buildSelfReviewForm, scoreTotals, formKindOf } from "../domain/forms/self-review.ts";
import { engineStateSchema, sectionOf, start, type EngineState } from "../domain/questionnaire.ts";
import {
  checkSplit,
  countLevels,
  DEFAULT_SPLIT,
  goodOrAboveShare,
  quotaCheck,
  type Level,
  type ScoreSplit,
  LEVELS,
} from "../domain/rating.ts";
import { formatDateTime, fromLocal, yearRange, type Clock } from "../domain/time.ts";
import { t } from "../texts/vi.ts";
import { sortByName } from "../domain/text.ts";
import { audit } from "./audit.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { deliveryTargets, isLeader } from "./members.ts";
import type { Actor } from "./meetings.ts";
import type { ServiceDeps } from "./deps.ts";

const splitSchema = z.object({
  general: z.record(z.string(), z.number().int()),
  tasks: z.record(z.string(), z.number().int()),
});

export function campaignSplit(campaign: { split: string }): ScoreSplit {
  return checkSplit(splitSchema.parse(JSON.parse(campaign.split)));
}

function assertLeader(actor: Actor, branchId: number, action: string): void {
  if (actor.isAdmin) return;
  if (actor.branchId !== branchId || !isLeader(actor)) throw new NotAuthorisedError(action);
}

export async function openCampaign(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { branchId: number; year: number; deadline: Date; timeZone: string; split?: ScoreSplit; quotaShare?: number },
) {
  assertLeader(actor, input.branchId, "review.open");
  const now = clock();
  // The branch meets to rate its members on the last days of the year: the deadline comes before 31/12 (local time).
  const lastDay = fromLocal({ year: input.year, month: 12, day: 31, hour: 0, minute: 0 }, input.timeZone);
  if (input.deadline <= now) throw new ServiceError("review.deadline_past");
  if (input.deadline >= lastDay) throw new ServiceError("review.deadline_after_year", { year: input.year });
  const split = checkSplit(input.split ?? DEFAULT_SPLIT);
  const existing = await db.reviewCampaign.findUnique({
    where: { branchId_year: { branchId: input.branchId, year: input.year } },
  });
  if (existing) throw new ServiceError("review.already_open", { year: input.year });
  const campaign = await db.reviewCampaign.create({
    data: {
      branchId: input.branchId,
      year: input.year,
      deadline: input.deadline,
      split: JSON.stringify(split),
      quotaShare: input.quotaShare ?? 0.2,
      createdBy: actor.label,
    },
  });
  await audit(db, {
    actor: actor.label,
    action: "review.open",
    branchId: input.branchId,
    details: { year: input.year, deadline: input.deadline.toISOString() },
  });
  return campaign;
}

export async function currentCampaign(db: Db, branchId: number) {
  return db.reviewCampaign.findFirst({ where: { branchId }, orderBy: { year: "desc" } });
}

export type NotTakingPart = "exempt" | "suspended" | "new";

/** Everyone takes part except members fully exempted, suspended, or admitted less than 6 months before the review. */
export async function participants(db: Db, campaign: { branchId: number; deadline: Date }) {
  const members = sortByName(await db.member.findMany({ where: { branchId: campaign.branchId, leftAt: null } }));
  const sixMonthsBefore = new Date(campaign.deadline);
  sixMonthsBefore.setUTCMonth(sixMonthsBefore.getUTCMonth() - 6);
  const taking: typeof members = [];
  const notTaking: { member: (typeof members)[number]; reason: NotTakingPart }[] = [];
  for (const m of members) {
    if (m.exemption === "full") notTaking.push({ member: m, reason: "exempt" });
    else if (m.suspended) notTaking.push({ member: m, reason: "suspended" });
    else if (m.admittedAt && m.admittedAt > sixMonthsBefore) notTaking.push({ member: m, reason: "new" });
    else taking.push(m);
  }
  return { taking, notTaking };
}

/** What the bot already knows, for the member to confirm: meetings attended and fee months paid this year. */
export async function reviewFacts(
  db: Db,
  member: { id: number; branchId: number; fullName: string },
  year: number,
  branchName: string,
  timeZone: string,
) {
  const { from, to } = yearRange(year, timeZone);
  const held = await db.meeting.findMany({
    where: { branchId: member.branchId, status: "held", startsAt: { gte: from, lt: to } },
    select: { id: true },
  });
  const attended = await db.response.count({
    where: { memberId: member.id, attendance: "present", meetingId: { in: held.map((m) => m.id) } },
  });
  const paid = await db.feeEntry.findMany({
    where: { memberId: member.id, status: "confirmed", month: { startsWith: `${year}-` } },
    select: { month: true, amount: true },
  });
  const perMonth = new Map<string, number>();
  for (const e of paid) perMonth.set(e.month, (perMonth.get(e.month) ?? 0) + e.amount);
  return {
    fullName: member.fullName,
    branch: branchName,
    year: String(year),
    attended: String(attended),
    held: String(held.length),
    feeMonthsPaid: String([...perMonth.values()].filter((v) => v > 0).length),
  };
}

export type ReviewAccess =
  | {
      type: "ok";
      review: Awaited<ReturnType<Db["selfReview"]["findUniqueOrThrow"]>>;
      campaign: Awaited<ReturnType<Db["reviewCampaign"]["findUniqueOrThrow"]>>;
    }
  | { type: "none" | "not_taking" | "locked"; reason?: NotTakingPart };

/** The member's review in the branch's current campaign, started if needed. */
export async function reviewForMember(
  db: Db,
  clock: Clock,
  member: { id: number; branchId: number; formKind: string },
): Promise<ReviewAccess> {
  const campaign = await currentCampaign(db, member.branchId);
  if (!campaign) return { type: "none" };
  const { notTaking } = await participants(db, campaign);
  const excluded = notTaking.find((n) => n.member.id === member.id);
  if (excluded) return { type: "not_taking", reason: excluded.reason };
  let review = await db.selfReview.findUnique({
    where: { campaignId_memberId: { campaignId: campaign.id, memberId: member.id } },
  });
  if (!review) {
    const form = formKindOf(member.formKind);
    const def = buildSelfReviewForm(form, campaignSplit(campaign));
    review = await db.selfReview.create({
      data: { campaignId: campaign.id, memberId: member.id, form, state: JSON.stringify(start(def)) },
    });
  }
  const closed = campaign.status === "locked" || campaign.deadline <= clock();
  if (closed && review.status !== "submitted") return { type: "locked" };
  return { type: "ok", review, campaign };
}

export function reviewState(review: { state: string }): EngineState {
  return engineStateSchema.parse(JSON.parse(review.state));
}

export async function saveReviewState(db: Db, reviewId: number, state: EngineState): Promise<void> {
  await db.selfReview.update({ where: { id: reviewId }, data: { state: JSON.stringify(state) } });
}

/** The proposed level is not one the score and the answers allow; whoever the caller, nothing is written. */
export class LevelNotAllowedError extends ServiceError {
  constructor(
    readonly level: Level,
    readonly allowed: Level[],
  ) {
    super("review.level_not_allowed", { level, allowed: allowed.join(",") });
  }
}

export async function submitReview(db: Db, clock: Clock, reviewId: number, level: Level): Promise<void> {
  const review = await db.selfReview.findUniqueOrThrow({ where: { id: reviewId }, include: { campaign: true } });
  const state = reviewState(review);
  const split = campaignSplit(review.campaign);
  const allowed = allowedLevelsFor(split, state.answers);
  if (!allowed.includes(level)) throw new LevelNotAllowedError(level, allowed);
  if (review.campaign.status === "locked") throw new ServiceError("review.locked");
  const { total } = scoreTotals(split, state.answers);
  await db.selfReview.update({
    where: { id: reviewId },
    data: { status: "submitted", submittedAt: clock(), total, proposedLevel: level },
  });
  await audit(db, {
    actor: `member:${review.memberId}`,
    action: "review.submit",
    branchId: review.campaign.branchId,
    targetMemberId: review.memberId,
    details: { year: review.campaign.year },
  });
}

/** A submitted review can be reopened until the deadline, unless the secretary locked the campaign. */
export async function reopenReview(db: Db, clock: Clock, reviewId: number): Promise<void> {
  const review = await db.selfReview.findUniqueOrThrow({ where: { id: reviewId }, include: { campaign: true } });
  if (review.campaign.status === "locked") throw new ServiceError("review.locked");
  if (review.campaign.deadline <= clock()) throw new ServiceError("review.past_deadline");
  await db.selfReview.update({
    where: { id: reviewId },
    data: { status: "in_progress", proposedLevel: null, submittedAt: null },
  });
}

export interface ProgressRow {
  memberId: number;
  fullName: string;
  status: "not_started" | "in_progress" | "submitted";
  section: string | null;
}

export async function reviewProgress(db: Db, actor: Actor, campaignId: number) {
  const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  assertLeader(actor, campaign.branchId, "review.progress");
  const { taking, notTaking } = await participants(db, campaign);
  const reviews = await db.selfReview.findMany({ where: { campaignId } });
  const split = campaignSplit(campaign);
  const rows: ProgressRow[] = taking.map((m) => {
    const r = reviews.find((x) => x.memberId === m.id);
    if (!r) return { memberId: m.id, fullName: m.fullName, status: "not_started", section: null };
    if (r.status === "submitted") return { memberId: m.id, fullName: m.fullName, status: "submitted", section: null };
    const state = reviewState(r);
    const def = buildSelfReviewForm(formKindOf(r.form), split);
    const answered = Object.keys(state.answers).length;
    if (answered === 0) return { memberId: m.id, fullName: m.fullName, status: "not_started", section: null };
    return {
      memberId: m.id,
      fullName: m.fullName,
      status: "in_progress",
      section: state.current ? (sectionOf(def, state.current)?.title ?? null) : reviewDocumentTexts.selfRating,
    };
  });
  return { campaign, rows, notTaking };
}

/** The branch records the level decided at its meeting. */
export async function recordFinalLevel(
  db: Db,
  clock: Clock,
  actor: Actor,
  reviewId: number,
  level: Level,
): Promise<void> {
  const review = await db.selfReview.findUniqueOrThrow({ where: { id: reviewId }, include: { campaign: true } });
  assertLeader(actor, review.campaign.branchId, "review.final");
  if (review.status !== "submitted") throw new ServiceError("review.not_submitted");
  await db.selfReview.update({
    where: { id: reviewId },
    data: { finalLevel: level, finalBy: actor.label, finalAt: clock() },
  });
  await audit(db, {
    actor: actor.label,
    action: "review.final",
    branchId: review.campaign.branchId,
    targetMemberId: review.memberId,
    details: { year: review.campaign.year },
  });
}

export async function ratingReport(db: Db, actor: Actor, campaignId: number) {
  const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  assertLeader(actor, campaign.branchId, "review.report");
  const reviews = await db.selfReview.findMany({ where: { campaignId, status: "submitted" } });
  const proposed = countLevels(reviews.flatMap((r) => (r.proposedLevel ? [r.proposedLevel] : [])));
  const final = countLevels(reviews.flatMap((r) => (r.finalLevel ? [r.finalLevel] : [])));
  return {
    campaign,
    proposed,
    final,
    proposedQuota: quotaCheck(proposed, campaign.quotaShare),
    finalQuota: quotaCheck(final, campaign.quotaShare),
    proposedGood: goodOrAboveShare(proposed),
    finalGood: goodOrAboveShare(final),
  };
}

export async function lockCampaign(db: Db, clock: Clock, actor: Actor, campaignId: number): Promise<void> {
  const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  assertLeader(actor, campaign.branchId, "review.lock");
  await db.reviewCampaign.update({
    where: { id: campaignId },
    data: { status: "locked", lockedAt: campaign.lockedAt ?? clock() },
  });
  await audit(db, {
    actor: actor.label,
    action: "review.lock",
    branchId: campaign.branchId,
    details: { year: campaign.year },
  });
}

/** The committee's view: every branch of the organisation for a year. */
export async function organisationRatings(db: Db, actor: Actor, organisationId: number, year: number) {
  if (!actor.isAdmin && actor.role !== "committee") throw new NotAuthorisedError("review.organisation");
  const campaigns = await db.reviewCampaign.findMany({
    where: {
      year,
      branchId: {
        in: (await db.branch.findMany({ where: { organisationId }, select: { id: true } })).map((b) => b.id),
      },
    },
  });
  const branches = await db.branch.findMany({ where: { id: { in: campaigns.map((c) => c.branchId) } } });
  const rows = [];
  for (const c of campaigns) {
    const reviews = await db.selfReview.findMany({ where: { campaignId: c.id, status: "submitted" } });
    const proposed = countLevels(reviews.flatMap((r) => (r.proposedLevel ? [r.proposedLevel] : [])));
    const final = countLevels(reviews.flatMap((r) => (r.finalLevel ? [r.finalLevel] : [])));
    rows.push({
      branch: branches.find((b) => b.id === c.branchId)?.name ?? `#${c.branchId}`,
      submitted: reviews.length,
      proposed,
      final,
      finalGood: goodOrAboveShare(final),
      quota: quotaCheck(final, c.quotaShare),
    });
  }
  const total = countLevels(rows.flatMap((r) => LEVELS.flatMap((l) => Array<Level>(r.final[l]).fill(l))));
  return {
    rows: rows.sort((a, b) => a.branch.localeCompare(b.branch, "vi")),
    total,
    totalGood: goodOrAboveShare(total),
  };
}

// ——— Reading campaigns and reviews, for leaders (chat) and staff (command line) ———

/** A branch's campaign of a year, or null. */
export async function campaignOf(deps: ServiceDeps, actor: Actor, branchId: number, year: number) {
  if (!actor.isAdmin && actor.branchId !== branchId) throw new NotAuthorisedError("review.read");
  return deps.db.reviewCampaign.findUnique({ where: { branchId_year: { branchId, year } } });
}

/** The submitted reviews of a campaign with their members, in Vietnamese name order. */
export async function submittedReviews(deps: ServiceDeps, actor: Actor, campaignId: number) {
  const campaign = await deps.db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  assertLeads(actor, campaign.branchId);
  const reviews = await deps.db.selfReview.findMany({ where: { campaignId, status: "submitted" } });
  const members = sortByName(
    await deps.db.member.findMany({
      where: { id: { in: reviews.map((r) => r.memberId) } },
      select: { id: true, fullName: true },
    }),
  );
  return members.map((m) => ({ member: m, review: reviews.find((r) => r.memberId === m.id)! }));
}

/**
 * One review with its campaign and member, for a leader of the branch; null when it is not the actor's branch's
 * or (with submittedOnly) not submitted.
 */
export async function reviewWithMember(
  deps: ServiceDeps,
  actor: Actor,
  reviewId: number,
  opts: { submittedOnly?: boolean } = {},
) {
  const review = await deps.db.selfReview.findUnique({ where: { id: reviewId }, include: { campaign: true } });
  if (!review || (!actor.isAdmin && review.campaign.branchId !== actor.branchId)) return null;
  if (opts.submittedOnly && review.status !== "submitted") return null;
  assertLeads(actor, review.campaign.branchId);
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: review.memberId } });
  return { review, member };
}

function assertLeads(actor: Actor, branchId: number): void {
  if (actor.isAdmin) return;
  if (actor.branchId !== branchId || !isLeader(actor)) throw new NotAuthorisedError("review.read");
}

/** Only the member whose review it is may save, submit or reopen it. */
async function assertOwnReview(deps: ServiceDeps, actor: Actor, reviewId: number): Promise<void> {
  const review = await deps.db.selfReview.findUnique({ where: { id: reviewId }, select: { memberId: true } });
  if (!review || review.memberId !== actor.id) throw new NotAuthorisedError("review.own");
}

export async function saveOwnReviewState(deps: ServiceDeps, actor: Actor, reviewId: number, state: EngineState) {
  await assertOwnReview(deps, actor, reviewId);
  await saveReviewState(deps.db, reviewId, state);
}

export async function submitOwnReview(deps: ServiceDeps, actor: Actor, reviewId: number, level: Level) {
  await assertOwnReview(deps, actor, reviewId);
  await submitReview(deps.db, deps.clock, reviewId, level);
}

export async function reopenOwnReview(deps: ServiceDeps, actor: Actor, reviewId: number) {
  await assertOwnReview(deps, actor, reviewId);
  await reopenReview(deps.db, deps.clock, reviewId);
}

/** The member's own review of the branch's current campaign (created on first use). */
export function ownReview(deps: ServiceDeps, actor: Actor, member: { id: number; branchId: number; formKind: string }) {
  if (actor.id !== member.id) throw new NotAuthorisedError("review.own");
  return reviewForMember(deps.db, deps.clock, member);
}

/**
 * The member's own review ready to fill in (chat and web alike): the form, where it stands and the facts its
 * questions quote; or why it cannot be opened (no campaign, not taking part, closed).
 */
export async function ownReviewForm(
  deps: ServiceDeps,
  actor: Actor,
  member: { id: number; branchId: number; fullName: string; formKind: string; branch: { name: string } },
) {
  const access = await ownReview(deps, actor, member);
  if (access.type !== "ok") return access;
  const split = campaignSplit(access.campaign);
  const def = buildSelfReviewForm(formKindOf(access.review.form), split);
  const state = reviewState(access.review);
  const facts = await reviewFacts(deps.db, member, access.campaign.year, member.branch.name, deps.settings.timeZone);
  return {
    type: "ok" as const,
    review: access.review,
    campaign: access.campaign,
    split,
    def,
    state,
    facts: { ...facts, total: String(scoreTotals(split, state.answers).total) },
  };
}

/** The member's own review of the current campaign, read only: its year, deadline and status (none: not started). */
export async function ownReviewStatus(deps: ServiceDeps, actor: Actor) {
  if (actor.id === null || actor.branchId === null) return null;
  const campaign = await currentCampaign(deps.db, actor.branchId);
  if (!campaign) return null;
  const review = await deps.db.selfReview.findUnique({
    where: { campaignId_memberId: { campaignId: campaign.id, memberId: actor.id } },
    select: { status: true },
  });
  return {
    year: campaign.year,
    deadline: campaign.deadline,
    status: review?.status ?? "not_started",
    open: campaign.status !== "locked" && campaign.deadline > deps.clock(),
  };
}

/** Opens the year's review and tells everyone taking part, the same from chat and the command line. */
export async function openReview(
  deps: ServiceDeps,
  actor: Actor,
  input: { branchId: number; year: number; deadline: Date; split?: ScoreSplit; quotaShare?: number },
) {
  const timeZone = deps.settings.timeZone;
  const campaign = await openCampaign(deps.db, deps.clock, actor, { ...input, timeZone });
  const { taking } = await participants(deps.db, campaign);
  const targets = await deliveryTargets(
    deps.db,
    taking.map((m) => m.id),
  );
  const invited = await deps.outbox.enqueue(
    [...targets.values()].map((target) => ({
      key: `review-open:${campaign.id}:${target.memberId}`,
      channel: target.channel,
      chatId: target.chatId,
      memberId: target.memberId,
      priority: "bulk" as const,
      kind: "review_invite",
      message: { text: t.reviewInvite(input.year, formatDateTime(input.deadline, timeZone)) },
    })),
  );
  return { campaign, invited };
}

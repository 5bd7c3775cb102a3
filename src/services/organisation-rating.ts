/**
 * The yearly rating of each branch as an organisation (QĐ 366): the branch
 * proposes a level from its scorecard score and the conditions it states; the
 * committee decides, never above what score and conditions allow; the share of
 * branches rated xuất sắc is shown against its quota (setting). The branch's
 * review report (after Mẫu 01) is pre-filled from the records as a Word document.
 */
import { Document, Packer } from "docx";
import { para } from "./docx-parts.ts";
import {
  levelAllowed,
  NO_CONDITIONS,
  organisationLevel,
  type RatingConditions,
} from "../domain/organisation-rating.ts";
import { countLevels, isLevel, LEVEL_LABELS, quotaCheck, type Level } from "../domain/rating.ts";
import { formatPercent } from "../domain/text.ts";
import { localParts } from "../domain/time.ts";
import { ratingReportTexts as r, reviewDocumentTexts as rd } from "../texts/documents.ts";
import { audit } from "./audit.ts";
import { committeeSettings, organisationActedFor } from "./committee-settings.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { isLeader } from "./members.ts";
import { branchYearQuality } from "./meeting-record.ts";
import { bareUnitName, unitHeading } from "./review-document.ts";
import { branchScorecards } from "./scorecard.ts";

function conditionsOf(json: string): RatingConditions {
  try {
    const parsed = JSON.parse(json) as Partial<RatingConditions>;
    return {
      allTasksDone: parsed.allTasksDone === true,
      exceeded30: parsed.exceeded30 === true,
      disciplined: parsed.disciplined === true,
      lateAtMost20: parsed.lateAtMost20 === true,
    };
  } catch {
    return NO_CONDITIONS;
  }
}

/** The branch's leaders propose for their branch; the committee (or the command line) for any of its branches. */
async function branchFor(deps: ServiceDeps, actor: Actor, branchId: number, action: string) {
  const branch = await deps.db.branch.findUnique({ where: { id: branchId } });
  if (!branch) throw new ServiceError("branch.not_found", { code: String(branchId) });
  if (!(actor.branchId === branchId && isLeader(actor)))
    await organisationActedFor(deps.db, actor, branch.organisationId);
  else if (action === "rating.decide") throw new NotAuthorisedError(action);
  return branch;
}

async function scoreOf(deps: ServiceDeps, branch: { id: number; organisationId: number }, year: number) {
  const system: Actor = { id: null, branchId: null, role: "admin", isAdmin: true, label: "system" };
  const view = await branchScorecards(deps, system, {
    year,
    organisationId: branch.organisationId,
    branchId: branch.id,
  });
  return view.rows[0]!;
}

/** The branch states its conditions and proposes a level (the highest allowed unless it names a lower one). */
export async function proposeRating(
  deps: ServiceDeps,
  actor: Actor,
  input: { branchId: number; year: number; conditions: RatingConditions; level?: Level },
) {
  const branch = await branchFor(deps, actor, input.branchId, "rating.propose");
  const settings = await committeeSettings(deps.db, branch.organisationId);
  const { score } = await scoreOf(deps, branch, input.year);
  const highest = organisationLevel(score, input.conditions, settings);
  const level = input.level ?? highest;
  if (!levelAllowed(level, highest)) throw new ServiceError("rating.level_not_allowed", { level, highest });
  const now = deps.clock();
  const data = {
    score,
    conditions: JSON.stringify(input.conditions),
    proposedLevel: level,
    proposedAt: now,
    proposedBy: actor.label,
  };
  await deps.db.$transaction(async (tx) => {
    await tx.branchRating.upsert({
      where: { branchId_year: { branchId: branch.id, year: input.year } },
      create: { branchId: branch.id, year: input.year, ...data },
      update: data,
    });
    await audit(tx, {
      actor: actor.label,
      action: "rating.propose",
      branchId: branch.id,
      details: { year: input.year, score, level },
    });
  });
  return { score, highest, level };
}

/** The committee decides a branch's level, at or below what its score and conditions allow. */
export async function decideRating(
  deps: ServiceDeps,
  actor: Actor,
  input: { branchId: number; year: number; level: Level; note?: string },
) {
  const branch = await branchFor(deps, actor, input.branchId, "rating.decide");
  const rating = await deps.db.branchRating.findUnique({
    where: { branchId_year: { branchId: branch.id, year: input.year } },
  });
  if (!rating) throw new ServiceError("rating.not_proposed");
  const settings = await committeeSettings(deps.db, branch.organisationId);
  const highest = organisationLevel(rating.score, conditionsOf(rating.conditions), settings);
  if (!levelAllowed(input.level, highest))
    throw new ServiceError("rating.level_not_allowed", { level: input.level, highest });
  const note = (input.note ?? "").trim().slice(0, 1000);
  await deps.db.$transaction(async (tx) => {
    await tx.branchRating.update({
      where: { branchId_year: { branchId: branch.id, year: input.year } },
      data: { decidedLevel: input.level, decidedAt: deps.clock(), decidedBy: actor.label, note },
    });
    await audit(tx, {
      actor: actor.label,
      action: "rating.decide",
      branchId: branch.id,
      details: { year: input.year, level: input.level },
    });
  });
  return { level: input.level, highest };
}

/** Every branch's proposal and decision, with the quota of xuất sắc against tốt. */
export async function ratingsOverview(deps: ServiceDeps, actor: Actor, year: number, organisationId?: number) {
  const org = await organisationActedFor(deps.db, actor, organisationId);
  const settings = await committeeSettings(deps.db, org);
  const branches = await deps.db.branch.findMany({ where: { organisationId: org }, orderBy: { code: "asc" } });
  const ratings = await deps.db.branchRating.findMany({
    where: { year, branchId: { in: branches.map((b) => b.id) } },
  });
  const rows = branches.map((b) => {
    const rating = ratings.find((x) => x.branchId === b.id) ?? null;
    const conditions = rating ? conditionsOf(rating.conditions) : null;
    return {
      branchId: b.id,
      code: b.code,
      name: b.name,
      score: rating?.score ?? null,
      conditions,
      highest: rating && conditions ? organisationLevel(rating.score, conditions, settings) : null,
      proposed: rating?.proposedLevel ?? null,
      decided: rating?.decidedLevel ?? null,
      note: rating?.note ?? "",
    };
  });
  const decided = rows.map((x) => x.decided).filter((l): l is Level => l !== null && isLevel(l));
  const counts = countLevels(decided);
  return {
    year,
    rows,
    counts,
    quota: quotaCheck(counts, settings.ratingExcellentQuota),
    share: settings.ratingExcellentQuota,
  };
}

/** One branch's proposal and decision (its leaders, or the committee). */
export async function ownRating(deps: ServiceDeps, actor: Actor, branchId: number, year: number) {
  const branch = await branchFor(deps, actor, branchId, "rating.read");
  const view = await ratingsOverview(
    deps,
    { id: null, branchId: null, role: "admin", isAdmin: true, label: "system" },
    year,
    branch.organisationId,
  );
  return view.rows.find((r) => r.branchId === branch.id) ?? null;
}

/** The branch's review report for the year (after Mẫu 01), pre-filled from its records, as a Word document. */
export async function branchReviewReport(deps: ServiceDeps, actor: Actor, branchId: number, year: number) {
  const branch = await branchFor(deps, actor, branchId, "rating.report");
  const { db } = deps;
  const tz = deps.settings.timeZone;
  const [org, card, quality, rating, members] = await Promise.all([
    db.organisation.findUniqueOrThrow({ where: { id: branch.organisationId } }),
    scoreOf(deps, branch, year),
    branchYearQuality(deps, branch.id, year),
    db.branchRating.findUnique({ where: { branchId_year: { branchId: branch.id, year } } }),
    db.member.count({ where: { branchId: branch.id, leftAt: null } }),
  ]);
  const f = card.figures;
  const pct = (v: number | null) => (v === null ? r.noData : formatPercent(v));
  const now = localParts(deps.clock(), tz);
  const p = para;
  const held = quality.length;
  const good = quality.filter((q) => q.quality.upToStandard).length;
  const thematic = quality.filter((q) => q.meeting.kind === "thematic").length;
  const children = [
    p(unitHeading(rd.partyBody, org.name), { bold: true }),
    p(unitHeading(rd.branchBody, branch.name), { bold: true }),
    p(rd.party, { bold: true, center: true }),
    p(r.dateLine(now.day, now.month, now.year), { italic: true, center: true }),
    p(r.title, { bold: true, center: true }),
    p(r.subtitle(bareUnitName(rd.branchBody, branch.name), year), { bold: true, center: true }),
    p(r.partOne, { bold: true }),
    p(r.members(members)),
    p(r.meetings(held, good, thematic)),
    p(r.attendance(pct(f.attendance))),
    p(r.fees(pct(f.fees_on_time))),
    p(r.levels(pct(f.good_or_above))),
    p(r.admissions(pct(f.admissions_vs_target))),
    p(r.partTwo, { bold: true }),
    ...card.card.results.map((x) =>
      p(
        r.indicator(
          x.indicator.group,
          x.indicator.label,
          x.value === null ? r.noData : r.value(x.indicator.kind, x.value),
          x.points,
          x.indicator.weight,
        ),
      ),
    ),
    p(r.score(card.score), { bold: true }),
    p(r.partThree, { bold: true }),
    p(r.proposed(rating ? LEVEL_LABELS[rating.proposedLevel] : null)),
    p(r.decided(rating?.decidedLevel ? LEVEL_LABELS[rating.decidedLevel] : null)),
    p(r.signer, { bold: true, center: true }),
    p(r.signHint, { italic: true, center: true }),
  ];
  const doc = new Document({ creator: "chibo", title: r.fileTitle(branch.name, year), sections: [{ children }] });
  return { filename: r.fileName(branch.code, year), buffer: await Packer.toBuffer(doc) };
}

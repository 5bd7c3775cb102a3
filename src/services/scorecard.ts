/**
 * The "chi bộ 4 tốt" scorecard across the organisation's branches: the
 * committee's criteria set (with a sample to start from), the values it enters
 * for its own indicators, the figures computed from chibo's records (meetings
 * and their quality, thematic meetings, attendance, fees paid on time, members'
 * levels, admissions against target, the committee member's attendance), each
 * branch's score for the year or the year to date, the ranking, and the XLSX.
 */
import { addMonths as addMonthsToMonth, monthsBetween } from "../domain/fees.ts";
import { countLevels, goodOrAboveShare, isLevel, type Level } from "../domain/rating.ts";
import {
  COMPUTED,
  COMPUTED_KIND,
  feesOnTimeShare,
  GROUPS,
  rankByScore,
  SAMPLE_CRITERIA,
  scorecard,
  type ComputedKey,
  type Group,
  type Indicator,
  type IndicatorKind,
  type Scorecard,
} from "../domain/scorecard.ts";
import { fromLocal, localParts, quarterOf, yearRange } from "../domain/time.ts";
import type { Db } from "../db/client.ts";
import { audit } from "./audit.ts";
import { committeeSettings, organisationActedFor } from "./committee-settings.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { statements } from "./fees.ts";
import { liaisonReport } from "./liaisons.ts";
import { branchYearQuality } from "./meeting-record.ts";
import { inSlices } from "./slices.ts";
import { isLeader } from "./members.ts";
import { tablesToXlsx } from "./reports.ts";
import { scorecardTexts as x } from "../texts/documents.ts";

const KINDS: IndicatorKind[] = ["percent", "count", "boolean"];

function toIndicator(row: {
  id: number;
  group: number;
  label: string;
  kind: string;
  source: string;
  target: number;
  weight: number;
}): Indicator {
  return {
    id: row.id,
    group: (GROUPS as readonly number[]).includes(row.group) ? (row.group as Group) : 1,
    label: row.label,
    kind: (KINDS as string[]).includes(row.kind) ? (row.kind as IndicatorKind) : "percent",
    source: (COMPUTED as readonly string[]).includes(row.source) ? (row.source as ComputedKey) : "manual",
    target: row.target,
    weight: row.weight,
  };
}

export async function criteria(deps: ServiceDeps, actor: Actor, organisationId?: number): Promise<Indicator[]> {
  const org = await organisationActedFor(deps.db, actor, organisationId);
  return indicatorsOf(deps.db, org);
}

async function indicatorsOf(db: Db, organisationId: number): Promise<Indicator[]> {
  const rows = await db.scoreIndicator.findMany({
    where: { organisationId },
    orderBy: [{ group: "asc" }, { position: "asc" }, { id: "asc" }],
  });
  return rows.map(toIndicator);
}

/** Starts the organisation's criteria set from the shipped sample (only while it has none). */
export async function useSampleCriteria(deps: ServiceDeps, actor: Actor, organisationId?: number): Promise<number> {
  const org = await organisationActedFor(deps.db, actor, organisationId);
  return deps.db.$transaction(async (tx) => {
    if ((await tx.scoreIndicator.count({ where: { organisationId: org } })) > 0)
      throw new ServiceError("scorecard.exists");
    await tx.scoreIndicator.createMany({
      data: SAMPLE_CRITERIA.map((c, i) => ({ organisationId: org, ...c, position: i })),
    });
    await audit(tx, { actor: actor.label, action: "scorecard.sample", details: { organisationId: org } });
    return SAMPLE_CRITERIA.length;
  });
}

export interface IndicatorInput {
  group: number;
  label: string;
  kind: string;
  source: string;
  /** As typed: "90%", "0,9", "3", "có". */
  target: string;
  weight: string;
}

function parseNumber(text: string): number | null {
  const t = text.trim().replace(",", ".");
  const percent = t.endsWith("%");
  const n = Number(percent ? t.slice(0, -1) : t);
  if (t === "" || !Number.isFinite(n)) return null;
  return percent ? n / 100 : n;
}

function cleanIndicator(input: IndicatorInput) {
  if (!(GROUPS as readonly number[]).includes(input.group)) throw new ServiceError("scorecard.bad_group");
  const label = input.label.trim().replace(/\s+/g, " ");
  if (label === "" || label.length > 300) throw new ServiceError("scorecard.bad_label");
  const source =
    input.source === "manual" || (COMPUTED as readonly string[]).includes(input.source) ? input.source : null;
  if (!source) throw new ServiceError("scorecard.bad_source", { source: input.source });
  const kind = source === "manual" ? input.kind : COMPUTED_KIND[source as ComputedKey];
  if (!(KINDS as string[]).includes(kind)) throw new ServiceError("scorecard.bad_kind");
  const target = kind === "boolean" ? 1 : parseNumber(input.target);
  if (target === null || target < 0 || (kind === "percent" && target > 1))
    throw new ServiceError("scorecard.bad_target", { value: input.target });
  const weight = parseNumber(input.weight);
  if (weight === null || weight <= 0 || weight > 100)
    throw new ServiceError("scorecard.bad_weight", { value: input.weight });
  return { group: input.group, label, kind, source, target, weight };
}

export async function addIndicator(deps: ServiceDeps, actor: Actor, input: IndicatorInput, organisationId?: number) {
  const org = await organisationActedFor(deps.db, actor, organisationId);
  const data = cleanIndicator(input);
  return deps.db.$transaction(async (tx) => {
    const position = await tx.scoreIndicator.count({ where: { organisationId: org } });
    const row = await tx.scoreIndicator.create({ data: { organisationId: org, ...data, position } });
    await audit(tx, { actor: actor.label, action: "scorecard.add", details: { indicatorId: row.id, ...data } });
    return toIndicator(row);
  });
}

async function ownIndicator(deps: ServiceDeps, actor: Actor, id: number) {
  const row = await deps.db.scoreIndicator.findUnique({ where: { id } });
  if (!row) throw new ServiceError("scorecard.not_found");
  await organisationActedFor(deps.db, actor, row.organisationId);
  return row;
}

export async function updateIndicator(deps: ServiceDeps, actor: Actor, id: number, input: IndicatorInput) {
  await ownIndicator(deps, actor, id);
  const data = cleanIndicator(input);
  return deps.db.$transaction(async (tx) => {
    const row = await tx.scoreIndicator.update({ where: { id }, data });
    await audit(tx, { actor: actor.label, action: "scorecard.update", details: { indicatorId: id, ...data } });
    return toIndicator(row);
  });
}

export async function removeIndicator(deps: ServiceDeps, actor: Actor, id: number): Promise<void> {
  await ownIndicator(deps, actor, id);
  await deps.db.$transaction(async (tx) => {
    await tx.scoreValue.deleteMany({ where: { indicatorId: id } });
    await tx.scoreIndicator.delete({ where: { id } });
    await audit(tx, { actor: actor.label, action: "scorecard.remove", details: { indicatorId: id } });
  });
}

/** The committee's value for a manual indicator of a branch and year ("có"/"không" for yes/no), with a note. */
export async function setIndicatorValue(
  deps: ServiceDeps,
  actor: Actor,
  input: { indicatorId: number; branchId: number; year: number; value: string; note?: string },
) {
  const row = await ownIndicator(deps, actor, input.indicatorId);
  if (row.source !== "manual") throw new ServiceError("scorecard.computed");
  const branch = await deps.db.branch.findUnique({ where: { id: input.branchId } });
  if (!branch || branch.organisationId !== row.organisationId)
    throw new ServiceError("branch.not_found", { code: String(input.branchId) });
  const text = input.value.trim().toLocaleLowerCase("vi");
  const value =
    row.kind === "boolean"
      ? ["có", "co", "đạt", "1", "yes"].includes(text)
        ? 1
        : ["không", "khong", "chưa đạt", "0", "no"].includes(text)
          ? 0
          : null
      : parseNumber(input.value);
  if (value === null || value < 0) throw new ServiceError("scorecard.bad_value", { value: input.value });
  const note = (input.note ?? "").trim();
  if (note.length > 1000) throw new ServiceError("scorecard.note_too_long");
  await deps.db.$transaction(async (tx) => {
    await tx.scoreValue.upsert({
      where: { indicatorId_branchId_year: { indicatorId: row.id, branchId: branch.id, year: input.year } },
      create: { indicatorId: row.id, branchId: branch.id, year: input.year, value, note },
      update: { value, note },
    });
    await audit(tx, {
      actor: actor.label,
      action: "scorecard.value",
      branchId: branch.id,
      details: { indicatorId: row.id, year: input.year, value },
    });
  });
  return value;
}

export type Figures = Record<ComputedKey, number | null>;

/**
 * The computed figures of some branches for a year, up to `until` (the end of the year, or today for the year to
 * date).
 */
export async function computeFigures(
  deps: ServiceDeps,
  branchIds: number[],
  year: number,
  until: Date,
): Promise<Map<number, Figures>> {
  const { db } = deps;
  const tz = deps.settings.timeZone;
  const { to } = yearRange(year, tz);
  const end = until < to ? until : to;
  const endParts = localParts(new Date(end.getTime() - 1), tz);
  const lastMonth = `${year}-${String(end >= to ? 12 : endParts.month).padStart(2, "0")}`;
  const months = monthsBetween(`${year}-01`, lastMonth);
  // Quarters that are over by `until` (the current one counts once it ends).
  const completeQuarters = end >= to ? 4 : Math.floor(endParts.month / 3) - (endParts.month % 3 === 0 ? 1 : 0);
  const monthEnd = (month: string) => {
    const next = addMonthsToMonth(month, 1);
    return fromLocal({ year: Number(next.slice(0, 4)), month: Number(next.slice(5)), day: 1, hour: 0, minute: 0 }, tz);
  };
  const branches = await db.branch.findMany({ where: { id: { in: branchIds } } });
  const orgIds = [...new Set(branches.map((b) => b.organisationId))];
  const result = new Map<number, Figures>();
  for (const org of orgIds) {
    const mine = branches.filter((b) => b.organisationId === org);
    const ids = mine.map((b) => b.id);
    const [targets, ceremonies, campaigns, liaisons] = await Promise.all([
      db.admissionTarget.findMany({ where: { branchId: { in: ids }, year } }),
      db.candidate.findMany({
        where: { branchId: { in: ids }, ceremonyAt: { gte: `${year}-01-01`, lte: `${year}-12-31` } },
        select: { branchId: true, ceremonyAt: true },
      }),
      db.reviewCampaign.findMany({ where: { branchId: { in: ids }, year }, select: { id: true, branchId: true } }),
      liaisonReport(deps, { id: null, branchId: null, role: "admin", isAdmin: true, label: "system" }, year, org),
    ]);
    const reviews = await inSlices(
      campaigns.map((c) => c.id),
      (slice) =>
        db.selfReview.findMany({
          where: { campaignId: { in: slice } },
          select: { campaignId: true, finalLevel: true },
        }),
    );
    for (const b of mine) {
      const quality = (await branchYearQuality(deps, b.id, year)).filter((q) => q.meeting.startsAt < end);
      const heldMonths = new Set(
        quality
          .filter((q) => q.meeting.kind === "regular")
          .map((q) => {
            const p = localParts(q.meeting.startsAt, tz);
            return `${p.year}-${String(p.month).padStart(2, "0")}`;
          }),
      );
      const thematicQuarters = new Set(
        quality
          .filter((q) => q.meeting.kind === "thematic")
          .map((q) => quarterOf(localParts(q.meeting.startsAt, tz).month))
          .filter((quarter) => quarter <= completeQuarters),
      );
      const recorded = quality.reduce((s, q) => s + q.quality.expected, 0);
      const present = quality.reduce((s, q) => s + q.quality.present, 0);
      const members = await db.member.findMany({ where: { branchId: b.id }, select: { id: true } });
      const memberIds = members.map((m) => m.id);
      const [stmts, payments] = await Promise.all([
        statements(db, memberIds, { year, until: lastMonth, timeZone: tz }),
        inSlices(memberIds, (slice) =>
          db.feeEntry.findMany({
            where: { memberId: { in: slice }, status: "confirmed", month: { gte: `${year}-01`, lte: lastMonth } },
            select: { memberId: true, month: true, amount: true, createdAt: true },
          }),
        ),
      ]);
      const campaign = campaigns.find((c) => c.branchId === b.id);
      const levels = reviews
        .filter((r) => campaign && r.campaignId === campaign.id && r.finalLevel && isLevel(r.finalLevel))
        .map((r) => r.finalLevel as Level);
      const counts = countLevels(levels);
      const target = targets.find((t) => t.branchId === b.id)?.target;
      const admitted = ceremonies.filter((c) => c.branchId === b.id && c.ceremonyAt! <= dayOf(end, tz)).length;
      const liaisonRows = liaisons.filter((l) => l.branchId === b.id);
      const liaisonDue = liaisonRows.reduce((s, l) => s + (end >= to ? l.target : l.dueByNow), 0);
      const liaisonAttended = liaisonRows.reduce((s, l) => s + l.attended, 0);
      result.set(b.id, {
        regular_months: months.length ? heldMonths.size / months.length : null,
        meetings_up_to_standard: quality.length
          ? quality.filter((q) => q.quality.upToStandard).length / quality.length
          : null,
        thematic_quarters: completeQuarters > 0 ? thematicQuarters.size / completeQuarters : null,
        attendance: recorded > 0 ? present / recorded : null,
        fees_on_time: feesOnTimeShare(
          stmts.flatMap((st) =>
            st.months.map((m) => ({
              memberId: st.member.id,
              month: m.month,
              due: m.due,
              exempt: m.state === "exempt",
            })),
          ),
          payments.map((p) => ({ memberId: p.memberId, month: p.month, amount: p.amount, at: p.createdAt })),
          monthEnd,
        ),
        good_or_above: levels.length ? goodOrAboveShare(counts) : null,
        no_failing_members: levels.length ? (counts.khong_hoan_thanh === 0 ? 1 : 0) : null,
        admissions_vs_target: target === undefined ? null : target === 0 ? 1 : admitted / target,
        liaison_attendance: liaisonRows.length ? (liaisonDue === 0 ? 1 : liaisonAttended / liaisonDue) : null,
      });
    }
  }
  return result;
}

function dayOf(instant: Date, tz: string): string {
  const p = localParts(new Date(instant.getTime() - 1), tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

export interface BranchScore {
  branchId: number;
  code: string;
  name: string;
  card: Scorecard;
  score: number;
  figures: Figures;
}

/** Every branch's scorecard for the year (or the year to date), ranked. */
export async function branchScorecards(
  deps: ServiceDeps,
  actor: Actor,
  input: { year: number; yearToDate?: boolean; organisationId?: number; branchId?: number },
) {
  const { db } = deps;
  // A branch's leaders read their own branch's card; the committee reads every branch of its organisation.
  const own =
    input.branchId !== undefined && actor.branchId === input.branchId && isLeader(actor)
      ? await db.branch.findUnique({ where: { id: input.branchId } })
      : null;
  const org = own ? own.organisationId : await organisationActedFor(db, actor, input.organisationId);
  const indicators = await indicatorsOf(db, org);
  const branches = await db.branch.findMany({
    where: { organisationId: org, ...(input.branchId ? { id: input.branchId } : {}) },
    orderBy: { code: "asc" },
  });
  const { to } = yearRange(input.year, deps.settings.timeZone);
  const until = input.yearToDate ? deps.clock() : to;
  const figures = await computeFigures(
    deps,
    branches.map((b) => b.id),
    input.year,
    until,
  );
  const manual = await db.scoreValue.findMany({
    where: { year: input.year, branchId: { in: branches.map((b) => b.id) } },
  });
  const rows: BranchScore[] = branches.map((b) => {
    const f = figures.get(b.id)!;
    const values = new Map<number, { value: number | null; note?: string | null }>();
    for (const ind of indicators) {
      if (ind.source === "manual") {
        const entered = manual.find((m) => m.indicatorId === ind.id && m.branchId === b.id);
        values.set(ind.id, { value: entered?.value ?? null, note: entered?.note || null });
      } else values.set(ind.id, { value: f[ind.source] });
    }
    const card = scorecard(indicators, values);
    return { branchId: b.id, code: b.code, name: b.name, card, score: card.score, figures: f };
  });
  return {
    organisationId: org,
    year: input.year,
    yearToDate: input.yearToDate ?? false,
    indicators,
    rows: rankByScore(rows),
  };
}

export type ScorecardView = Awaited<ReturnType<typeof branchScorecards>>;

/** The settings the rating uses, for the organisation the actor acts for. */
export async function ratingSettings(deps: ServiceDeps, organisationId: number) {
  return committeeSettings(deps.db, organisationId);
}

/** The ranking and every indicator's figure per branch, as the committee's workbook. */
export async function scorecardWorkbook(
  deps: ServiceDeps,
  actor: Actor,
  input: { year: number; yearToDate?: boolean; organisationId?: number },
): Promise<Buffer> {
  const view = await branchScorecards(deps, actor, input);
  const cell = (kind: IndicatorKind, v: number | null): string | number =>
    v === null ? "" : kind === "boolean" ? (v >= 1 ? x.yes : x.no) : v;
  return tablesToXlsx([
    {
      title: x.rankingTitle(view.year, view.yearToDate),
      headers: [...x.rankingHeaders, ...GROUPS.map((g) => x.groupColumn(g))],
      rows: view.rows.map((row) => [
        row.rank,
        row.code,
        row.name,
        row.score,
        ...GROUPS.map((g) => Math.round(row.card.byGroup[g].points * 10) / 10),
      ]),
    },
    {
      title: x.indicatorsTitle,
      headers: [x.colGroup, x.colIndicator, x.colTarget, x.colWeight, ...view.rows.map((row) => row.name)],
      rows: view.indicators.map((ind) => [
        ind.group,
        ind.label,
        ind.kind === "boolean" ? x.yes : ind.target,
        ind.weight,
        ...view.rows.map((row) =>
          cell(ind.kind, row.card.results.find((res) => res.indicator.id === ind.id)?.value ?? null),
        ),
      ]),
      // A percentage indicator's target and figures; its weight stays a number.
      percentCell: (row, column) => view.indicators[row]?.kind === "percent" && column !== 3 && column >= 2,
    },
  ]);
}

/**
 * Party development per branch: the people being developed (minimum data: name,
 * date of birth, introducers, helper, dates of the steps), their clocks and
 * warnings, the member record made at the ceremony, and the committee's yearly
 * targets of admissions. The branch's leaders keep their own list; committee
 * staff read every branch of the organisation and record the committee's
 * decisions. Chat, command line, web and the reminder job call these.
 */
import { localDateOf, parseDayInput, type LocalDate } from "../domain/calendar.ts";
import type { CommitteeSettings } from "../domain/committee-settings.ts";
import {
  candidateClocks,
  candidateWarnings,
  checkStep,
  COMMITTEE_STEPS,
  probationEnd,
  stageOf,
  STEP_FIELD,
  type CandidateFacts,
  type CandidateWarning,
  type PipelineClock,
  type Stage,
  type Step,
} from "../domain/party-development.ts";
import { sortByName } from "../domain/text.ts";
import { fromLocal } from "../domain/time.ts";
import type { Db } from "../db/client.ts";
import type { Candidate } from "../db/generated/client.ts";
import { audit } from "./audit.ts";
import { assertLeaderOrCommittee, committeeOrganisation } from "./committee-overview.ts";
import { committeeSettings, organisationActedFor, workCalendar } from "./committee-settings.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";

export const MAX_CANDIDATE_NAME = 100;
export const MAX_CANDIDATE_NOTE = 1000;

async function loadCandidate(db: Db, actor: Actor, id: number, action: string) {
  const candidate = await db.candidate.findUnique({ where: { id } });
  if (!candidate) throw new ServiceError("candidate.not_found");
  await assertLeaderOrCommittee(db, actor, candidate.branchId, action);
  return candidate;
}

function today(deps: ServiceDeps): LocalDate {
  return localDateOf(deps.clock(), deps.settings.timeZone);
}

function dayOrThrow(text: string, field: string): LocalDate {
  const day = parseDayInput(text);
  if (!day) throw new ServiceError("candidate.bad_date", { field, value: text });
  return day;
}

export interface CandidateInput {
  fullName?: string;
  birthDate?: string;
  introducer1Id?: number | null;
  introducer2Id?: number | null;
  introducerUnion?: string | null;
  helperId?: number | null;
  note?: string;
}

/** The people named (introducers, helper) must be current members of the branch's organisation. */
async function checkPeople(db: Db, branchId: number, input: CandidateInput): Promise<void> {
  const ids = [input.introducer1Id, input.introducer2Id, input.helperId].filter(
    (id): id is number => typeof id === "number",
  );
  if (ids.length === 0) return;
  const branch = await db.branch.findUniqueOrThrow({ where: { id: branchId } });
  const found = await db.member.findMany({
    where: { id: { in: ids }, leftAt: null, branch: { organisationId: branch.organisationId } },
    select: { id: true },
  });
  const ok = new Set(found.map((m) => m.id));
  for (const id of ids) if (!ok.has(id)) throw new ServiceError("candidate.bad_person", { memberId: id });
  if (input.introducer1Id != null && input.introducer1Id === input.introducer2Id)
    throw new ServiceError("candidate.same_introducer");
}

type CleanInput = Omit<CandidateInput, "introducerUnion"> & { introducerUnion?: string | null };

function cleanInput(input: CandidateInput, now: LocalDate): CleanInput {
  const data: CleanInput = {};
  if (input.fullName !== undefined) {
    const name = input.fullName.trim().replace(/\s+/g, " ");
    if (name === "" || name.length > MAX_CANDIDATE_NAME)
      throw new ServiceError("candidate.bad_name", { max: MAX_CANDIDATE_NAME });
    data.fullName = name;
  }
  if (input.birthDate !== undefined) {
    const day = dayOrThrow(input.birthDate, "birthDate");
    if (day >= now) throw new ServiceError("candidate.bad_date", { field: "birthDate", value: input.birthDate });
    data.birthDate = day;
  }
  if (input.introducerUnion !== undefined) {
    const union = input.introducerUnion?.trim() ?? "";
    if (union.length > 200) throw new ServiceError("candidate.bad_union");
    data.introducerUnion = union === "" ? null : union;
  }
  if (input.note !== undefined) {
    if (input.note.length > MAX_CANDIDATE_NOTE)
      throw new ServiceError("candidate.note_too_long", { max: MAX_CANDIDATE_NOTE });
    data.note = input.note.trim();
  }
  for (const key of ["introducer1Id", "introducer2Id", "helperId"] as const)
    if (input[key] !== undefined) data[key] = input[key];
  return data;
}

export async function addCandidate(
  deps: ServiceDeps,
  actor: Actor,
  branchId: number,
  input: CandidateInput & { fullName: string; birthDate: string },
): Promise<Candidate> {
  const { db } = deps;
  await assertLeaderOrCommittee(db, actor, branchId, "candidate.add");
  const data = cleanInput(input, today(deps));
  await checkPeople(db, branchId, input);
  return db.$transaction(async (tx) => {
    const candidate = await tx.candidate.create({
      data: {
        branchId,
        fullName: data.fullName ?? "",
        birthDate: data.birthDate ?? "",
        introducer1Id: data.introducer1Id ?? null,
        introducer2Id: data.introducer2Id ?? null,
        introducerUnion: data.introducerUnion ?? null,
        helperId: data.helperId ?? null,
        note: data.note ?? "",
      },
    });
    await audit(tx, {
      actor: actor.label,
      action: "candidate.add",
      branchId,
      details: { candidateId: candidate.id },
    });
    return candidate;
  });
}

/** Changes what the input names and keeps the rest. */
export async function updateCandidate(
  deps: ServiceDeps,
  actor: Actor,
  id: number,
  input: CandidateInput,
): Promise<Candidate> {
  const { db } = deps;
  const candidate = await loadCandidate(db, actor, id, "candidate.update");
  const data = cleanInput(input, today(deps));
  await checkPeople(db, candidate.branchId, {
    introducer1Id: input.introducer1Id === undefined ? candidate.introducer1Id : input.introducer1Id,
    introducer2Id: input.introducer2Id === undefined ? candidate.introducer2Id : input.introducer2Id,
    helperId: input.helperId,
  });
  return db.$transaction(async (tx) => {
    const updated = await tx.candidate.update({ where: { id }, data });
    await audit(tx, {
      actor: actor.label,
      action: "candidate.update",
      branchId: candidate.branchId,
      details: { candidateId: id, fields: Object.keys(data) },
    });
    return updated;
  });
}

export type StepOutcome = { candidate: Candidate; memberId: number | null };

/**
 * Records the date of a step. The ceremony makes the member record (probationary,
 * fees from that month); the official decision makes the member official.
 */
export async function recordStep(
  deps: ServiceDeps,
  actor: Actor,
  id: number,
  step: Step,
  dateText: string,
): Promise<StepOutcome> {
  const { db } = deps;
  const candidate = await loadCandidate(db, actor, id, "candidate.step");
  if (COMMITTEE_STEPS.has(step) && !actor.isAdmin && actor.role !== "committee")
    throw new NotAuthorisedError("candidate.decide");
  const date = dayOrThrow(dateText, step);
  const refusal = checkStep(facts(candidate), step, date, today(deps));
  if (refusal)
    throw new ServiceError(refusal.code, {
      step: "step" in refusal ? refusal.step : step,
      date: "date" in refusal ? refusal.date : null,
    });
  const tz = deps.settings.timeZone;
  return db.$transaction(async (tx) => {
    let memberId = candidate.memberId;
    if (step === "ceremony" && memberId === null) {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      const member = await tx.member.create({
        data: {
          branchId: candidate.branchId,
          fullName: candidate.fullName,
          status: "probationary",
          admittedAt: fromLocal({ year: y, month: m, day: d, hour: 0, minute: 0 }, tz),
          feesFromMonth: date.slice(0, 7),
        },
      });
      memberId = member.id;
    }
    if (step === "officialDecision" && memberId !== null)
      await tx.member.update({ where: { id: memberId }, data: { status: "official" } });
    const updated = await tx.candidate.update({
      where: { id },
      data: { [STEP_FIELD[step]]: date, memberId },
    });
    await audit(tx, {
      actor: actor.label,
      action: "candidate.step",
      branchId: candidate.branchId,
      targetMemberId: memberId,
      details: { candidateId: id, step, date },
    });
    return { candidate: updated, memberId };
  });
}

/** Takes a person off the list (not admitted), or removes a probationary member (xóa tên): the member leaves. */
export async function closeCandidate(
  deps: ServiceDeps,
  actor: Actor,
  id: number,
  input: { reason: string; date?: string },
): Promise<Candidate> {
  const { db } = deps;
  const candidate = await loadCandidate(db, actor, id, "candidate.close");
  if (candidate.closedAt) throw new ServiceError("step.closed");
  if (candidate.officialDecisionAt) throw new ServiceError("step.done");
  const reason = input.reason.trim();
  if (reason === "" || reason.length > 500) throw new ServiceError("candidate.bad_reason");
  const date = input.date ? dayOrThrow(input.date, "closedAt") : today(deps);
  if (date > today(deps)) throw new ServiceError("step.future");
  return db.$transaction(async (tx) => {
    if (candidate.memberId !== null)
      await tx.member.update({ where: { id: candidate.memberId }, data: { leftAt: deps.clock() } });
    const updated = await tx.candidate.update({ where: { id }, data: { closedAt: date, closedReason: reason } });
    await audit(tx, {
      actor: actor.label,
      action: "candidate.close",
      branchId: candidate.branchId,
      targetMemberId: candidate.memberId,
      details: { candidateId: id, date },
    });
    return updated;
  });
}

export function facts(c: Candidate): CandidateFacts {
  return {
    birthDate: c.birthDate,
    helperId: c.helperId,
    introducer1Id: c.introducer1Id,
    introducer2Id: c.introducer2Id,
    introducerUnion: c.introducerUnion,
    closedAt: c.closedAt,
    sympathiserAt: c.sympathiserAt,
    classCertificateAt: c.classCertificateAt,
    fileCompletedAt: c.fileCompletedAt,
    branchResolutionAt: c.branchResolutionAt,
    decisionAt: c.decisionAt,
    decisionReceivedAt: c.decisionReceivedAt,
    ceremonyAt: c.ceremonyAt,
    probationReviewsAt: c.probationReviewsAt,
    officialResolutionAt: c.officialResolutionAt,
    officialDecisionAt: c.officialDecisionAt,
  };
}

export interface CandidateView {
  candidate: Candidate;
  stage: Stage;
  clocks: PipelineClock[];
  warnings: CandidateWarning[];
  /** Probation's end: the member is official from that day once recognised. */
  probationEnd: LocalDate | null;
  names: { introducer1: string | null; introducer2: string | null; helper: string | null };
  /** Names of the people the warnings mention, by member number. */
  personNames: Record<number, string>;
}

async function views(db: Db, candidates: Candidate[], today: LocalDate, settings: CommitteeSettings) {
  const cal = await workCalendar(db);
  const ids = [
    ...new Set(candidates.flatMap((c) => [c.introducer1Id, c.introducer2Id, c.helperId]).filter((x) => x !== null)),
  ];
  const people = await db.member.findMany({
    where: { id: { in: ids } },
    select: { id: true, fullName: true, status: true, leftAt: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const official = new Set(people.filter((p) => p.status === "official" && !p.leftAt).map((p) => p.id));
  const name = (id: number | null) => (id === null ? null : (byId.get(id)?.fullName ?? null));
  return candidates.map((c): CandidateView => ({
    candidate: c,
    stage: stageOf(facts(c)),
    clocks: candidateClocks(facts(c), cal, today, settings),
    warnings: candidateWarnings(facts(c), today, settings, official),
    probationEnd: c.ceremonyAt ? probationEnd(c.ceremonyAt) : null,
    names: { introducer1: name(c.introducer1Id), introducer2: name(c.introducer2Id), helper: name(c.helperId) },
    personNames: Object.fromEntries(
      [c.introducer1Id, c.introducer2Id, c.helperId].flatMap((id) => (id === null ? [] : [[id, name(id) ?? ""]])),
    ),
  }));
}

async function settingsOfBranch(db: Db, branchId: number) {
  const branch = await db.branch.findUniqueOrThrow({ where: { id: branchId } });
  return committeeSettings(db, branch.organisationId);
}

/** A branch's list: those in progress first, then the closed and the official of the last year. */
export async function branchCandidates(
  deps: ServiceDeps,
  actor: Actor,
  branchId: number,
  opts: { includeFinished?: boolean } = {},
): Promise<CandidateView[]> {
  const { db } = deps;
  await assertLeaderOrCommittee(db, actor, branchId, "candidate.list");
  const rows = sortByName(
    await db.candidate.findMany({
      where: opts.includeFinished ? { branchId } : { branchId, closedAt: null, officialDecisionAt: null },
    }),
  );
  return views(db, rows, today(deps), await settingsOfBranch(db, branchId));
}

export async function candidateDetail(deps: ServiceDeps, actor: Actor, id: number): Promise<CandidateView> {
  const candidate = await loadCandidate(deps.db, actor, id, "candidate.view");
  const [view] = await views(deps.db, [candidate], today(deps), await settingsOfBranch(deps.db, candidate.branchId));
  return view!;
}

/** Open candidates of every branch with their clocks (the reminder job). */
export async function openCandidateViews(deps: ServiceDeps) {
  const { db } = deps;
  const rows = await db.candidate.findMany({
    where: { closedAt: null, officialDecisionAt: null },
    include: { branch: { select: { organisationId: true } } },
  });
  const result: CandidateView[] = [];
  const byOrg = new Map<number, Candidate[]>();
  for (const r of rows) byOrg.set(r.branch.organisationId, [...(byOrg.get(r.branch.organisationId) ?? []), r]);
  for (const [org, list] of byOrg)
    result.push(...(await views(db, list, today(deps), await committeeSettings(db, org))));
  return result;
}

export async function setAdmissionTarget(
  deps: ServiceDeps,
  actor: Actor,
  input: { branchId: number; year: number; target: number },
): Promise<void> {
  const { db } = deps;
  const branch = await db.branch.findUnique({ where: { id: input.branchId } });
  if (!branch) throw new ServiceError("branch.not_found", { code: String(input.branchId) });
  await organisationActedFor(db, actor, branch.organisationId);
  if (!Number.isInteger(input.target) || input.target < 0 || input.target > 1000)
    throw new ServiceError("target.bad_value");
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new ServiceError("target.bad_year");
  await db.$transaction(async (tx) => {
    await tx.admissionTarget.upsert({
      where: { branchId_year: { branchId: input.branchId, year: input.year } },
      create: input,
      update: { target: input.target },
    });
    await audit(tx, { actor: actor.label, action: "target.set", branchId: input.branchId, details: input });
  });
}

export interface DevelopmentRow {
  branchId: number;
  code: string;
  name: string;
  target: number | null;
  /** Ceremonies (ngày vào Đảng) in the year. */
  admitted: number;
  byStage: Record<Stage, number>;
  /** Clocks past their day with the step not done, and steps done late in the year. */
  overdue: number;
  late: number;
}

/** The committee's view: each branch's admissions against its target, who is at which stage, late clocks. */
export async function developmentOverview(
  deps: ServiceDeps,
  actor: Actor,
  year: number,
  organisationId?: number,
): Promise<DevelopmentRow[]> {
  const { db } = deps;
  const org = actor.isAdmin
    ? await organisationActedFor(db, actor, organisationId)
    : await committeeOrganisation(db, actor);
  const settings = await committeeSettings(db, org);
  const branches = await db.branch.findMany({ where: { organisationId: org }, orderBy: { code: "asc" } });
  const ids = branches.map((b) => b.id);
  const [targets, candidates] = await Promise.all([
    db.admissionTarget.findMany({ where: { branchId: { in: ids }, year } }),
    db.candidate.findMany({ where: { branchId: { in: ids } } }),
  ]);
  const all = await views(db, candidates, today(deps), settings);
  const inYear = (d: LocalDate | null) => d !== null && d.startsWith(`${year}-`);
  return branches.map((b) => {
    const mine = all.filter((v) => v.candidate.branchId === b.id);
    const byStage = Object.fromEntries(
      (["quan_chung", "cam_tinh", "ho_so", "de_nghi", "quyet_dinh", "du_bi", "chinh_thuc", "dung"] as Stage[]).map(
        (s) => [s, 0],
      ),
    ) as Record<Stage, number>;
    for (const v of mine) byStage[v.stage] += 1;
    return {
      branchId: b.id,
      code: b.code,
      name: b.name,
      target: targets.find((t) => t.branchId === b.id)?.target ?? null,
      admitted: mine.filter((v) => inYear(v.candidate.ceremonyAt)).length,
      byStage,
      overdue: mine.flatMap((v) => v.clocks).filter((k) => k.state === "overdue").length,
      late: mine.flatMap((v) => v.clocks).filter((k) => k.state === "done_late" && inYear(k.doneAt)).length,
    };
  });
}

/** The branch's current members, for choosing introducers and the helper (official ones first). */
export async function candidatePeople(deps: ServiceDeps, actor: Actor, branchId: number) {
  await assertLeaderOrCommittee(deps.db, actor, branchId, "candidate.list");
  const rows = await deps.db.member.findMany({
    where: { branchId, leftAt: null },
    select: { id: true, fullName: true, status: true },
  });
  return sortByName(rows).sort((a, b) => Number(b.status === "official") - Number(a.status === "official"));
}

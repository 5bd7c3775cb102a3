/**
 * Party development (phát triển đảng viên): the steps a person goes through from
 * the cảm tình Đảng list to official membership, and the clocks between them
 * (domain-committee.md §2): the admission decision within 60 working days of the
 * branch's resolution, the ceremony within 30 working days of receiving the
 * decision, 12 months of probation from the ceremony, official status considered
 * within 30 working days of its end and decided within 30 more. Plain functions:
 * the calendar and "today" are passed in.
 */
import {
  addDays,
  addMonths,
  addWorkingDays,
  monthsBetween,
  workingDaysBetween,
  type LocalDate,
  type WorkCalendar,
} from "./calendar.ts";
import type { CommitteeSettings } from "./committee-settings.ts";

/** The steps, in the order they happen. */
export const STEPS = [
  "sympathiser",
  "classCertificate",
  "fileCompleted",
  "branchResolution",
  "decision",
  "decisionReceived",
  "ceremony",
  "probationReviews",
  "officialResolution",
  "officialDecision",
] as const;
export type Step = (typeof STEPS)[number];

/** The candidate's column holding each step's date. */
export const STEP_FIELD = {
  sympathiser: "sympathiserAt",
  classCertificate: "classCertificateAt",
  fileCompleted: "fileCompletedAt",
  branchResolution: "branchResolutionAt",
  decision: "decisionAt",
  decisionReceived: "decisionReceivedAt",
  ceremony: "ceremonyAt",
  probationReviews: "probationReviewsAt",
  officialResolution: "officialResolutionAt",
  officialDecision: "officialDecisionAt",
} as const satisfies Record<Step, string>;

export type StepDates = { [K in (typeof STEP_FIELD)[Step]]: LocalDate | null };

/** Which earlier step each step needs (the certificate may come before or after the list). */
const NEEDS: Record<Step, Step[]> = {
  sympathiser: [],
  classCertificate: [],
  fileCompleted: ["sympathiser", "classCertificate"],
  branchResolution: ["fileCompleted"],
  decision: ["branchResolution"],
  decisionReceived: ["decision"],
  ceremony: ["decision"],
  probationReviews: ["ceremony"],
  officialResolution: ["ceremony"],
  officialDecision: ["officialResolution"],
};

/** Who records a step: the branch's leaders, or the committee (its decisions). */
export const COMMITTEE_STEPS: ReadonlySet<Step> = new Set(["decision", "officialDecision"]);

export type Stage = "quan_chung" | "cam_tinh" | "ho_so" | "de_nghi" | "quyet_dinh" | "du_bi" | "chinh_thuc" | "dung";

export interface CandidateFacts extends StepDates {
  birthDate: LocalDate;
  helperId: number | null;
  introducer1Id: number | null;
  introducer2Id: number | null;
  introducerUnion: string | null;
  closedAt: LocalDate | null;
}

export function stageOf(c: CandidateFacts): Stage {
  if (c.closedAt) return "dung";
  if (c.officialDecisionAt) return "chinh_thuc";
  if (c.ceremonyAt) return "du_bi";
  if (c.decisionAt) return "quyet_dinh";
  if (c.branchResolutionAt) return "de_nghi";
  if (c.fileCompletedAt) return "ho_so";
  if (c.sympathiserAt) return "cam_tinh";
  return "quan_chung";
}

/** Điều lệ Điều 5.1: probation is 12 months from the ceremony; the member is official from that day (QĐ 24 §4.2.2). */
export const PROBATION_MONTHS = 12;
export function probationEnd(ceremonyAt: LocalDate): LocalDate {
  return addMonths(ceremonyAt, PROBATION_MONTHS);
}

/** QĐ 24 §1.1: fully 18 to fully 60 when the branch considers admission, counted in months. */
export const MIN_AGE_MONTHS = 18 * 12;
export const MAX_AGE_MONTHS = 60 * 12;

export type StepRefusal =
  | { code: "step.needs"; step: Step }
  | { code: "step.before"; step: Step; date: LocalDate }
  | { code: "step.future" }
  | { code: "step.closed" }
  | { code: "step.done" };

/** Whether `step` may be recorded on `date` for this candidate (null: it may). */
export function checkStep(c: CandidateFacts, step: Step, date: LocalDate, today: LocalDate): StepRefusal | null {
  if (c.closedAt) return { code: "step.closed" };
  if (date > today) return { code: "step.future" };
  if (c.officialDecisionAt && step !== "officialDecision") return { code: "step.done" };
  for (const need of NEEDS[step]) {
    const at = c[STEP_FIELD[need]];
    if (!at) return { code: "step.needs", step: need };
    if (date < at) return { code: "step.before", step: need, date: at };
  }
  return null;
}

export type ClockId = "decision" | "ceremony" | "probationReviews" | "officialResolution" | "officialDecision";
export type ClockState = "open" | "due_soon" | "overdue" | "done" | "done_late";

export interface PipelineClock {
  id: ClockId;
  /** The day the clock started. */
  from: LocalDate;
  /** The last day the step is on time. */
  due: LocalDate;
  doneAt: LocalDate | null;
  state: ClockState;
  /** Working days from `from` to the day it was done (or to today while open). */
  workingDaysUsed: number;
  /** Working days allowed. Null for the probation reviews (calendar days). */
  allowed: number | null;
  /** Working days left while open (0 on the due day), negative once late. */
  workingDaysLeft: number | null;
}

function clockState(
  due: LocalDate,
  doneAt: LocalDate | null,
  today: LocalDate,
  leftWorking: number,
  warnAt: number,
): ClockState {
  if (doneAt) return doneAt > due ? "done_late" : "done";
  if (today > due) return "overdue";
  return leftWorking <= warnAt ? "due_soon" : "open";
}

/** The clocks that have started, each with its state on `today`. */
export function candidateClocks(
  c: CandidateFacts,
  cal: WorkCalendar,
  today: LocalDate,
  s: CommitteeSettings,
): PipelineClock[] {
  const clocks: PipelineClock[] = [];
  const working = (id: ClockId, from: LocalDate | null, allowed: number, doneAt: LocalDate | null) => {
    if (!from) return;
    const due = addWorkingDays(from, allowed, cal);
    const until = doneAt ?? today;
    const used = until >= from ? workingDaysBetween(from, until, cal) : 0;
    const left = doneAt
      ? null
      : today <= due
        ? workingDaysBetween(today, due, cal)
        : -workingDaysBetween(due, today, cal);
    clocks.push({
      id,
      from,
      due,
      doneAt,
      state: clockState(due, doneAt, today, left ?? 0, s.clockWarningWorkingDays),
      workingDaysUsed: used,
      allowed,
      workingDaysLeft: left,
    });
  };
  working("decision", c.branchResolutionAt, s.admissionDecisionWorkingDays, c.decisionAt);
  working("ceremony", c.decisionReceivedAt ?? c.decisionAt, s.ceremonyWorkingDays, c.ceremonyAt);
  if (c.ceremonyAt) {
    const end = probationEnd(c.ceremonyAt);
    const doneAt = c.probationReviewsAt;
    const leftDays = doneAt ? null : workingDaysBetween(today, end, cal);
    clocks.push({
      id: "probationReviews",
      from: addDays(end, -s.probationReviewLeadDays),
      due: end,
      doneAt,
      state:
        today < addDays(end, -s.probationReviewLeadDays) && !doneAt
          ? "open"
          : clockState(end, doneAt, today, 0, 0) === "open"
            ? "due_soon"
            : clockState(end, doneAt, today, 0, 0),
      workingDaysUsed: 0,
      allowed: null,
      workingDaysLeft: leftDays,
    });
    working("officialResolution", end, s.officialResolutionWorkingDays, c.officialResolutionAt);
  }
  working("officialDecision", c.officialResolutionAt, s.officialDecisionWorkingDays, c.officialDecisionAt);
  // A closed candidate's open clocks no longer run.
  return c.closedAt ? clocks.filter((k) => k.doneAt) : clocks;
}

export type CandidateWarning =
  | { code: "age"; months: number; on: LocalDate }
  | { code: "certificate_expired"; expires: LocalDate }
  | { code: "certificate_expiring"; expires: LocalDate }
  | { code: "no_helper" }
  | { code: "introducer_not_official"; memberId: number }
  | { code: "introducers_missing" };

/**
 * What the secretary should look at: age out of 18–60 on the day the branch considers
 * admission (its resolution, or today until then), the certificate outdated by then,
 * no helper assigned once on the list, introducers missing or not official.
 */
export function candidateWarnings(
  c: CandidateFacts,
  today: LocalDate,
  s: CommitteeSettings,
  officialMemberIds: ReadonlySet<number>,
): CandidateWarning[] {
  if (c.closedAt || c.officialDecisionAt) return [];
  const warnings: CandidateWarning[] = [];
  const admitted = Boolean(c.decisionAt);
  const on = c.branchResolutionAt ?? today;
  const age = monthsBetween(c.birthDate, on);
  // Counted in whole months: 60 years and some days is still "đủ 60 tuổi"; 60 years and a month is not.
  if (age < MIN_AGE_MONTHS || age > MAX_AGE_MONTHS) warnings.push({ code: "age", months: age, on });
  if (c.classCertificateAt && !admitted) {
    const expires = addMonths(c.classCertificateAt, s.certificateValidityMonths);
    if (on > expires) warnings.push({ code: "certificate_expired", expires });
    else if (addMonths(on, 3) > expires) warnings.push({ code: "certificate_expiring", expires });
  }
  if ((c.sympathiserAt || c.ceremonyAt) && c.helperId === null) warnings.push({ code: "no_helper" });
  if (!admitted) {
    const introducers = [c.introducer1Id, c.introducer2Id].filter((id): id is number => id !== null);
    if (c.branchResolutionAt === null && c.fileCompletedAt && introducers.length + (c.introducerUnion ? 1 : 0) < 2)
      warnings.push({ code: "introducers_missing" });
    for (const id of introducers)
      if (!officialMemberIds.has(id)) warnings.push({ code: "introducer_not_official", memberId: id });
  }
  return warnings;
}

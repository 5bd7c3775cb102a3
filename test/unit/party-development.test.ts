/**
 * Working days and the Party development clocks, against dates counted by hand on
 * a 2026 wall calendar (Tết: 16–20/02; Giỗ Tổ 26/04 is a Sunday, so 27/04 is off;
 * 30/04 and 01/05 are Thursday and Friday).
 */
import { describe, expect, test } from "vitest";
import {
  addMonths,
  addWorkingDays,
  buildCalendar,
  isWorkingDay,
  monthsBetween,
  parseDayInput,
  workingDaysBetween,
} from "../../src/domain/calendar.ts";
import { DEFAULT_COMMITTEE_SETTINGS, parseCommitteeSetting } from "../../src/domain/committee-settings.ts";
import {
  candidateClocks,
  candidateWarnings,
  checkStep,
  probationEnd,
  stageOf,
  type CandidateFacts,
} from "../../src/domain/party-development.ts";

const cal = buildCalendar([]);
const s = DEFAULT_COMMITTEE_SETTINGS;

function candidate(over: Partial<CandidateFacts>): CandidateFacts {
  return {
    birthDate: "1995-06-01",
    helperId: 1,
    introducer1Id: 1,
    introducer2Id: 2,
    introducerUnion: null,
    closedAt: null,
    sympathiserAt: null,
    classCertificateAt: null,
    fileCompletedAt: null,
    branchResolutionAt: null,
    decisionAt: null,
    decisionReceivedAt: null,
    ceremonyAt: null,
    probationReviewsAt: null,
    officialResolutionAt: null,
    officialDecisionAt: null,
    ...over,
  };
}

describe("calendar", () => {
  test("weekends, fixed holidays, Tết and a compensatory day are not working days", () => {
    expect(isWorkingDay("2026-02-13", cal)).toBe(true); // Friday before Tết
    expect(isWorkingDay("2026-02-14", cal)).toBe(false); // Saturday
    expect(isWorkingDay("2026-02-17", cal)).toBe(false); // mùng 1 Tết
    expect(isWorkingDay("2026-04-27", cal)).toBe(false); // nghỉ bù Giỗ Tổ
    expect(isWorkingDay("2026-09-02", cal)).toBe(false); // Quốc khánh (every year)
    expect(isWorkingDay("2031-01-01", cal)).toBe(false);
    expect(isWorkingDay("2025-04-26", cal)).toBe(true); // a Saturday worked in exchange for 02/05/2025
  });

  test("the committee's entries win over the shipped calendar", () => {
    const edited = buildCalendar([
      { date: "2026-09-01", kind: "off", name: "Quốc khánh" },
      { date: "2026-05-01", kind: "work", name: "Đi làm" },
    ]);
    expect(isWorkingDay("2026-09-01", edited)).toBe(false);
    expect(isWorkingDay("2026-05-01", edited)).toBe(true);
    expect(edited.yearsWithTet.has(2026)).toBe(true);
    expect(edited.yearsWithTet.has(2027)).toBe(false);
  });

  test("counting working days", () => {
    // 30 working days after Monday 02/03/2026: 4 that week, then 5 a week to Friday 10/04 (29), Monday 13/04 (30).
    expect(addWorkingDays("2026-03-02", 30, cal)).toBe("2026-04-13");
    expect(workingDaysBetween("2026-03-02", "2026-04-14", cal)).toBe(31);
    // Across Tết: nothing counts from 16 to 22 February.
    expect(workingDaysBetween("2026-02-13", "2026-02-23", cal)).toBe(1);
    // 60 after Monday 16/03/2026, skipping 27/04, 30/04 and 01/05: Thursday 11/06.
    expect(addWorkingDays("2026-03-16", 60, cal)).toBe("2026-06-11");
  });

  test("months and dates as people write them", () => {
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(monthsBetween("2008-03-15", "2026-03-14")).toBe(215);
    expect(monthsBetween("2008-03-15", "2026-03-15")).toBe(216);
    expect(parseDayInput("5/3/2026")).toBe("2026-03-05");
    expect(parseDayInput("2026-02-30")).toBeNull();
    expect(parseDayInput("31/4/2026")).toBeNull();
  });

  test("a committee setting typed by a person", () => {
    expect(parseCommitteeSetting("meetingAttendanceAbove", "85%")).toBe(0.85);
    expect(parseCommitteeSetting("meetingAttendanceAbove", "0,9")).toBe(0.9);
    expect(parseCommitteeSetting("meetingAttendanceAbove", "2")).toBeNull();
    expect(parseCommitteeSetting("meetingMinMinutes", "90")).toBe(90);
    expect(parseCommitteeSetting("meetingMinMinutes", "1,5")).toBeNull();
  });
});

describe("Party development clocks", () => {
  test("a ceremony 31 working days after the decision is late; 30 is on time", () => {
    const base = candidate({
      sympathiserAt: "2025-06-01",
      classCertificateAt: "2025-05-20",
      fileCompletedAt: "2025-12-01",
      branchResolutionAt: "2026-01-05",
      decisionAt: "2026-03-02",
    });
    const late = candidateClocks({ ...base, ceremonyAt: "2026-04-14" }, cal, "2026-05-01", s);
    expect(late.find((c) => c.id === "ceremony")).toMatchObject({
      due: "2026-04-13",
      state: "done_late",
      workingDaysUsed: 31,
    });
    const onTime = candidateClocks({ ...base, ceremonyAt: "2026-04-13" }, cal, "2026-05-01", s);
    expect(onTime.find((c) => c.id === "ceremony")).toMatchObject({ state: "done", workingDaysUsed: 30 });
    // The decision came 35 working days after the branch's resolution of 05/01 (Tết not counted): on time.
    expect(onTime.find((c) => c.id === "decision")).toMatchObject({ state: "done", workingDaysUsed: 35 });
  });

  test("a probation ending on mùng 1 Tết: official from that day, the branch's 30 working days start after Tết", () => {
    const c = candidate({
      sympathiserAt: "2024-03-01",
      fileCompletedAt: "2024-09-01",
      branchResolutionAt: "2024-10-01",
      decisionAt: "2025-01-10",
      ceremonyAt: "2025-02-17",
    });
    expect(probationEnd("2025-02-17")).toBe("2026-02-17");
    const clocks = candidateClocks(c, cal, "2026-02-10", s);
    expect(clocks.find((k) => k.id === "probationReviews")).toMatchObject({
      from: "2026-01-18",
      due: "2026-02-17",
      state: "due_soon",
    });
    // 23/02 is the first working day after the end; 30 of them end on Friday 03/04 (without Tết: 31/03).
    expect(clocks.find((k) => k.id === "officialResolution")).toMatchObject({ due: "2026-04-03", state: "open" });
    const afterwards = candidateClocks(c, cal, "2026-04-06", s);
    expect(afterwards.find((k) => k.id === "officialResolution")).toMatchObject({
      state: "overdue",
      workingDaysLeft: -1,
    });
  });

  test("a clock warns with 5 working days left", () => {
    const c = candidate({
      branchResolutionAt: "2026-03-16",
      fileCompletedAt: "2026-03-01",
      sympathiserAt: "2025-01-01",
    });
    const [decision] = candidateClocks(c, cal, "2026-06-04", s);
    expect(decision).toMatchObject({ due: "2026-06-11", state: "due_soon", workingDaysLeft: 5 });
    expect(candidateClocks(c, cal, "2026-06-03", s)[0]?.state).toBe("open");
  });

  test("steps in order, not in the future, not after the list is closed", () => {
    const c = candidate({ sympathiserAt: "2026-01-10" });
    expect(checkStep(c, "branchResolution", "2026-02-01", "2026-03-01")).toEqual({
      code: "step.needs",
      step: "fileCompleted",
    });
    expect(checkStep(c, "fileCompleted", "2026-02-01", "2026-03-01")).toEqual({
      code: "step.needs",
      step: "classCertificate",
    });
    const withCert = { ...c, classCertificateAt: "2026-01-20" };
    expect(checkStep(withCert, "fileCompleted", "2026-01-15", "2026-03-01")).toEqual({
      code: "step.before",
      step: "classCertificate",
      date: "2026-01-20",
    });
    expect(checkStep(withCert, "fileCompleted", "2026-03-02", "2026-03-01")).toEqual({ code: "step.future" });
    expect(checkStep(withCert, "fileCompleted", "2026-02-01", "2026-03-01")).toBeNull();
    expect(checkStep({ ...withCert, closedAt: "2026-02-01" }, "fileCompleted", "2026-02-01", "2026-03-01")).toEqual({
      code: "step.closed",
    });
    expect(stageOf(withCert)).toBe("cam_tinh");
  });

  test("warnings: age on the day the branch considers, certificate, helper, introducers", () => {
    const official = new Set([1]);
    const young = candidate({ birthDate: "2008-03-15", sympathiserAt: "2025-09-01", helperId: null });
    expect(candidateWarnings(young, "2026-03-14", s, official)).toEqual([
      { code: "age", months: 215, on: "2026-03-14" },
      { code: "no_helper" },
      { code: "introducer_not_official", memberId: 2 },
    ]);
    expect(candidateWarnings(young, "2026-03-15", s, new Set([1, 2]))).toEqual([{ code: "no_helper" }]);
    const oldCert = candidate({ classCertificateAt: "2021-01-10", branchResolutionAt: "2026-01-11" });
    expect(candidateWarnings(oldCert, "2026-02-01", s, new Set([1, 2]))).toEqual([
      { code: "certificate_expired", expires: "2026-01-10" },
    ]);
  });
});

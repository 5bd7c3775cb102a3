/**
 * Whether a held meeting was up to standard (đạt chất lượng), by the measurable
 * criteria of HD 12-HD/BTCTW (2018): attendance above 85%, no absence without
 * reason, no member absent with reason more than 3 times in a row in the year,
 * at least 90 minutes, a resolution adopted, members spoke, the minutes kept, the
 * content prepared beforehand. Each threshold comes from the committee's settings.
 */
import type { CommitteeSettings } from "./committee-settings.ts";

export type Outcome = "present" | "excused" | "unexcused";

export interface MeetingRecordFacts {
  startedAt: Date | null;
  endedAt: Date | null;
  chairName: string | null;
  minutesBy: string | null;
  content: string;
  resolution: string;
  speakers: string[];
  prepared: boolean;
  /** Members expected (not exempted) and each one's outcome; null while attendance is not recorded. */
  outcomes: Map<number, Outcome> | null;
  /** Members whose run of absences with reason, up to and including this meeting, is this long. */
  excusedStreaks: Map<number, number>;
}

export type CriterionId =
  "attendance" | "no_unexcused" | "excused_streak" | "duration" | "resolution" | "speakers" | "minutes" | "prepared";

export interface CriterionResult {
  id: CriterionId;
  ok: boolean;
  /** The figure behind it (share, count or minutes), for the page and the report. */
  value: number | null;
  /** The threshold it was held against. */
  threshold: number | null;
}

export interface MeetingQuality {
  /** Attendance and the record are both entered: the criteria can be judged. */
  judged: boolean;
  upToStandard: boolean;
  criteria: CriterionResult[];
  expected: number;
  present: number;
  minutes: number | null;
}

export function meetingQuality(f: MeetingRecordFacts, s: CommitteeSettings): MeetingQuality {
  const outcomes = f.outcomes ? [...f.outcomes.values()] : [];
  const expected = outcomes.length;
  const present = outcomes.filter((o) => o === "present").length;
  const unexcused = outcomes.filter((o) => o === "unexcused").length;
  const share = expected === 0 ? null : present / expected;
  const minutes = f.startedAt && f.endedAt ? Math.round((f.endedAt.getTime() - f.startedAt.getTime()) / 60_000) : null;
  const longestStreak = Math.max(0, ...[...f.excusedStreaks.values()]);
  const criteria: CriterionResult[] = [
    {
      id: "attendance",
      ok: share !== null && share > s.meetingAttendanceAbove,
      value: share,
      threshold: s.meetingAttendanceAbove,
    },
    { id: "no_unexcused", ok: f.outcomes !== null && unexcused === 0, value: unexcused, threshold: 0 },
    {
      id: "excused_streak",
      ok: longestStreak <= s.meetingMaxConsecutiveExcused,
      value: longestStreak,
      threshold: s.meetingMaxConsecutiveExcused,
    },
    {
      id: "duration",
      ok: minutes !== null && minutes >= s.meetingMinMinutes,
      value: minutes,
      threshold: s.meetingMinMinutes,
    },
    { id: "resolution", ok: f.resolution.trim() !== "", value: null, threshold: null },
    {
      id: "speakers",
      ok: f.speakers.length >= s.meetingMinSpeakers,
      value: f.speakers.length,
      threshold: s.meetingMinSpeakers,
    },
    {
      id: "minutes",
      ok: Boolean(f.chairName?.trim() && f.minutesBy?.trim() && f.content.trim()),
      value: null,
      threshold: null,
    },
    { id: "prepared", ok: f.prepared, value: null, threshold: null },
  ];
  const judged = f.outcomes !== null && minutes !== null;
  return { judged, upToStandard: judged && criteria.every((c) => c.ok), criteria, expected, present, minutes };
}

/**
 * For each member, how many of the latest meetings in a row (ending with the last one given) he/she missed with
 * reason. `history` is the year's held meetings in order, each with the members' outcomes.
 */
export function excusedStreaks(history: Map<number, Outcome>[]): Map<number, number> {
  const streaks = new Map<number, number>();
  for (const meeting of history) {
    for (const [memberId, outcome] of meeting)
      streaks.set(memberId, outcome === "excused" ? (streaks.get(memberId) ?? 0) + 1 : 0);
  }
  const last = history.at(-1);
  // Only those expected at the last meeting count for it.
  return new Map([...streaks].filter(([id]) => last?.has(id)));
}

/** A member's outcome from the stored answer and attendance. */
export function outcomeOf(r: { attendance: string | null; answer: string | null }): Outcome | null {
  if (r.attendance === "present") return "present";
  if (r.attendance !== "absent") return null;
  return r.answer === "leave_requested" || r.answer === "leave_accepted" ? "excused" : "unexcused";
}

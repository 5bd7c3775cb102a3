/**
 * Attendance rules for one meeting: who is expected, the rate, and who was
 * absent without an accepted reason. Thresholds come from configuration.
 */

export type Answer = "attending" | "leave_requested" | "leave_accepted" | "leave_refused";
export type Attendance = "present" | "absent";
export type Exemption = "none" | "temporary" | "full";

export interface MemberForMeeting {
  id: number;
  fullName: string;
  exemption: Exemption;
  exemptFrom: Date | null;
  exemptUntil: Date | null;
}

/** Is the member exempted from meetings at `at`? Full exemption is open-ended; tạm miễn has a period. */
export function isExemptAt(m: Pick<MemberForMeeting, "exemption" | "exemptFrom" | "exemptUntil">, at: Date): boolean {
  if (m.exemption === "full") return true;
  if (m.exemption !== "temporary") return false;
  if (m.exemptFrom && at < m.exemptFrom) return false;
  if (m.exemptUntil && at > m.exemptUntil) return false;
  return true;
}

export interface AttendanceRow {
  memberId: number;
  fullName: string;
  attendance: Attendance | null;
  answer: Answer | null;
  reason: string | null;
}

export interface AttendanceSummary {
  expected: number;
  present: number;
  absentWithReason: AttendanceRow[];
  /** Absent with a leave request the secretary has not decided yet ("chờ duyệt"): neither with nor without reason. */
  absentPending: AttendanceRow[];
  absentWithoutReason: AttendanceRow[];
  notRecorded: AttendanceRow[];
  rate: number;
  meetsThreshold: boolean;
}

/** How an absence counts: an accepted leave is with reason, an undecided one waits, anything else is without reason. */
export function absenceKind(answer: Answer | string | null): "with_reason" | "pending" | "without_reason" {
  if (answer === "leave_accepted") return "with_reason";
  if (answer === "leave_requested") return "pending";
  return "without_reason";
}

export function summariseAttendance(rows: AttendanceRow[], threshold: number): AttendanceSummary {
  const present = rows.filter((r) => r.attendance === "present").length;
  const absent = rows.filter((r) => r.attendance === "absent");
  const absentWithReason = absent.filter((r) => r.answer === "leave_accepted");
  const absentPending = absent.filter((r) => r.answer === "leave_requested");
  const absentWithoutReason = absent.filter((r) => r.answer !== "leave_accepted" && r.answer !== "leave_requested");
  const notRecorded = rows.filter((r) => r.attendance === null);
  const rate = rows.length === 0 ? 0 : present / rows.length;
  return {
    expected: rows.length,
    present,
    absentWithReason,
    absentPending,
    absentWithoutReason,
    notRecorded,
    rate,
    meetsThreshold: rows.length > 0 && rate > threshold && absentWithoutReason.length === 0,
  };
}

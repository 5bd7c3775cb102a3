/** Meetings: notices, reminders, answers and leave, creating and changing, status and attendance, the record. */
import type { CriterionId, CriterionResult } from "../domain/meeting-quality.ts";
import { ruleShape, type ScheduleProblem } from "../domain/schedule.ts";
import { formatDateTime } from "../domain/time.ts";
import { formatPercent } from "../domain/text.ts";
import type { AttendanceSummary } from "../domain/attendance.ts";
import type { MeetingStatus } from "../services/meetings.ts";

export const KIND_LABELS: Record<string, string> = { regular: "Sinh hoạt định kỳ", thematic: "Sinh hoạt chuyên đề" };

export interface MeetingView {
  kind: string;
  startsAt: Date;
  place: string;
  agenda: string;
}

export function meetingBlock(m: MeetingView, tz: string): string {
  const lines = [`📅 ${KIND_LABELS[m.kind] ?? m.kind}`, `🕖 ${formatDateTime(m.startsAt, tz)}`, `📍 ${m.place}`];
  if (m.agenda) lines.push(`📝 ${m.agenda}`);
  return lines.join("\n");
}

const ANSWER_LABELS: Record<string, string> = {
  attending: "Có mặt",
  leave_requested: "Xin vắng (chờ bí thư duyệt)",
  leave_accepted: "Xin vắng (đã được chấp thuận)",
  leave_refused: "Xin vắng (không được chấp thuận)",
};

export function answerLabel(answer: string | null | undefined): string {
  return answer ? (ANSWER_LABELS[answer] ?? answer) : "Chưa trả lời";
}

const WEEKDAY_NAMES: Record<string, string> = {
  MO: "thứ Hai",
  TU: "thứ Ba",
  WE: "thứ Tư",
  TH: "thứ Năm",
  FR: "thứ Sáu",
  SA: "thứ Bảy",
  SU: "Chủ nhật",
};
const RANK_NAMES: Record<number, string> = { 1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", [-1]: "cuối cùng" };

/** A branch's regular schedule as secretaries say it: "ngày 3 hằng tháng", "thứ Ba đầu tiên của tháng". */
export function describeRule(rule: string): string {
  const shape = ruleShape(rule);
  if (shape.kind === "monthday") return `ngày ${shape.day} hằng tháng`;
  if (shape.kind === "weekday")
    return `${WEEKDAY_NAMES[shape.weekday]} ${RANK_NAMES[shape.rank] ?? ""} của tháng`.replace(/\s+/g, " ");
  return shape.rule;
}

/** Why a schedule was refused. */
export function scheduleProblemText(problem: ScheduleProblem, input: string): string {
  switch (problem) {
    case "bad_rrule":
      return `Quy tắc lịch không hợp lệ: ${input}`;
    case "not_monthly":
      return "Lịch sinh hoạt định kỳ phải là hằng tháng (FREQ=MONTHLY).";
    case "day_out_of_range":
      return "Ngày sinh hoạt cố định phải từ 1 đến 28 (để tháng nào cũng có).";
    case "bad_time":
      return `Giờ sinh hoạt không hợp lệ: ${input}`;
    default:
      return `Không hiểu lịch "${input}". Ví dụ: "ngày 3", "thứ ba đầu tiên", "thứ sáu cuối cùng" hoặc "FREQ=MONTHLY;BYMONTHDAY=3".`;
  }
}

export const meetingTexts = {
  guestAwayToLeader: (name: string, block: string, reason: string) =>
    `Đồng chí ${name} (cấp ủy viên phụ trách chi bộ) báo không dự được buổi sinh hoạt:\n${block}\nLý do: ${reason}`,
  guestNotice: (branch: string) => `Đồng chí là cấp ủy viên phụ trách ${branch}. Mời đồng chí dự buổi sinh hoạt:`,
  attendanceToggle: (absent: boolean, name: string) => `${absent ? "❌ Vắng" : "✅ Có mặt"}: ${name}`,
  placeByNotice: "Theo thông báo của chi bộ",
  noUpcoming: "Hiện chưa có buổi sinh hoạt nào được lên lịch.",
  upcomingHeader: "Lịch sinh hoạt sắp tới:",
  yourAnswer: (a: string | null | undefined) => `Trả lời của đồng chí: ${answerLabel(a)}`,
  btnAttend: "✅ Có mặt",
  btnLeave: "🙋 Xin vắng",
  reminder: (block: string, when: "soon" | "today", answer: string | null) =>
    `${when === "today" ? "🔔 Nhắc lịch: hôm nay chi bộ sinh hoạt." : "🔔 Nhắc lịch sinh hoạt chi bộ."}\n${block}\n` +
    (answer
      ? `Trả lời của đồng chí: ${answerLabel(answer)}. Có thể đổi bằng các nút bên dưới.`
      : "Xin đồng chí xác nhận tham dự:"),
  nudge: (block: string) => `Đồng chí chưa trả lời lịch sinh hoạt:\n${block}\nXin đồng chí xác nhận tham dự:`,
  meetingChanged: (
    block: string,
    time: { from: string; to: string } | null,
    place: { from: string; to: string } | null,
  ) =>
    [
      "⚠️ Lịch sinh hoạt đã thay đổi:",
      ...(time ? [`🕖 Thời gian: ${time.from} → ${time.to}`] : []),
      ...(place ? [`📍 Địa điểm: ${place.from} → ${place.to}`] : []),
      "Lịch mới:",
      block,
      "Xin đồng chí xác nhận lại:",
    ].join("\n"),
  meetingCancelled: (block: string) => `❌ Buổi sinh hoạt sau đã được huỷ:\n${block}`,
  meetingAnnounced: (block: string) => `📣 Chi bộ thông báo lịch sinh hoạt:\n${block}\nXin đồng chí xác nhận tham dự:`,
  attendThanks: "Cảm ơn đồng chí đã xác nhận có mặt. Hẹn gặp đồng chí tại buổi sinh hoạt.",
  attendAgain: "Đồng chí đã xác nhận có mặt trước đó.",
  askLeaveReason: "Xin đồng chí cho biết lý do xin vắng (gửi một tin nhắn, tối đa 500 ký tự). Gõ /huy để thôi.",
  leaveReasonEmpty: "Lý do không được để trống. Xin đồng chí nhập lý do xin vắng:",
  leaveReasonTooLong: "Lý do quá dài (tối đa 500 ký tự). Xin đồng chí viết ngắn gọn hơn:",
  leaveSent: "Đã gửi đơn xin vắng tới bí thư chi bộ. Bot sẽ báo lại khi có quyết định.",
  leaveRequestToLeader: (name: string, block: string, reason: string) =>
    `🙋 Đồng chí ${name} xin vắng buổi sinh hoạt:\n${block}\nLý do: ${reason}`,
  btnAccept: "Chấp thuận",
  btnRefuse: "Không chấp thuận",
  leaveAccepted: (block: string) => `✅ Bí thư đã chấp thuận cho đồng chí vắng buổi sinh hoạt:\n${block}`,
  leaveRefused: (block: string) =>
    `❗ Bí thư không chấp thuận đơn xin vắng buổi sinh hoạt:\n${block}\nĐề nghị đồng chí thu xếp tham dự.`,
  decisionRecorded: (name: string, accepted: boolean) =>
    `Đã ghi nhận: ${accepted ? "chấp thuận" : "không chấp thuận"} đơn xin ` +
    `vắng của đồng chí ${name}. Đồng chí ấy sẽ được báo.`,
  staleMeetingCancelled: "Buổi sinh hoạt này đã được huỷ.",
  staleMeetingStarted: "Buổi sinh hoạt này đã bắt đầu hoặc đã qua; không thể trả lời nữa.",
  staleNotExpected: "Đồng chí không thuộc danh sách của buổi sinh hoạt này.",
  staleAlreadyDecided: "Đơn xin vắng này đã được xử lý trước đó.",
  staleWithdrawn: "Đồng chí ấy đã đổi câu trả lời; không còn đơn xin vắng để xử lý.",

  createAskKind: "Tạo buổi sinh hoạt mới. Chọn loại buổi sinh hoạt:",
  createAskDate: "Nhập ngày giờ họp, ví dụ: 03/12/2026 19:30 hoặc 19h30 3/12.\nGõ /huy để thôi.",
  createAskPlace: "Nhập địa điểm họp (ví dụ: Nhà văn hoá tổ dân phố 5):",
  createAskAgenda: "Nhập nội dung, chương trình buổi họp (hoặc gõ «không» nếu chưa có):",
  createAskTopic: "Nhập chủ đề sinh hoạt chuyên đề và chương trình buổi họp:",
  createConfirm: (block: string) => `Xin kiểm tra lại:\n${block}\nGửi thông báo cho các đảng viên?`,
  createDone: (n: number) =>
    `✅ Đã tạo buổi sinh hoạt và gửi thông báo tới ${n} đảng viên đã liên kết. Lời nhắc sẽ được gửi theo lịch.`,
  dateFormat: "Bot chưa hiểu ngày giờ này. Xin nhập theo dạng 03/12/2026 19:30 hoặc 19h30 3/12:",
  dateInvalid: "Ngày này không có trên lịch. Xin nhập lại ngày giờ họp:",
  timeInvalid: "Giờ không hợp lệ (giờ 0–23, phút 0–59). Xin nhập lại ngày giờ họp:",
  datePast: "Thời gian này đã qua. Xin nhập một ngày giờ trong tương lai:",
  dateTooFar: "Thời gian này quá xa (hơn một năm). Xin nhập lại ngày giờ họp:",
  placeBad: "Địa điểm phải có và không quá 200 ký tự. Xin nhập lại địa điểm:",
  agendaBad: "Nội dung không quá 1500 ký tự. Xin nhập lại:",
  chooseMeetingToChange: "Chọn buổi sinh hoạt cần sửa:",
  changeWhat: (block: string) => `${block}\nĐồng chí muốn sửa gì?`,
  btnChangeTime: "Đổi ngày giờ",
  btnChangePlace: "Đổi địa điểm",
  btnCancelMeeting: "Huỷ buổi họp",
  changeConfirm: (block: string) => `Lịch mới:\n${block}\nGửi thông báo thay đổi cho các đảng viên?`,
  cancelConfirm: (block: string) => `Huỷ buổi sinh hoạt:\n${block}\nGửi thông báo huỷ cho các đảng viên?`,
  changeDone: (n: number) => `✅ Đã cập nhật và báo cho ${n} đảng viên. Lời nhắc theo giờ cũ đã được huỷ.`,
  cancelDone: (n: number) => `✅ Đã huỷ buổi sinh hoạt và báo cho ${n} đảng viên.`,

  statusNone: "Không có buổi sinh hoạt nào sắp tới.",
  status: (s: MeetingStatus, block: string) => {
    const lines = [block, ""];
    lines.push(`✅ Có mặt (${s.attending.length}): ${s.attending.join(", ") || "–"}`);
    lines.push(`🙋 Xin vắng (${s.leave.length}):${s.leave.length ? "" : " –"}`);
    for (const l of s.leave) {
      const d =
        l.decision === "accepted" ? "đã chấp thuận" : l.decision === "refused" ? "không chấp thuận" : "chờ duyệt";
      lines.push(`  • ${l.name} – ${l.reason} (${d})`);
    }
    lines.push(`❔ Chưa trả lời (${s.noAnswer.length}): ${s.noAnswer.join(", ") || "–"}`);
    if (s.unlinked.length) lines.push(`🔗 Chưa liên kết tài khoản (${s.unlinked.length}): ${s.unlinked.join(", ")}`);
    if (s.unreachable.length)
      lines.push(`📵 Không gửi được tin (${s.unreachable.length}): ${s.unreachable.join(", ")}`);
    return lines.join("\n");
  },
  noThematicWarning: (quarter: number, year: number) =>
    `⚠️ Chi bộ chưa có buổi sinh hoạt chuyên đề nào trong quý ` +
    `${quarter}/${year}. Theo quy định, mỗi quý ít nhất một lần. Dùng ` +
    `/taohop để lên lịch.`,

  attendanceNone: "Không có buổi sinh hoạt nào trong 30 ngày qua để điểm danh.",
  attendanceChoose: "Chọn buổi sinh hoạt để điểm danh:",
  attendanceSheet: (block: string) => `Điểm danh:\n${block}\nBấm tên để đổi Có mặt ↔ Vắng, rồi bấm «Lưu điểm danh».`,
  btnSaveAttendance: "💾 Lưu điểm danh",
  btnAskFeedback: "📝 Xin đánh giá buổi này (khảo sát)",
  attendanceReport: (s: AttendanceSummary, threshold: number) => {
    const lines = [
      `📋 Kết quả điểm danh: ${s.present}/${s.expected} có mặt (${formatPercent(s.rate)}).`,
      s.rate > threshold
        ? `Đạt yêu cầu tỷ lệ trên ${formatPercent(threshold)}.`
        : `⚠️ Chưa đạt tỷ lệ trên ${formatPercent(threshold)}.`,
    ];
    if (s.absentWithReason.length)
      lines.push(
        `Vắng có lý do (${s.absentWithReason.length}): ${s.absentWithReason.map((r) => r.fullName).join(", ")}`,
      );
    if (s.absentPending.length)
      lines.push(
        `⏳ Vắng, đơn xin vắng chờ duyệt (${s.absentPending.length}): ${s.absentPending.map((r) => r.fullName).join(", ")}`,
      );
    if (s.absentWithoutReason.length)
      lines.push(
        `⚠️ Vắng không lý do (${s.absentWithoutReason.length}): ${s.absentWithoutReason.map((r) => r.fullName).join(", ")}`,
      );
    else lines.push("Không có đồng chí nào vắng không lý do.");
    return lines.join("\n");
  },
};

/** The HD 12-2018 criteria of a meeting up to standard, as the record page, chat and the command line show them. */
export const QUALITY_LABELS: Record<CriterionId, string> = {
  attendance: "Tỷ lệ dự họp",
  no_unexcused: "Không có đảng viên vắng không lý do",
  excused_streak: "Không có đảng viên vắng có lý do liên tiếp quá số lần cho phép",
  duration: "Thời lượng",
  resolution: "Có nghị quyết (kết luận)",
  speakers: "Số người phát biểu",
  minutes: "Biên bản đủ (chủ trì, thư ký, diễn biến)",
  prepared: "Chi ủy chuẩn bị nội dung, dự thảo nghị quyết trước",
};

export function criterionLine(c: CriterionResult): string {
  const mark = c.ok ? "✓" : "✗";
  const figure = (() => {
    switch (c.id) {
      case "attendance":
        return c.value === null
          ? ": chưa điểm danh"
          : `: ${formatPercent(c.value)} (cần trên ${formatPercent(c.threshold ?? 0)})`;
      case "no_unexcused":
        return `: ${c.value ?? 0} người`;
      case "excused_streak":
        return `: nhiều nhất ${c.value ?? 0} lần liên tiếp (tối đa ${c.threshold ?? 0})`;
      case "duration":
        return c.value === null
          ? ": chưa ghi giờ bắt đầu, kết thúc"
          : `: ${c.value} phút (tối thiểu ${c.threshold ?? 0})`;
      case "speakers":
        return `: ${c.value ?? 0} (tối thiểu ${c.threshold ?? 0})`;
      default:
        return "";
    }
  })();
  return `${mark} ${QUALITY_LABELS[c.id]}${figure}`;
}

export function qualityVerdict(q: { judged: boolean; upToStandard: boolean }): string {
  if (!q.judged) return "Chưa đủ dữ liệu để đánh giá (cần điểm danh và giờ bắt đầu, kết thúc).";
  return q.upToStandard ? "ĐẠT CHẤT LƯỢNG" : "CHƯA ĐẠT CHẤT LƯỢNG";
}

/**
 * Every sentence a member or secretary reads, in Vietnamese. Kept in one place
 * so wording stays consistent and free of sensitive detail.
 */
import { formatDateTime } from "../domain/time.ts";
import { formatPercent } from "../domain/text.ts";
import type { AttendanceSummary } from "../domain/attendance.ts";
import type { MeetingStatus } from "../services/meetings.ts";
import type { Channel, OutgoingMessage } from "../messaging/types.ts";

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

/** The answer to someone the bot does not know yet: Telegram can offer a phone-sharing button. */
export function notLinkedReply(channel: Channel): OutgoingMessage {
  return channel === "telegram" ? { text: t.notLinkedTelegram, askContact: t.shareContact } : { text: t.notLinkedZalo };
}

export const t = {
  tooLong: (max: number) => `Tin nhắn quá dài (tối đa ${max} ký tự). Xin đồng chí gửi ngắn gọn hơn.`,
  privateOnly: "Xin đồng chí nhắn riêng cho bot; bot không làm việc trong nhóm.",
  unknownCommand: "Bot chưa hiểu lệnh này. Gõ /trogiup để xem các lệnh.",
  unknownText: "Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh.",
  staleButton: "Nút này không còn hiệu lực.",
  pressed: (label: string) => `☑️ Đã chọn: ${label}`,
  notLinkedTelegram:
    "Tài khoản này chưa được liên kết với hồ sơ đảng viên.\n" +
    "Xin đồng chí gửi mã mời do bí thư chi bộ cấp (8 ký tự), hoặc bấm nút " +
    "bên dưới để chia sẻ số điện thoại đã đăng ký với chi bộ.",
  notLinkedZalo:
    "Tài khoản Zalo này chưa được liên kết với hồ sơ đảng viên.\n" +
    "Xin đồng chí gửi cho bot mã mời do bí thư chi bộ cấp (8 ký tự).",
  shareContact: "📱 Chia sẻ số điện thoại",
  welcomeLinked: (name: string) => `Kính chào đồng chí ${name}. Gõ /trogiup để xem các lệnh.`,
  linked: (name: string, branch: string) =>
    `✅ Đã liên kết tài khoản với đồng chí ${name}, ${branch}.\nTừ nay bot ` +
    `sẽ gửi lịch sinh hoạt và nhắc việc cho đồng chí. Gõ /trogiup để xem các lệnh.`,
  alreadyLinked: (name: string) =>
    `Tài khoản này đã được liên kết với đồng chí ${name}. Muốn huỷ liên kết, gõ /huylienket.`,
  linkInvalid: "Mã mời không đúng. Xin đồng chí kiểm tra lại mã (8 ký tự, không phân biệt chữ hoa, chữ thường).",
  linkUsed: "Mã mời này đã được dùng. Xin đồng chí liên hệ bí thư chi bộ để được cấp mã mới.",
  linkExpired: "Mã mời này đã hết hạn. Xin đồng chí liên hệ bí thư chi bộ để được cấp mã mới.",
  linkThrottled: "Đồng chí đã nhập sai quá nhiều lần. Xin thử lại sau một giờ hoặc liên hệ bí thư chi bộ.",
  linkNotOwnContact:
    "Xin đồng chí chia sẻ số điện thoại của chính mình bằng nút bên dưới, không gửi danh bạ của người khác.",
  linkNoMatch: "Số điện thoại này không có trong danh sách chi bộ. Xin đồng chí liên hệ bí thư để được cấp mã mời.",
  linkAmbiguous: "Số điện thoại này trùng với nhiều hồ sơ. Xin đồng chí dùng mã mời do bí thư cấp.",
  linkBadPhone: "Số điện thoại không hợp lệ. Xin đồng chí dùng mã mời do bí thư cấp.",
  unlinked: "Đã huỷ liên kết. Bot sẽ không gửi tin cho tài khoản này nữa. Muốn liên kết lại, gửi mã mời mới.",
  nothingToUnlink: "Tài khoản này chưa liên kết với hồ sơ nào.",
  cancelled: "Đã huỷ thao tác đang làm.",
  nothingToCancel: "Không có thao tác nào đang làm.",
  dialogAbandoned: "(Thao tác đang làm dở đã được huỷ.)",
  notAuthorised: "Đồng chí không có quyền thực hiện thao tác này. Lệnh này dành cho bí thư, phó bí thư chi bộ.",
  notAuthorisedFees:
    "Đồng chí không có quyền thực hiện thao tác này. Lệnh này dành cho đồng " +
    "chí thu đảng phí, bí thư, phó bí thư chi bộ.",
  internalError: "Xin lỗi, bot gặp lỗi khi xử lý. Dữ liệu của đồng chí không bị mất; xin thử lại sau ít phút.",

  helpMember: [
    "Các lệnh của đảng viên:",
    "/lichhop – xem lịch sinh hoạt sắp tới và câu trả lời của mình",
    "/huy – huỷ thao tác đang làm",
    "/huylienket – huỷ liên kết tài khoản này",
    "/kenh – chọn nhận nhắc việc qua Telegram hay Zalo (khi liên kết cả hai)",
    "/dangphi – đảng phí của mình: tháng đã đóng, chưa đóng, cách đóng",
    "/khaibao – khai báo mức lương (hoặc lương hưu) làm căn cứ tính đảng phí",
    "/dulieu – xem toàn bộ dữ liệu bot lưu về mình",
    "/kiemdiem – làm bản kiểm điểm cuối năm (tạm dừng, làm tiếp, sửa, nộp, nhận bản in)",
    "/bankiemdiem – nhận bản kiểm điểm của mình dạng Word để in, ký",
    "/trogiup – xem hướng dẫn",
    "Khi nhận lời nhắc họp, bấm «Có mặt» hoặc «Xin vắng» (kèm lý do).",
  ].join("\n"),
  helpLeader: [
    "",
    "Các lệnh của bí thư, phó bí thư:",
    "/taohop – tạo buổi sinh hoạt",
    "/suahop – đổi giờ, địa điểm hoặc huỷ buổi sinh hoạt",
    "/tinhhinh – tình hình trả lời các buổi sắp tới",
    "/diemdanh – điểm danh sau buổi sinh hoạt",
    "/golienket – gỡ liên kết tài khoản của một đảng viên",
    "/thongbao – soạn và gửi thông báo (có nút «Đã nhận»)",
    "/tinhtrangtb – tình trạng gửi, nhận thông báo; nhắc lại; dừng gửi",
    "/baocao – báo cáo: danh sách đảng viên, điểm danh cả năm, thông báo, nhật ký (XLSX)",
    "/xoadangvien – xoá dữ liệu cá nhân của đảng viên đã rời chi bộ",
    "/mokiemdiem – mở đợt kiểm điểm cuối năm; /tiendokd – tiến độ; /xembkd " +
      "– xem bản kiểm điểm; /xeploai – ghi mức xếp loại; /baocaokd – báo cáo " +
      "xếp loại (XLSX); /khoakd – khoá đợt kiểm điểm",
  ].join("\n"),
  helpFees: [
    "",
    "Các lệnh về đảng phí (bí thư, phó bí thư, đồng chí thu đảng phí):",
    "/thuphi – ghi khoản thu đảng phí",
    "/mucdong – nhập mức lương, lương hưu làm căn cứ của một đảng viên",
    "/thuthang – tình hình thu đảng phí tháng này",
    "/canhbao – đảng viên nợ đảng phí hoặc vắng họp không lý do",
    "/xuatphi – xuất sổ thu đảng phí (XLSX, CSV)",
  ].join("\n"),

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
  btnConfirm: "✅ Xác nhận",
  btnCancel: "✖ Huỷ",
  createDone: (n: number) =>
    `✅ Đã tạo buổi sinh hoạt và gửi thông báo tới ${n} đảng viên đã liên kết. Lời nhắc sẽ được gửi theo lịch.`,
  dateFormat: "Bot chưa hiểu ngày giờ này. Xin nhập theo dạng 03/12/2026 19:30 hoặc 19h30 3/12:",
  dateInvalid: "Ngày này không có trên lịch. Xin nhập lại ngày giờ họp:",
  timeInvalid: "Giờ không hợp lệ (giờ 0–23, phút 0–59). Xin nhập lại ngày giờ họp:",
  datePast: "Thời gian này đã qua. Xin nhập một ngày giờ trong tương lai:",
  dateTooFar: "Thời gian này quá xa (hơn một năm). Xin nhập lại ngày giờ họp:",
  placeBad: "Địa điểm phải có và không quá 200 ký tự. Xin nhập lại địa điểm:",
  agendaBad: "Nội dung không quá 1500 ký tự. Xin nhập lại:",
  chooseButton: "Xin đồng chí chọn một trong các nút bên dưới (hoặc gõ /huy để thôi).",

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

  channelChoose: (linked: string[], current: string | null) =>
    `Đồng chí đã liên kết: ${linked.join(", ")}.\nLời nhắc và thông báo ` +
    `được gửi một lần, qua ` +
    `${current ? `kênh đã chọn: ${current}` : "kênh đồng chí dùng gần nhất"}. ` +
    `Chọn kênh nhận:`,
  channelSet: (channel: string) =>
    `Đã chọn: lời nhắc và thông báo sẽ gửi qua ${channel}. Nếu không gửi được, bot sẽ gửi qua kênh còn lại.`,
  channelAuto: "Đã chọn: lời nhắc và thông báo sẽ gửi qua kênh đồng chí dùng gần nhất.",
  channelNotLinked: (channel: string) =>
    `Đồng chí chưa liên kết ${channel}. Xin gửi mã mời cho bot trên ${channel} trước.`,
  feeHowToPay: (collector: string | null) =>
    `Cách đóng: nộp tiền mặt cho ` +
    `${collector ? `đồng chí ${collector} (thu đảng phí)` : "đồng chí thu đảng phí của chi bộ"}, ` +
    `hoặc nộp qua Cổng Dịch vụ công quốc gia. Bot không nhận tiền.`,
  feeStatementHeader: (year: number) => `Đảng phí năm ${year} của đồng chí:`,
  feeNothingYet: "Chưa có tháng nào phải đóng trong năm nay.",
  feeOwed: (total: string) => `Còn phải đóng: ${total}.`,
  feeAllPaid: "✅ Đồng chí đã đóng đủ đến tháng này.",
  feeUnknown: (months: string[], noGroup: boolean) =>
    `❔ Chưa tính được số phải đóng của ` +
    `${months.length === 1 ? `tháng ${months[0]}` : `${months.length} tháng (${months[0]}–${months.at(-1)})`}: ` +
    (noGroup
      ? "chi bộ chưa ghi nhóm đảng phí của đồng chí. Xin báo đồng chí thu đảng phí."
      : "chưa có mức lương làm căn cứ. Đồng chí có thể khai báo bằng lệnh /khaibao."),
  btnFeePaid: "💵 Tôi đã đóng",
  feeReminder: (lines: string, total: string, howToPay: string) =>
    `💵 Nhắc đóng đảng phí.\nCác tháng chưa đóng:\n${lines}\nTổng: ` +
    `${total}.\n${howToPay}\nNếu đã đóng, bấm «Tôi đã đóng» để đồng chí thu ` +
    `đảng phí xác nhận.`,
  feeReportConfirm: (lines: string, total: string) =>
    `Đồng chí báo đã đóng:\n${lines}\nTổng: ${total}. Gửi để đồng chí thu đảng phí xác nhận?`,
  feeNothingToReport: "Đồng chí không còn tháng nào chưa đóng.",
  feeReportSent: "Đã gửi. Khi đồng chí thu đảng phí xác nhận, bot sẽ báo lại.",
  feeReportToCollector: (name: string, lines: string, total: string) =>
    `💵 Đồng chí ${name} báo đã đóng đảng phí:\n${lines}\nTổng: ${total}.`,
  btnFeeConfirm: "✅ Đã nhận tiền",
  btnFeeReject: "✖ Chưa nhận",
  feeConfirmed: (lines: string) => `✅ Đồng chí thu đảng phí đã xác nhận khoản đóng:\n${lines}\nCảm ơn đồng chí.`,
  feeRejected: (lines: string) =>
    `❗ Đồng chí thu đảng phí chưa xác nhận khoản đóng:\n${lines}\nXin đồng chí liên hệ trực tiếp để làm rõ.`,
  feeDecisionRecorded: (name: string, accepted: boolean) =>
    `Đã ghi: ${accepted ? "xác nhận" : "không xác nhận"} khoản báo đóng của đồng chí ${name}. Đồng chí ấy sẽ được báo.`,
  feeStaleReport: "Khoản báo đóng này đã được xử lý trước đó.",
  feeCollectChooseMember: "Ghi khoản thu đảng phí. Chọn đảng viên:",
  feeCollectNoMembers: "Không có đảng viên nào trong chi bộ.",
  feeCollectChooseMonths: (name: string) =>
    `Đồng chí ${name}. Bấm các tháng nộp lần này (bấm lại để bỏ), rồi bấm «Tiếp tục»:`,
  feeCollectNoMonths: (name: string) => `Đồng chí ${name} không còn tháng nào phải đóng trong thời gian cho phép.`,
  btnContinue: "Tiếp tục ➡",
  feeCollectAskAmount: (total: string) =>
    `Số phải đóng cho các tháng đã chọn: ${total}. Nhập số tiền đã nhận (đồng), hoặc bấm nút bên dưới:`,
  btnExactAmount: (total: string) => `Đã nhận đúng ${total}`,
  feeAmountBad: "Số tiền không hợp lệ. Xin nhập số đồng, ví dụ 15930 hoặc 15.930:",
  feeAmountMismatch: (given: string, due: string) =>
    `Số tiền ${given} không khớp số phải đóng (${due}). Bot chỉ ghi đủ từng ` +
    `tháng. Xin nhập lại số tiền, chọn lại tháng (/thuphi) hoặc gõ /huy.`,
  feeAmountTooBig: (max: string) => `Số tiền vượt mức tối đa cho một lần ghi (${max}). Xin kiểm tra lại:`,
  feeCollectConfirm: (name: string, lines: string, total: string) =>
    `Ghi khoản thu của đồng chí ${name}:\n${lines}\nTổng: ${total}?`,
  feeCollectDone: (name: string, total: string) => `✅ Đã ghi khoản thu ${total} của đồng chí ${name}.`,
  feePaymentNotice: (lines: string, total: string) =>
    `✅ Chi bộ đã ghi nhận đồng chí đóng đảng phí:\n${lines}\nTổng: ${total}. Cảm ơn đồng chí.`,
  feeBaseAsk: "Nhập mức tiền lương tháng đóng BHXH (hoặc lương hưu) của đồng chí, bằng đồng, ví dụ 8.500.000:",
  feeBaseChooseMember: "Nhập mức lương (hoặc lương hưu) làm căn cứ tính đảng phí. Chọn đảng viên:",
  feeBaseNoMembers: "Chi bộ không có đảng viên nào thuộc nhóm tính đảng phí theo tiền lương hoặc lương hưu.",
  feeBaseAskFor: (name: string) =>
    `Nhập mức tiền lương tháng đóng BHXH (hoặc lương hưu) của đồng chí ${name}, bằng đồng, ví dụ 8.500.000:`,
  feeBaseSavedFor: (name: string, amount: string, fee: string) =>
    `Đã ghi mức căn cứ của đồng chí ${name}: ${amount}. Đảng phí hằng tháng: ${fee}.`,
  feeBaseNotNeeded: "Nhóm đảng phí của đồng chí không tính theo tiền lương; không cần khai báo.",
  feeBaseBad: "Số không hợp lệ (từ 100.000 đến 1.000.000.000 đồng). Xin nhập lại:",
  feeBaseSaved: (amount: string, fee: string) => `Đã ghi mức căn cứ ${amount}. Đảng phí hằng tháng: ${fee}.`,
  feeCollectionReport: (
    month: string,
    collected: string,
    expected: string,
    paid: string[],
    owing: string[],
    unknown: string[],
  ) =>
    [
      `💵 Thu đảng phí tháng ${month}: đã thu ${collected} / phải thu ${expected}.`,
      `✅ Đã đóng (${paid.length}): ${paid.join(", ") || "–"}`,
      `❔ Chưa đóng (${owing.length}): ${owing.join(", ") || "–"}`,
      ...(unknown.length ? [`⚠️ Chưa đủ thông tin để tính (${unknown.length}): ${unknown.join(", ")}`] : []),
    ].join("\n"),
  arrearsNone: (year: number) => `Năm ${year}: không có đảng viên nào cần lưu ý về đảng phí hay sinh hoạt.`,
  arrearsReport: (year: number, lines: string[]) =>
    `⚠️ Năm ${year}, cần lưu ý (bot chỉ nêu để chi bộ xem xét, không tự xử lý):\n${lines.join("\n")}`,
  exportCaption: (what: string) => `📎 ${what}`,
  exportNotOnZalo:
    "Zalo không gửi được tệp. Xin dùng lệnh /xuatphi trên Telegram, hoặc nhờ cán bộ kỹ thuật xuất bằng dòng lệnh.",
  annScope: "Soạn thông báo. Gửi tới:",
  btnOwnBranch: "Chi bộ của tôi",
  btnAllBranches: "Tất cả chi bộ",
  btnChooseBranches: "Chọn chi bộ…",
  annChooseBranches: "Bấm các chi bộ nhận (bấm lại để bỏ), rồi «Tiếp tục»:",
  annAudience: "Gửi cho ai?",
  btnAudienceAll: "Tất cả đảng viên",
  btnAudienceLeaders: "Chỉ bí thư, phó bí thư",
  btnAudienceNoAnswer: "Người chưa trả lời lịch họp sắp tới",
  annAskText:
    `Nhập nội dung thông báo (tối đa 3500 ký tự). Có thể gửi một ảnh hoặc ` +
    `một tệp kèm chú thích làm nội dung. Gõ /huy để thôi.`,
  annTextEmpty: "Thông báo chưa có nội dung. Xin nhập nội dung:",
  annTextTooLong: "Thông báo quá dài (tối đa 3500 ký tự). Xin rút gọn:",
  annWhen: "Gửi khi nào?",
  btnSendNow: "Gửi ngay",
  btnSchedule: "Hẹn giờ gửi",
  annAskWhen: "Nhập thời điểm gửi, ví dụ 25/11/2026 07:30:",
  annPreview: (
    text: string,
    attachment: string | null,
    recipients: number,
    reachable: number,
    unreachable: string[],
    eta: string,
    when: string,
  ) =>
    [
      "Xem trước thông báo:",
      "────────",
      text,
      ...(attachment ? [`(kèm ${attachment})`] : []),
      "────────",
      `Người nhận: ${recipients} đảng viên; gửi được ${reachable}.`,
      ...(unreachable.length ? [`Không gửi được (chưa liên kết hoặc đã chặn bot): ${unreachable.join(", ")}`] : []),
      `Gửi: ${when}. Thời gian gửi ước tính: ${eta}.`,
    ].join("\n"),
  annNoRecipients: "Không có người nhận nào. Đã huỷ.",
  btnSend: "📣 Gửi",
  annSent: (id: number, queued: number) =>
    `✅ Thông báo #${id} đang được gửi tới ${queued} đảng viên. Xem tình trạng: /tinhtrangtb`,
  annScheduled: (id: number, queued: number, when: string) =>
    `✅ Thông báo #${id} sẽ được gửi lúc ${when} tới ${queued} đảng viên. Xem hoặc dừng: /tinhtrangtb`,
  annAcked: "Cảm ơn đồng chí. Đã ghi nhận đồng chí đã nhận thông báo.",
  annAckedAgain: "Đồng chí đã xác nhận nhận thông báo này trước đó.",
  annNone: "Chưa có thông báo nào.",
  annChoose: "Chọn thông báo để xem tình trạng:",
  annStatus: (id: number, text: string, counts: string, lists: string[]) =>
    [`📣 Thông báo #${id}: ${text}`, counts, ...lists].join("\n"),
  btnRemind: "🔔 Nhắc người chưa bấm nhận",
  btnStopSending: "⏹ Dừng gửi",
  annReminded: (n: number) => `Đã gửi nhắc lại tới ${n} đảng viên chưa bấm «Đã nhận».`,
  annStopped: (n: number) => `Đã dừng gửi thông báo; ${n} tin chưa gửi đã được huỷ.`,
  reportMenu: "Chọn báo cáo (trên Telegram kèm tệp XLSX):",
  btnRepMembers: "Danh sách đảng viên",
  btnRepAttendance: "Điểm danh cả năm",
  btnRepAnnouncements: "Thông báo gần nhất",
  btnRepAudit: "Nhật ký thao tác",
  repMembers: (
    branch: string,
    total: number,
    linked: number,
    tg: number,
    zalo: number,
    unreachable: string[],
    unlinked: string[],
  ) =>
    [
      `👥 ${branch}: ${total} đảng viên, ${linked} đã liên kết (Telegram ${tg}, Zalo ${zalo}).`,
      ...(unlinked.length ? [`Chưa liên kết (${unlinked.length}): ${unlinked.join(", ")}`] : []),
      ...(unreachable.length ? [`Không gửi được (${unreachable.length}): ${unreachable.join(", ")}`] : []),
    ].join("\n"),
  repAttendance: (year: number, meetingLines: string[], flagged: string[]) =>
    [
      `📋 Điểm danh năm ${year}:`,
      ...(meetingLines.length ? meetingLines : ["Chưa có buổi sinh hoạt nào được điểm danh."]),
      ...(flagged.length ? [`⚠️ Vắng không lý do từ 3 lần: ${flagged.join(", ")}`] : []),
    ].join("\n"),
  repAudit: (lines: string[]) => ["🗒 Nhật ký thao tác gần đây:", ...(lines.length ? lines : ["(trống)"])].join("\n"),
  repFileOnTelegramOnly: "(Tệp XLSX chỉ gửi được trên Telegram.)",
  myDataIntro: "Dữ liệu bot đang lưu về đồng chí:",
  myDataNotOnZalo:
    "Zalo không gửi được tệp, nên bản đầy đủ (tệp JSON) không gửi qua Zalo. " +
    "Xin gõ /dulieu trên Telegram nếu đồng chí đã liên kết, hoặc đề nghị bí " +
    "thư xuất giúp.",
  eraseChoose: "Xoá dữ liệu một đảng viên đã chuyển đi hoặc ra khỏi chi bộ. Chọn đảng viên:",
  eraseConfirm: (name: string) =>
    `Xoá vĩnh viễn họ tên, số điện thoại, liên kết tài khoản của đồng chí ` +
    `${name}? Các số liệu tổng hợp (điểm danh, đảng phí) vẫn giữ nhưng không ` +
    `còn tên. Không thể hoàn tác.`,
  btnErase: "🗑 Xoá",
  eraseDone: "Đã xoá dữ liệu cá nhân của đảng viên này. Các số liệu tổng hợp vẫn được giữ, không còn tên.",
  reviewNone: "Chi bộ chưa mở đợt kiểm điểm, đánh giá đảng viên năm nay.",
  reviewNotTaking: (reason: string) => `Năm nay đồng chí không thuộc diện kiểm điểm, xếp loại (${reason}).`,
  reviewLocked: "Đợt kiểm điểm đã hết hạn hoặc đã khoá; đồng chí chưa nộp bản kiểm điểm. Xin liên hệ bí thư chi bộ.",
  reviewHeader: (year: number, section: string) => `📝 Bản kiểm điểm năm ${year} — ${section}`,
  reviewLongHint: "(Có thể gửi nhiều tin nhắn; gửi xong bấm «Xong».)",
  reviewMultiHint: "(Bấm để chọn hoặc bỏ, rồi bấm «Xong».)",
  reviewNumberHint: "(Nhập một số.)",
  btnYes: "Có",
  btnNo: "Không",
  btnDone: "✔ Xong",
  btnBack: "⬅ Quay lại",
  btnPause: "⏸ Tạm dừng",
  btnSkip: "Bỏ qua",
  btnSubmitReview: "📤 Nộp bản kiểm điểm",
  btnReopen: "✏️ Mở lại để sửa",
  btnGetDocument: "📄 Nhận bản in",
  reviewGathered: (n: number) => `Đã nhận ${n} ký tự. Gửi tiếp hoặc bấm «Xong».`,
  reviewPaused: "Đã lưu phần đã trả lời. Gõ /kiemdiem để làm tiếp bất cứ lúc nào.",
  reviewSummary: (year: number, lines: string[], totals: string, allowed: string) =>
    [
      `📝 Tóm tắt bản kiểm điểm năm ${year}:`,
      ...lines,
      "",
      totals,
      allowed,
      "",
      "Gõ «sửa 5» để sửa câu số 5, hoặc nộp bản kiểm điểm.",
    ].join("\n"),
  reviewIncomplete: "Còn câu chưa trả lời; bot sẽ hỏi tiếp.",
  reviewSubmitted: (level: string, deadline: string) =>
    `✅ Đã nộp bản kiểm điểm. Tự xếp loại: ${level}. Đồng chí có thể mở lại ` +
    `để sửa đến hết ${deadline}, khi bí thư chưa khoá.`,
  reviewAlreadySubmitted: (level: string) => `Đồng chí đã nộp bản kiểm điểm (tự xếp loại: ${level}).`,
  reviewDocumentCaption: "📄 Bản kiểm điểm để in và ký.",
  reviewDocumentNotOnZalo:
    "Zalo không gửi được tệp; xin dùng /kiemdiem trên Telegram để nhận bản in, hoặc nhờ bí thư in giúp.",
  reviewEditBad: (n: number) => `Không có câu số ${n}. Xin xem lại bản tóm tắt.`,
  reviewLevelNotAllowed:
    "Mức này không phù hợp với tổng điểm hoặc các tiêu chí đã trả lời. Xin chọn một trong các mức bên dưới.",
  reviewOpenAskDeadline: (year: number) =>
    `Mở đợt kiểm điểm, đánh giá đảng viên năm ${year}. Nhập hạn nộp bản ` +
    `kiểm điểm (trước 31/12), ví dụ 05/12/${year} 17:00:`,
  reviewOpenConfirm: (year: number, deadline: string, taking: number, notTaking: string[], split: string) =>
    [
      `Đợt kiểm điểm năm ${year}, hạn nộp ${deadline}.`,
      `Tham gia: ${taking} đảng viên.`,
      ...(notTaking.length ? [`Không tham gia: ${notTaking.join(", ")}`] : []),
      `Thang điểm: ${split}`,
      "Mở đợt kiểm điểm?",
    ].join("\n"),
  reviewViewChoose: "Xem bản kiểm điểm của đảng viên (đã nộp):",
  reviewLockedDone: (year: number) => `Đã khoá đợt kiểm điểm năm ${year}: đảng viên không sửa bản kiểm điểm được nữa.`,
  reviewOrgReport: (year: number, lines: string[], total: string, good: string) =>
    [
      `📊 Xếp loại năm ${year} toàn đảng bộ (chi bộ đã ghi kết quả):`,
      ...lines,
      `Tổng: ${total}`,
      `Hoàn thành tốt nhiệm vụ trở lên: ${good}`,
    ].join("\n"),
  reviewDeadlineLate: (year: number) =>
    `Hạn nộp phải trước ngày 31/12/${year} để chi bộ kịp họp xếp loại. Xin nhập lại hạn nộp:`,
  reviewOpened: (n: number) => `✅ Đã mở đợt kiểm điểm và gửi thông báo tới ${n} đảng viên.`,
  reviewInvite: (year: number, deadline: string) =>
    `📝 Chi bộ mở đợt kiểm điểm, đánh giá đảng viên năm ${year}. Hạn nộp: ` +
    `${deadline}. Gõ /kiemdiem để làm bản kiểm điểm; có thể tạm dừng và làm ` +
    `tiếp sau.`,
  reviewReminder: (deadline: string, section: string | null) =>
    `📝 Nhắc: hạn nộp bản kiểm điểm là ` +
    `${deadline}.${section ? ` Đồng chí đang làm dở phần «${section}».` : " Đồng chí chưa bắt đầu."} ` +
    `Gõ /kiemdiem để làm tiếp.`,
  reviewProgress: (
    year: number,
    submitted: string[],
    inProgress: string[],
    notStarted: string[],
    notTaking: string[],
  ) =>
    [
      `📝 Tiến độ kiểm điểm năm ${year}:`,
      `✅ Đã nộp (${submitted.length}): ${submitted.join(", ") || "–"}`,
      `✍️ Đang làm (${inProgress.length}): ${inProgress.join(", ") || "–"}`,
      `❔ Chưa bắt đầu (${notStarted.length}): ${notStarted.join(", ") || "–"}`,
      ...(notTaking.length ? [`Không tham gia: ${notTaking.join(", ")}`] : []),
    ].join("\n"),
  reviewFinalChoose: "Ghi mức xếp loại chi bộ đã quyết định. Chọn đảng viên (đã nộp bản kiểm điểm):",
  reviewFinalNone: "Chưa có đảng viên nào nộp bản kiểm điểm.",
  reviewFinalLevel: (name: string, proposed: string, total: number | null) =>
    `Đồng chí ${name} tự xếp loại: ${proposed} (${total ?? "–"} điểm). Mức chi bộ quyết định:`,
  reviewFinalDone: (name: string, level: string) => `Đã ghi: đồng chí ${name} – ${level}.`,
  reviewReport: (
    year: number,
    proposed: string,
    final: string,
    goodProposed: string,
    goodFinal: string,
    quota: string,
  ) =>
    [
      `📊 Kết quả xếp loại năm ${year}:`,
      `Tự xếp loại: ${proposed}`,
      `Chi bộ quyết định: ${final}`,
      `Hoàn thành tốt nhiệm vụ trở lên: ${goodProposed} (tự xếp loại), ${goodFinal} (quyết định)`,
      quota,
    ].join("\n"),
  unlinkChoose: "Chọn đảng viên cần gỡ liên kết tài khoản:",
  unlinkNone: "Không có đảng viên nào đang liên kết tài khoản.",
  unlinkDone: (name: string) => `Đã gỡ liên kết tài khoản của đồng chí ${name}.`,
  unlinkedByLeader: "Bí thư chi bộ đã gỡ liên kết tài khoản này. Muốn liên kết lại, xin gửi mã mời mới.",
  unreachableToLeader: (name: string, channel: string) =>
    `📵 Không gửi được tin nhắn tới đồng chí ${name} qua ` +
    `${channel === "zalo" ? "Zalo" : "Telegram"} (có thể đã chặn bot hoặc ` +
    `xoá tài khoản). Xin liên hệ trực tiếp.`,
};

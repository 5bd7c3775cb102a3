/** Announcements: composing, preview, sending, acknowledgement and status. */

export type RecipientState = "acknowledged" | "sent" | "queued" | "failed" | "unreachable" | "cancelled";

/** How each recipient of an announcement stands, as the sender reads it. */
export const RECIPIENT_STATE_LABELS: Record<RecipientState, string> = {
  acknowledged: "Đã nhận",
  sent: "Đã gửi, chưa bấm nhận",
  queued: "Đang chờ gửi",
  failed: "Gửi lỗi",
  unreachable: "Không liên lạc được",
  cancelled: "Đã dừng gửi",
};

export const announcementTexts = {
  committeeSender: "Đảng ủy",
  eta: (seconds: number) => (seconds < 60 ? `khoảng ${seconds} giây` : `khoảng ${Math.ceil(seconds / 60)} phút`),
  now: "ngay",
  withPhoto: "ảnh",
  withFile: (filename: string | undefined) => `tệp ${filename ?? ""}`.trim(),
  btnAck: "✅ Đã nhận",
  announcement: (sender: string, text: string) =>
    `📣 Thông báo của ${sender}:\n\n${text}\n\nXin đồng chí bấm «Đã nhận» sau khi đọc.`,
  reminded: (text: string) => `(Nhắc lại) ${text}`,
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
};

/** Sentences every feature uses: refusals, stale buttons, cancelling, confirming. */

/** The posts a member holds, as the roster, reports and the command line name them. */
export const ROLE_LABELS = {
  member: "Đảng viên",
  secretary: "Bí thư",
  deputy: "Phó bí thư",
  collector: "Chi ủy viên thu đảng phí",
  committee: "Cán bộ đảng ủy (gửi thông báo tới các chi bộ)",
} as const;

export const commonTexts = {
  numberedHint: (n: number) => (n === 1 ? "(Trả lời 1 để chọn.)" : `(Trả lời bằng số từ 1 đến ${n}.)`),
  tooLong: (max: number) => `Tin nhắn quá dài (tối đa ${max} ký tự). Xin đồng chí gửi ngắn gọn hơn.`,
  privateOnly: "Xin đồng chí nhắn riêng cho bot; bot không làm việc trong nhóm.",
  unknownCommand: "Bot chưa hiểu lệnh này. Gõ /trogiup để xem các lệnh.",
  unknownText: "Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh.",
  staleButton: "Nút này không còn hiệu lực.",
  pressed: (label: string) => `☑️ Đã chọn: ${label}`,
  cancelled: "Đã huỷ thao tác đang làm.",
  nothingToCancel: "Không có thao tác nào đang làm.",
  dialogAbandoned: "(Thao tác đang làm dở đã được huỷ.)",
  notAuthorised: "Đồng chí không có quyền thực hiện thao tác này. Lệnh này dành cho bí thư, phó bí thư chi bộ.",
  notAuthorisedFees:
    "Đồng chí không có quyền thực hiện thao tác này. Lệnh này dành cho đồng " +
    "chí thu đảng phí, bí thư, phó bí thư chi bộ.",
  internalError: "Xin lỗi, bot gặp lỗi khi xử lý. Dữ liệu của đồng chí không bị mất; xin thử lại sau ít phút.",

  btnConfirm: "✅ Xác nhận",
  btnCancel: "✖ Huỷ",
  chooseButton: "Xin đồng chí chọn một trong các nút bên dưới (hoặc gõ /huy để thôi).",

  btnContinue: "Tiếp tục ➡",
  exportCaption: (what: string) => `📎 ${what}`,
  exportNotOnZalo:
    "Zalo không gửi được tệp. Xin dùng lệnh /xuatphi trên Telegram, hoặc nhờ cán bộ kỹ thuật xuất bằng dòng lệnh.",
  btnYes: "Có",
  btnNo: "Không",
};

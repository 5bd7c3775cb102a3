/** Party fees: statements, reminders, reports of payment, collecting, the base, collection and arrears. */

/** One unpaid or paid month in a list: "• Tháng 11/2026: 85.000 đ". */
import { formatMonth } from "../domain/fees.ts";
import { formatMoney } from "../domain/text.ts";

export const feeMonthLine = (month: string, amount: number) => `• Tháng ${formatMonth(month)}: ${formatMoney(amount)}`;

/** A month's state in a member's own statement. */
export const FEE_STATE_WORDS: Record<string, string> = {
  paid: "đã đóng",
  pending: "chờ xác nhận",
  unpaid: "chưa đóng",
  partial: "đóng thiếu",
  exempt: "miễn",
  unknown: "chưa đủ thông tin",
};

export const feeTexts = {
  feeGroupLine: (label: string) => `Nhóm: ${label}`,
  baseMissing: (name: string, hasBase: boolean) => `${name}${hasBase ? "" : " (chưa có)"}`,
  unpaidName: (name: string, pending: boolean) => `${name}${pending ? " (chờ xác nhận)" : ""}`,
  arrearsFees: (months: string[], threshold: boolean) =>
    `chưa đóng đảng phí ${months.length} tháng (${months.map(formatMonth).join(", ")})` +
    (threshold ? " – đến ngưỡng 3 tháng (Điều 8)" : ""),
  arrearsMeetings: (n: number, threshold: boolean) =>
    `vắng sinh hoạt không lý do ${n} lần${threshold ? " – đến ngưỡng 3 lần" : ""}`,
  arrearsLine: (name: string, parts: string[]) => `• ${name}: ${parts.join("; ")}`,
  exportBooks: (year: number, month: string) => `Sổ thu đảng phí ${year} và danh sách thu tháng ${formatMonth(month)}`,
  exportCsv: (year: number) => `Sổ thu đảng phí ${year} (CSV)`,
  replacedByPayment: "thay bằng khoản thu đã ghi",
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
};

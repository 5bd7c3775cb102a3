/** The yearly self-review: the member's dialog, opening, progress, levels and reports. */

export const reviewTexts = {
  notTakingShort: { exempt: "miễn sinh hoạt", suspended: "đình chỉ", new: "mới kết nạp" } as Record<string, string>,
  notTakingLong: {
    exempt: "được miễn công tác và sinh hoạt đảng",
    suspended: "đang bị đình chỉ sinh hoạt",
    new: "kết nạp chưa đủ 6 tháng",
  } as Record<string, string>,
  orgRow: (branch: string, submitted: number, counts: string, good: string, quotaOk: boolean) =>
    `• ${branch}: nộp ${submitted}; ${counts}; tốt trở lên ${good}${quotaOk ? "" : " ⚠️ vượt tỷ lệ xuất sắc"}`,
  proposedQuotaOk: (n: number, max: number) => `Tự xếp loại "xuất sắc": ${n}/${max} cho phép.`,
  proposedQuotaOver: (n: number, max: number, share: string) =>
    `⚠️ Tự xếp loại "xuất sắc" (${n}) vượt tỷ lệ: tối đa ${max} (${share} số "hoàn thành tốt").`,
  finalQuotaOk: (n: number, max: number) => `Quyết định "xuất sắc": ${n}/${max} cho phép.`,
  finalQuotaOver: (n: number, max: number) => `⚠️ Quyết định "xuất sắc" (${n}) vượt tỷ lệ: tối đa ${max}.`,
  resultFile: (year: number) => `Kết quả kiểm điểm năm ${year}`,
  resultCsv: (year: number) => `Kết quả kiểm điểm năm ${year} (CSV)`,
  formView: (name: string, form: string, lines: string[], totals: string, level: string | null) =>
    `📝 ${name} — mẫu ${form}\n${lines.join("\n")}\n${totals}\nTự xếp loại: ${level ?? "–"}`,
  totals: (general: number, tasks: number, total: number) => `Tổng điểm: ${general}/30 + ${tasks}/70 = ${total}/100`,
  allowedLevels: (levels: string) => `Mức có thể tự xếp: ${levels}`,
  reviewNone: "Chi bộ chưa mở đợt kiểm điểm, đánh giá đảng viên năm nay.",
  reviewNotTaking: (reason: string) => `Năm nay đồng chí không thuộc diện kiểm điểm, xếp loại (${reason}).`,
  reviewLocked: "Đợt kiểm điểm đã hết hạn hoặc đã khoá; đồng chí chưa nộp bản kiểm điểm. Xin liên hệ bí thư chi bộ.",
  reviewHeader: (year: number, section: string) => `📝 Bản kiểm điểm năm ${year} — ${section}`,
  reviewLongHint: "(Có thể gửi nhiều tin nhắn; gửi xong bấm «Xong».)",
  reviewMultiHint: "(Bấm để chọn hoặc bỏ, rồi bấm «Xong».)",
  reviewNumberHint: "(Nhập một số.)",
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
};

/**
 * The words of the files a secretary or the committee opens: sheet names,
 * titles, column headings and cell values of the XLSX/CSV reports and fee books.
 */
import { formatMonth } from "../domain/fees.ts";
import { formatPercent } from "../domain/text.ts";

export const MONEY_FORMAT = '#,##0 "đ"';

export const documentTexts = {
  members: {
    title: "Danh sách đảng viên",
    headers: ["STT", "Họ và tên", "Chức vụ", "Tình trạng", "Điện thoại", "Liên kết", "Kênh", "Ghi chú"],
    official: "Chính thức",
    probationary: "Dự bị",
    linked: "Đã liên kết",
    notLinked: "Chưa liên kết",
    unreachableMark: "(không gửi được)",
    channel: (channel: string, unreachable: boolean) =>
      `${channel === "zalo" ? "Zalo" : "Telegram"}${unreachable ? ` ${documentTexts.members.unreachableMark}` : ""}`,
    temporary: "Tạm miễn sinh hoạt",
    full: "Miễn sinh hoạt",
  },
  attendance: {
    meetingsTitle: (year: number) => `Các buổi sinh hoạt năm ${year}`,
    meetingHeaders: (threshold: number) => [
      "Ngày",
      "Loại",
      "Số phải dự",
      "Có mặt",
      "Tỷ lệ",
      "Vắng, chờ duyệt",
      "Vắng không lý do",
      `Đánh giá (> ${formatPercent(threshold)})`,
    ],
    met: "Đạt",
    notMet: "Chưa đạt",
    membersTitle: (year: number) => `Điểm danh từng đảng viên năm ${year}`,
    memberHeaders: [
      "STT",
      "Họ và tên",
      "Số buổi phải dự",
      "Có mặt",
      "Vắng có lý do",
      "Vắng, chờ duyệt",
      "Vắng không lý do",
      "Lưu ý",
    ],
    threeWithoutReason: "Vắng không lý do từ 3 lần",
  },
  announcement: {
    title: (id: number, sentAt: string) => `Thông báo #${id} (${sentAt})`,
    headers: ["STT", "Họ và tên", "Tình trạng", "Lúc bấm «Đã nhận»"],
  },
  audit: {
    title: "Nhật ký thao tác",
    headers: ["Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Chi tiết"],
    commandLine: "Cán bộ kỹ thuật (dòng lệnh)",
    operator: (name: string) => `${name} (dòng lệnh)`,
    schedule: "Lịch tự động",
  },
  fees: {
    states: {
      paid: "Đã đóng",
      pending: "Chờ xác nhận",
      unpaid: "Chưa đóng",
      partial: "Đóng thiếu",
      exempt: "Miễn",
      unknown: "Chưa đủ thông tin",
    } as Record<string, string>,
    ledgerSheet: (year: number) => `Sổ thu ${year}`,
    ledgerTitle: (year: number, branch: string) => `SỔ THU ĐẢNG PHÍ NĂM ${year} – ${branch.toUpperCase()}`,
    ledgerHeaders: (monthColumns: string[]) => [
      "STT",
      "Họ và tên",
      "Nhóm đảng phí",
      ...monthColumns,
      "Đã đóng",
      "Còn nợ",
    ],
    monthColumn: (month: string) => `T${Number(month.slice(5))}`,
    total: "Tổng cộng",
    monthSheet: (month: string) => `Tháng ${formatMonth(month).replace("/", "-")}`,
    monthTitle: (month: string, branch: string) =>
      `DANH SÁCH THU ĐẢNG PHÍ THÁNG ${formatMonth(month)} – ${branch.toUpperCase()}`,
    monthHeaders: ["STT", "Họ và tên", "Phải đóng", "Đã đóng", "Trạng thái"],
    csvHeaders: (monthColumns: string[]) => [
      "STT",
      "Họ và tên",
      "Nhóm đảng phí",
      ...monthColumns,
      "Đã đóng (đ)",
      "Còn nợ (đ)",
    ],
    csvMonthColumn: (month: string, year: number) => `T${Number(month.slice(5))}/${year}`,
  },
  erased: {
    placeholder: (id: number) => `Đảng viên đã xoá #${id}`,
    removed: "[đã xoá]",
  },
};

/** The self-review document (DOCX, after the party's form) and the branch's review workbook. */
export const reviewDocumentTexts = {
  partyBody: "Đảng bộ" as const,
  branchBody: "Chi bộ" as const,
  party: "ĐẢNG CỘNG SẢN VIỆT NAM",
  title: (form: string) => `BẢN KIỂM ĐIỂM CÁ NHÂN (Mẫu ${form})`,
  year: (year: number) => `Năm ${year}`,
  fullName: (name: string) => `Họ và tên: ${name}`,
  branch: (name: string) => `Chi bộ: ${name}`,
  workplace: (text: string) => `Nơi công tác, hoạt động: ${text}`,
  headerFix: (text: string) => `Đính chính thông tin: ${text}`,
  partB: "B. TỰ ĐÁNH GIÁ, XẾP LOẠI",
  facts: (attended: string, held: string, feeMonths: string, fix: string | null) =>
    `Sinh hoạt chi bộ và đảng phí (theo sổ chi bộ): dự ${attended}/${held} buổi; đã đóng ${feeMonths} tháng.` +
    (fix ? ` Đính chính: ${fix}` : ""),
  score: (label: string, value: string) => `${label}: ${value} điểm`,
  scorePrefix: /^B\. Tự chấm điểm – /,
  triggers: [
    ["t_decline", 'Bị kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống, "tự diễn biến", "tự chuyển hóa"'],
    ["t_discipline", "Bị kỷ luật từ khiển trách trở lên trong năm"],
    ["t_breach", "Vi phạm những điều đảng viên không được làm, ảnh hưởng đến uy tín"],
    ["t_undone", "Không hoàn thành quá 50% nhiệm vụ của năm"],
    ["beyond", "Hoàn thành vượt mức ít nhất 30% các nhiệm vụ được giao"],
  ] as [string, string][],
  yesNo: (v: unknown) => (v === true ? "Có" : v === false ? "Không" : "…"),
  total: (general: number, tasks: number, total: number) => `Tổng điểm: ${general}/30 + ${tasks}/70 = ${total}/100`,
  proposed: (level: string | null) => `Tự xếp loại: ${level ?? "…"}`,
  signer: "NGƯỜI TỰ KIỂM ĐIỂM",
  signHint: "(Ký, ghi rõ họ tên)",
  fileTitle: (name: string, year: number) => `Bản kiểm điểm ${name} ${year}`,
  // The branch's workbook
  formColumn: (header: string, form: string) => `${header} (mẫu ${form})`,
  scoreColumn: (label: string, max: number) => `Điểm: ${label} (/${max})`,
  headers: {
    before: ["STT", "Họ và tên", "Mẫu", "Trạng thái"],
    after: ["Điểm chung (/30)", "Điểm nhiệm vụ (/70)", "Tổng điểm", "Tự xếp loại", "Chi bộ xếp loại"],
  },
  submitted: "Đã nộp",
  inProgress: "Đang làm",
  notStarted: "Chưa làm",
  sheet: (year: number) => `Kiểm điểm ${year}`,
  sheetTitle: (year: number) => `KẾT QUẢ KIỂM ĐIỂM, XẾP LOẠI ĐẢNG VIÊN NĂM ${year}`,
  selfRating: "Tự xếp loại",
};

/** The minutes of a branch meeting (biên bản sinh hoạt chi bộ) and its quality. */
export const minutesTexts = {
  party: "ĐẢNG CỘNG SẢN VIỆT NAM",
  placeDate: (place: string, day: number, month: number, year: number) =>
    `${place}, ngày ${String(day).padStart(2, "0")} tháng ${String(month).padStart(2, "0")} năm ${year}`,
  title: "BIÊN BẢN",
  subtitle: (kind: string, month: number, year: number) =>
    kind === "thematic"
      ? `SINH HOẠT CHI BỘ CHUYÊN ĐỀ THÁNG ${String(month).padStart(2, "0")}/${year}`
      : `SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG ${String(month).padStart(2, "0")}/${year}`,
  time: (start: string, date: string, place: string) =>
    `I. THỜI GIAN, ĐỊA ĐIỂM: bắt đầu lúc ${start} ngày ${date}, tại ${place}.`,
  attendanceHead: "II. THÀNH PHẦN",
  counts: (expected: number, present: number, excused: number, unexcused: number) =>
    `Tổng số đảng viên phải dự: ${expected}; có mặt: ${present}; vắng: ${excused + unexcused} ` +
    `(có lý do: ${excused}; không lý do: ${unexcused}).`,
  excused: "Vắng có lý do:",
  unexcused: "Vắng không lý do:",
  none: "không",
  delegate: (who: string) => `Đại biểu cấp trên dự: ${who}.`,
  guests: (names: string) => `Cấp ủy viên phụ trách chi bộ dự: ${names}.`,
  chair: (name: string) => `Chủ trì: đồng chí ${name}.`,
  secretary: (name: string) => `Thư ký: đồng chí ${name}.`,
  contentHead: "III. NỘI DUNG",
  agenda: "Chương trình:",
  proceedings: "Diễn biến:",
  speakers: (names: string) => `Ý kiến phát biểu: ${names}.`,
  resolutionHead: "IV. NGHỊ QUYẾT (KẾT LUẬN) CỦA CHI BỘ",
  noResolution: "(chưa ghi)",
  end: (time: string, minutes: number) => `Buổi sinh hoạt kết thúc lúc ${time} cùng ngày (${minutes} phút).`,
  signSecretary: "THƯ KÝ",
  signChair: "CHỦ TRÌ",
  signHint: "(Ký, ghi rõ họ tên)",
  fileTitle: (branch: string, date: string) => `Biên bản sinh hoạt ${branch} ${date}`,
  fileName: (meetingId: number, date: string) => `bien-ban-sinh-hoat-${date}-${meetingId}.docx`,
};

/** The branch's yearly review report (after Mẫu 01) and the committee's scorecard workbook. */
export const ratingReportTexts = {
  dateLine: (day: number, month: number, year: number) =>
    `ngày ${String(day).padStart(2, "0")} tháng ${String(month).padStart(2, "0")} năm ${year}`,
  title: "BÁO CÁO KIỂM ĐIỂM TẬP THỂ",
  subtitle: (branch: string, year: number) => `Chi bộ ${branch}, năm ${year}`,
  partOne: "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ (số liệu từ sổ sách của chi bộ)",
  members: (n: number) => `- Số đảng viên: ${n}.`,
  meetings: (held: number, good: number, thematic: number) =>
    `- Số buổi sinh hoạt đã tổ chức: ${held}, trong đó ${good} buổi đạt chất lượng; sinh hoạt chuyên đề: ${thematic} buổi.`,
  attendance: (v: string) => `- Tỷ lệ đảng viên dự sinh hoạt: ${v}.`,
  fees: (v: string) => `- Tỷ lệ tháng đảng phí đóng đúng hạn: ${v}.`,
  levels: (v: string) => `- Tỷ lệ đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên: ${v}.`,
  admissions: (v: string) => `- Kết nạp đảng viên so với chỉ tiêu: ${v}.`,
  partTwo: 'II. TỰ CHẤM ĐIỂM THEO BỘ TIÊU CHÍ "CHI BỘ 4 TỐT"',
  indicator: (group: number, label: string, value: string, points: number, weight: number) =>
    `- Nhóm ${group}. ${label}: ${value} — ${String(Math.round(points * 10) / 10).replace(".", ",")}/${weight} điểm`,
  value: (kind: string, v: number) =>
    kind === "percent"
      ? `${Math.round(v * 1000) / 10}%`.replace(".", ",")
      : kind === "boolean"
        ? v >= 1
          ? "Đạt"
          : "Chưa đạt"
        : String(v),
  noData: "chưa có số liệu",
  score: (score: number) => `Tổng điểm: ${String(score).replace(".", ",")}/100`,
  partThree: "III. TỰ ĐÁNH GIÁ, XẾP LOẠI",
  proposed: (level: string | null) => `Chi bộ đề xuất: ${level ?? "…"}`,
  decided: (level: string | null) => `Đảng ủy quyết định: ${level ?? "…"}`,
  signer: "T/M CHI BỘ\nBÍ THƯ",
  signHint: "(Ký, ghi rõ họ tên)",
  fileTitle: (branch: string, year: number) => `Báo cáo kiểm điểm ${branch} năm ${year}`,
  fileName: (code: string, year: number) => `bao-cao-kiem-diem-${code}-${year}.docx`,
};

export const scorecardTexts = {
  rankingTitle: (year: number, ytd: boolean) => `Chi bộ 4 tốt ${ytd ? "từ đầu năm" : "năm"} ${year}`,
  rankingHeaders: ["Thứ hạng", "Mã", "Chi bộ", "Tổng điểm"],
  groupColumn: (g: number) => `Nhóm ${g}`,
  indicatorsTitle: "Từng tiêu chí",
  colGroup: "Nhóm",
  colIndicator: "Tiêu chí",
  colTarget: "Chỉ tiêu",
  colWeight: "Trọng số",
  yes: "Đạt",
  no: "Chưa đạt",
};

/** The committee's monthly and yearly report across its branches. */
export const committeeReportTexts = {
  title: (year: number, month: number | null) =>
    month === null
      ? `Báo cáo tình hình các chi bộ năm ${year}`
      : `Báo cáo tình hình các chi bộ tháng ${String(month).padStart(2, "0")}/${year}`,
  dateLine: (day: number, month: number, year: number) =>
    `ngày ${String(day).padStart(2, "0")} tháng ${String(month).padStart(2, "0")} năm ${year}`,
  headers: [
    "Chi bộ",
    "Đảng viên",
    "Buổi sinh hoạt",
    "Chuyên đề",
    "Đạt chất lượng",
    "Tỷ lệ dự họp",
    "Đảng phí đã thu (đ)",
    "Đảng phí phải thu (đ)",
    "Kết nạp",
    "Đang theo dõi phát triển",
    "Thời hạn quá",
    "Cấp ủy viên phụ trách dự",
  ],
  yearHeaders: ["Điểm chi bộ 4 tốt", "Thứ hạng", "Xếp loại"],
  summaryHead: "I. TỔNG HỢP",
  summaryMembers: (branches: number, members: number) => `- Số chi bộ: ${branches}; số đảng viên: ${members}.`,
  summaryMeetings: (held: number, thematic: number, good: number, attendance: string) =>
    `- Số buổi sinh hoạt: ${held} (chuyên đề: ${thematic}); đạt chất lượng: ${good}; tỷ lệ dự họp bình quân: ${attendance}.`,
  summaryFees: (collected: string, due: string) => `- Đảng phí đã thu: ${collected} / phải thu: ${due}.`,
  summaryDevelopment: (admitted: number, inProgress: number, overdue: number) =>
    `- Kết nạp: ${admitted}; đang theo dõi: ${inProgress}; thời hạn đã quá: ${overdue}.`,
  summaryLiaisons: (n: number) => `- Lượt cấp ủy viên phụ trách dự sinh hoạt chi bộ: ${n}.`,
  tableHead: "II. SỐ LIỆU TỪNG CHI BỘ",
  signer: "T/M ĐẢNG ỦY",
  fileName: (year: number, month: number | null, ext: string) =>
    month === null
      ? `bao-cao-dang-uy-${year}.${ext}`
      : `bao-cao-dang-uy-${year}-${String(month).padStart(2, "0")}.${ext}`,
};

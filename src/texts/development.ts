/** Party development, the working calendar and the committee's settings, in Vietnamese. */
import { formatLocalDate, type LocalDate } from "../domain/calendar.ts";
import type { CommitteeSettingKey } from "../domain/committee-settings.ts";
import type { CandidateWarning, ClockId, ClockState, PipelineClock, Stage, Step } from "../domain/party-development.ts";

export const STEP_LABELS: Record<Step, string> = {
  sympathiser: "Chi bộ đưa vào danh sách cảm tình Đảng",
  classCertificate: "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
  fileCompleted: "Hoàn thành hồ sơ xin vào Đảng",
  branchResolution: "Chi bộ ra nghị quyết đề nghị kết nạp",
  decision: "Quyết định kết nạp",
  decisionReceived: "Chi bộ nhận quyết định kết nạp",
  ceremony: "Lễ kết nạp",
  probationReviews: "Bản tự kiểm điểm và nhận xét của người giúp đỡ",
  officialResolution: "Chi bộ ra nghị quyết đề nghị công nhận đảng viên chính thức",
  officialDecision: "Quyết định công nhận đảng viên chính thức",
};

/** Short words typed on the command line for each step. */
export const STEP_WORDS: Record<string, Step> = {
  "cam-tinh": "sympathiser",
  "chung-nhan": "classCertificate",
  "ho-so": "fileCompleted",
  "nghi-quyet": "branchResolution",
  "quyet-dinh": "decision",
  "nhan-quyet-dinh": "decisionReceived",
  "ket-nap": "ceremony",
  "kiem-diem": "probationReviews",
  "nghi-quyet-chinh-thuc": "officialResolution",
  "chinh-thuc": "officialDecision",
};

export const STAGE_LABELS: Record<Stage, string> = {
  quan_chung: "Quần chúng ưu tú",
  cam_tinh: "Cảm tình Đảng",
  ho_so: "Đã có hồ sơ",
  de_nghi: "Chi bộ đề nghị kết nạp",
  quyet_dinh: "Có quyết định, chờ lễ kết nạp",
  du_bi: "Đảng viên dự bị",
  chinh_thuc: "Đảng viên chính thức",
  dung: "Đã dừng",
};

export const CLOCK_LABELS: Record<ClockId, string> = {
  decision: "Cấp ủy xét quyết định kết nạp",
  ceremony: "Tổ chức lễ kết nạp",
  probationReviews: "Tự kiểm điểm và nhận xét trước khi hết dự bị",
  officialResolution: "Chi bộ xét công nhận chính thức",
  officialDecision: "Cấp ủy quyết định công nhận chính thức",
};

const STATE_WORDS: Record<ClockState, string> = {
  open: "đang tính",
  due_soon: "sắp đến hạn",
  overdue: "QUÁ HẠN",
  done: "đúng hạn",
  done_late: "TRỄ HẠN",
};

const d = (day: LocalDate) => formatLocalDate(day);

export function clockLine(k: PipelineClock): string {
  const span = k.allowed === null ? "" : ` (${k.allowed} ngày làm việc)`;
  if (k.doneAt)
    return `${CLOCK_LABELS[k.id]}${span}: hạn ${d(k.due)}, làm ngày ${d(k.doneAt)}, sau ${k.workingDaysUsed} ngày làm việc: ${STATE_WORDS[k.state]}`;
  const left =
    k.workingDaysLeft === null
      ? ""
      : k.workingDaysLeft >= 0
        ? `, còn ${k.workingDaysLeft} ngày làm việc`
        : `, quá ${-k.workingDaysLeft} ngày làm việc`;
  return `${CLOCK_LABELS[k.id]}${span}: hạn ${d(k.due)}${left}: ${STATE_WORDS[k.state]}`;
}

export function clockStateWord(state: ClockState): string {
  return STATE_WORDS[state];
}

export function warningText(w: CandidateWarning, names: Record<number, string> = {}): string {
  switch (w.code) {
    case "age":
      return `Tuổi ngày ${d(w.on)}: ${Math.floor(w.months / 12)} năm ${w.months % 12} tháng, ngoài khoảng đủ 18 đến đủ 60 tuổi (QĐ 24, 1.1)`;
    case "certificate_expired":
      return `Giấy chứng nhận lớp nhận thức về Đảng đã hết hạn ngày ${d(w.expires)}`;
    case "certificate_expiring":
      return `Giấy chứng nhận lớp nhận thức về Đảng hết hạn ngày ${d(w.expires)}`;
    case "no_helper":
      return "Chưa có đảng viên chính thức được phân công giúp đỡ: chi bộ cần nghị quyết phân công";
    case "introducer_not_official":
      return `Người giới thiệu ${names[w.memberId] ?? `#${w.memberId}`} chưa là đảng viên chính thức`;
    case "introducers_missing":
      return "Chưa đủ hai người giới thiệu (hoặc một người và BCH Đoàn/Công đoàn cơ sở)";
  }
}

export const developmentTexts = {
  reminderHeader: (name: string, branch: string) => `Phát triển đảng viên, chi bộ ${branch}: ${name}`,
  reminder: (name: string, branch: string, clock: PipelineClock) =>
    `⏰ Phát triển đảng viên, chi bộ ${branch}\n${name}\n${clockLine(clock)}`,
  helperMissing: (name: string, branch: string) =>
    `⏰ Phát triển đảng viên, chi bộ ${branch}\n${name}: chưa có đảng viên chính thức được phân công giúp đỡ. ` +
    "Chi bộ cần ra nghị quyết phân công.",
  probationReviewToMember: (end: LocalDate) =>
    `Thời gian dự bị của đồng chí kết thúc ngày ${d(end)}. Xin đồng chí viết bản tự kiểm điểm ` +
    "để chi bộ xét công nhận đảng viên chính thức.",
  chatListHeader: (branch: string, count: number) =>
    `Phát triển đảng viên, chi bộ ${branch}: ${count} người đang theo dõi`,
  chatEmpty: (branch: string) => `Chi bộ ${branch} chưa có ai trong danh sách phát triển đảng viên.`,
  chatOpenWeb: "Xem và cập nhật trên bảng điều khiển: /web",
  chatRanking: (year: number, rows: { rank: number; name: string; score: number }[]) =>
    [
      `Chi bộ 4 tốt từ đầu năm ${year}:`,
      ...rows.map((r) => `${r.rank}. ${r.name}: ${String(r.score).replace(".", ",")} điểm`),
      "Chi tiết và tệp Excel: /web",
    ].join("\n"),
  chatOwnScore: (year: number, score: number, unmet: string[]) =>
    [
      `Điểm "chi bộ 4 tốt" từ đầu năm ${year}: ${String(score).replace(".", ",")}/100.`,
      ...(unmet.length ? ["Chưa đạt:", ...unmet.map((u) => `• ${u}`)] : []),
      "Đề xuất xếp loại và báo cáo kiểm điểm: /web",
    ].join("\n"),
  chatOverview: (
    year: number,
    rows: { name: string; admitted: number; target: number | null; overdue: number; byStage: Record<Stage, number> }[],
  ) =>
    [
      `Phát triển đảng viên năm ${year} (kết nạp/chỉ tiêu):`,
      ...rows.map(
        (r) =>
          `• ${r.name}: ${r.admitted}/${r.target ?? "chưa giao"}; dự bị ${r.byStage.du_bi}` +
          (r.overdue > 0 ? `; ${r.overdue} thời hạn QUÁ HẠN` : ""),
      ),
    ].join("\n"),
  stage: (stage: Stage) => STAGE_LABELS[stage],
  probationEnds: (end: LocalDate) =>
    `Hết dự bị ngày ${d(end)} (là đảng viên chính thức từ ngày này nếu được công nhận)`,
};

export const SETTING_LABELS: Record<CommitteeSettingKey, string> = {
  admissionDecisionWorkingDays: "Thời hạn cấp ủy quyết định kết nạp (ngày làm việc)",
  admissionExtensionWorkingDays: "Gia hạn tối đa khi đặc biệt (ngày làm việc)",
  ceremonyWorkingDays: "Thời hạn tổ chức lễ kết nạp (ngày làm việc)",
  probationReviewLeadDays: "Nhắc tự kiểm điểm trước khi hết dự bị (ngày)",
  officialResolutionWorkingDays: "Thời hạn chi bộ xét công nhận chính thức (ngày làm việc)",
  officialDecisionWorkingDays: "Thời hạn cấp ủy quyết định công nhận chính thức (ngày làm việc)",
  certificateValidityMonths: "Thời hạn giấy chứng nhận lớp nhận thức về Đảng (tháng)",
  clockWarningWorkingDays: "Nhắc khi thời hạn còn (ngày làm việc)",
  meetingAttendanceAbove: "Buổi sinh hoạt đạt chất lượng: tỷ lệ dự họp trên",
  meetingMinMinutes: "Buổi sinh hoạt đạt chất lượng: thời lượng tối thiểu (phút)",
  meetingMaxConsecutiveExcused: "Vắng có lý do liên tiếp tối đa trong năm (lần)",
  meetingMinSpeakers: "Số người phát biểu tối thiểu",
  liaisonYearlyMeetings: "Cấp ủy viên phụ trách dự sinh hoạt chi bộ mỗi năm (buổi)",
  ratingExcellentFrom: "Xếp loại tổ chức: điểm Hoàn thành xuất sắc từ",
  ratingGoodFrom: "Xếp loại tổ chức: điểm Hoàn thành tốt từ",
  ratingDoneFrom: "Xếp loại tổ chức: điểm Hoàn thành từ",
  ratingExcellentQuota: "Tỷ lệ tổ chức xuất sắc tối đa so với số hoàn thành tốt",
};

/** The web console's pages for Party development, the committee members in charge and the committee's settings. */
export const developmentWebTexts = {
  navDevelopment: "Phát triển đảng viên",
  navLiaisons: "Phụ trách chi bộ",
  navSettings: "Thiết lập",
  listTitle: (branch: string) => `Phát triển đảng viên: ${branch}`,
  overviewTitle: (year: number) => `Phát triển đảng viên năm ${year}`,
  empty: "Chưa có ai trong danh sách.",
  colName: "Họ và tên",
  colBorn: "Ngày sinh",
  colStage: "Bước hiện tại",
  colClocks: "Thời hạn",
  colWarnings: "Lưu ý",
  addTitle: "Thêm quần chúng ưu tú",
  fieldName: "Họ và tên",
  fieldBorn: "Ngày sinh (dd/mm/yyyy)",
  fieldIntroducer1: "Người giới thiệu thứ nhất",
  fieldIntroducer2: "Người giới thiệu thứ hai",
  fieldUnion: "Hoặc tổ chức giới thiệu (BCH Đoàn/Công đoàn cơ sở)",
  fieldHelper: "Đảng viên được phân công giúp đỡ",
  fieldNote: "Ghi chú",
  nobody: "— chưa chọn —",
  btnAdd: "Thêm vào danh sách",
  added: (name: string) => `Đã thêm ${name}.`,
  stepTitle: "Ghi một bước đã làm",
  fieldStep: "Bước",
  fieldDate: "Ngày (dd/mm/yyyy)",
  btnStep: "Ghi bước này",
  stepRecorded: (step: string) => `Đã ghi: ${step}.`,
  memberMade: (id: number) => `Đã tạo hồ sơ đảng viên dự bị (số hiệu ${id}).`,
  editTitle: "Sửa thông tin",
  btnSave: "Lưu",
  saved: "Đã lưu.",
  closeTitle: "Đưa ra khỏi danh sách",
  fieldReason: "Lý do",
  btnClose: "Đưa ra khỏi danh sách",
  closed: "Đã đưa ra khỏi danh sách.",
  stepsDone: "Các bước đã qua",
  back: "← Danh sách",
  overviewHeaders: [
    "Chi bộ",
    "Kết nạp / chỉ tiêu",
    "Đang bồi dưỡng",
    "Chờ quyết định, lễ",
    "Dự bị",
    "Quá hạn",
    "Trễ hạn",
  ],
  targetTitle: "Giao chỉ tiêu kết nạp",
  fieldBranch: "Chi bộ",
  fieldTarget: "Số đảng viên mới",
  btnTarget: "Giao chỉ tiêu",
  targetSet: (branch: string, n: number) => `Đã giao ${branch} chỉ tiêu ${n}.`,
  noTarget: "chưa giao",
  liaisonTitle: (year: number) => `Cấp ủy viên phụ trách chi bộ, năm ${year}`,
  liaisonHeaders: ["Cấp ủy viên", "Chi bộ", "Đã dự / chi bộ đã họp", "Chỉ tiêu năm", "Đến nay cần", "Tình hình"],
  behind: "Chậm",
  onTrack: "Đạt tiến độ",
  ended: " (đã thôi)",
  assignTitle: "Phân công phụ trách",
  fieldPerson: "Cấp ủy viên",
  fieldPersonId: "hoặc số hiệu đảng viên",
  btnAssign: "Phân công",
  assigned: (name: string, branch: string) => `Đã phân công đồng chí ${name} phụ trách ${branch}.`,
  btnEnd: "Thôi phụ trách",
  endedNotice: (branch: string) => `Đã thôi phân công phụ trách ${branch}.`,
  settingsTitle: "Thiết lập của Đảng ủy",
  settingsHint:
    "Giá trị mặc định theo văn bản đã đọc; những mục chưa xác nhận, Đảng ủy đặt lại theo hướng dẫn của mình.",
  chosen: "Đảng ủy đã đặt",
  defaultValue: "mặc định",
  btnSetting: "Lưu",
  btnReset: "Về mặc định",
  settingSaved: (label: string) => `Đã lưu: ${label}.`,
  calendarTitle: (year: number) => `Ngày nghỉ năm ${year}`,
  calendarNoTet: (year: number) =>
    `Lịch năm ${year} chưa có Tết Nguyên đán: thêm các ngày nghỉ Tết theo thông báo của Chính phủ.`,
  dayOff: "nghỉ",
  dayWork: "làm việc",
  entered: "đã thêm",
  calendarAdd: "Thêm ngày",
  fieldDayName: "Tên",
  fieldDayKind: "Loại",
  btnDay: "Thêm",
  btnRemove: "Bỏ",
  daySaved: "Đã lưu ngày.",
  dayRemoved: "Đã bỏ ngày.",
};

/** The four contents of "chi bộ 4 tốt" (NQ 21-NQ/TW, 2022), as groups of the criteria set. */
export const GROUP_LABELS: Record<number, string> = {
  1: "Lãnh đạo hoàn thành tốt nhiệm vụ chính trị",
  2: "Chất lượng sinh hoạt tốt",
  3: "Đoàn kết, kỷ luật tốt",
  4: "Cán bộ, đảng viên tốt",
};

/** What each computed figure is, for the committee choosing a source. */
export const SOURCE_LABELS: Record<string, string> = {
  manual: "Đảng ủy nhập",
  regular_months: "Tỷ lệ tháng có sinh hoạt thường kỳ",
  meetings_up_to_standard: "Tỷ lệ buổi sinh hoạt đạt chất lượng",
  thematic_quarters: "Tỷ lệ quý có sinh hoạt chuyên đề",
  attendance: "Tỷ lệ đảng viên dự sinh hoạt",
  fees_on_time: "Tỷ lệ tháng đảng phí đóng đúng hạn",
  good_or_above: "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
  no_failing_members: "Không có đảng viên không hoàn thành nhiệm vụ",
  admissions_vs_target: "Kết nạp so với chỉ tiêu",
  liaison_attendance: "Cấp ủy viên phụ trách dự sinh hoạt so với chỉ tiêu",
};

export function indicatorValueText(kind: string, value: number | null): string {
  if (value === null) return "chưa có số liệu";
  if (kind === "boolean") return value >= 1 ? "Đạt" : "Chưa đạt";
  if (kind === "percent") return `${(Math.round(value * 1000) / 10).toString().replace(".", ",")}%`;
  return String(value);
}

/** The console's "chi bộ 4 tốt" and rating pages. */
export const scorecardWebTexts = {
  navScorecard: "Chi bộ 4 tốt",
  navRatings: "Xếp loại chi bộ",
  navOwnRating: "Xếp loại chi bộ",
  title: (year: number, ytd: boolean) => `Chi bộ 4 tốt ${ytd ? "từ đầu năm" : "năm"} ${year}`,
  ytdLink: (year: number) => `từ đầu năm ${year}`,
  xlsx: "Tải bảng điểm (Excel)",
  noCriteria: "Đảng bộ chưa có bộ tiêu chí. Bắt đầu từ bộ mẫu rồi sửa theo hướng dẫn của Đảng ủy.",
  btnSample: "Dùng bộ tiêu chí mẫu",
  sampleUsed: (n: number) => `Đã tạo bộ tiêu chí từ bộ mẫu: ${n} tiêu chí.`,
  colRank: "Hạng",
  colBranch: "Chi bộ",
  colScore: "Điểm",
  groupShort: (g: number) => `Nhóm ${g}`,
  valuesTitle: "Đảng ủy chấm tiêu chí",
  fieldIndicator: "Tiêu chí",
  fieldBranch: "Chi bộ",
  fieldValue: "Giá trị (có/không, số, tỷ lệ)",
  fieldNote: "Ghi chú (căn cứ)",
  btnValue: "Ghi",
  valueSaved: "Đã ghi giá trị.",
  indicatorsTitle: "Từng tiêu chí",
  colIndicator: "Tiêu chí",
  colTarget: "Chỉ tiêu",
  colWeight: "Điểm",
  yes: "Đạt",
  btnRemove: "Bỏ",
  removed: "Đã bỏ tiêu chí.",
  btnEdit: "Sửa",
  btnSaveIndicator: "Lưu tiêu chí",
  updated: (label: string) => `Đã sửa tiêu chí: ${label}.`,
  addTitle: "Thêm tiêu chí",
  fieldGroup: "Nhóm",
  fieldLabel: "Tên tiêu chí",
  fieldSource: "Nguồn số liệu",
  fieldKind: "Loại (khi Đảng ủy nhập)",
  kindPercent: "Tỷ lệ",
  kindCount: "Số lượng",
  kindBoolean: "Có/không",
  fieldTarget: "Chỉ tiêu",
  fieldWeight: "Điểm (trọng số)",
  btnAdd: "Thêm tiêu chí",
  added: (label: string) => `Đã thêm tiêu chí: ${label}.`,
  ratingTitle: (year: number) => `Xếp loại chất lượng chi bộ năm ${year}`,
  ratingHeaders: ["Chi bộ", "Điểm", "Mức cao nhất được", "Chi bộ đề xuất", "Đảng ủy quyết định"],
  quota: (excellent: number, good: number, max: number, ok: boolean, share: number) =>
    `Xuất sắc ${excellent}, tốt ${good}: tối đa ${max} xuất sắc (${Math.round(share * 100)}% số hoàn thành tốt)${ok ? "." : " — VƯỢT TỶ LỆ."}`,
  fieldLevel: "Mức xếp loại",
  btnDecide: "Quyết định",
  decided: (branch: string, level: string) => `${branch}: Đảng ủy quyết định ${level}.`,
  report: "Báo cáo kiểm điểm (Word)",
  branchTitle: (name: string, year: number) => `Xếp loại ${name} năm ${year}`,
  score: (score: string) => `Điểm theo bộ tiêu chí "chi bộ 4 tốt": ${score}/100`,
  proposedLine: (level: string) => `Chi bộ đề xuất: ${level}`,
  decidedLine: (level: string) => `Đảng ủy quyết định: ${level}`,
  proposeTitle: "Đề xuất mức xếp loại",
  condAllTasks: "Hoàn thành 100% nhiệm vụ đúng tiến độ, có chất lượng",
  condExceeded: "Ít nhất 30% nhiệm vụ vượt yêu cầu",
  condLate: "Nhiệm vụ chậm tiến độ không quá 20%",
  condDisciplined: "Có thành viên chi ủy bị kỷ luật trong năm",
  btnPropose: "Đề xuất",
  proposed: (level: string, score: string) => `Đã đề xuất ${level} (${score} điểm).`,
};

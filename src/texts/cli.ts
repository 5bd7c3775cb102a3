/**
 * What the admin command line prints, in Vietnamese: the committee's staff run it.
 * Command and option names stay short ASCII words so they are easy to type.
 */
import { formatMoney } from "../domain/text.ts";
import { formatDate } from "../domain/time.ts";
import { ROLE_LABELS } from "./common.ts";

export const cliTexts = {
  noSuchFile: "không có tệp này",
  candidateNumber: "số người",
  indicatorNumber: "số tiêu chí",
  noGuests: "Buổi này không có cấp ủy viên phụ trách được mời.",
  guestRow: (id: number, name: string, present: boolean) => `#${id} ${name}: ${present ? "có mặt" : "vắng"}`,
  noBackup:
    "Lệnh sao lưu và khôi phục dành cho cơ sở dữ liệu SQLite; với PostgreSQL dùng pg_dump và pg_restore (xem README).",
  copiedTable: (table: string, rows: number) => `${table}: ${rows} dòng`,
  copied: (rows: number, to: string) =>
    `Đã chép ${rows} dòng sang ${to}; số dòng từng bảng khớp với nguồn. Đặt DATABASE_URL là địa chỉ này rồi khởi động bot.`,
  copyRefused: {
    same_database: () => "Nguồn và đích là một cơ sở dữ liệu.",
    target_not_empty: (table: string) =>
      `Cơ sở dữ liệu đích đã có dữ liệu (bảng ${table}): chỉ chép vào nơi còn trống.`,
    bot_running: () => "Bot đang chạy trên cơ sở dữ liệu nguồn: dừng bot trước khi chép (systemctl stop chibo).",
    counts_differ: (detail: string) => `Số dòng không khớp sau khi chép (${detail}): đừng dùng cơ sở dữ liệu đích.`,
    secret_differs: (file: string) =>
      `INVITE_CODE_SECRET khác khoá của nguồn: đặt INVITE_CODE_SECRET bằng nội dung tệp ${file || "khoá của nguồn"} ` +
      `để mã mời và liên kết đăng nhập đã gửi vẫn dùng được.`,
  } as Record<string, (detail: string) => string>,
  restored: (file: string) =>
    `Đã khôi phục cơ sở dữ liệu từ ${file}. Khởi động lại bot (npm start); bot cập nhật cơ sở dữ liệu nếu bản sao cũ hơn.`,
  backupRefused: {
    target_exists: (p: string) => `Tệp ${p} đã có: chọn tên khác (không ghi đè).`,
    no_source: (p: string) => `Không có tệp ${p}.`,
    not_chibo: (p: string) => `Tệp ${p} không phải cơ sở dữ liệu của chibo.`,
    bot_running: (p: string) => `Bot đang chạy trên ${p}: dừng bot trước khi khôi phục (systemctl stop chibo).`,
  } as Record<string, (p: string) => string>,
  badReportOut: "--out phải là tệp .xlsx hoặc .docx",
  badMonthNumber: (value: string) => `--month "${value}": tháng phải từ 1 đến 12`,
  sampleUsed: (n: number) => `Đã tạo bộ tiêu chí từ bộ mẫu: ${n} tiêu chí. Xem: scorecard criteria`,
  noCriteria: "Đảng bộ chưa có bộ tiêu chí (dùng bộ mẫu: scorecard sample).",
  indicatorRow: (id: number, group: number, label: string, source: string, target: string, weight: number) =>
    `#${id} nhóm ${group} | ${label} | ${source} | chỉ tiêu ${target} | ${weight} điểm`,
  indicatorAdded: (id: number, label: string) => `Đã thêm tiêu chí #${id}: ${label}.`,
  indicatorRemoved: (id: string) => `Đã bỏ tiêu chí #${id}.`,
  indicatorUpdated: (id: number, label: string) => `Đã sửa tiêu chí #${id}: ${label}.`,
  noIndicator: (id: string) => `Không có tiêu chí #${id} (xem: scorecard criteria).`,
  valueSet: (branch: string, value: string) => `Đã ghi cho ${branch}: ${value}.`,
  scorecardHeader: (year: number, ytd: boolean) =>
    `Chi bộ 4 tốt ${ytd ? "từ đầu năm" : "năm"} ${year}: hạng | mã | chi bộ | điểm`,
  scorecardRow: (rank: number, code: string, name: string, score: number) =>
    `${rank} | ${code} | ${name} | ${String(score).replace(".", ",")}`,
  indicatorResult: (group: string, label: string, value: string, points: number, weight: number) =>
    `${group} – ${label}: ${value} (${String(Math.round(points * 10) / 10).replace(".", ",")}/${weight})`,
  badLevel: (value: string, levels: readonly string[]) => `Mức "${value}" không có. Các mức: ${levels.join(", ")}`,
  ratingProposed: (branch: string, score: number, level: string, highest: string) =>
    `${branch}: ${String(score).replace(".", ",")} điểm; đề xuất ${level} (mức cao nhất được: ${highest}).`,
  ratingDecided: (branch: string, level: string) => `${branch}: Đảng ủy quyết định ${level}.`,
  ratingRow: (code: string, name: string, score: number | null, proposed: string | null, decided: string | null) =>
    `${code} | ${name} | ${score === null ? "—" : String(score).replace(".", ",")} | đề xuất: ${proposed ?? "chưa"} | quyết định: ${decided ?? "chưa"}`,
  ratingQuota: (excellent: number, good: number, max: number, ok: boolean, share: number) =>
    `Xuất sắc ${excellent}, tốt ${good}: tối đa ${max} xuất sắc (${Math.round(share * 100)}% số hoàn thành tốt)${ok ? "" : " — VƯỢT TỶ LỆ"}.`,
  liaisonAssigned: (name: string, branch: string) => `Đã phân công đồng chí ${name} phụ trách ${branch}.`,
  liaisonEnded: (branch: string) => `Đã thôi phân công phụ trách ${branch}.`,
  liaisonNone: (branch: string) => `${branch} chưa có cấp ủy viên phụ trách.`,
  liaisonHeader: (year: number) =>
    `Cấp ủy viên phụ trách chi bộ, năm ${year}: họ tên | chi bộ | đã dự/buổi chi bộ họp | chỉ tiêu năm (đến nay)`,
  liaisonRow: (
    name: string,
    branch: string,
    attended: number,
    held: number,
    target: number,
    due: number,
    behind: boolean,
    current: boolean,
  ) =>
    `${name} | ${branch}${current ? "" : " (đã thôi)"} | ${attended}/${held} | ${target} (${due})${behind ? " | CHẬM" : ""}`,
  badClock: (option: string, value: string) => `${option} "${value}": giờ phải có dạng HH:mm, ví dụ 19:30`,
  recordSaved: (id: number, verdict: string) => `Đã ghi biên bản buổi #${id}: ${verdict}`,
  qualityHeader: (branch: string, year: number, held: number, good: number) =>
    `${branch}, năm ${year}: ${held} buổi sinh hoạt đã điểm danh, ${good} buổi đạt chất lượng`,
  qualityRow: (id: number, date: string, verdict: string) => `#${id} ${date}: ${verdict}`,
  candidateRow: (id: number, name: string, born: string, stage: string) => `#${id} ${name} (sinh ${born}): ${stage}`,
  candidateIntroducers: (who: string) => `Người giới thiệu: ${who}`,
  candidateHelper: (who: string) => `Người giúp đỡ: ${who}`,
  candidateProbationEnd: (day: string) => `Hết thời gian dự bị: ${day}`,
  candidateClosed: (day: string, reason: string) => `Đã đưa ra khỏi danh sách ngày ${day}: ${reason}`,
  candidateAdded: (id: number, name: string) => `Đã thêm #${id} ${name} vào danh sách phát triển đảng viên.`,
  candidateBecameMember: (id: number) =>
    `Đã tạo hồ sơ đảng viên dự bị (số hiệu ${id}); đảng phí tính từ tháng kết nạp.`,
  tooManyIntroducers: "Tối đa hai người giới thiệu.",
  badStep: (word: string, words: string[]) => `Không có bước "${word}". Các bước: ${words.join(", ")}`,
  stepRecorded: (name: string, step: string, day: string) => `${name}: đã ghi "${step}" ngày ${day}.`,
  noCandidates: (branch: string) => `${branch} chưa có ai trong danh sách phát triển đảng viên.`,
  targetSet: (branch: string, year: number, n: number) => `${branch}: chỉ tiêu kết nạp năm ${year} là ${n}.`,
  developmentHeader: (year: number) =>
    `Phát triển đảng viên năm ${year}: mã | chi bộ | kết nạp/chỉ tiêu | đang bồi dưỡng | chờ quyết định/lễ | dự bị | quá hạn | trễ hạn`,
  developmentRow: (
    code: string,
    name: string,
    admitted: number,
    target: number | null,
    preparing: number,
    waiting: number,
    probation: number,
    overdue: number,
    late: number,
  ) =>
    `${code} | ${name} | ${admitted}/${target ?? "chưa giao"} | ${preparing} | ${waiting} | ${probation} | ${overdue} | ${late}`,
  holidayRow: (day: string, kind: "off" | "work", name: string, entered: boolean) =>
    `${day} ${kind === "off" ? "nghỉ" : "làm việc"}: ${name}${entered ? " (đã thêm)" : ""}`,
  noTet: (year: number) =>
    `Lịch năm ${year} chưa có Tết Nguyên đán: thêm các ngày nghỉ Tết theo thông báo của Chính phủ (holiday add).`,
  holidaySet: (day: string, kind: "off" | "work", name: string) =>
    `Đã ghi ${day} là ${kind === "off" ? "ngày nghỉ" : "ngày làm việc"}: ${name}.`,
  holidayRemoved: (day: string) => `Đã bỏ ngày ${day} khỏi các ngày đã thêm.`,
  holidayNotEntered: (day: string) => `Ngày ${day} không có trong các ngày đã thêm.`,
  settingRow: (key: string, label: string, value: string, chosen: boolean) =>
    `${chosen ? "*" : " "} ${key} = ${value}  (${label})`,
  settingSet: (label: string, value: string) => `Đã đặt: ${label} = ${value}.`,
  settingUnset: (label: string) => `Đã trả về mặc định: ${label}.`,
  meetingNumber: "số buổi",
  commandLine: "dòng lệnh",
  committeeSender: "Đảng ủy",
  roleHelp: (roles: string[]) => `đặt chức vụ (${roles.join(", ")}); mỗi chi bộ một bí thư`,
  badSetting: (message: string) => `${message}. Xem tệp .env.example.`,
  migrated: (names: string[]) => `Đã cập nhật cơ sở dữ liệu (${names.length} bản cập nhật: ${names.join(", ")}).`,
  upToDate: "Cơ sở dữ liệu đã ở phiên bản mới nhất.",
  schemaBehind: (n: number) =>
    `Cơ sở dữ liệu chưa được cập nhật (thiếu ${n} bản cập nhật). Khởi động ` +
    `bot (npm start) hoặc chạy: npm run cli -- db migrate`,
  error: (message: string) => `Lỗi: ${message}`,

  // Arguments
  badMonth: (option: string, value: string) => `${option} "${value}": tháng phải có dạng 11/2026 hoặc 2026-11`,
  badMoney: (option: string, value: string) =>
    `${option} "${value}": số tiền phải là số đồng, ví dụ 8.500.000 hoặc 8500000`,
  badYear: (option: string, value: string) => `${option} "${value}": năm phải có 4 chữ số, ví dụ 2026`,
  badId: (option: string, value: string) => `${option} "${value}": phải là một số`,
  badDay: (option: string, value: string) => `${option} "${value}": ngày phải có dạng dd/mm/yyyy, ví dụ 19/05/2001`,
  badYesNo: (option: string, value: string) => `${option} "${value}": ghi "có" hoặc "không"`,
  badDateTime: (option: string, value: string, why: "past" | "format" | "invalid") =>
    `${option} "${value}": ${why === "past" ? "thời điểm này đã qua" : why === "format" ? 'ghi ví dụ "03/12/2026 19:30"' : "ngày giờ không hợp lệ"}`,
  badOut: (option: string) => `${option} phải là tệp .xlsx hoặc .csv`,
  badOutDocx: (option: string) => `${option} phải là tệp .docx`,

  // Finding things
  noBranch: (code: string) => `Không có chi bộ mã "${code}" (xem: branch list)`,
  noOrganisation: (name: string) => `Không có đảng bộ "${name}" (tạo bằng: org create)`,
  noMember: (who: string) => `Chi bộ không có đảng viên "${who}"`,
  manyMembers: (who: string, n: number) =>
    `"${who}" trùng với ${n} đảng viên; hãy dùng số hiệu đảng viên (xem: members)`,

  // Organisations and branches
  orgExists: (name: string) => `Đảng bộ "${name}" đã có`,
  orgCreated: (id: number, name: string) => `Đã tạo đảng bộ #${id}: ${name}`,
  orgRow: (id: number, name: string) => `#${id}  ${name}`,
  badCode: "--code: 2–32 ký tự gồm chữ, số, - hoặc _",
  branchExists: (code: string, name: string) => `Đã có chi bộ mã "${code}" hoặc tên "${name}"`,
  branchCreated: (code: string, name: string) => `Đã tạo chi bộ ${code}: ${name}`,
  scheduleOff: (code: string) => `Đã bỏ lịch sinh hoạt định kỳ của chi bộ ${code}`,
  scheduleNeeds: "Cần --rule và --time (hoặc --off)",
  badTime: "--time phải có dạng HH:mm, ví dụ 19:30",
  scheduleSet: (code: string, rule: string, time: string, place?: string) =>
    `Sinh hoạt định kỳ của chi bộ ${code}: ${rule}, ${time}${place ? `, ${place}` : ""}`,
  branchRow: (code: string, name: string, org: string, members: number, schedule: string | null) =>
    `${code}\t${name}\t${org}\t${members} đảng viên${schedule ? `\t${schedule}` : ""}`,
  badRegion: "--region phải là 1, 2, 3 hoặc 4",
  badCollectionDay: "--collection-day phải từ 1 đến 28",
  branchFees: (code: string, region: number, day: number | null) =>
    `Chi bộ ${code}: vùng ${region}, ngày thu ${day ?? "theo mặc định"}`,

  // Roster
  cannotRead: (file: string, why: string) => `Không đọc được tệp ${file}: ${why}`,
  unsupportedFile: (ext: string) => `Không đọc được tệp "${ext}": dùng .csv hoặc .xlsx`,
  warning: (w: string) => `Lưu ý: ${w}`,
  badRow: (row: number, message: string) => `Dòng ${row}: ${message}`,
  badRows: (n: number) => `${n} dòng có lỗi; chưa nhập dòng nào`,
  dryRunHeader: "(Chạy thử: chưa ghi gì vào cơ sở dữ liệu)",
  willCreate: (name: string) => `+ Thêm mới: ${name}`,
  memberChange: (name: string, row: number) => `~ ${name} (dòng ${row}):`,
  fieldChange: (label: string, from: string, to: string) => `    ${label}: ${from} → ${to}`,
  roleChange: (name: string, from: string, to: string) => `Đổi chức vụ: ${name}: ${from} → ${to}`,
  keptName: (row: number, fileName: string, kept: string) =>
    `Dòng ${row}: giữ tên "${kept}" (tệp ghi "${fileName}" không dấu)`,
  importSummary: (dry: boolean, created: number, updated: number, unchanged: number, notInFile: number) =>
    `${dry ? "Sẽ thêm" : "Đã thêm"} ${created}, ` +
    `${dry ? "sẽ cập nhật" : "cập nhật"} ${updated}, không đổi ${unchanged}; ` +
    `${notInFile} đảng viên của chi bộ không có trong tệp (giữ nguyên)`,
  empty: "(trống)",

  // Members
  membersHeader: (branch: string, n: number, linked: number) => `${branch}: ${n} đảng viên, ${linked} đã liên kết`,
  memberRow: (id: number, name: string, role: string, phone: string | null, links: string) =>
    `#${id}\t${name}\t${role}\t${phone ?? "-"}\t${links}`,
  notLinked: "chưa liên kết",
  unreachable: "không gửi được",
  roleSet: (name: string, role: string) => `${name}: ${role}`,
  roleReplaced: (name: string, role: string) => `${name} thôi giữ chức vụ ${role} (nay là Đảng viên)`,
  unlinked: (name: string, n: number) => `Đã huỷ liên kết của ${name} (${n} tài khoản)`,
  hadNoLink: (name: string) => `${name} chưa liên kết tài khoản nào`,
  erased: (id: number) => `Đã xoá dữ liệu cá nhân của đảng viên #${id}`,
  reviewInfoSet: (name: string) => `${name}: đã cập nhật`,
  nothingToChange: (options: string) => `Không có gì để đổi: hãy ghi ${options}`,

  // Invites
  everyoneLinked: "Mọi đảng viên đã liên kết; dùng --member để cấp mã mới cho một đồng chí.",
  invitesValid: (until: string) => `Mã mời dùng được đến ${until}. Mỗi đồng chí nhận mã của riêng mình.`,
  inviteRow: (name: string, code: string, link: string | null, replaced: number) =>
    `${name}\t${code}${link ? `\t${link}` : ""}${replaced > 0 ? `\t(mã cấp trước đó vẫn dùng được đến hạn)` : ""}`,
  noUsername: "(Đặt TELEGRAM_BOT_USERNAME hoặc TELEGRAM_BOT_TOKEN để in đường dẫn Telegram.)",
  inviteHowTo: "Trên Zalo, hoặc trên Telegram không có đường dẫn, đảng viên gửi mã cho bot.",

  // Meetings
  meetingCreated: (id: number, kind: string, when: string, n: number) =>
    `Đã tạo buổi sinh hoạt #${id}: ${kind}, ${when}; sẽ báo cho ${n} đảng viên`,
  meetingCancelled: (id: number, n: number) => `Đã huỷ buổi sinh hoạt #${id}; sẽ báo cho ${n} đảng viên`,
  meetingMoved: (id: number, when: string, place: string, n: number) =>
    `Đã đổi buổi sinh hoạt #${id}: ${when}, ${place}; sẽ báo cho ${n} đảng viên`,
  nothingToMove: "Ghi ít nhất một trong --at, --place, --agenda",
  oneOfAttendingLeave: "ghi đúng một trong --attending hoặc --leave <lý do>",
  oneOfAcceptRefuse: "ghi đúng một trong --accept hoặc --refuse",
  answerAttending: (name: string) => `Đã ghi: đồng chí ${name} có mặt`,
  answerUnchanged: (name: string) => `Đồng chí ${name} đã trả lời như vậy từ trước (giữ nguyên)`,
  leaveRequested: (name: string, leaders: number) =>
    `Đã ghi đơn xin vắng của đồng chí ${name}; đã báo cho ${leaders} bí thư, phó bí thư để duyệt`,
  answerStale: {
    cancelled: "buổi sinh hoạt này đã huỷ",
    started: "buổi sinh hoạt này đã bắt đầu hoặc đã qua",
    not_expected: "đồng chí này không thuộc danh sách dự buổi sinh hoạt",
    decided: "đơn xin vắng đã được duyệt",
  } as Record<string, string>,
  noLeaveRequest: (name: string) => `Đồng chí ${name} không có đơn xin vắng đang chờ duyệt ở buổi này`,
  leaveDecided: (name: string, accepted: boolean) =>
    `Đã ghi: ${accepted ? "chấp thuận" : "không chấp thuận"} đơn xin vắng của đồng chí ${name}; đã báo cho đồng chí`,
  decisionStale: {
    cancelled: "buổi sinh hoạt này đã huỷ",
    already_decided: "đơn này đã được duyệt trước đó",
    withdrawn: "đồng chí đã rút đơn",
  } as Record<string, string>,

  // Announcements
  announced: (id: number, n: number, unreachable: number) =>
    `Thông báo #${id} đang được gửi tới ${n} đảng viên` +
    (unreachable > 0 ? `; ${unreachable} đồng chí chưa liên kết hoặc không nhận được` : ""),
  announceScheduled: (id: number, when: string, n: number) =>
    `Thông báo #${id} sẽ được gửi lúc ${when} tới ${n} đảng viên`,
  meetingRow: (id: number, when: string, kind: string, status: string, place: string) =>
    `#${id}\t${when}\t${kind}\t${status}\t${place}`,
  meetingStatus: { planned: "dự kiến", changed: "đã đổi", cancelled: "đã huỷ", held: "đã họp" } as Record<
    string,
    string
  >,

  // Reports
  unknownReport: (kind: string) => `Không có báo cáo "${kind}" (members, attendance, announcement, audit)`,
  needId: "Báo cáo thông báo cần --id",
  wrote: (file: string) => `Đã ghi ${file}`,

  // Fees
  rateRow: (group: string, from: string, value: string) => `${group}\ttừ ${from}\t${value}`,
  wageRow: (region: number, from: string, amount: number) => `Vùng ${region}\ttừ ${from}\t${formatMoney(amount)}`,
  ofBase: "mức lương/lương hưu",
  ofMinWage: "lương tối thiểu vùng",
  oneOfPercentFlat: "ghi đúng một trong --percent hoặc --flat",
  badRate: "mức đóng phải là số dương (phần trăm ≤ 10, số tiền là đồng chẵn)",
  rateSet: (group: string, from: string, value: string) => `${group} từ ${from}: ${value}`,
  badWage: "--amount phải từ 1.000.000 đến 100.000.000 đồng",
  wageSet: (region: number, from: string, amount: number) => `Vùng ${region} từ ${from}: ${formatMoney(amount)}`,
  badBase: "--base phải từ 100.000 đến 1.000.000.000 đồng",
  feeMemberSet: (name: string, parts: string[]) => `${name}: ${parts.join("; ")}`,
  feeBase: (amount: number) => `mức đóng căn cứ ${formatMoney(amount)}`,
  feeFrom: (month: string) => `đóng từ tháng ${month}`,
  oneOfExemptReduce: "ghi đúng một trong --exempt hoặc --reduce",
  toBeforeFrom: "--to trước --from",
  reduceTooLong: "mỗi quyết định giảm đảng phí tối đa 12 tháng",
  adjusted: (name: string, what: string, from: string, to: string) => `${name}: ${what} từ ${from} đến ${to}`,
  exempted: "miễn đóng",
  reduced: (p: string) => `giảm ${p}%`,
  paid: (amount: number, name: string, months: string) => `Đã ghi ${formatMoney(amount)} của ${name}: ${months}`,
  alreadyPaid: (amount: number, months: string) =>
    `Đã ghi từ trước (${formatMoney(amount)} cho ${months}); không ghi thêm`,
  reversed: (entry: number, reversal: number, amount: number, month: string) =>
    `Bút toán #${entry} đã được đảo bằng #${reversal} (${formatMoney(amount)} tháng ${month})`,
  ledgerRow: (id: number, month: string, amount: number, kind: string, status: string, by: string, note: string) =>
    `#${id}\t${month}\t${formatMoney(amount)}\t${kind}\t${status}\t${by}${note ? `\t${note}` : ""}`,
  entryKind: { payment: "thu", reversal: "đảo" } as Record<string, string>,
  entryStatus: { confirmed: "đã xác nhận", pending: "chờ xác nhận", rejected: "bị từ chối" } as Record<string, string>,
  collection: (branch: string, month: string, collected: number, expected: number) =>
    `${branch}, tháng ${month}: đã thu ${formatMoney(collected)} / ${formatMoney(expected)}`,
  collectionRow: (name: string, due: number | null, paid: number, state: string) =>
    `${name}\t${due === null ? "-" : formatMoney(due)}\t${formatMoney(paid)}\t${state}`,
  noFlags: (year: number) => `Năm ${year} không có đảng viên nào cần lưu ý.`,
  flagRow: (name: string, unpaid: number, feeLevel: string, absent: number, meetingLevel: string) =>
    `${name}\tchưa đóng ${unpaid} tháng (${feeLevel})\tvắng không lý do ${absent} lần (${meetingLevel})`,
  flagLevel: { none: "bình thường", warning: "cảnh báo", article8: "đến ngưỡng Điều 8" } as Record<string, string>,

  // Review
  oneOfBranchOrg: "ghi đúng một trong --branch hoặc --org",
  badQuota: "--quota phải lớn hơn 0 và không quá 1",
  badPoints: (option: string) =>
    `${option}: ghi ví dụ "Tiêu chí A=10; Tiêu chí B=20" (các tiêu chí cách nhau bởi dấu chấm phẩy)`,
  reviewAlreadyOpen: (code: string, year: number) => `${code}: đợt kiểm điểm năm ${year} đã mở (giữ nguyên)`,
  reviewOpened: (code: string, year: number, deadline: string, invited: number) =>
    `Đã mở đợt kiểm điểm năm ${year} của chi bộ ${code}, hạn nộp ${deadline}; đã báo cho ${invited} đảng viên`,
  reviewHowTo: "Đảng viên dùng lệnh /kiemdiem; bot nhắc những đồng chí chưa nộp.",
  noReview: (code: string, year: number) => `Chi bộ ${code} chưa mở đợt kiểm điểm năm ${year}`,
  reviewLocked: (code: string, year: number) => `Đã khoá đợt kiểm điểm năm ${year} của chi bộ ${code}`,
  noMemberReview: (name: string) => `Đồng chí ${name} chưa có bản kiểm điểm trong đợt này`,
  orgRatingRow: (branch: string, submitted: number, levels: string, good: string, quotaOk: boolean) =>
    `${branch}\tđã nộp ${submitted}\t${levels}\thoàn thành tốt trở lên ${good}${quotaOk ? "" : "\tVƯỢT TỶ LỆ XUẤT SẮC"}`,
  orgRatingTotal: (levels: string, good: string) => `Cộng\t${levels}\thoàn thành tốt trở lên ${good}`,
  // Surveys
  surveyNumber: "số khảo sát",
  surveyFileRefused: (n: number) => `Tệp khảo sát có ${n} lỗi; chưa tạo khảo sát nào. Sửa các dòng trên rồi chạy lại.`,
  surveyTitleNeeded: "cần --title (tệp không có tiêu đề)",
  surveyPreview: (title: string, anonymous: boolean, deadline: string, recipients: number, reachable: number) =>
    `Khảo sát «${title}» (${anonymous ? "ẩn danh" : "có ghi tên"}), hạn ${deadline}: ` +
    `${recipients} người, ${reachable} người nhận được trong chat. Các câu hỏi:`,
  optional: ", không bắt buộc",
  dryRunNothingWritten: "(Chạy thử: chưa tạo khảo sát)",
  surveyCreated: (id: number, recipients: number, queued: number, unreachable: number) =>
    `Đã tạo khảo sát #${id}: gửi ${recipients} người (${queued} tin đang được gửi` +
    `${unreachable ? `, ${unreachable} người chưa liên kết không nhận được` : ""}). Xem: survey results ${id}`,
  noSurveys: "Chưa có khảo sát nào.",
  surveyLine: (id: number, title: string, closed: boolean, deadline: string, answered: number, recipients: number) =>
    `#${id}\t${title}\t${closed ? "đã kết thúc" : "đang mở"}, hạn ${deadline}\t${answered}/${recipients} đã trả lời`,
  badOutXlsx: (option: string) => `${option} phải là tệp .xlsx`,
};

/** The roster fields and values an import lists, field by field, from what to what. */
export const IMPORT_FIELD_LABELS: Record<string, string> = {
  fullName: "Họ và tên",
  phone: "Điện thoại",
  role: "Chức vụ",
  status: "Tình trạng",
  feeGroup: "Nhóm đảng phí",
  exemption: "Miễn sinh hoạt",
  exemptFrom: "Miễn từ ngày",
  exemptUntil: "Miễn đến ngày",
};
export const IMPORT_VALUE_LABELS: Record<string, string> = {
  official: "Chính thức",
  probationary: "Dự bị",
  none: "Không",
  temporary: "Tạm miễn",
  full: "Miễn",
  salary: "Hưởng lương",
  retired: "Hưu trí",
  student: "Học sinh, sinh viên",
  other: "Khác",
  other_retired: "Khác, đã hết tuổi lao động",
};
/** A month's state in `fee status`. */
export const FEE_STATE_LABELS: Record<string, string> = {
  paid: "đã đóng",
  pending: "chờ xác nhận",
  partial: "đóng thiếu",
  unpaid: "chưa đóng",
  exempt: "miễn",
  unknown: "chưa đủ thông tin",
};
/** commander's own words, in Vietnamese. */
export const commanderTexts = {
  titles: {
    "Usage:": "Cách dùng:",
    "Options:": "Tuỳ chọn:",
    "Commands:": "Lệnh:",
    "Arguments:": "Tham số:",
    "Global Options:": "Tuỳ chọn chung:",
  } as Record<string, string>,
  requiredOption: (o: string) => `thiếu tuỳ chọn bắt buộc ${o}`,
  argumentMissing: (o: string) => `tuỳ chọn ${o} cần một giá trị`,
  badChoice: (o: string, v: string, c: string) => `tuỳ chọn ${o}: "${v}" không hợp lệ; chọn một trong: ${c}`,
  unknownOption: (o: string) => `không có tuỳ chọn ${o}`,
  unknownCommand: (c: string) => `không có lệnh ${c}`,
  missingArgument: (a: string) => `thiếu tham số <${a}>`,
  tooManyArguments: "thừa tham số",
  error: (text: string, suggestion: string | null) =>
    `Lỗi: ${text}${suggestion ? ` (có phải ý đồng chí là ${suggestion}?)` : ""}`,
  errorPrefix: "Lỗi: ",
  help: "xem hướng dẫn",
  helpCommand: "help [lệnh]",
  helpCommandDescription: "xem hướng dẫn của một lệnh",
  optionsWord: "[tuỳ chọn]",
  commandWord: "[lệnh]",
  choices: (c: string[]) => `chọn: ${c.join(", ")}`,
  defaultValue: (v: string) => `mặc định: ${v}`,
};

/** A field's value in an import's "from → to" line (command line and web console). */
export function importValueText(v: string | Date | null): string {
  if (v === null || v === "") return cliTexts.empty;
  if (v instanceof Date) return formatDate(v, "UTC");
  return { ...ROLE_LABELS, ...IMPORT_VALUE_LABELS }[v] ?? v;
}

/** The Vietnamese for every refusal a use case can return, by its code (chat, command line, web). */
import { formatMonth } from "../domain/fees.ts";
import { LEVEL_LABELS, isLevel } from "../domain/rating.ts";
import { formatMoney } from "../domain/text.ts";
import { formatLocalDate } from "../domain/calendar.ts";
import { STEP_LABELS } from "./development.ts";

type Data = Record<string, string | number | boolean | null | undefined>;

const s = (v: unknown) => String(v ?? "");
const month = (v: unknown) => formatMonth(String(v ?? ""));
const money = (v: unknown) => formatMoney(Number(v ?? 0));
const stepLabel = (v: unknown) =>
  typeof v === "string" && v in STEP_LABELS ? STEP_LABELS[v as keyof typeof STEP_LABELS] : s(v);
const RECORD_FIELDS: Record<string, string> = {
  chairName: "Người chủ trì",
  minutesBy: "Thư ký",
  delegate: "Đại biểu cấp trên",
  content: "Diễn biến",
  resolution: "Nghị quyết",
};
const recordField = (v: unknown) => RECORD_FIELDS[s(v)] ?? s(v);
const level = (v: unknown) => (isLevel(v) ? LEVEL_LABELS[v] : s(v));

/** Why a month's fee cannot be computed yet. */
export function missingFeeReason(reason: unknown): string {
  switch (reason) {
    case "no_group":
      return "chưa có nhóm đảng phí của đảng viên";
    case "no_base":
      return "chưa có mức lương hoặc lương hưu làm căn cứ";
    case "no_min_wage":
      return "chưa có lương tối thiểu vùng";
    default:
      return "chưa có mức đảng phí cho tháng này";
  }
}

export const ERROR_TEXTS = {
  not_authorised: () => "Đồng chí không có quyền thực hiện thao tác này.",
  "member.not_found": () => "Không tìm thấy đảng viên này.",
  "member.no_match": (d: Data) => `Chi bộ không có đảng viên "${s(d.who)}"`,
  "member.many_match": (d: Data) =>
    `"${s(d.who)}" trùng với ${s(d.count)} đảng viên; hãy dùng số hiệu đảng viên (xem: members)`,
  "org.exists": (d: Data) => `Đảng bộ "${s(d.name)}" đã có`,
  "org.not_found": (d: Data) => `Không có đảng bộ "${s(d.name)}" (tạo bằng: org create)`,
  "branch.not_found": (d: Data) => `Không có chi bộ mã "${s(d.code)}" (xem: branch list)`,
  "branch.exists": (d: Data) => `Đã có chi bộ mã "${s(d.code)}" hoặc tên "${s(d.name)}"`,
  "branch.bad_code": () => "--code: 2–32 ký tự gồm chữ, số, - hoặc _",
  "branch.bad_region": () => "--region phải là 1, 2, 3 hoặc 4",
  "branch.bad_collection_day": () => "--collection-day phải từ 1 đến 28",
  "leave.reason_empty": () => "Lý do xin vắng không được để trống.",
  "leave.not_found": () => "Không tìm thấy đơn xin vắng này.",
  "member.erase_self": () => "Không thể tự xoá chính mình.",
  "member.bad_name": (d: Data) => `Họ và tên phải có và không quá ${s(d.max)} ký tự.`,
  "member.bad_phone": () => "Số điện thoại không hợp lệ (ví dụ: 0912 345 678).",
  "member.phone_taken": () => "Số điện thoại này đã có ở một đảng viên khác.",
  "roster.file_type": (d: Data) => `Không đọc được tệp loại "${s(d.ext)}": hãy dùng tệp .xlsx hoặc .csv.`,
  "roster.unreadable": () => "Không đọc được tệp danh sách: tệp hỏng hoặc không phải Excel/CSV.",
  "role.secretary_taken": (d: Data) =>
    `Chi bộ đã có bí thư là đồng chí ${s(d.name)}. Muốn thay, dùng tuỳ chọn --replace ` +
    `(đồng chí ${s(d.name)} trở thành đảng viên).`,

  "meeting.not_found": () => "Không tìm thấy buổi họp này.",
  "meeting.in_past": () => "Thời gian họp đã qua. Xin chọn thời gian trong tương lai.",
  "meeting.bad_place": (d: Data) => `Địa điểm phải có và không quá ${s(d.max)} ký tự.`,
  "meeting.agenda_too_long": (d: Data) => `Nội dung không quá ${s(d.max)} ký tự.`,
  "meeting.not_changeable": () => "Buổi họp này đã huỷ hoặc đã diễn ra, không thể sửa.",
  "meeting.already_cancelled": () => "Buổi họp này đã được huỷ trước đó.",
  "meeting.already_held": () => "Buổi họp này đã diễn ra, không thể huỷ.",
  "meeting.cancelled": () => "Buổi họp này đã huỷ.",
  "meeting.not_yet_held": () => "Buổi họp chưa diễn ra, chưa thể điểm danh.",

  "announcement.no_branch": () => "Không có chi bộ nhận.",
  "announcement.empty": () => "Thông báo chưa có nội dung.",
  "announcement.too_long": (d: Data) => `Thông báo không quá ${s(d.max)} ký tự.`,
  "announcement.send_at_past": () => "Thời điểm gửi đã qua.",
  "announcement.not_found": () => "Không tìm thấy thông báo này.",
  "announcement.stopped": () => "Thông báo này đã dừng gửi.",

  "fee.no_months": () => "Chưa chọn tháng nào.",
  "fee.too_far_ahead": (d: Data) => `Không ghi trước quá ${s(d.max)} tháng (tháng ${month(d.month)} quá xa).`,
  "fee.before_start": (d: Data) =>
    `Tháng ${month(d.month)} trước thời điểm đồng chí ${s(d.name)} bắt đầu đóng đảng phí tại chi bộ ` +
    `(${month(d.first)}).`,
  "fee.cannot_compute": (d: Data) => `Chưa tính được đảng phí tháng ${month(d.month)}: ${missingFeeReason(d.reason)}.`,
  "fee.month_settled": (d: Data) => `Tháng ${month(d.month)} đã ${d.exempt ? "được miễn" : "đóng đủ"}; không ghi lại.`,
  "fee.bad_amount": () => "Số tiền phải là số nguyên dương (đồng).",
  "fee.amount_too_big": (d: Data) =>
    `Số tiền ${money(d.amount)} vượt mức tối đa cho một lần ghi (${money(d.max)}). Xin kiểm tra lại.`,
  "fee.amount_mismatch": (d: Data) =>
    `Số tiền ${money(d.amount)} không khớp số phải đóng cho ${s(d.months)} tháng đã chọn (${money(d.due)}).`,
  "fee.already_reported": (d: Data) =>
    `Tháng ${month(d.month)} đã được báo và đang chờ đồng chí thu đảng phí xác nhận.`,
  "fee.no_entry": (d: Data) => `Không có khoản ghi #${s(d.id)}.`,
  "fee.reverse_unconfirmed": () => "Chỉ đảo được một khoản thu đã xác nhận.",
  "fee.reason_needed": () => "Cần ghi lý do điều chỉnh.",
  "fee.already_reversed": (d: Data) => `Khoản #${s(d.id)} đã được đảo bằng khoản #${s(d.by)}.`,
  "fee.bad_base": () => "Số không hợp lệ (từ 100.000 đến 1.000.000.000 đồng).",

  "review.other_branch": (d: Data) => `Đồng chí ${s(d.name)} không thuộc chi bộ này.`,
  "review.deadline_past": () => "Hạn nộp đã qua. Xin chọn một ngày trong tương lai.",
  "review.deadline_after_year": (d: Data) => `Hạn nộp phải trước ngày 31/12/${s(d.year)} để chi bộ kịp họp xếp loại.`,
  "review.already_open": (d: Data) => `Chi bộ đã mở đợt kiểm điểm năm ${s(d.year)}.`,
  "review.locked": () => "Bí thư đã khoá đợt kiểm điểm; không sửa được nữa.",
  "review.past_deadline": () => "Đã quá hạn nộp bản kiểm điểm; không sửa được nữa.",
  "review.not_submitted": () => "Đảng viên chưa nộp bản kiểm điểm.",
  "review.level_not_allowed": (d: Data) =>
    `Mức "${level(d.level)}" không phù hợp với điểm và các câu trả lời. Các mức được chọn: ` +
    `${s(d.allowed).split(",").map(level).join(", ")}.`,
  "survey.no_branch": () => "Không tìm thấy chi bộ được chọn.",
  "survey.one_organisation": () => "Một khảo sát chỉ gửi được cho các chi bộ trong cùng một Đảng bộ.",
  "survey.no_meeting": () => "Không tìm thấy buổi sinh hoạt đã chọn trong chi bộ.",
  "survey.title": (d: Data) => `Tiêu đề khảo sát cần có, tối đa ${s(d.max)} ký tự.`,
  "survey.too_many": (d: Data) => `Một khảo sát có tối đa ${s(d.max)} câu hỏi.`,
  "survey.deadline_past": () => "Hạn trả lời đã qua. Xin chọn một thời điểm sắp tới.",
  "survey.deadline_far": () => "Hạn trả lời không được quá một năm kể từ hôm nay.",
  "survey.nobody": () => "Không có ai trong phạm vi đã chọn để gửi khảo sát.",
  "survey.not_found": () => "Không tìm thấy khảo sát này.",
  "survey.closed": () => "Khảo sát này đã kết thúc.",
  "survey.sent_anonymous": () => "Câu trả lời ẩn danh đã gửi thì không sửa được.",
  "survey.incomplete": () => "Còn câu bắt buộc chưa trả lời.",
  "survey.already_closed": () => "Khảo sát này đã kết thúc rồi.",
  "survey.file_unreadable": () => "Không đọc được tệp khảo sát (tệp hỏng hoặc sai định dạng).",
  "survey.file_type": () => "Tệp khảo sát phải là .xlsx hoặc .yaml.",
  "survey.not_later": () => "Hạn mới phải sau hạn hiện tại.",
  "leave.reason_too_long": (d: Data) => `Lý do xin vắng quá dài (tối đa ${s(d.max)} ký tự).`,

  "org.choose": () => "Có nhiều đảng bộ: hãy chọn một (--org).",
  "setting.unknown": (d: Data) => `Không có thiết lập "${s(d.key)}" (xem: committee settings).`,
  "setting.bad_value": (d: Data) => `Giá trị "${s(d.value)}" không hợp lệ cho thiết lập ${s(d.key)}.`,
  "calendar.bad_date": (d: Data) => `Ngày "${s(d.date)}" không hợp lệ (viết dd/mm/yyyy hoặc yyyy-mm-dd).`,
  "calendar.bad_name": () => "Tên ngày nghỉ phải có, tối đa 100 ký tự.",
  "candidate.not_found": () => "Không tìm thấy người này trong danh sách phát triển đảng viên.",
  "candidate.bad_name": (d: Data) => `Họ và tên phải có và không quá ${s(d.max)} ký tự.`,
  "candidate.bad_date": (d: Data) => `Ngày "${s(d.value)}" không hợp lệ (viết dd/mm/yyyy).`,
  "candidate.bad_person": (d: Data) => `Không có đảng viên số ${s(d.memberId)} trong đảng bộ.`,
  "candidate.same_introducer": () => "Hai người giới thiệu phải là hai đảng viên khác nhau.",
  "candidate.bad_union": () => "Tên tổ chức giới thiệu tối đa 200 ký tự.",
  "candidate.note_too_long": (d: Data) => `Ghi chú tối đa ${s(d.max)} ký tự.`,
  "candidate.bad_reason": () => "Cần ghi lý do (tối đa 500 ký tự).",
  "step.needs": (d: Data) => `Chưa có bước trước: ${stepLabel(d.step)}.`,
  "step.before": (d: Data) => `Ngày này trước ngày của bước "${stepLabel(d.step)}" (${formatLocalDate(s(d.date))}).`,
  "step.future": () => "Ngày này chưa đến; chỉ ghi việc đã làm.",
  "step.closed": () => "Người này đã được đưa ra khỏi danh sách.",
  "step.done": () => "Đảng viên này đã được công nhận chính thức.",
  "target.bad_value": () => "Chỉ tiêu phải là số nguyên từ 0 đến 1000.",
  "target.bad_year": () => "Năm không hợp lệ.",
  "record.bad_name": (d: Data) => `${recordField(d.field)} phải có và không quá ${s(d.max)} ký tự.`,
  "liaison.bad_member": () => "Người được phân công phải là đảng viên (chưa rời) của đảng bộ.",
  "liaison.already": (d: Data) => `Đồng chí ${s(d.name)} đang phụ trách chi bộ này.`,
  "scorecard.exists": () => "Đảng bộ đã có bộ tiêu chí; sửa từng tiêu chí thay vì dùng lại bộ mẫu.",
  "scorecard.bad_group": () => "Nhóm tiêu chí phải là 1, 2, 3 hoặc 4.",
  "scorecard.bad_label": () => "Tên tiêu chí phải có, tối đa 300 ký tự.",
  "scorecard.bad_source": (d: Data) => `Nguồn số liệu "${s(d.source)}" không có.`,
  "scorecard.bad_kind": () => "Loại tiêu chí phải là tỷ lệ, số lượng hoặc có/không.",
  "scorecard.bad_target": (d: Data) => `Chỉ tiêu "${s(d.value)}" không hợp lệ (tỷ lệ từ 0 đến 100%).`,
  "scorecard.bad_weight": (d: Data) => `Trọng số "${s(d.value)}" không hợp lệ (lớn hơn 0, tối đa 100).`,
  "scorecard.not_found": () => "Không tìm thấy tiêu chí này.",
  "scorecard.computed": () => "Tiêu chí này tính từ số liệu của chibo; không nhập tay.",
  "scorecard.bad_value": (d: Data) => `Giá trị "${s(d.value)}" không hợp lệ.`,
  "scorecard.note_too_long": () => "Ghi chú tối đa 1000 ký tự.",
  "rating.level_not_allowed": (d: Data) =>
    `Mức "${level(d.level)}" cao hơn mức điểm và điều kiện cho phép (${level(d.highest)}).`,
  "rating.not_proposed": () => "Chi bộ chưa đề xuất mức xếp loại.",
  "record.end_before_start": () => "Giờ kết thúc phải sau giờ bắt đầu.",
  "record.too_long": () => "Buổi sinh hoạt không kéo dài quá 12 giờ: xin kiểm tra giờ bắt đầu và kết thúc.",
  "record.other_day": () => "Giờ bắt đầu cách giờ họp đã báo hơn một ngày: xin kiểm tra lại.",
  "record.too_much_text": (d: Data) => `${recordField(d.field)} không quá ${s(d.max)} ký tự.`,
  "record.bad_speakers": (d: Data) => `Tối đa ${s(d.max)} người phát biểu, mỗi tên không quá 100 ký tự.`,
} satisfies Record<string, (d: Data) => string>;

export type ErrorCode = keyof typeof ERROR_TEXTS;

export function errorText(e: { code: ErrorCode; data: Data }): string {
  return ERROR_TEXTS[e.code](e.data);
}

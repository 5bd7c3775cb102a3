/** The audit log as a secretary reads it: each action in Vietnamese, its details as "what: value". */

export const AUDIT_ACTIONS: Record<string, string> = {
  "account.link": "Liên kết tài khoản",
  "account.unlink": "Huỷ liên kết tài khoản",
  "account.unreachable": "Không gửi được tin nhắn (tài khoản chặn bot hoặc không còn)",
  "announcement.cancel": "Dừng gửi thông báo",
  "announcement.remind": "Nhắc lại thông báo",
  "announcement.send": "Gửi thông báo",
  "attendance.record": "Ghi điểm danh",
  "branch.create": "Tạo chi bộ",
  "branch.fees": "Đặt vùng lương, ngày thu đảng phí",
  "branch.schedule": "Đặt lịch sinh hoạt định kỳ",
  "fee.adjust": "Miễn, giảm đảng phí",
  "fee.base": "Khai báo mức căn cứ đảng phí",
  "fee.export": "Xuất sổ thu đảng phí",
  "fee.member": "Đặt nhóm, mức căn cứ đảng phí",
  "fee.rate": "Đặt mức đóng đảng phí",
  "fee.record": "Ghi khoản thu đảng phí",
  "fee.report": "Báo đã đóng đảng phí",
  "fee.confirm": "Xác nhận khoản báo đóng",
  "fee.reject": "Từ chối khoản báo đóng",
  "fee.reverse": "Đảo bút toán đảng phí",
  "fee.wage": "Đặt lương tối thiểu vùng",
  "invites.issue": "Cấp mã mời",
  "leave.accept": "Chấp thuận xin vắng",
  "leave.refuse": "Không chấp thuận xin vắng",
  "meeting.cancel": "Huỷ buổi sinh hoạt",
  "meeting.change": "Đổi buổi sinh hoạt",
  "meeting.create": "Tạo buổi sinh hoạt",
  "meeting.generate": "Tạo buổi sinh hoạt định kỳ theo lịch",
  "member.erase": "Xoá dữ liệu đảng viên",
  "member.data_export": "Xuất dữ liệu của đảng viên",
  "member.preferred_channel": "Chọn kênh nhận tin",
  "member.review_info": "Sửa thông tin kiểm điểm",
  "member.role": "Đổi chức vụ",
  "org.create": "Tạo đảng bộ",
  "report.export": "Xuất báo cáo",
  "review.document": "In bản kiểm điểm",
  "review.export": "Xuất kết quả kiểm điểm",
  "review.final": "Ghi mức xếp loại",
  "review.lock": "Khoá đợt kiểm điểm",
  "review.open": "Mở đợt kiểm điểm",
  "review.submit": "Nộp bản kiểm điểm",
  "roster.import": "Nhập danh sách đảng viên",
};

const DETAIL_LABELS: Record<string, string> = {
  channel: "kênh",
  how: "cách",
  replacedOther: "thay tài khoản cũ",
  from: "từ",
  to: "thành",
  count: "số lượng",
  created: "thêm",
  updated: "cập nhật",
  roleChanges: "đổi chức vụ",
  meetingId: "buổi",
  kind: "loại",
  ext: "tệp",
  year: "năm",
  month: "tháng",
  startsAt: "thời gian",
  place: "địa điểm",
  rule: "lịch",
  time: "giờ",
  code: "mã",
  id: "số",
  name: "tên",
  region: "vùng",
  day: "ngày thu",
  amount: "số tiền",
  months: "các tháng",
  group: "nhóm",
  base: "có mức căn cứ",
  exempt: "miễn",
  reduce: "giảm",
  deadline: "hạn",
  recipients: "người nhận",
  off: "bỏ lịch",
  form: "mẫu",
  suspended: "đình chỉ",
  file: "tệp",
  batch: "đợt",
  reason: "lý do",
  level: "mức",
  entryId: "bút toán",
  reversalId: "bút toán đảo",
  percent: "phần trăm",
  flatAmount: "số tiền",
  rateBp: "tỷ lệ (phần vạn)",
};

const VALUE_LABELS: Record<string, string> = {
  telegram: "Telegram",
  zalo: "Zalo",
  invite: "mã mời",
  phone: "số điện thoại",
  true: "có",
  false: "không",
  member: "Đảng viên",
  secretary: "Bí thư",
  deputy: "Phó bí thư",
  collector: "Thu đảng phí",
  committee: "Cán bộ đảng ủy",
  regular: "định kỳ",
  thematic: "chuyên đề",
  xlsx: "XLSX",
  csv: "CSV",
  members: "danh sách đảng viên",
  attendance: "điểm danh",
  announcement: "thông báo",
  audit: "nhật ký",
};

function show(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${DETAIL_LABELS[k] ?? k} ${show(v)}`)
      .join(", ");
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return text.slice(0, 16).replace("T", " ") + " UTC";
  return VALUE_LABELS[text] ?? text;
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

/** {"from":"member","to":"secretary"} → "từ Đảng viên; thành Bí thư". */
export function auditDetails(json: string): string {
  let details: unknown;
  try {
    details = JSON.parse(json);
  } catch {
    return json;
  }
  if (!details || typeof details !== "object") return show(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? k}: ${show(v)}`)
    .join("; ");
}

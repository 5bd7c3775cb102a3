/**
 * Telegram's command menu per person: members see theirs; a secretary, deputy,
 * collector or committee member sees his/her own commands too (set per chat).
 */
export interface MenuCommand {
  command: string;
  description: string;
}

const MEMBER: MenuCommand[] = [
  { command: "lichhop", description: "Lịch sinh hoạt sắp tới" },
  { command: "dangphi", description: "Đảng phí của tôi" },
  { command: "kiemdiem", description: "Bản kiểm điểm cuối năm" },
  { command: "bankiemdiem", description: "Bản kiểm điểm để in (Word)" },
  { command: "khaosat", description: "Khảo sát, lấy ý kiến đang chờ tôi trả lời" },
  { command: "khaibao", description: "Khai báo mức lương tính đảng phí" },
  { command: "kenh", description: "Nhận nhắc việc qua Telegram hay Zalo" },
  { command: "dulieu", description: "Dữ liệu bot lưu về tôi" },
  { command: "web", description: "Bảng điều khiển trên trình duyệt" },
  { command: "trogiup", description: "Hướng dẫn sử dụng" },
  { command: "huy", description: "Huỷ thao tác đang làm" },
  { command: "huylienket", description: "Huỷ liên kết tài khoản này" },
];

const LEADER: MenuCommand[] = [
  { command: "taohop", description: "Tạo buổi sinh hoạt" },
  { command: "suahop", description: "Đổi giờ, địa điểm hoặc huỷ buổi sinh hoạt" },
  { command: "tinhhinh", description: "Tình hình trả lời" },
  { command: "diemdanh", description: "Điểm danh sau buổi sinh hoạt" },
  { command: "thongbao", description: "Gửi thông báo" },
  { command: "tinhtrangtb", description: "Tình trạng thông báo đã gửi" },
  { command: "baocao", description: "Báo cáo (XLSX)" },
  { command: "mokiemdiem", description: "Mở đợt kiểm điểm" },
  { command: "tiendokd", description: "Tiến độ kiểm điểm" },
  { command: "xembkd", description: "Xem bản kiểm điểm của đảng viên" },
  { command: "xeploai", description: "Ghi mức xếp loại" },
  { command: "baocaokd", description: "Báo cáo xếp loại" },
  { command: "khoakd", description: "Khoá đợt kiểm điểm" },
  { command: "ketquaks", description: "Kết quả khảo sát đã tạo" },
  { command: "phattrien", description: "Phát triển đảng viên: các bước và thời hạn" },
  { command: "bontot", description: "Điểm chi bộ 4 tốt của chi bộ" },
  { command: "golienket", description: "Gỡ liên kết của một đảng viên" },
  { command: "xoadangvien", description: "Xoá dữ liệu đảng viên đã rời chi bộ" },
];

const FEES: MenuCommand[] = [
  { command: "thuphi", description: "Ghi khoản thu đảng phí" },
  { command: "mucdong", description: "Nhập mức lương căn cứ của đảng viên" },
  { command: "thuthang", description: "Tình hình thu tháng này" },
  { command: "canhbao", description: "Nợ đảng phí, vắng không lý do" },
  { command: "xuatphi", description: "Xuất sổ thu đảng phí" },
];

const COMMITTEE: MenuCommand[] = [
  { command: "thongbao", description: "Gửi thông báo tới các chi bộ" },
  { command: "tinhtrangtb", description: "Tình trạng thông báo đã gửi" },
  { command: "baocao", description: "Báo cáo (XLSX)" },
  { command: "baocaokd", description: "Xếp loại của các chi bộ" },
  { command: "phattrien", description: "Phát triển đảng viên các chi bộ" },
  { command: "bontot", description: "Xếp hạng chi bộ 4 tốt" },
  { command: "ketquaks", description: "Kết quả khảo sát đã tạo" },
];

/** The default menu (everyone), and the full menu of a role; null: the role sees only the default. */
export const DEFAULT_MENU = MEMBER;

export function menuForRole(role: string): MenuCommand[] | null {
  if (role === "secretary" || role === "deputy") return [...MEMBER, ...LEADER, ...FEES];
  if (role === "collector") return [...MEMBER, ...FEES];
  if (role === "committee") return [...MEMBER, ...COMMITTEE];
  return null;
}

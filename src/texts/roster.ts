/** What a roster import says about the file: columns set aside and rows refused. */
import type { HeaderWarning, RowProblem } from "../domain/roster.ts";

export function headerWarningText(w: HeaderWarning): string {
  switch (w.code) {
    case "duplicate":
      return `Cột "${w.column}" trùng ý nghĩa với một cột khác; bỏ qua.`;
    case "sensitive":
      return `Cột "${w.column}" chứa dữ liệu nhạy cảm: không được lưu.`;
    case "unused":
      return `Cột "${w.column}" không dùng đến; bỏ qua.`;
  }
}

export function rowProblemText(p: RowProblem): string {
  switch (p.code) {
    case "no_name":
      return "thiếu họ và tên";
    case "name_too_long":
      return "họ và tên quá dài";
    case "bad_phone":
      return `số điện thoại "${p.value}" không hợp lệ`;
    case "bad_role":
      return `chức vụ "${p.value}" không rõ (Bí thư, Phó bí thư, Chi ủy viên thu đảng phí, Đảng viên)`;
    case "bad_status":
      return `tình trạng "${p.value}" không rõ (Chính thức, Dự bị)`;
    case "bad_fee_group":
      return `nhóm đảng phí "${p.value}" không rõ`;
    case "bad_exemption":
      return `miễn sinh hoạt "${p.value}" không rõ (Tạm miễn, Miễn, để trống)`;
    case "bad_from":
      return `"từ ngày" phải có dạng dd/mm/yyyy`;
    case "bad_until":
      return `"đến ngày" phải có dạng dd/mm/yyyy`;
    case "until_before_from":
      return `"đến ngày" trước "từ ngày"`;
    case "duplicate_phone":
      return `số điện thoại trùng với dòng ${p.otherRow}`;
    case "duplicate_name":
      return `trùng họ tên với dòng ${p.otherRow} mà không có số điện thoại để phân biệt`;
    case "no_name_column":
      return 'thiếu cột "Họ và tên"';
    case "two_secretaries":
      return (
        `chi bộ chỉ có một bí thư, nhưng sau khi nhập sẽ có ${p.names.length}: ${p.names.join(", ")}. ` +
        "Sửa cột Chức vụ trong tệp, hoặc đổi vai trò bằng lệnh member role trước."
      );
  }
}

/** All of a row's problems in one line. */
export const rowErrorText = (e: { problems: RowProblem[] }) => e.problems.map(rowProblemText).join("; ");

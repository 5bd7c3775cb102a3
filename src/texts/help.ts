/** /trogiup for members, leaders and collectors. */

export const helpTexts = {
  helpMember: [
    "Các lệnh của đảng viên:",
    "/lichhop – xem lịch sinh hoạt sắp tới và câu trả lời của mình",
    "/huy – huỷ thao tác đang làm",
    "/huylienket – huỷ liên kết tài khoản này",
    "/kenh – chọn nhận nhắc việc qua Telegram hay Zalo (khi liên kết cả hai)",
    "/dangphi – đảng phí của mình: tháng đã đóng, chưa đóng, cách đóng",
    "/khaibao – khai báo mức lương (hoặc lương hưu) làm căn cứ tính đảng phí",
    "/dulieu – xem toàn bộ dữ liệu bot lưu về mình",
    "/web – nhận liên kết đăng nhập bảng điều khiển trên trình duyệt",
    "/kiemdiem – làm bản kiểm điểm cuối năm (tạm dừng, làm tiếp, sửa, nộp, nhận bản in)",
    "/bankiemdiem – nhận bản kiểm điểm của mình dạng Word để in, ký",
    "/khaosat – khảo sát, lấy ý kiến đang chờ mình trả lời (tạm dừng, trả lời tiếp, sửa)",
    "/trogiup – xem hướng dẫn",
    "Khi nhận lời nhắc họp, bấm «Có mặt» hoặc «Xin vắng» (kèm lý do).",
  ].join("\n"),
  helpLeader: [
    "",
    "Các lệnh của bí thư, phó bí thư:",
    "/taohop – tạo buổi sinh hoạt",
    "/suahop – đổi giờ, địa điểm hoặc huỷ buổi sinh hoạt",
    "/tinhhinh – tình hình trả lời các buổi sắp tới",
    "/diemdanh – điểm danh sau buổi sinh hoạt",
    "/golienket – gỡ liên kết tài khoản của một đảng viên",
    "/thongbao – soạn và gửi thông báo (có nút «Đã nhận»)",
    "/tinhtrangtb – tình trạng gửi, nhận thông báo; nhắc lại; dừng gửi",
    "/baocao – báo cáo: danh sách đảng viên, điểm danh cả năm, thông báo, nhật ký (XLSX)",
    "/xoadangvien – xoá dữ liệu cá nhân của đảng viên đã rời chi bộ",
    "/mokiemdiem – mở đợt kiểm điểm cuối năm; /tiendokd – tiến độ; /xembkd " +
      "– xem bản kiểm điểm; /xeploai – ghi mức xếp loại; /baocaokd – báo cáo " +
      "xếp loại (XLSX); /khoakd – khoá đợt kiểm điểm",
    "/khaosat – tạo khảo sát, lấy ý kiến (tự soạn hoặc theo mẫu); /ketquaks – kết quả, gia hạn, kết thúc sớm, tệp Excel",
    "/phattrien – phát triển đảng viên: người đang bồi dưỡng, dự bị, các thời hạn và lưu ý",
    "/bontot – điểm chi bộ 4 tốt từ đầu năm và các tiêu chí chưa đạt",
  ].join("\n"),
  helpFees: [
    "",
    "Các lệnh về đảng phí (bí thư, phó bí thư, đồng chí thu đảng phí):",
    "/thuphi – ghi khoản thu đảng phí",
    "/mucdong – nhập mức lương, lương hưu làm căn cứ của một đảng viên",
    "/thuthang – tình hình thu đảng phí tháng này",
    "/canhbao – đảng viên nợ đảng phí hoặc vắng họp không lý do",
    "/xuatphi – xuất sổ thu đảng phí (XLSX, CSV)",
  ].join("\n"),
};

/** Reports, a member's own data, and erasing a member. */

export const reportTexts = {
  myDataLines: (d: {
    fullName: string;
    branch: string;
    phone: string | null;
    channels: string[];
    answers: number;
    fees: number;
    acks: number;
    reviews: number;
    surveys: number;
    messages: number;
  }) => [
    `Họ và tên: ${d.fullName}; chi bộ: ${d.branch}; điện thoại: ${d.phone ?? "không lưu"}`,
    `Liên kết: ${d.channels.join(", ") || "không"}`,
    `Trả lời lịch họp: ${d.answers} lần; khoản đảng phí: ${d.fees}; thông báo đã nhận: ${d.acks}; ` +
      `bản kiểm điểm: ${d.reviews}; khảo sát được hỏi: ${d.surveys}; tin nhắn bot đã gửi: ${d.messages}`,
    "Bot không lưu số thẻ đảng, số căn cước, địa chỉ hay ngày sinh.",
  ],
  myDataFile: "Dữ liệu của đồng chí (JSON)",
  attendanceLine: (
    date: string,
    kind: string,
    present: string,
    expected: string,
    rate: string,
    pending: number,
    without: string,
    verdict: string,
  ) =>
    `• ${date} ${kind}: ${present}/${expected} có mặt (${rate}), ` +
    `${pending > 0 ? `vắng chờ duyệt ${pending}, ` : ""}vắng không lý do ${without} – ${verdict}`,
  reportMenu: "Chọn báo cáo (trên Telegram kèm tệp XLSX):",
  btnRepMembers: "Danh sách đảng viên",
  btnRepAttendance: "Điểm danh cả năm",
  btnRepAnnouncements: "Thông báo gần nhất",
  btnRepAudit: "Nhật ký thao tác",
  repMembers: (
    branch: string,
    total: number,
    linked: number,
    tg: number,
    zalo: number,
    unreachable: string[],
    unlinked: string[],
  ) =>
    [
      `👥 ${branch}: ${total} đảng viên, ${linked} đã liên kết (Telegram ${tg}, Zalo ${zalo}).`,
      ...(unlinked.length ? [`Chưa liên kết (${unlinked.length}): ${unlinked.join(", ")}`] : []),
      ...(unreachable.length ? [`Không gửi được (${unreachable.length}): ${unreachable.join(", ")}`] : []),
    ].join("\n"),
  repAttendance: (year: number, meetingLines: string[], flagged: string[]) =>
    [
      `📋 Điểm danh năm ${year}:`,
      ...(meetingLines.length ? meetingLines : ["Chưa có buổi sinh hoạt nào được điểm danh."]),
      ...(flagged.length ? [`⚠️ Vắng không lý do từ 3 lần: ${flagged.join(", ")}`] : []),
    ].join("\n"),
  repAudit: (lines: string[]) => ["🗒 Nhật ký thao tác gần đây:", ...(lines.length ? lines : ["(trống)"])].join("\n"),
  repFileOnTelegramOnly: "(Tệp XLSX chỉ gửi được trên Telegram.)",
  myDataIntro: "Dữ liệu bot đang lưu về đồng chí:",
  myDataLink: (url: string) =>
    `Bản đầy đủ (tệp JSON): ${url}\nLiên kết chỉ dùng được một lần, trong 10 phút; đừng chuyển cho người khác.`,
  myDataNotOnZalo:
    "Zalo không gửi được tệp, nên bản đầy đủ (tệp JSON) không gửi qua Zalo. " +
    "Xin gõ /dulieu trên Telegram nếu đồng chí đã liên kết, hoặc đề nghị bí " +
    "thư xuất giúp.",
  eraseChoose: "Xoá dữ liệu một đảng viên đã chuyển đi hoặc ra khỏi chi bộ. Chọn đảng viên:",
  eraseConfirm: (name: string) =>
    `Xoá vĩnh viễn họ tên, số điện thoại, liên kết tài khoản của đồng chí ` +
    `${name}? Các số liệu tổng hợp (điểm danh, đảng phí) vẫn giữ nhưng không ` +
    `còn tên. Không thể hoàn tác.`,
  btnErase: "🗑 Xoá",
  eraseDone: "Đã xoá dữ liệu cá nhân của đảng viên này. Các số liệu tổng hợp vẫn được giữ, không còn tên.",
};

/** The web pages' words (the data-file link now; the web console's pages later). */
export const webTexts = {
  goneTitle: "Liên kết đã hết hiệu lực",
  goneBody:
    "Liên kết này chỉ dùng được một lần và trong 10 phút. Xin gõ lại /dulieu trong chat với bot để nhận liên kết mới.",
  notFoundTitle: "Không tìm thấy trang",
  notFoundBody: "Địa chỉ này không có trên máy chủ của chi bộ.",
  dataFilename: "du-lieu-cua-toi.json",

  // The web console
  appTitle: "chibo — bảng điều khiển",
  signInTitle: "Đăng nhập bảng điều khiển",
  signInBody:
    "Mở bảng điều khiển bằng nút «Mở bảng điều khiển» trong Telegram, hoặc gõ /web trong chat với bot " +
    "(Telegram hoặc Zalo) để nhận liên kết đăng nhập dùng một lần.",
  signedInTitle: "Đã đăng nhập",
  signedInBody: "Đang mở bảng điều khiển…",
  openConsole: "Mở bảng điều khiển",
  signInRefused:
    "Không đăng nhập được: tài khoản Telegram này chưa liên kết với đảng viên nào, hoặc dữ liệu đăng nhập đã hết hạn.",
  hello: (name: string, branch: string) => `Xin chào đồng chí ${name} — ${branch}`,
  upcoming: "Lịch sinh hoạt sắp tới",
  noUpcoming: "Hiện chưa có buổi sinh hoạt nào được lên lịch.",
  yourAnswer: (label: string) => `Trả lời của đồng chí: ${label}`,
  btnAttend: "Có mặt",
  btnLeave: "Xin vắng",
  reasonPlaceholder: "Lý do xin vắng",
  openSurveys: "Khảo sát đang chờ đồng chí",
  surveysInChat: "Trả lời trong chat với bot: gõ /khaosat.",
  signOut: "Đăng xuất",
  mySurveys: "Kết quả khảo sát đồng chí đã tạo",
  branchDashboard: "Bảng điều khiển chi bộ",
  backHome: "← Trang của tôi",
  nextMeeting: "Buổi sinh hoạt tới",
  noNextMeeting: "Chưa có buổi sinh hoạt nào được lên lịch.",
  group: (label: string, names: string[]) => `${label} (${names.length}): ${names.join(", ") || "—"}`,
  attendingLabel: "✅ Có mặt",
  leaveLabel: "🙋 Xin vắng",
  noAnswerLabel: "❔ Chưa trả lời",
  unlinkedLabel: "🔗 Chưa liên kết",
  leaveDecision: { requested: "chờ duyệt", accepted: "đã chấp thuận", refused: "không chấp thuận" } as Record<
    string,
    string
  >,
  feesThisMonth: (month: string) => `Đảng phí tháng ${month}`,
  feesLine: (collected: string, expected: string) => `Đã thu ${collected} / phải thu ${expected}`,
  review: (year: number) => `Kiểm điểm năm ${year}`,
  reviewLine: (submitted: number, inProgress: number, notStarted: number) =>
    `Đã nộp ${submitted} · đang làm ${inProgress} · chưa bắt đầu ${notStarted}`,
  noReview: "Chi bộ chưa mở đợt kiểm điểm.",
  forbiddenTitle: "Không được phép",
  forbiddenBody: "Thao tác này không hợp lệ hoặc đồng chí không có quyền. Xin tải lại trang rồi thử lại.",
  linkIntro: (url: string) =>
    `🖥 Bảng điều khiển: ${url}\nLiên kết đăng nhập chỉ dùng được một lần, trong 10 phút; đừng chuyển cho người khác.`,
  noWeb: "Bảng điều khiển chưa được bật trên máy chủ này (cần cấu hình WEB_PUBLIC_URL).",
};

/** A small, self-contained page: no script, no style or font from another host. */
export function simplePage(title: string, body: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
</head><body><h1>${esc(title)}</h1><p>${esc(body)}</p></body></html>`;
}

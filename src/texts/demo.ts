/** The demo terminal (`npm run demo`). */
export const demoTexts = {
  shareContactHint: "   (nút chia sẻ số điện thoại: gõ :lienhe)",
  intro: "chibo demo: một chi bộ mẫu, bot thật, máy chủ Telegram giả lập trên máy này.",
  sample: (when: string, who: string, code: string) => `Buổi sinh hoạt mẫu: ${when}. Mã mời của ${who}: ${code}`,
  commands: "Lệnh của terminal:",
  speakAs: (n: number, name: string, role: string) => `  :${n}        nói với tư cách ${name} (${role})`,
  help: [
    "  1, 2, …   bấm nút số đó của tin nhắn gần nhất",
    "  :lienhe   chia sẻ số điện thoại của mình",
    "  :tua N    tua đồng hồ thêm N ngày rồi chạy lịch nhắc",
    "  :thoat    kết thúc",
    "Mọi dòng khác được gửi cho bot (ví dụ /trogiup, /lichhop, /taohop).",
  ],
  pressed: (label: string) => `   (bấm «${label}»)`,
  clock: (when: string) => `   (đồng hồ: ${when})`,
  bye: "Tạm biệt.",
  console: (url: string, people: { n: number; name: string; role: string }[]) =>
    [
      `Bảng điều khiển web (mở trong trình duyệt, không cần đăng nhập):`,
      ...people.map((p) => `  ${url}/demo/${p.n}   ${p.name} (${p.role})`),
    ].join("\n"),
};

/** The web pages' words (the data-file link now; the web console's pages later). */
export const webTexts = {
  goneTitle: "Liên kết đã hết hiệu lực",
  goneBody:
    "Liên kết này chỉ dùng được một lần và trong 10 phút. Xin gõ lại /dulieu trong chat với bot để nhận liên kết mới.",
  notFoundTitle: "Không tìm thấy trang",
  notFoundBody: "Địa chỉ này không có trên máy chủ của chi bộ.",
  dataFilename: "du-lieu-cua-toi.json",
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

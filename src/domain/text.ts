/** Text helpers for Vietnamese input: NFC normalisation and diacritic-free matching. */

/** Normalise to Unicode NFC and trim. */
export function nfc(input: string): string {
  return input.normalize("NFC").trim();
}

/** Lower-case, strip diacritics (including đ), collapse spaces: for lenient matching. */
export function fold(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Vietnamese money format: 15930 -> "15.930 đ". */
export function formatMoney(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = Math.abs(Math.round(amount)).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".")} đ`;
}

/** Percentage with one decimal and a comma, as Vietnamese documents write it: 85,7%. */
export function formatPercent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toString().replace(".", ",")}%`;
}

const collator = new Intl.Collator("vi", { sensitivity: "base" });

/**
 * Vietnamese lists are ordered by given name (the last word), then by the full
 * name: "Lê Văn An" before "Đặng Văn Dũng" before "Vũ Thị Em".
 */
export function compareVietnameseNames(a: string, b: string): number {
  const given = (s: string) => s.trim().split(/\s+/).at(-1) ?? s;
  return collator.compare(given(a), given(b)) || collator.compare(a, b);
}

export function sortByName<T extends { fullName: string }>(items: T[]): T[] {
  return [...items].sort((x, y) => compareVietnameseNames(x.fullName, y.fullName));
}

/** "15.930", "15930", "15,930 đ", "2tr" are read as whole đồng; anything else is null. */
export function parseAmount(text: string): number | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\s*(đ|d|đồng|dong|vnd)$/u, "")
    .replace(/\s/g, "");
  const million = /^(\d+)(?:[.,](\d+))?(tr|trieu|triệu)$/u.exec(t);
  if (million) return Math.round(Number(`${million[1]}.${million[2] ?? "0"}`) * 1_000_000);
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(t)) return null;
  const n = Number(t.replace(/[.,]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}

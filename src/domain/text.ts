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

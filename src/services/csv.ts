/**
 * Every CSV file chibo writes: UTF-8 with a BOM (spreadsheet programs then keep
 * the diacritics), and no cell a spreadsheet would run as a formula. A text cell
 * beginning with = + - @, a tab or a carriage return gets a leading apostrophe
 * (OWASP "CSV injection"); numbers stay numbers.
 */
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(cell: CsvCell): CsvCell {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function csvFile(rows: CsvCell[][]): Buffer {
  return Buffer.from(`\uFEFF${stringify(rows.map((r) => r.map(neutraliseCell)))}`, "utf8");
}

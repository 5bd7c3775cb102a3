/**
 * Roster rows as committees keep them (Vietnamese headers), checked and mapped
 * to member records. Pure: the file reading lives in services/roster-files.ts.
 * Columns with sensitive data (party card, citizen ID, address, birth date) are
 * never stored: they are reported as ignored.
 */
import { normalisePhone } from "./phone.ts";
import { fold, nfc } from "./text.ts";
import type { FeeGroup } from "./fees.ts";

export type Field = "fullName" | "phone" | "role" | "status" | "feeGroup" | "exemption" | "exemptFrom" | "exemptUntil";

const HEADERS: Record<string, Field> = {
  "ho va ten": "fullName",
  "ho ten": "fullName",
  "ho va ten dang vien": "fullName",
  "dien thoai": "phone",
  "so dien thoai": "phone",
  sdt: "phone",
  dt: "phone",
  "chuc vu": "role",
  "vai tro": "role",
  "chuc vu/vai tro": "role",
  "chuc vu / vai tro": "role",
  "chuc vu trong chi bo": "role",
  "tinh trang": "status",
  "loai dang vien": "status",
  "trang thai": "status",
  "chinh thuc/du bi": "status",
  "nhom dang phi": "feeGroup",
  "nhom dong dang phi": "feeGroup",
  "mien sinh hoat": "exemption",
  "tam mien sinh hoat": "exemption",
  "tu ngay": "exemptFrom",
  "mien tu ngay": "exemptFrom",
  "den ngay": "exemptUntil",
  "mien den ngay": "exemptUntil",
};
const SENSITIVE = [
  "so the dang",
  "the dang",
  "cccd",
  "cmnd",
  "can cuoc",
  "dia chi",
  "noi o",
  "que quan",
  "ngay sinh",
  "nam sinh",
];
const IGNORED = ["stt", "tt", "ghi chu"];

export interface HeaderMap {
  columns: Map<number, Field>;
  warnings: HeaderWarning[];
  missing: Field[];
}

/** A column the import sets aside: the texts layer words it. */
export type HeaderWarning = { code: "duplicate" | "sensitive" | "unused"; column: string };

/** What is wrong with one row of the file: the texts layer words it. */
export type RowProblem =
  | { code: "no_name" | "name_too_long" | "bad_from" | "bad_until" | "until_before_from" }
  | { code: "bad_phone" | "bad_role" | "bad_status" | "bad_fee_group" | "bad_exemption"; value: string }
  | { code: "duplicate_phone" | "duplicate_name"; otherRow: number }
  | { code: "no_name_column" }
  | { code: "two_secretaries"; names: string[] };

export function mapHeaders(headers: string[]): HeaderMap {
  const columns = new Map<number, Field>();
  const warnings: HeaderWarning[] = [];
  headers.forEach((raw, i) => {
    const h = fold(raw);
    if (h === "") return;
    const field = HEADERS[h];
    if (field) {
      if ([...columns.values()].includes(field)) warnings.push({ code: "duplicate", column: raw });
      else columns.set(i, field);
    } else if (SENSITIVE.some((s) => h.includes(s))) {
      warnings.push({ code: "sensitive", column: raw });
    } else if (!IGNORED.includes(h)) {
      warnings.push({ code: "unused", column: raw });
    }
  });
  const missing = ([...new Set(columns.values())].includes("fullName") ? [] : ["fullName"]) as Field[];
  return { columns, warnings, missing };
}

export type RosterRole = "member" | "secretary" | "deputy" | "collector" | "committee";

/**
 * One row of the file. A field is undefined when its column is absent or its
 * cell is empty: the import then keeps what the member's record already says.
 */
export interface RosterMember {
  row: number;
  fullName: string;
  phone?: string;
  role?: RosterRole;
  status?: "official" | "probationary";
  feeGroup?: FeeGroup;
  exemption?: "none" | "temporary" | "full";
  exemptFrom?: Date;
  exemptUntil?: Date;
}

export interface RowError {
  row: number;
  problems: RowProblem[];
}

/** Cell parsers: undefined for an empty cell (keep), null for a value they do not know. */
function parseRole(v: string): RosterRole | null | undefined {
  const f = fold(v);
  if (f === "") return undefined;
  if (f === "dang vien" || f === "chi uy vien") return "member";
  if (f === "bi thu" || f === "bi thu chi bo") return "secretary";
  if (f === "pho bi thu" || f === "pho bi thu chi bo") return "deputy";
  if (f.includes("thu dang phi") || f === "thu quy") return "collector";
  if (f.includes("dang uy")) return "committee";
  return null;
}

function parseStatus(v: string): RosterMember["status"] | null | undefined {
  const f = fold(v);
  if (f === "") return undefined;
  if (f === "chinh thuc") return "official";
  if (f === "du bi") return "probationary";
  return null;
}

function parseFeeGroup(v: string): FeeGroup | null | undefined {
  const f = fold(v);
  if (f === "") return undefined;
  if (f.includes("huu")) return "retired";
  if (f.includes("hoc sinh") || f.includes("sinh vien")) return "student";
  if (f.includes("bhxh") || f.includes("luong") || f.includes("bao hiem")) return "salary";
  if (f.includes("het tuoi") || f.includes("qua tuoi") || f.includes("tren tuoi")) return "other_retired";
  if (f.startsWith("khac")) return "other";
  return null;
}

function parseExemption(v: string): RosterMember["exemption"] | null | undefined {
  const f = fold(v);
  if (f === "") return undefined;
  if (f === "khong") return "none";
  if (f.startsWith("tam mien")) return "temporary";
  if (f === "mien" || f.startsWith("mien cong tac") || f === "mien sinh hoat") return "full";
  return null;
}

/** dd/mm/yyyy (a calendar day, taken as midnight UTC: exemption periods are whole days). */
export function parseDay(v: string): Date | null | undefined {
  const s = v.trim();
  if (s === "") return null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
  return d.getUTCDate() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 ? d : undefined;
}

/** True when a name carries no Vietnamese diacritics ("Le Minh Cuong"). */
export function lacksDiacritics(name: string): boolean {
  return fold(name) === name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Finds the header row: the first of the first ten rows that names "Họ và tên" (title rows may stand above it). */
export function findHeaderRow(rows: string[][]): number {
  const limit = Math.min(10, rows.length);
  for (let i = 0; i < limit; i++)
    if ((rows[i] ?? []).some((v) => ["ho va ten", "ho ten", "ho va ten dang vien"].includes(fold(v)))) return i;
  return 0;
}

/** Checks every row; returns members only when no row has an error. */
export function validateRoster(
  header: HeaderMap,
  rows: { row: number; cells: string[] }[],
): { members: RosterMember[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const members: RosterMember[] = [];
  const seenPhones = new Map<string, number>();
  const seenNames = new Map<string, number>();
  for (const { row, cells } of rows) {
    const get = (field: Field) => {
      for (const [i, f] of header.columns) if (f === field) return nfc(cells[i] ?? "");
      return "";
    };
    if (cells.every((c) => c.trim() === "")) continue;
    const problems: RowProblem[] = [];
    const fullName = get("fullName").replace(/\s+/g, " ");
    if (fullName === "") problems.push({ code: "no_name" });
    else if (fullName.length > 100) problems.push({ code: "name_too_long" });
    const rawPhone = get("phone");
    const phone = rawPhone === "" ? null : normalisePhone(rawPhone);
    if (rawPhone !== "" && !phone) problems.push({ code: "bad_phone", value: rawPhone });
    const role = parseRole(get("role"));
    if (role === null) problems.push({ code: "bad_role", value: get("role") });
    const status = parseStatus(get("status"));
    if (status === null) problems.push({ code: "bad_status", value: get("status") });
    const feeGroup = parseFeeGroup(get("feeGroup"));
    if (feeGroup === null) problems.push({ code: "bad_fee_group", value: get("feeGroup") });
    const exemption = parseExemption(get("exemption"));
    if (exemption === null) problems.push({ code: "bad_exemption", value: get("exemption") });
    const exemptFrom = parseDay(get("exemptFrom"));
    const exemptUntil = parseDay(get("exemptUntil"));
    if (exemptFrom === undefined) problems.push({ code: "bad_from" });
    if (exemptUntil === undefined) problems.push({ code: "bad_until" });
    if (exemptFrom && exemptUntil && exemptUntil < exemptFrom) problems.push({ code: "until_before_from" });
    if (phone) {
      const other = seenPhones.get(phone);
      if (other !== undefined) problems.push({ code: "duplicate_phone", otherRow: other });
      else seenPhones.set(phone, row);
    } else if (fullName) {
      const key = fold(fullName);
      const other = seenNames.get(key);
      if (other !== undefined) problems.push({ code: "duplicate_name", otherRow: other });
      else seenNames.set(key, row);
    }
    if (problems.length > 0) {
      errors.push({ row, problems });
      continue;
    }
    members.push({
      row,
      fullName,
      ...(phone ? { phone } : {}),
      ...(role ? { role } : {}),
      ...(status ? { status } : {}),
      ...(feeGroup ? { feeGroup } : {}),
      ...(exemption ? { exemption } : {}),
      ...(exemption === "temporary" && exemptFrom ? { exemptFrom } : {}),
      ...(exemption === "temporary" && exemptUntil ? { exemptUntil } : {}),
    });
  }
  return { members: errors.length ? [] : members, errors };
}

/**
 * Importing a roster file (CSV or XLSX) into a branch. All or nothing: when any
 * row is wrong, nothing is written and every bad row is reported. A re-import
 * updates members (matched by phone, else by name) instead of duplicating them.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Clock } from "../domain/time.ts";
import type { Db } from "../db/client.ts";
import {
  findHeaderRow,
  lacksDiacritics,
  mapHeaders,
  validateRoster,
  type RosterMember,
  type HeaderWarning,
  type RowError,
} from "../domain/roster.ts";
import { fold } from "../domain/text.ts";
import { audit } from "./audit.ts";
import { secretariesOf } from "./members.ts";
import { ServiceError } from "./errors.ts";

/** A title row has no separators, so the delimiter is the one most lines use. */
function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 12);
  const count = (d: string) => lines.filter((l) => l.includes(d)).length;
  return count(";") > count(",") ? ";" : ",";
}

export interface SheetRows {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const d = value;
    return `${d.getUTCDate().toString().padStart(2, "0")}/${(d.getUTCMonth() + 1).toString().padStart(2, "0")}/${d.getUTCFullYear()}`;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return String(value.result ?? "");
    return "";
  }
  return String(value);
}

export async function readRosterFile(path: string): Promise<SheetRows> {
  return readRosterBuffer(path, await readFile(path));
}

/** A roster file's rows from its bytes; the name's extension tells CSV from XLSX. */
export async function readRosterBuffer(name: string, data: Buffer): Promise<SheetRows> {
  const ext = extname(name).toLowerCase();
  if (ext === ".csv") {
    const text = data.toString("utf8").replace(/^\uFEFF/, "");
    const delimiter = guessDelimiter(text);
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, delimiter }) as string[][];
    const at = findHeaderRow(records);
    const headers = records[at] ?? [];
    return { headers, rows: records.slice(at + 1).map((cells, i) => ({ row: at + i + 2, cells })) };
  }
  if (ext === ".xlsx") {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { headers: [], rows: [] };
    const top: string[][] = [];
    for (let r = 1; r <= Math.min(10, sheet.rowCount); r++)
      top.push((sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(cellText));
    const headerRow = findHeaderRow(top) + 1;
    const headers = (sheet.getRow(headerRow).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    const rows: SheetRows["rows"] = [];
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const values = sheet.getRow(r).values as ExcelJS.CellValue[];
      rows.push({ row: r, cells: headers.map((_, i) => cellText(values[i + 1])) });
    }
    return { headers, rows };
  }
  throw new ServiceError("roster.file_type", { ext: ext || name });
}

/** A member field the import may change. */
export type RosterField =
  "fullName" | "phone" | "role" | "status" | "feeGroup" | "exemption" | "exemptFrom" | "exemptUntil";

export interface FieldChange {
  field: RosterField;
  from: string | Date | null;
  to: string | Date | null;
}

export interface MemberChange {
  memberId: number | null;
  fullName: string;
  row: number;
  fields: FieldChange[];
}

export interface ImportReport {
  ok: boolean;
  created: number;
  updated: number;
  unchanged: number;
  notInFile: number;
  errors: RowError[];
  warnings: HeaderWarning[];
  /** Per updated member, what changes from what to what (also on a dry run). */
  changes: MemberChange[];
  /** Names of the members created (or that would be). */
  createdNames: string[];
  /** Rows whose name without diacritics was not taken over the record's name with them. */
  keptNames: { row: number; fileName: string; kept: string }[];
}

type Existing = {
  id: number;
  fullName: string;
  phone: string | null;
  role: string;
  status: string;
  feeGroup: string | null;
  exemption: string;
  exemptFrom: Date | null;
  exemptUntil: Date | null;
};

const same = (a: string | Date | null, b: string | Date | null) =>
  a instanceof Date || b instanceof Date
    ? (a instanceof Date ? a.getTime() : a) === (b instanceof Date ? b.getTime() : b)
    : a === b;

/**
 * What a row changes on an existing member: only the fields the file gives.
 * A name typed without diacritics never replaces the same name written with them.
 */
export function rowChanges(existing: Existing, row: RosterMember): { fields: FieldChange[]; keptName: boolean } {
  const fields: FieldChange[] = [];
  const put = (field: RosterField, to: string | Date | null | undefined) => {
    if (to === undefined) return;
    const from = existing[field];
    if (!same(from, to)) fields.push({ field, from, to });
  };
  const keptName =
    row.fullName !== existing.fullName &&
    fold(row.fullName) === fold(existing.fullName) &&
    lacksDiacritics(row.fullName) &&
    !lacksDiacritics(existing.fullName);
  if (!keptName) put("fullName", row.fullName);
  put("phone", row.phone);
  put("role", row.role);
  put("status", row.status);
  put("feeGroup", row.feeGroup);
  if (row.exemption !== undefined) {
    put("exemption", row.exemption);
    // The period belongs to a temporary exemption; another exemption clears it.
    put("exemptFrom", row.exemption === "temporary" ? (row.exemptFrom ?? existing.exemptFrom) : null);
    put("exemptUntil", row.exemption === "temporary" ? (row.exemptUntil ?? existing.exemptUntil) : null);
  }
  return { fields, keptName };
}

export async function importRoster(
  db: Db,
  clock: Clock,
  opts: { branchId: number; sheet: SheetRows; actor: string; dryRun?: boolean },
): Promise<ImportReport> {
  // The business clock, not the machine's: a new member is on the roster from now (fees count from its month).
  const now = clock();
  const header = mapHeaders(opts.sheet.headers);
  const report: ImportReport = {
    ok: false,
    created: 0,
    updated: 0,
    unchanged: 0,
    notInFile: 0,
    errors: [],
    warnings: header.warnings,
    changes: [],
    createdNames: [],
    keptNames: [],
  };
  if (header.missing.length > 0) {
    report.errors.push({ row: 1, problems: [{ code: "no_name_column" }] });
    return report;
  }
  const { members, errors } = validateRoster(header, opts.sheet.rows);
  report.errors = errors;
  if (errors.length > 0) return report;
  await db
    .$transaction(async (tx) => {
      const existing = await tx.member.findMany({ where: { branchId: opts.branchId, leftAt: null } });
      const touched = new Set<number>();
      for (const m of members) {
        const match =
          (m.phone ? existing.find((e) => e.phone === m.phone) : undefined) ??
          existing.filter((e) => fold(e.fullName) === fold(m.fullName) && !touched.has(e.id)).at(0);
        if (!match) {
          await tx.member.create({
            data: {
              branchId: opts.branchId,
              fullName: m.fullName,
              phone: m.phone ?? null,
              role: m.role ?? "member",
              status: m.status ?? "official",
              feeGroup: m.feeGroup ?? null,
              exemption: m.exemption ?? "none",
              exemptFrom: m.exemptFrom ?? null,
              exemptUntil: m.exemptUntil ?? null,
              createdAt: now,
              updatedAt: now,
            },
          });
          report.created++;
          report.createdNames.push(m.fullName);
          continue;
        }
        touched.add(match.id);
        const { fields, keptName } = rowChanges(match, m);
        if (keptName) report.keptNames.push({ row: m.row, fileName: m.fullName, kept: match.fullName });
        if (fields.length === 0) {
          report.unchanged++;
          continue;
        }
        await tx.member.update({
          where: { id: match.id },
          data: Object.fromEntries(fields.map((f) => [f.field, f.to])),
        });
        report.updated++;
        report.changes.push({ memberId: match.id, fullName: match.fullName, row: m.row, fields });
      }
      report.notInFile = existing.filter((e) => !touched.has(e.id)).length;
      const secretaries = await secretariesOf(tx, opts.branchId);
      if (secretaries.length > 1) throw new TwoSecretaries(secretaries.map((s) => s.fullName));
      await audit(tx, {
        actor: opts.actor,
        action: "roster.import",
        branchId: opts.branchId,
        details: {
          created: report.created,
          updated: report.updated,
          roleChanges: report.changes.flatMap((c) =>
            c.fields.filter((f) => f.field === "role").map((f) => ({ memberId: c.memberId, from: f.from, to: f.to })),
          ),
        },
      });
      if (opts.dryRun) throw new DryRun();
    })
    .catch((e: unknown) => {
      if (e instanceof TwoSecretaries) {
        report.errors.push({
          row: 0,
          problems: [{ code: "two_secretaries", names: e.names }],
        });
        report.changes = [];
        report.createdNames = [];
        return;
      }
      if (!(e instanceof DryRun)) throw e;
    });
  if (report.errors.length > 0) return report;
  report.ok = true;
  return report;
}

class DryRun extends Error {}

/** After the import the branch would have more than one secretary: nothing is written. */
class TwoSecretaries extends Error {
  constructor(readonly names: string[]) {
    super("two secretaries");
  }
}

/**
 * Importing a roster file (CSV or XLSX) into a branch. All or nothing: when any
 * row is wrong, nothing is written and every bad row is reported. A re-import
 * updates members (matched by phone, else by name) instead of duplicating them.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Db } from "../db/client.ts";
import { mapHeaders, validateRoster, type RowError } from "../domain/roster.ts";
import { fold } from "../domain/text.ts";
import { audit } from "./audit.ts";

export interface SheetRows {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

function cellText(value: ExcelJS.CellValue): string {
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
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") {
    const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, delimiter: text.split("\n")[0]?.includes(";") ? ";" : "," }) as string[][];
    const [headers = [], ...rest] = records;
    return { headers, rows: rest.map((cells, i) => ({ row: i + 2, cells })) };
  }
  if (ext === ".xlsx") {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    if (!sheet) return { headers: [], rows: [] };
    // The header row is the first row that names "Họ và tên" (titles may stand above it).
    let headerRow = 1;
    for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
      const values = (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (values.some((v) => ["ho va ten", "ho ten"].includes(fold(v)))) {
        headerRow = r;
        break;
      }
    }
    const headers = (sheet.getRow(headerRow).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    const rows: SheetRows["rows"] = [];
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const values = sheet.getRow(r).values as ExcelJS.CellValue[];
      rows.push({ row: r, cells: headers.map((_, i) => cellText(values[i + 1])) });
    }
    return { headers, rows };
  }
  throw new Error(`Unsupported file type "${ext}": use .csv or .xlsx`);
}

export interface ImportReport {
  ok: boolean;
  created: number;
  updated: number;
  unchanged: number;
  notInFile: number;
  errors: RowError[];
  warnings: string[];
}

export async function importRoster(db: Db, opts: { branchId: number; sheet: SheetRows; actor: string; dryRun?: boolean }): Promise<ImportReport> {
  const header = mapHeaders(opts.sheet.headers);
  const report: ImportReport = { ok: false, created: 0, updated: 0, unchanged: 0, notInFile: 0, errors: [], warnings: header.warnings };
  if (header.missing.length > 0) {
    report.errors.push({ row: 1, message: 'thiếu cột "Họ và tên"' });
    return report;
  }
  const { members, errors } = validateRoster(header, opts.sheet.rows);
  report.errors = errors;
  if (errors.length > 0) return report;
  await db.$transaction(async (tx) => {
    const existing = await tx.member.findMany({ where: { branchId: opts.branchId, leftAt: null } });
    const touched = new Set<number>();
    for (const m of members) {
      const match =
        (m.phone ? existing.find((e) => e.phone === m.phone) : undefined) ??
        existing.filter((e) => fold(e.fullName) === fold(m.fullName) && !touched.has(e.id)).at(0);
      const data = {
        fullName: m.fullName, phone: m.phone, role: m.role, status: m.status, feeGroup: m.feeGroup,
        exemption: m.exemption, exemptFrom: m.exemptFrom, exemptUntil: m.exemptUntil,
      };
      if (!match) {
        await tx.member.create({ data: { ...data, branchId: opts.branchId } });
        report.created++;
        continue;
      }
      touched.add(match.id);
      const same = match.fullName === data.fullName && match.phone === data.phone && match.role === data.role && match.status === data.status &&
        match.feeGroup === data.feeGroup && match.exemption === data.exemption &&
        (match.exemptFrom?.getTime() ?? null) === (data.exemptFrom?.getTime() ?? null) && (match.exemptUntil?.getTime() ?? null) === (data.exemptUntil?.getTime() ?? null);
      if (same) {
        report.unchanged++;
        continue;
      }
      await tx.member.update({ where: { id: match.id }, data });
      report.updated++;
    }
    report.notInFile = existing.filter((e) => !touched.has(e.id)).length;
    await audit(tx, { actor: opts.actor, action: "roster.import", branchId: opts.branchId, details: { created: report.created, updated: report.updated } });
    if (opts.dryRun) throw new DryRun();
  }).catch((e: unknown) => {
    if (!(e instanceof DryRun)) throw e;
  });
  report.ok = true;
  return report;
}

class DryRun extends Error {}

/**
 * A survey written in a file, one row per question: an Excel sheet (header
 * row "Loại | Câu hỏi | Lựa chọn | Tối thiểu | Tối đa | Bắt buộc | Chỉ hỏi
 * nếu | Giải thích") or a YAML list under `cau_hoi:` with the same names
 * (loai, cau_hoi, lua_chon, …). Rows are numbered as the file numbers them,
 * so every bad row can be named; the rules are in domain/survey.ts.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import {
  columnOf,
  draftsFromRows,
  questionsFromDrafts,
  surveyQuestionnaire,
  type FileProblem,
} from "../domain/survey.ts";
import type { Questionnaire } from "../domain/questionnaire.ts";
import { cellText } from "./roster-import.ts";
import { ServiceError } from "./errors.ts";

type Field = NonNullable<ReturnType<typeof columnOf>>;
type Row = { row: number; cells: Partial<Record<Field, string>> };

export type SurveyFile =
  | { ok: true; title: string | null; anonymous: boolean | null; definition: (title: string) => Questionnaire }
  | { ok: false; problems: FileProblem[] };

async function excelRows(path: string): Promise<{ rows: Row[]; columns: Field[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw new ServiceError("survey.file_unreadable");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], columns: [] };
  // The header is the first of the top rows that names a "Câu hỏi" column.
  let headerRow = 0;
  let columns: (Field | null)[] = [];
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && headerRow === 0; r++) {
    const mapped = (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1).map((v) => columnOf(cellText(v)));
    if (mapped.includes("text")) [headerRow, columns] = [r, mapped];
  }
  if (headerRow === 0) return { rows: [], columns: [] };
  const rows: Row[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const values = (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1);
    const cells: Row["cells"] = {};
    columns.forEach((field, i) => {
      if (field) cells[field] = cellText(values[i]);
    });
    rows.push({ row: r, cells });
  }
  return { rows, columns: columns.filter((c): c is Field => c !== null) };
}

function yamlValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(yamlValue).join(";");
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

async function yamlRows(
  path: string,
): Promise<{ rows: Row[]; columns: Field[]; title: string | null; anonymous: boolean | null }> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(await readFile(path, "utf8"), { lineCounter });
  if (doc.errors.length > 0) throw new ServiceError("survey.file_unreadable");
  const top = doc.toJS() as Record<string, unknown> | null;
  const questions = doc.get("cau_hoi");
  if (!top || typeof top !== "object" || !isSeq(questions))
    return { rows: [], columns: [], title: null, anonymous: null };
  const columns = new Set<Field>();
  const rows: Row[] = questions.items.map((item) => {
    const start = (item as { range?: [number, number, number] }).range?.[0] ?? 0;
    const row = lineCounter.linePos(start).line;
    const cells: Row["cells"] = {};
    if (isMap(item))
      for (const [key, value] of Object.entries(item.toJSON() as Record<string, unknown>)) {
        const field = columnOf(key);
        if (!field) continue;
        columns.add(field);
        cells[field] = yamlValue(value);
      }
    return { row, cells };
  });
  const title = typeof top.tieu_de === "string" ? top.tieu_de : null;
  const anonymous = typeof top.an_danh === "boolean" ? top.an_danh : null;
  return { rows, columns: [...columns], title, anonymous };
}

/** Reads and checks a survey file; nothing is created here. */
export async function readSurveyFile(path: string): Promise<SurveyFile> {
  const ext = extname(path).toLowerCase();
  const read =
    ext === ".xlsx"
      ? { ...(await excelRows(path)), title: null, anonymous: null }
      : ext === ".yaml" || ext === ".yml"
        ? await yamlRows(path)
        : null;
  if (!read) throw new ServiceError("survey.file_type");
  const drafts = draftsFromRows(read.rows, read.columns);
  if (!drafts.ok) return { ok: false, problems: drafts.problems };
  const questions = questionsFromDrafts(drafts.drafts);
  if (!questions.ok) return { ok: false, problems: questions.problems.map((p) => ({ row: 0, problem: p.problem })) };
  return {
    ok: true,
    title: read.title,
    anonymous: read.anonymous,
    definition: (title) => surveyQuestionnaire(title, [{ title: "", questions: questions.questions }]),
  };
}

/** A sample file a secretary fills in: the header and one row of each kind. */
export async function sampleSurveyWorkbook(sheet: string, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(rows[0]!).font = { bold: true };
  for (const r of rows.slice(1)) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    col.width = i === 1 ? 50 : i === 2 ? 36 : 14;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Fee ledger and monthly collection sheet as XLSX (Vietnamese headers, money
 * formatted as đồng) and CSV (UTF-8 with BOM so spreadsheet programs read the
 * diacritics), for the chat command and the command line.
 */
import { sortByName } from "../domain/text.ts";
import ExcelJS from "exceljs";
import type { Db } from "../db/client.ts";
import { csvFile } from "./csv.ts";
import { FEE_GROUP_LABELS, monthsBetween, outstanding, type Month, type MonthStatus } from "../domain/fees.ts";
import type { Actor } from "./meetings.ts";
import { documentTexts as doc, MONEY_FORMAT } from "../texts/documents.ts";
import { canCollect, monthlyCollection, statements } from "./fees.ts";
import { NotAuthorisedError } from "./errors.ts";

const MONEY = MONEY_FORMAT;
const STATE_LABELS = doc.fees.states;

export interface LedgerSheet {
  year: number;
  months: Month[];
  rows: { memberId: number; fullName: string; group: string; cells: MonthStatus[]; paid: number; owed: number }[];
}

export async function yearLedger(
  db: Db,
  actor: Actor,
  branchId: number,
  year: number,
  until: Month,
  timeZone: string,
): Promise<LedgerSheet> {
  if (!canCollect(actor, branchId)) throw new NotAuthorisedError("fee.export");
  const months = monthsBetween(`${year}-01`, `${year}-12`);
  const members = sortByName(await db.member.findMany({ where: { branchId, leftAt: null } }));
  const rows = [];
  const all = await statements(
    db,
    members.map((m) => m.id),
    { year, until: `${year}-12`, timeZone },
  );
  for (const [i, m] of members.entries()) {
    const s = all[i]!;
    const cells = months.map(
      (month) =>
        s.months.find((x) => x.month === month) ?? {
          month,
          due: null,
          paid: 0,
          pending: 0,
          state: "unknown" as const,
          // Before the member's first fee month (joined, moved in) or after the year's end: nothing owed.
          reason: "not_due",
        },
    );
    rows.push({
      memberId: m.id,
      fullName: m.fullName,
      group: m.feeGroup ? FEE_GROUP_LABELS[m.feeGroup] : "",
      cells,
      paid: cells.reduce((sum, c) => sum + c.paid, 0),
      owed: cells.filter((c) => c.month <= until && c.due !== null).reduce((sum, c) => sum + outstanding(c), 0),
    });
  }
  return { year, months, rows };
}

function cellValue(c: MonthStatus): number | string {
  if (c.state === "exempt") return STATE_LABELS.exempt!;
  if (c.paid > 0) return c.paid;
  if (c.due === null) return "";
  return c.state === "pending" ? STATE_LABELS.pending! : "";
}

export async function feeWorkbook(
  db: Db,
  actor: Actor,
  branchId: number,
  opts: { year: number; month: Month; timeZone: string },
): Promise<Buffer> {
  const branch = await db.branch.findUniqueOrThrow({ where: { id: branchId } });
  const ledger = await yearLedger(db, actor, branchId, opts.year, opts.month, opts.timeZone);
  const collection = await monthlyCollection(db, actor, branchId, opts.month, opts.timeZone);
  const wb = new ExcelJS.Workbook();
  wb.creator = "chibo";

  const ws = wb.addWorksheet(doc.fees.ledgerSheet(opts.year));
  ws.addRow([doc.fees.ledgerTitle(opts.year, branch.name)]).font = { bold: true };
  const header = ws.addRow(doc.fees.ledgerHeaders(ledger.months.map(doc.fees.monthColumn)));
  header.font = { bold: true };
  ledger.rows.forEach((r, i) => {
    const row = ws.addRow([i + 1, r.fullName, r.group, ...r.cells.map(cellValue), r.paid, r.owed]);
    row.eachCell((cell) => {
      if (typeof cell.value === "number" && Number(cell.col) > 3) cell.numFmt = MONEY;
    });
  });
  const total = ws.addRow([
    "",
    doc.fees.total,
    "",
    ...ledger.months.map((m) => ledger.rows.reduce((s, r) => s + (r.cells.find((c) => c.month === m)?.paid ?? 0), 0)),
    ledger.rows.reduce((s, r) => s + r.paid, 0),
    ledger.rows.reduce((s, r) => s + r.owed, 0),
  ]);
  total.font = { bold: true };
  total.eachCell((cell) => {
    if (typeof cell.value === "number") cell.numFmt = MONEY;
  });
  ws.getColumn(2).width = 26;
  ws.getColumn(3).width = 28;

  const ms = wb.addWorksheet(doc.fees.monthSheet(opts.month));
  ms.addRow([doc.fees.monthTitle(opts.month, branch.name)]).font = { bold: true };
  ms.addRow(doc.fees.monthHeaders).font = { bold: true };
  collection.rows.forEach((r, i) => {
    const row = ms.addRow([
      i + 1,
      r.fullName,
      r.status.due ?? "",
      r.status.paid,
      STATE_LABELS[r.status.state] ?? r.status.state,
    ]);
    row.getCell(3).numFmt = MONEY;
    row.getCell(4).numFmt = MONEY;
  });
  const sum = ms.addRow(["", doc.fees.total, collection.expected, collection.collected, ""]);
  sum.font = { bold: true };
  sum.getCell(3).numFmt = MONEY;
  sum.getCell(4).numFmt = MONEY;
  ms.getColumn(2).width = 26;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The year ledger as CSV: one row per member, one column per month. */
export async function feeLedgerCsv(
  db: Db,
  actor: Actor,
  branchId: number,
  opts: { year: number; month: Month; timeZone: string },
): Promise<Buffer> {
  const ledger = await yearLedger(db, actor, branchId, opts.year, opts.month, opts.timeZone);
  const rows = [
    doc.fees.csvHeaders(ledger.months.map((m) => doc.fees.csvMonthColumn(m, opts.year))),
    ...ledger.rows.map((r, i) => [
      i + 1,
      r.fullName,
      r.group,
      ...r.cells.map((c) => String(cellValue(c))),
      r.paid,
      r.owed,
    ]),
  ];
  return csvFile(rows);
}

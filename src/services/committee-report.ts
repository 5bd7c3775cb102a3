/**
 * The committee's report across its branches, for a month or a year, in the shape
 * a committee office sends upward: per branch the members, meetings held and up
 * to standard, attendance, fees collected against due, admissions and the
 * pipeline, the committee member's attendance; for a year also the "chi bộ 4 tốt"
 * score and rank and the level decided. As a workbook and as a Word document.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { para } from "./docx-parts.ts";
import { LEVEL_LABELS } from "../domain/rating.ts";
import { formatMoney, formatPercent } from "../domain/text.ts";
import { localParts, yearRange } from "../domain/time.ts";
import { committeeReportTexts as t, reviewDocumentTexts as rd } from "../texts/documents.ts";
import { organisationActedFor } from "./committee-settings.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { statements } from "./fees.ts";
import { branchYearQuality } from "./meeting-record.ts";
import { ratingsOverview } from "./organisation-rating.ts";
import { openCandidateViews } from "./party-development.ts";
import { tablesToXlsx } from "./reports.ts";
import { unitHeading } from "./review-document.ts";
import { branchScorecards } from "./scorecard.ts";

export interface ReportRow {
  code: string;
  name: string;
  members: number;
  held: number;
  thematic: number;
  upToStandard: number;
  attendance: number | null;
  feeCollected: number;
  feeDue: number;
  admitted: number;
  inProgress: number;
  overdue: number;
  liaisonAttended: number;
  score: number | null;
  rank: number | null;
  level: string | null;
}

export interface CommitteeReport {
  organisation: string;
  year: number;
  /** 1–12 for a monthly report, null for the year. */
  month: number | null;
  rows: ReportRow[];
  totals: Omit<ReportRow, "code" | "name" | "score" | "rank" | "level">;
}

const SYSTEM: Actor = { id: null, branchId: null, role: "admin", isAdmin: true, label: "system" };

export async function committeeReport(
  deps: ServiceDeps,
  actor: Actor,
  input: { year: number; month?: number | null; organisationId?: number },
): Promise<CommitteeReport> {
  const { db } = deps;
  const tz = deps.settings.timeZone;
  const org = await organisationActedFor(db, actor, input.organisationId);
  const organisation = await db.organisation.findUniqueOrThrow({ where: { id: org } });
  const month = input.month ?? null;
  const mm = month === null ? null : `${input.year}-${String(month).padStart(2, "0")}`;
  const inPeriod = (d: Date) => {
    const p = localParts(d, tz);
    return p.year === input.year && (month === null || p.month === month);
  };
  const dayInPeriod = (day: string | null) =>
    day !== null && (mm ? day.startsWith(`${mm}-`) : day.startsWith(`${input.year}-`));
  const branches = await db.branch.findMany({ where: { organisationId: org }, orderBy: { code: "asc" } });
  const ids = branches.map((b) => b.id);
  const { from, to } = yearRange(input.year, tz);
  const [open, ceremonies, guests, yearly] = await Promise.all([
    openCandidateViews(deps),
    db.candidate.findMany({
      where: { branchId: { in: ids }, ceremonyAt: { not: null } },
      select: { branchId: true, ceremonyAt: true },
    }),
    db.guestResponse.findMany({
      where: { attendance: "present", meeting: { branchId: { in: ids }, startsAt: { gte: from, lt: to } } },
      select: { meeting: { select: { branchId: true, startsAt: true } } },
    }),
    month === null
      ? Promise.all([
          branchScorecards(deps, SYSTEM, { year: input.year, organisationId: org }),
          ratingsOverview(deps, SYSTEM, input.year, org),
        ])
      : null,
  ]);
  const lastMonth = mm ?? `${input.year}-12`;
  const rows: ReportRow[] = [];
  for (const b of branches) {
    const quality = (await branchYearQuality(deps, b.id, input.year)).filter((q) => inPeriod(q.meeting.startsAt));
    const members = await db.member.findMany({ where: { branchId: b.id, leftAt: null }, select: { id: true } });
    const stmts = await statements(
      db,
      members.map((m) => m.id),
      { year: input.year, until: lastMonth, timeZone: tz },
    );
    const months = stmts.flatMap((st) => st.months).filter((m) => (mm ? m.month === mm : true));
    const recorded = quality.reduce((s, q) => s + q.quality.expected, 0);
    const present = quality.reduce((s, q) => s + q.quality.present, 0);
    const mine = open.filter((v) => v.candidate.branchId === b.id);
    const card = yearly?.[0].rows.find((r) => r.branchId === b.id);
    const rating = yearly?.[1].rows.find((r) => r.branchId === b.id);
    rows.push({
      code: b.code,
      name: b.name,
      members: members.length,
      held: quality.length,
      thematic: quality.filter((q) => q.meeting.kind === "thematic").length,
      upToStandard: quality.filter((q) => q.quality.upToStandard).length,
      attendance: recorded > 0 ? present / recorded : null,
      feeCollected: months.reduce((s, m) => s + m.paid, 0),
      feeDue: months.reduce((s, m) => s + (m.due ?? 0), 0),
      admitted: ceremonies.filter((c) => c.branchId === b.id && dayInPeriod(c.ceremonyAt)).length,
      inProgress: mine.length,
      overdue: mine.flatMap((v) => v.clocks).filter((k) => k.state === "overdue").length,
      liaisonAttended: guests.filter((g) => g.meeting.branchId === b.id && inPeriod(g.meeting.startsAt)).length,
      score: card?.score ?? null,
      rank: card?.rank ?? null,
      level: rating?.decided ? LEVEL_LABELS[rating.decided] : null,
    });
  }
  const sum = (k: keyof ReportRow) => rows.reduce((s, r) => s + (typeof r[k] === "number" ? (r[k] as number) : 0), 0);
  const recordedAll = rows.reduce((s, r) => s + (r.attendance === null ? 0 : 1), 0);
  return {
    organisation: organisation.name,
    year: input.year,
    month,
    rows,
    totals: {
      members: sum("members"),
      held: sum("held"),
      thematic: sum("thematic"),
      upToStandard: sum("upToStandard"),
      attendance: recordedAll ? rows.reduce((s, r) => s + (r.attendance ?? 0), 0) / recordedAll : null,
      feeCollected: sum("feeCollected"),
      feeDue: sum("feeDue"),
      admitted: sum("admitted"),
      inProgress: sum("inProgress"),
      overdue: sum("overdue"),
      liaisonAttended: sum("liaisonAttended"),
    },
  };
}

function tableRows(r: CommitteeReport): (string | number)[][] {
  return r.rows.map((x) => [
    x.name,
    x.members,
    x.held,
    x.thematic,
    x.upToStandard,
    x.attendance ?? "",
    x.feeCollected,
    x.feeDue,
    x.admitted,
    x.inProgress,
    x.overdue,
    x.liaisonAttended,
    ...(r.month === null ? [x.score ?? "", x.rank ?? "", x.level ?? ""] : []),
  ]);
}

const headers = (r: CommitteeReport) => [...t.headers, ...(r.month === null ? t.yearHeaders : [])];

export async function committeeReportXlsx(report: CommitteeReport): Promise<Buffer> {
  return tablesToXlsx([
    {
      title: t.title(report.year, report.month),
      headers: headers(report),
      rows: tableRows(report),
      percentColumns: [5],
    },
  ]);
}

export async function committeeReportDocx(report: CommitteeReport, now: Date, timeZone: string): Promise<Buffer> {
  const today = localParts(now, timeZone);
  const p = para;
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20, font: "Times New Roman" })] })],
    });
  const pct = (v: number | null) => (v === null ? "—" : formatPercent(v));
  const x = report.totals;
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: headers(report).map((h) => cell(h, true)) }),
      ...tableRows(report).map(
        (row) =>
          new TableRow({
            children: row.map((v, i) =>
              cell(i === 5 && typeof v === "number" ? pct(v) : i === 6 || i === 7 ? formatMoney(Number(v)) : String(v)),
            ),
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: "chibo",
    title: t.title(report.year, report.month),
    sections: [
      {
        children: [
          p(unitHeading(rd.partyBody, report.organisation), { bold: true }),
          p(rd.party, { bold: true, center: true }),
          p(t.dateLine(today.day, today.month, today.year), { italic: true, center: true }),
          p(t.title(report.year, report.month).toLocaleUpperCase("vi"), { bold: true, center: true }),
          p(t.summaryHead, { bold: true }),
          p(t.summaryMembers(report.rows.length, x.members)),
          p(t.summaryMeetings(x.held, x.thematic, x.upToStandard, pct(x.attendance))),
          p(t.summaryFees(formatMoney(x.feeCollected), formatMoney(x.feeDue))),
          p(t.summaryDevelopment(x.admitted, x.inProgress, x.overdue)),
          p(t.summaryLiaisons(x.liaisonAttended)),
          p(t.tableHead, { bold: true }),
          table,
          p(t.signer, { bold: true, center: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The report as a file: XLSX or DOCX, named for its period. */
export async function committeeReportFile(
  deps: ServiceDeps,
  actor: Actor,
  input: { year: number; month?: number | null; format: "xlsx" | "docx"; organisationId?: number },
) {
  const report = await committeeReport(deps, actor, input);
  const body =
    input.format === "xlsx"
      ? await committeeReportXlsx(report)
      : await committeeReportDocx(report, deps.clock(), deps.settings.timeZone);
  return { filename: t.fileName(report.year, report.month, input.format), body, report };
}

/**
 * The branch's review as a spreadsheet: one row per member taking part (those
 * who have not started too), one column per question and score, proposed and
 * final levels. A question worded differently in forms 2A, 2B and 2C gets one
 * column per form, so every answer stands under the wording the member saw.
 */
import { reviewDocumentTexts as r } from "../texts/documents.ts";
import ExcelJS from "exceljs";
import type { Db } from "../db/client.ts";
import {
  buildSelfReviewForm,
  scoreTotals,
  FORM_KINDS,
  type FormKind,
  formKindOf,
} from "../domain/forms/self-review.ts";
import { type Question } from "../domain/questionnaire.ts";
import { formatAnswer } from "../texts/questionnaire.ts";
import { LEVEL_LABELS } from "../domain/rating.ts";
import { csvFile } from "./csv.ts";
import type { Actor } from "./meetings.ts";
import { campaignSplit, participants, ratingReport, reviewState } from "./self-review.ts";

interface Column {
  questionId: string;
  /** The form this column is for, when the wording differs between forms. */
  form: FormKind | null;
  header: string;
}

/** "A.I. Ưu điểm, kết quả đạt được" → "A.I."; "B. Tự đánh giá" → "B.". */
function sectionCode(title: string): string {
  return /^([A-Z](?:\.[IVX]+)?\.)/.exec(title)?.[1] ?? "";
}

function headerOf(sectionTitle: string, q: Question): string {
  const text = q.text
    .replace(/\{\w+\}/g, "…")
    .replace(/\s+/g, " ")
    .trim();
  const code = sectionCode(sectionTitle);
  return code && !text.startsWith(code) ? `${code} ${text}` : text;
}

export async function reviewRows(db: Db, actor: Actor, campaignId: number) {
  const { campaign } = await ratingReport(db, actor, campaignId);
  const split = campaignSplit(campaign);
  const { taking } = await participants(db, campaign);
  const reviews = new Map((await db.selfReview.findMany({ where: { campaignId } })).map((r) => [r.memberId, r]));
  const formOf = (m: { id: number; formKind: string }): FormKind => {
    const f = reviews.get(m.id)?.form ?? m.formKind;
    return formKindOf(f);
  };
  const forms = [...new Set(taking.map(formOf))].sort();
  const defs = new Map(FORM_KINDS.map((f) => [f, buildSelfReviewForm(f, split)]));
  // Columns in form order; a question whose wording differs between the forms in use gets one column per form.
  const columns: Column[] = [];
  const base = defs.get("2C")!;
  for (const section of base.sections) {
    for (const q of section.questions) {
      if (q.id === "proposed_level" || q.type === "number") continue;
      const wordings = new Map(
        forms.map((f) => [
          f,
          defs
            .get(f)!
            .sections.flatMap((s) => s.questions)
            .find((x) => x.id === q.id)?.text ?? q.text,
        ]),
      );
      if (new Set(wordings.values()).size <= 1)
        columns.push({
          questionId: q.id,
          form: null,
          header: headerOf(section.title, { ...q, text: wordings.values().next().value ?? q.text }),
        });
      else
        for (const f of forms)
          columns.push({
            questionId: q.id,
            form: f,
            header: r.formColumn(headerOf(section.title, { ...q, text: wordings.get(f)! }), f),
          });
    }
  }
  const scoreColumns = [
    ...Object.entries(split.general).map(([label, max]) => r.scoreColumn(label, max)),
    ...Object.entries(split.tasks).map(([label, max]) => r.scoreColumn(label, max)),
  ];
  const headers = [...r.headers.before, ...columns.map((c) => c.header), ...scoreColumns, ...r.headers.after];
  const rows = taking.map((m, i) => {
    const form = formOf(m);
    const review = reviews.get(m.id);
    const answers = review ? reviewState(review).answers : {};
    const started = review && Object.keys(answers).length > 0;
    const own = defs.get(form)!.sections.flatMap((s) => s.questions);
    const scoreQuestions = own.filter((q) => q.type === "number");
    const totals = scoreTotals(split, answers);
    return [
      i + 1,
      m.fullName,
      form,
      review?.status === "submitted" ? r.submitted : started ? r.inProgress : r.notStarted,
      ...columns.map((c) => {
        if (c.form !== null && c.form !== form) return "";
        const q = own.find((x) => x.id === c.questionId);
        const v = answers[c.questionId];
        return !q || v === undefined ? "" : formatAnswer(q, v);
      }),
      ...scoreQuestions.map((q) => (typeof answers[q.id] === "number" ? (answers[q.id] as number) : "")),
      started ? totals.general : "",
      started ? totals.tasks : "",
      started ? totals.total : "",
      review?.proposedLevel ? LEVEL_LABELS[review.proposedLevel] : "",
      review?.finalLevel ? LEVEL_LABELS[review.finalLevel] : "",
    ];
  });
  return { campaign, headers, rows };
}

export async function reviewWorkbook(db: Db, actor: Actor, campaignId: number): Promise<Buffer> {
  const { campaign, headers, rows } = await reviewRows(db, actor, campaignId);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(r.sheet(campaign.year));
  ws.addRow([r.sheetTitle(campaign.year)]).font = { bold: true };
  const header = ws.addRow(headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  for (const r of rows) ws.addRow(r).alignment = { wrapText: true, vertical: "top" };
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 5 : i === 1 ? 26 : i < 4 ? 10 : 40;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function reviewCsv(db: Db, actor: Actor, campaignId: number): Promise<Buffer> {
  const { headers, rows } = await reviewRows(db, actor, campaignId);
  return csvFile([headers, ...rows]);
}

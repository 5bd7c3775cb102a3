/** The branch's review as a spreadsheet: one row per member, one column per question and score, proposed and final levels. */
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import type { Db } from "../db/client.ts";
import { buildSelfReviewForm, scoreTotals, type FormKind } from "../domain/forms/self-review.ts";
import { allQuestions, formatAnswer } from "../domain/questionnaire.ts";
import { LEVEL_LABELS, type Level } from "../domain/rating.ts";
import { sortByName } from "../domain/text.ts";
import type { Actor } from "./meetings.ts";
import { campaignSplit, ratingReport, reviewState } from "./self-review.ts";

export async function reviewRows(db: Db, actor: Actor, campaignId: number) {
  const { campaign } = await ratingReport(db, actor, campaignId);
  const split = campaignSplit(campaign);
  const def = buildSelfReviewForm("2C", split);
  const questions = allQuestions(def).filter((q) => q.id !== "proposed_level");
  const reviews = await db.selfReview.findMany({ where: { campaignId } });
  const members = sortByName(await db.member.findMany({ where: { id: { in: reviews.map((r) => r.memberId) } } }));
  const headers = ["STT", "Họ và tên", "Mẫu", "Trạng thái", ...questions.map((q, i) => `${i + 1}. ${q.text.replace(/\{\w+\}/g, "…").split("\n")[0]!.slice(0, 60)}`), "Điểm chung (/30)", "Điểm nhiệm vụ (/70)", "Tổng điểm", "Tự xếp loại", "Chi bộ xếp loại"];
  const rows = members.map((m, i) => {
    const r = reviews.find((x) => x.memberId === m.id)!;
    const state = reviewState(r);
    const own = buildSelfReviewForm(r.form as FormKind, split);
    const totals = scoreTotals(split, state.answers);
    return [
      i + 1, m.fullName, r.form, r.status === "submitted" ? "Đã nộp" : "Đang làm",
      ...questions.map((q) => {
        const ownQ = allQuestions(own).find((x) => x.id === q.id) ?? q;
        const v = state.answers[q.id];
        return v === undefined ? "" : typeof v === "number" ? v : formatAnswer(ownQ, v);
      }),
      totals.general, totals.tasks, totals.total,
      r.proposedLevel ? LEVEL_LABELS[r.proposedLevel as Level] : "", r.finalLevel ? LEVEL_LABELS[r.finalLevel as Level] : "",
    ];
  });
  return { campaign, headers, rows };
}

export async function reviewWorkbook(db: Db, actor: Actor, campaignId: number): Promise<Buffer> {
  const { campaign, headers, rows } = await reviewRows(db, actor, campaignId);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Kiểm điểm ${campaign.year}`);
  ws.addRow([`KẾT QUẢ KIỂM ĐIỂM, XẾP LOẠI ĐẢNG VIÊN NĂM ${campaign.year}`]).font = { bold: true };
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.getColumn(2).width = 26;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function reviewCsv(db: Db, actor: Actor, campaignId: number): Promise<Buffer> {
  const { headers, rows } = await reviewRows(db, actor, campaignId);
  return Buffer.from(`\uFEFF${stringify([headers, ...rows])}`, "utf8");
}

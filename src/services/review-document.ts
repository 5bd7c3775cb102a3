/**
 * The finished self-review as a Word document in the shape of the official
 * form (header, sections A.I–A.VI, B: points and proposed level, signature),
 * for the member to print and sign.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import { buildSelfReviewForm, fillFacts, scoreTotals, type FormKind } from "../domain/forms/self-review.ts";
import { formatAnswer, visibleQuestions, type AnswerValue } from "../domain/questionnaire.ts";
import { LEVEL_LABELS, type Level, type ScoreSplit } from "../domain/rating.ts";

export interface ReviewDocumentInput {
  form: FormKind;
  split: ScoreSplit;
  year: number;
  fullName: string;
  branch: string;
  organisation: string;
  answers: Record<string, AnswerValue>;
  proposedLevel: Level | null;
  facts: Record<string, string>;
}


export async function reviewDocx(input: ReviewDocumentInput): Promise<Buffer> {
  const def = buildSelfReviewForm(input.form, input.split);
  const visible = new Set(visibleQuestions(def, input.answers).map((q) => q.id));
  const totals = scoreTotals(input.split, input.answers);
  const p = (text: string, opts: { bold?: boolean; center?: boolean; italic?: boolean; size?: number } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { after: 120 },
      children: text.split("\n").map((line, i) => new TextRun({ text: line, bold: opts.bold, italics: opts.italic, size: opts.size ?? 26, break: i > 0 ? 1 : 0, font: "Times New Roman" })),
    });
  const children: Paragraph[] = [
    p(`ĐẢNG BỘ ${input.organisation.toUpperCase()}`, { bold: true }),
    p(input.branch.toUpperCase(), { bold: true }),
    p("ĐẢNG CỘNG SẢN VIỆT NAM", { bold: true, center: true }),
    p(`BẢN KIỂM ĐIỂM CÁ NHÂN (Mẫu ${input.form})`, { bold: true, center: true, size: 30 }),
    p(`Năm ${input.year}`, { bold: true, center: true }),
    p(`Họ và tên: ${input.fullName}`),
    p(`Chi bộ: ${input.branch}`),
  ];
  if (input.answers.workplace) children.push(p(`Nơi công tác, hoạt động: ${String(input.answers.workplace)}`));
  if (input.answers.header_fix) children.push(p(`Đính chính thông tin: ${String(input.answers.header_fix)}`, { italic: true }));
  for (const section of def.sections) {
    if (section.id === "header" || section.id === "b") continue;
    children.push(p(section.title, { bold: true }));
    for (const q of section.questions) {
      if (!visible.has(q.id)) continue;
      children.push(p(fillFacts(q.text, input.facts), { italic: true }));
      children.push(p(formatAnswer(q, input.answers[q.id])));
    }
  }
  children.push(p("B. TỰ ĐÁNH GIÁ, XẾP LOẠI", { bold: true }));
  children.push(p(`Sinh hoạt chi bộ và đảng phí (theo sổ chi bộ): dự ${input.facts.attended}/${input.facts.held} buổi; đã đóng ${input.facts.feeMonthsPaid} tháng.${input.answers.facts_fix ? ` Đính chính: ${String(input.answers.facts_fix)}` : ""}`));
  const bSection = def.sections.find((s) => s.id === "b")!;
  for (const q of bSection.questions) {
    if (q.type !== "number") continue;
    children.push(p(`${q.text.replace(/^B\. Tự chấm điểm – /, "– ").replace(/:$/, "")}: ${input.answers[q.id] ?? "…"} điểm`));
  }
  children.push(p(`Tổng điểm: ${totals.general}/30 + ${totals.tasks}/70 = ${totals.total}/100`, { bold: true }));
  children.push(p(`Tự xếp loại: ${input.proposedLevel ? LEVEL_LABELS[input.proposedLevel] : "…"}`, { bold: true }));
  children.push(p("NGƯỜI TỰ KIỂM ĐIỂM", { bold: true, center: true }));
  children.push(p("(Ký, ghi rõ họ tên)", { italic: true, center: true }));
  children.push(p(`\n\n${input.fullName}`, { bold: true, center: true }));
  const doc = new Document({ creator: "chibo", title: `Bản kiểm điểm ${input.fullName} ${input.year}`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

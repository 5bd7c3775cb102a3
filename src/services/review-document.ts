/**
 * The finished self-review as a Word document in the shape of the official
 * form (header, sections A.I–A.VI, B: points and proposed level, signature),
 * for the member to print and sign.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import { buildSelfReviewForm, fillFacts, scoreTotals, type FormKind, formKindOf } from "../domain/forms/self-review.ts";
import { formatAnswer, visibleQuestions, type AnswerValue } from "../domain/questionnaire.ts";
import { LEVEL_LABELS, type Level, type ScoreSplit } from "../domain/rating.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "./meetings.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { isLeader } from "./members.ts";
import { campaignSplit, reviewFacts, reviewState } from "./self-review.ts";

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

/**
 * "Đảng bộ phường Hòa Bình" → "ĐẢNG BỘ PHƯỜNG HÒA BÌNH"; "phường Hòa Bình" → the same: the kind word is written once.
 */
export function unitHeading(kind: "Đảng bộ" | "Chi bộ", name: string): string {
  const bare = name.trim().replace(new RegExp(`^${kind}\\s+`, "iu"), "");
  return `${kind} ${bare}`.toLocaleUpperCase("vi");
}

/** "Chi bộ Tổ dân phố 5" → "Tổ dân phố 5", for a line that already says "Chi bộ:". */
export function bareUnitName(kind: "Đảng bộ" | "Chi bộ", name: string): string {
  return name.trim().replace(new RegExp(`^${kind}\\s+`, "iu"), "");
}

const TRIGGERS: [string, string][] = [
  ["t_decline", 'Bị kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống, "tự diễn biến", "tự chuyển hóa"'],
  ["t_discipline", "Bị kỷ luật từ khiển trách trở lên trong năm"],
  ["t_breach", "Vi phạm những điều đảng viên không được làm, ảnh hưởng đến uy tín"],
  ["t_undone", "Không hoàn thành quá 50% nhiệm vụ của năm"],
  ["beyond", "Hoàn thành vượt mức ít nhất 30% các nhiệm vụ được giao"],
];

export async function reviewDocx(input: ReviewDocumentInput): Promise<Buffer> {
  const def = buildSelfReviewForm(input.form, input.split);
  const visible = new Set(visibleQuestions(def, input.answers).map((q) => q.id));
  const totals = scoreTotals(input.split, input.answers);
  const p = (text: string, opts: { bold?: boolean; center?: boolean; italic?: boolean; size?: number } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { after: 120 },
      children: text.split("\n").map(
        (line, i) =>
          new TextRun({
            text: line,
            bold: opts.bold,
            italics: opts.italic,
            size: opts.size ?? 26,
            break: i > 0 ? 1 : 0,
            font: "Times New Roman",
          }),
      ),
    });
  const children: Paragraph[] = [
    p(unitHeading("Đảng bộ", input.organisation), { bold: true }),
    p(unitHeading("Chi bộ", input.branch), { bold: true }),
    p("ĐẢNG CỘNG SẢN VIỆT NAM", { bold: true, center: true }),
    p(`BẢN KIỂM ĐIỂM CÁ NHÂN (Mẫu ${input.form})`, { bold: true, center: true, size: 30 }),
    p(`Năm ${input.year}`, { bold: true, center: true }),
    p(`Họ và tên: ${input.fullName}`),
    p(`Chi bộ: ${bareUnitName("Chi bộ", input.branch)}`),
  ];
  if (input.answers.workplace) children.push(p(`Nơi công tác, hoạt động: ${String(input.answers.workplace)}`));
  if (input.answers.header_fix)
    children.push(p(`Đính chính thông tin: ${String(input.answers.header_fix)}`, { italic: true }));
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
  children.push(
    p(
      `Sinh hoạt chi bộ và đảng phí (theo sổ chi bộ): dự ` +
        `${input.facts.attended}/${input.facts.held} buổi; đã đóng ` +
        `${input.facts.feeMonthsPaid} tháng.${input.answers.facts_fix ? ` Đính chính: ${String(input.answers.facts_fix)}` : ""}`,
    ),
  );
  const bSection = def.sections.find((s) => s.id === "b")!;
  for (const q of bSection.questions) {
    if (q.type !== "number") continue;
    children.push(
      p(`${q.text.replace(/^B\. Tự chấm điểm – /, "– ").replace(/:$/, "")}: ${input.answers[q.id] ?? "…"} điểm`),
    );
  }
  for (const [id, label] of TRIGGERS) {
    const v = input.answers[id];
    children.push(p(`${label}: ${v === true ? "Có" : v === false ? "Không" : "…"}`));
  }
  children.push(p(`Tổng điểm: ${totals.general}/30 + ${totals.tasks}/70 = ${totals.total}/100`, { bold: true }));
  children.push(p(`Tự xếp loại: ${input.proposedLevel ? LEVEL_LABELS[input.proposedLevel] : "…"}`, { bold: true }));
  children.push(p("NGƯỜI TỰ KIỂM ĐIỂM", { bold: true, center: true }));
  children.push(p("(Ký, ghi rõ họ tên)", { italic: true, center: true }));
  children.push(p(`\n\n${input.fullName}`, { bold: true, center: true }));
  const doc = new Document({
    creator: "chibo",
    title: `Bản kiểm điểm ${input.fullName} ${input.year}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/**
 * A member's review as the Word document, for the member (his/her own) or the
 * branch's secretary and deputy (any member of the branch).
 */
export async function reviewDocumentFor(
  db: Db,
  actor: Actor,
  input: { campaignId: number; memberId: number; timeZone: string },
): Promise<{ filename: string; buffer: Buffer; fullName: string }> {
  const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: input.campaignId } });
  const branch = await db.branch.findUniqueOrThrow({
    where: { id: campaign.branchId },
    include: { organisation: true },
  });
  const own = actor.id === input.memberId;
  if (!own && !actor.isAdmin && !(actor.branchId === campaign.branchId && isLeader(actor)))
    throw new NotAuthorisedError("review.document");
  const review = await db.selfReview.findUnique({
    where: { campaignId_memberId: { campaignId: campaign.id, memberId: input.memberId } },
  });
  const member = await db.member.findUniqueOrThrow({ where: { id: input.memberId } });
  if (member.branchId !== campaign.branchId) throw new ServiceError("review.other_branch", { name: member.fullName });
  // Not started yet: the form with its header filled, to be written by hand.
  const state = review ? reviewState(review) : { answers: {} };
  const facts = await reviewFacts(db, member, campaign.year, branch.name, input.timeZone);
  const buffer = await reviewDocx({
    form: formKindOf(review?.form ?? member.formKind),
    split: campaignSplit(campaign),
    year: campaign.year,
    fullName: member.fullName,
    branch: branch.name,
    organisation: branch.organisation.name,
    answers: state.answers,
    proposedLevel: review?.proposedLevel ?? null,
    facts,
  });
  return { filename: `ban-kiem-diem-${campaign.year}-${member.id}.docx`, buffer, fullName: member.fullName };
}

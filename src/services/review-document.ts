/**
 * The finished self-review as a Word document in the shape of the official
 * form (header, sections A.I–A.VI, B: points and proposed level, signature),
 * for the member to print and sign.
 */
import { reviewDocumentTexts as r } from "../texts/documents.ts";
import { Document, Packer, type Paragraph } from "docx";
import { para } from "./docx-parts.ts";
import { buildSelfReviewForm, fillFacts, scoreTotals, type FormKind, formKindOf } from "../domain/forms/self-review.ts";
import { visibleQuestions, type AnswerValue } from "../domain/questionnaire.ts";
import { formatAnswer } from "../texts/questionnaire.ts";
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
export function unitHeading(kind: typeof r.partyBody | typeof r.branchBody, name: string): string {
  const bare = name.trim().replace(new RegExp(`^${kind}\\s+`, "iu"), "");
  return `${kind} ${bare}`.toLocaleUpperCase("vi");
}

/** "Chi bộ Tổ dân phố 5" → "Tổ dân phố 5", for a line that already says "Chi bộ:". */
export function bareUnitName(kind: typeof r.partyBody | typeof r.branchBody, name: string): string {
  return name.trim().replace(new RegExp(`^${kind}\\s+`, "iu"), "");
}

export async function reviewDocx(input: ReviewDocumentInput): Promise<Buffer> {
  const def = buildSelfReviewForm(input.form, input.split);
  const visible = new Set(visibleQuestions(def, input.answers).map((q) => q.id));
  const totals = scoreTotals(input.split, input.answers);
  const p = para;
  const children: Paragraph[] = [
    p(unitHeading(r.partyBody, input.organisation), { bold: true }),
    p(unitHeading(r.branchBody, input.branch), { bold: true }),
    p(r.party, { bold: true, center: true }),
    p(r.title(input.form), { bold: true, center: true, size: 30 }),
    p(r.year(input.year), { bold: true, center: true }),
    p(r.fullName(input.fullName)),
    p(r.branch(bareUnitName(r.branchBody, input.branch))),
  ];
  if (input.answers.workplace) children.push(p(r.workplace(String(input.answers.workplace))));
  if (input.answers.header_fix) children.push(p(r.headerFix(String(input.answers.header_fix)), { italic: true }));
  for (const section of def.sections) {
    if (section.id === "header" || section.id === "b") continue;
    children.push(p(section.title, { bold: true }));
    for (const q of section.questions) {
      if (!visible.has(q.id)) continue;
      children.push(p(fillFacts(q.text, input.facts), { italic: true }));
      children.push(p(formatAnswer(q, input.answers[q.id])));
    }
  }
  children.push(p(r.partB, { bold: true }));
  children.push(
    p(
      r.facts(
        String(input.facts.attended),
        String(input.facts.held),
        String(input.facts.feeMonthsPaid),
        input.answers.facts_fix ? String(input.answers.facts_fix) : null,
      ),
    ),
  );
  const bSection = def.sections.find((s) => s.id === "b")!;
  for (const q of bSection.questions) {
    if (q.type !== "number") continue;
    children.push(
      p(r.score(q.text.replace(r.scorePrefix, "– ").replace(/:$/, ""), String(input.answers[q.id] ?? "…"))),
    );
  }
  for (const [id, label] of r.triggers) children.push(p(`${label}: ${r.yesNo(input.answers[id])}`));
  children.push(p(r.total(totals.general, totals.tasks, totals.total), { bold: true }));
  children.push(p(r.proposed(input.proposedLevel ? LEVEL_LABELS[input.proposedLevel] : null), { bold: true }));
  children.push(p(r.signer, { bold: true, center: true }));
  children.push(p(r.signHint, { italic: true, center: true }));
  children.push(p(`\n\n${input.fullName}`, { bold: true, center: true }));
  const doc = new Document({
    creator: "chibo",
    title: r.fileTitle(input.fullName, input.year),
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

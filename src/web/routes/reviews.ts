/** The yearly self-review for the secretary and deputy: progress, levels decided (20% quota shown), DOCX, ZIP, XLSX. */
import JSZip from "jszip";
import { isLevel } from "../../domain/rating.ts";
import { webTexts as w } from "../../texts/web.ts";
import { backWith, BadRequest, chrome, DOCX, idOf, XLSX, type Ctx, type Route } from "../router.ts";
import { campaignPage } from "../views/reviews.ts";

async function campaignOrNull(c: Ctx) {
  return c.services.currentCampaign(c.v.member.branchId);
}

async function show(c: Ctx) {
  const campaign = await campaignOrNull(c);
  if (!campaign)
    return {
      html: campaignPage(
        { campaign: null, timeZone: c.timeZone, rows: [], quota: { max: 0, used: 0, ok: true }, goodShare: 0 },
        chrome(c),
      ),
    };
  const [progress, submitted, rating] = await Promise.all([
    c.services.reviewProgress(c.v.actor, campaign.id),
    c.services.submittedReviews(c.v.actor, campaign.id),
    c.services.ratingReport(c.v.actor, campaign.id),
  ]);
  const byMember = new Map(submitted.map((s) => [s.member.id, s.review]));
  return {
    html: campaignPage(
      {
        campaign,
        timeZone: c.timeZone,
        rows: progress.rows.map((r) => {
          const review = byMember.get(r.memberId);
          return {
            memberId: r.memberId,
            fullName: r.fullName,
            status: r.status,
            reviewId: review?.id ?? null,
            proposed: review?.proposedLevel ?? null,
            final: review?.finalLevel ?? null,
          };
        }),
        quota: { ...rating.finalQuota, used: rating.final.xuat_sac },
        goodShare: rating.finalGood,
      },
      chrome(c),
    ),
  };
}

async function decide(c: Ctx) {
  const reviewId = idOf(c.form.get("review"));
  const level = c.form.get("level");
  if (!isLevel(level)) throw new BadRequest();
  const found = await c.services.reviewWithMember(c.v.actor, reviewId, { submittedOnly: true });
  if (!found) throw new BadRequest();
  await c.services.recordFinalLevel(c.v.actor, reviewId, level);
  return backWith(c, "/chi-bo/kiem-diem", w.levelRecorded(found.member.fullName));
}

async function docx(c: Ctx) {
  const campaign = await campaignOrNull(c);
  if (!campaign) throw new BadRequest();
  const doc = await c.services.reviewDocumentFor(c.v.actor, {
    campaignId: campaign.id,
    memberId: idOf(c.params[0]),
    timeZone: c.timeZone,
  });
  return { file: { name: w.reviewFile(campaign.year, doc.fullName), type: DOCX, body: doc.buffer } };
}

async function zip(c: Ctx) {
  const campaign = await campaignOrNull(c);
  if (!campaign || campaign.year !== idOf(c.params[0])) throw new BadRequest();
  const submitted = await c.services.submittedReviews(c.v.actor, campaign.id);
  const archive = new JSZip();
  for (const s of submitted) {
    const doc = await c.services.reviewDocumentFor(c.v.actor, {
      campaignId: campaign.id,
      memberId: s.member.id,
      timeZone: c.timeZone,
    });
    archive.file(w.reviewFile(campaign.year, doc.fullName), doc.buffer);
  }
  const body = await archive.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { file: { name: w.reviewZip(campaign.year), type: "application/zip", body } };
}

async function xlsx(c: Ctx) {
  const campaign = await campaignOrNull(c);
  if (!campaign || campaign.year !== idOf(c.params[0])) throw new BadRequest();
  const body = await c.services.reviewWorkbook(c.v.actor, campaign.id);
  return { file: { name: w.reviewXlsx(campaign.year), type: XLSX, body } };
}

export const reviewRoutes: Route[] = [
  { method: "GET", path: /^\/chi-bo\/kiem-diem$/, access: "leader", handle: show },
  { method: "POST", path: /^\/chi-bo\/kiem-diem\/xep-loai$/, access: "leader", handle: decide },
  { method: "GET", path: /^\/chi-bo\/kiem-diem\/ban-([1-9]\d{0,9})\.docx$/, access: "leader", handle: docx },
  { method: "GET", path: /^\/chi-bo\/kiem-diem\/tat-ca-(\d{4})\.zip$/, access: "leader", handle: zip },
  { method: "GET", path: /^\/chi-bo\/kiem-diem\/tong-hop-(\d{4})\.xlsx$/, access: "leader", handle: xlsx },
];

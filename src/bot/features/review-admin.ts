/** The secretary's side of the yearly review: /mokiemdiem, /tiendokd, /xeploai, /baocaokd. */
import { buttonId, button } from "../buttons.ts";
import { parseDateTimeInput } from "../../domain/datetime-input.ts";
import { formatPercent } from "../../domain/text.ts";
import { formatDateTime, localParts } from "../../domain/time.ts";
import { DEFAULT_SPLIT, LEVEL_LABELS, LEVELS, type LevelCounts, isLevel } from "../../domain/rating.ts";
import { campaignSplit, reviewState } from "../../services/self-review.ts";
import { buildSelfReviewForm, scoreTotals, formKindOf } from "../../domain/forms/self-review.ts";
import { visibleQuestions } from "../../domain/questionnaire.ts";
import { formatAnswer } from "../../texts/questionnaire.ts";
import { t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";
import { dateError } from "./manage-meetings.ts";

const REASONS = t.notTakingShort;
const counts = (c: LevelCounts) => {
  const total = LEVELS.reduce((sum, l) => sum + c[l], 0);
  return LEVELS.map((l) => `${LEVEL_LABELS[l]} ${c[l]}${total ? ` (${formatPercent(c[l] / total)})` : ""}`).join("; ");
};
const splitText = () =>
  [...Object.entries(DEFAULT_SPLIT.general), ...Object.entries(DEFAULT_SPLIT.tasks)]
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

async function campaignOrSay(ctx: MemberContext) {
  const campaign = await ctx.deps.services.currentCampaign(ctx.member.branchId);
  if (!campaign) ctx.reply(t.reviewNone);
  return campaign;
}

/** Members who submitted in the branch's current review, in Vietnamese order; says so when there are none. */
async function submittedReviews(ctx: MemberContext) {
  const campaign = await campaignOrSay(ctx);
  if (!campaign) return null;
  const rows = await ctx.deps.services.submittedReviews(ctx.actor, campaign.id);
  const reviews = rows.map((r) => r.review);
  const members = rows.map((r) => r.member);
  if (members.length === 0) {
    ctx.reply(t.reviewFinalNone);
    return null;
  }
  return { reviews, members };
}

async function askConfirmOpen(ctx: MemberContext, text: string): Promise<void> {
  const { clock, settings, services } = ctx.deps;
  const parsed = parseDateTimeInput(/\d{1,2}[:h]/.test(text) ? text : `${text} 23:59`, clock(), settings.timeZone);
  if (!parsed.ok) {
    ctx.reply(dateError(parsed));
    return;
  }
  const year = localParts(clock(), settings.timeZone).year;
  const day = localParts(parsed.instant, settings.timeZone);
  if (day.year !== year || (day.month === 12 && day.day === 31)) {
    ctx.reply(t.reviewDeadlineLate(year));
    return;
  }
  const { taking, notTaking } = await services.participants({
    branchId: ctx.member.branchId,
    deadline: parsed.instant,
  });
  await ctx.setDialog({ dialog: "review_open", step: "confirm", deadline: parsed.instant.toISOString() });
  ctx.reply({
    text: t.reviewOpenConfirm(
      year,
      formatDateTime(parsed.instant, settings.timeZone),
      taking.length,
      notTaking.map((n) => `${n.member.fullName} (${REASONS[n.reason]})`),
      splitText(),
    ),
    choices: [
      [
        { data: dialogChoice("review_open", "confirm"), label: t.btnConfirm },
        { data: dialogChoice("review_open", "cancel"), label: t.btnCancel },
      ],
    ],
  });
}

async function openAndInvite(ctx: MemberContext, deadline: Date): Promise<void> {
  const { services, clock, settings } = ctx.deps;
  const year = localParts(clock(), settings.timeZone).year;
  const { invited } = await services.openReview(ctx.actor, { branchId: ctx.member.branchId, year, deadline });
  ctx.reply(t.reviewOpened(invited));
}

export const reviewAdminFeature: Feature = {
  commands: {
    mokiemdiem: {
      access: "leader",
      async run(ctx) {
        const year = localParts(ctx.deps.clock(), ctx.deps.settings.timeZone).year;
        await ctx.setDialog({ dialog: "review_open", step: "deadline" });
        // Early December is the usual deadline: offered as a button, any other date can be typed.
        ctx.reply({
          text: t.reviewOpenAskDeadline(year),
          choices: [[{ data: dialogChoice("review_open", "default"), label: `05/12/${year} 17:00` }]],
        });
      },
    },
    tiendokd: {
      access: "leader",
      async run(ctx) {
        const campaign = await campaignOrSay(ctx);
        if (!campaign) return;
        const { rows, notTaking } = await ctx.deps.services.reviewProgress(ctx.actor, campaign.id);
        ctx.reply(
          t.reviewProgress(
            campaign.year,
            rows.filter((r) => r.status === "submitted").map((r) => r.fullName),
            rows.filter((r) => r.status === "in_progress").map((r) => `${r.fullName} (${r.section})`),
            rows.filter((r) => r.status === "not_started").map((r) => r.fullName),
            notTaking.map((n) => `${n.member.fullName} (${REASONS[n.reason]})`),
          ),
        );
      },
    },
    xeploai: {
      access: "leader",
      async run(ctx) {
        const submitted = await submittedReviews(ctx);
        if (!submitted) return;
        const { reviews, members } = submitted;
        await ctx.setDialog({ dialog: "review_final", step: "member" });
        ctx.reply({
          text: t.reviewFinalChoose,
          choices: members.map((m) => {
            const r = reviews.find((x) => x.memberId === m.id)!;
            return [
              { data: dialogChoice("review_final", "pick", r.id), label: `${m.fullName}${r.finalLevel ? " ✔" : ""}` },
            ];
          }),
        });
      },
    },
    xembkd: {
      access: "leader",
      async run(ctx) {
        const submitted = await submittedReviews(ctx);
        if (!submitted) return;
        const { reviews, members } = submitted;
        ctx.reply({
          text: t.reviewViewChoose,
          choices: members.map((m) => [
            { data: button("review-form", String(reviews.find((r) => r.memberId === m.id)!.id)), label: m.fullName },
          ]),
        });
      },
    },
    khoakd: {
      access: "leader",
      async run(ctx) {
        const campaign = await campaignOrSay(ctx);
        if (!campaign) return;
        await ctx.deps.services.lockCampaign(ctx.actor, campaign.id);
        ctx.reply(t.reviewLockedDone(campaign.year));
      },
    },
    baocaokd: {
      access: "member",
      async run(ctx) {
        if (ctx.member.role === "committee") {
          const year = localParts(ctx.deps.clock(), ctx.deps.settings.timeZone).year;
          const org = await ctx.deps.services.organisationRatings(ctx.actor, ctx.member.branch.organisationId, year);
          ctx.reply(
            t.reviewOrgReport(
              year,
              org.rows.map((r) =>
                t.orgRow(r.branch, r.submitted, counts(r.final), formatPercent(r.finalGood), r.quota.ok),
              ),
              counts(org.total),
              formatPercent(org.totalGood),
            ),
          );
          return;
        }
        if (ctx.member.role !== "secretary" && ctx.member.role !== "deputy") {
          ctx.reply(t.notAuthorised);
          return;
        }
        const campaign = await campaignOrSay(ctx);
        if (!campaign) return;
        const r = await ctx.deps.services.ratingReport(ctx.actor, campaign.id);
        const quota = [
          r.proposedQuota.ok
            ? t.proposedQuotaOk(r.proposed.xuat_sac, r.proposedQuota.max)
            : t.proposedQuotaOver(r.proposed.xuat_sac, r.proposedQuota.max, formatPercent(campaign.quotaShare)),
          r.finalQuota.ok
            ? t.finalQuotaOk(r.final.xuat_sac, r.finalQuota.max)
            : t.finalQuotaOver(r.final.xuat_sac, r.finalQuota.max),
        ].join("\n");
        ctx.reply(
          t.reviewReport(
            campaign.year,
            counts(r.proposed),
            counts(r.final),
            formatPercent(r.proposedGood),
            formatPercent(r.finalGood),
            quota,
          ),
        );
        if (ctx.event.channel !== "telegram") {
          ctx.reply(t.repFileOnTelegramOnly);
          return;
        }
        ctx.reply({
          text: t.exportCaption(t.resultFile(campaign.year)),
          document: {
            filename: `kiem-diem-${ctx.member.branch.code}-${campaign.year}.xlsx`,
            base64: (await ctx.deps.services.reviewWorkbook(ctx.actor, campaign.id)).toString("base64"),
          },
        });
        ctx.reply({
          text: t.exportCaption(t.resultCsv(campaign.year)),
          document: {
            filename: `kiem-diem-${ctx.member.branch.code}-${campaign.year}.csv`,
            base64: (await ctx.deps.services.reviewCsv(ctx.actor, campaign.id)).toString("base64"),
          },
        });
      },
    },
  },
  choices: {
    "review-form": {
      access: "leader",
      async run(ctx, [id]) {
        const { services } = ctx.deps;
        // Only the branch's own leaders may read a member's form.
        const found = await services.reviewWithMember(ctx.actor, id, { submittedOnly: true });
        if (!found) {
          ctx.reply(t.staleButton);
          return;
        }
        const { review, member } = found;
        const split = campaignSplit(review.campaign);
        const state = reviewState(review);
        const def = buildSelfReviewForm(formKindOf(review.form), split);
        const lines = visibleQuestions(def, state.answers).map(
          (q, i) => `${i + 1}. ${formatAnswer(q, state.answers[q.id])}`,
        );
        const totals = scoreTotals(split, state.answers);
        ctx.reply(
          t.formView(
            member.fullName,
            review.form,
            lines,
            t.totals(totals.general, totals.tasks, totals.total),
            review.proposedLevel ? LEVEL_LABELS[review.proposedLevel] : null,
          ),
        );
        if (ctx.event.channel === "telegram") {
          const doc = await services.reviewDocumentFor(ctx.actor, {
            campaignId: review.campaignId,
            memberId: member.id,
            timeZone: ctx.deps.settings.timeZone,
          });
          ctx.reply({
            text: t.reviewDocumentCaption,
            document: { filename: doc.filename, base64: doc.buffer.toString("base64") },
          });
        }
      },
    },
  },
  dialogs: {
    review_open: {
      async onText(ctx, text, state) {
        if (state.step !== "deadline") {
          ctx.reply(t.chooseButton);
          return;
        }
        await askConfirmOpen(ctx, text);
      },
      async onChoice(ctx, [action], state) {
        if (action === "default" && state.step === "deadline") {
          const year = localParts(ctx.deps.clock(), ctx.deps.settings.timeZone).year;
          return askConfirmOpen(ctx, `05/12/${year} 17:00`);
        }
        await ctx.clearDialog();
        if (action !== "confirm" || !state.deadline) {
          ctx.reply(t.cancelled);
          return;
        }
        await openAndInvite(ctx, new Date(state.deadline));
      },
    },
    review_final: {
      async onText(ctx) {
        ctx.reply(t.chooseButton);
      },
      async onChoice(ctx, [action, value], state) {
        const { services } = ctx.deps;
        if (action === "pick" && state.step === "member") {
          const found = await services.reviewWithMember(ctx.actor, buttonId(value));
          if (!found) {
            ctx.reply(t.staleButton);
            return;
          }
          const { review, member } = found;
          await ctx.setDialog({ dialog: "review_final", step: "level", reviewId: review.id });
          ctx.reply({
            text: t.reviewFinalLevel(
              member.fullName,
              review.proposedLevel ? LEVEL_LABELS[review.proposedLevel] : "–",
              review.total,
            ),
            choices: LEVELS.map((l) => [{ data: dialogChoice("review_final", "level", l), label: LEVEL_LABELS[l] }]),
          });
          return;
        }
        if (action === "level" && state.step === "level" && state.reviewId && isLevel(value)) {
          await ctx.clearDialog();
          await services.recordFinalLevel(ctx.actor, state.reviewId, value);
          const found = await services.reviewWithMember(ctx.actor, state.reviewId);
          ctx.reply(t.reviewFinalDone(found?.member.fullName ?? "", LEVEL_LABELS[value]));
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
};

/**
 * /kiemdiem: the member fills in the yearly self-review in chat. The
 * questionnaire engine does the work; this file only renders a question
 * (buttons on Telegram, numbered choices on Zalo), passes answers on, and
 * stores the state after every step, so the member can stop and resume.
 */
import { button } from "../buttons.ts";
import { allowedLevelsFor, fillFacts, scoreTotals } from "../../domain/forms/self-review.ts";
import {
  answer,
  back,
  DONE,
  edit,
  isComplete,
  sectionOf,
  SKIP,
  visibleQuestions,
  type EngineState,
  type Questionnaire,
} from "../../domain/questionnaire.ts";
import { formatAnswer, problemText } from "../../texts/questionnaire.ts";
import { LEVEL_LABELS, type Level, isLevel } from "../../domain/rating.ts";
import { formatDateTime } from "../../domain/time.ts";
import type { Choice, OutgoingMessage } from "../../messaging/types.ts";
import { campaignSplit } from "../../services/self-review.ts";
import { fold } from "../../domain/text.ts";
import { t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";

const d = (...v: (string | number)[]) => dialogChoice("review", ...v);
const NOT_TAKING = t.notTakingLong;

interface Loaded {
  review: { id: number; form: string; status: string; proposedLevel: Level | null };
  campaign: { id: number; year: number; deadline: Date; split: string };
  def: Questionnaire;
  state: EngineState;
  facts: Record<string, string>;
}

async function load(ctx: MemberContext): Promise<Loaded | null> {
  const access = await ctx.deps.services.ownReviewForm(ctx.actor, ctx.member);
  if (access.type === "none") ctx.reply(t.reviewNone);
  else if (access.type === "not_taking") ctx.reply(t.reviewNotTaking(NOT_TAKING[access.reason ?? ""] ?? ""));
  else if (access.type === "locked") ctx.reply(t.reviewLocked);
  return access.type === "ok" ? access : null;
}

function questionMessage(l: Loaded): OutgoingMessage {
  const q = l.def.sections.flatMap((s) => s.questions).find((x) => x.id === l.state.current);
  if (!q) return summaryMessage(l);
  const section = sectionOf(l.def, q.id)?.title ?? "";
  const nav: Choice[] = [
    { data: d("back"), label: t.btnBack },
    { data: d("pause"), label: t.btnPause },
  ];
  let choices: Choice[][] = [];
  let hint = "";
  switch (q.type) {
    case "yes_no":
      choices = [
        [
          { data: d("a", "yes"), label: t.btnYes },
          { data: d("a", "no"), label: t.btnNo },
        ],
      ];
      break;
    case "single": {
      const allowed = q.id === "proposed_level" ? allowedLevelsFor(campaignSplit(l.campaign), l.state.answers) : null;
      choices = q.options
        .filter((o) => !allowed || (isLevel(o.value) && allowed.includes(o.value)))
        .map((o) => [{ data: d("a", o.value), label: o.label }]);
      break;
    }
    case "multi": {
      const ticked = Array.isArray(l.state.draft) ? l.state.draft : [];
      choices = [
        ...q.options.map((o) => [
          { data: d("a", o.value), label: `${ticked.includes(o.value) ? "☑" : "☐"} ${o.label}` },
        ]),
        [{ data: d("a", DONE), label: t.btnDone }],
      ];
      hint = t.reviewMultiHint;
      break;
    }
    case "long_text":
      choices = [[{ data: d("a", DONE), label: t.btnDone }]];
      hint = t.reviewLongHint;
      break;
    case "number":
      hint = t.reviewNumberHint;
      break;
    case "short_text":
      break;
  }
  if (!q.required) choices.push([{ data: d("a", SKIP), label: t.btnSkip }]);
  return {
    text: [t.reviewHeader(l.campaign.year, section), fillFacts(q.text, l.facts), hint].filter(Boolean).join("\n"),
    choices: [...choices, nav],
  };
}

function summaryMessage(l: Loaded): OutgoingMessage {
  const split = campaignSplit(l.campaign);
  const lines: string[] = [];
  let n = 0;
  let lastSection = "";
  for (const q of visibleQuestions(l.def, l.state.answers)) {
    n++;
    const section = sectionOf(l.def, q.id)?.title ?? "";
    if (section !== lastSection) lines.push(`— ${section}`);
    lastSection = section;
    const value = formatAnswer(q, l.state.answers[q.id]);
    lines.push(`${n}. ${value.length > 160 ? `${value.slice(0, 160)}…` : value}`);
  }
  const totals = scoreTotals(split, l.state.answers);
  const allowed = allowedLevelsFor(split, l.state.answers)
    .map((x) => LEVEL_LABELS[x])
    .join("; ");
  const complete = isComplete(l.def, l.state);
  return {
    text: t.reviewSummary(
      l.campaign.year,
      lines,
      t.totals(totals.general, totals.tasks, totals.total),
      t.allowedLevels(allowed),
    ),
    choices: [
      [...(complete ? [{ data: d("submit"), label: t.btnSubmitReview }] : []), { data: d("pause"), label: t.btnPause }],
    ],
  };
}

async function sendDocument(ctx: MemberContext, l: Loaded): Promise<void> {
  if (ctx.event.channel !== "telegram") {
    ctx.reply(t.reviewDocumentNotOnZalo);
    return;
  }
  const doc = await ctx.deps.services.reviewDocumentFor(ctx.actor, {
    campaignId: l.campaign.id,
    memberId: ctx.member.id,
    timeZone: ctx.deps.settings.timeZone,
  });
  ctx.reply({
    text: t.reviewDocumentCaption,
    document: { filename: `ban-kiem-diem-${l.campaign.year}.docx`, base64: doc.buffer.toString("base64") },
  });
}

async function step(
  ctx: MemberContext,
  l: Loaded,
  input: { kind: "text"; text: string } | { kind: "choice"; value: string },
): Promise<void> {
  // The proposed level may only be one that the score and the answers allow.
  if (l.state.current === "proposed_level") {
    const allowed = allowedLevelsFor(campaignSplit(l.campaign), l.state.answers);
    const q = l.def.sections.flatMap((s) => s.questions).find((x) => x.id === "proposed_level");
    const options =
      q && q.type === "single" ? q.options.filter((o) => isLevel(o.value) && allowed.includes(o.value)) : [];
    const typed = input.kind === "text" ? fold(input.text) : "";
    const value =
      input.kind === "choice"
        ? input.value
        : (options[Number(typed) - 1]?.value ?? options.find((o) => fold(o.label) === typed)?.value);
    if (!isLevel(value) || !allowed.includes(value)) {
      ctx.reply(t.reviewLevelNotAllowed);
      ctx.reply(questionMessage(l));
      return;
    }
    input = { kind: "choice", value };
  }
  const result = answer(l.def, l.state, input);
  if (!result.ok) {
    ctx.reply(problemText(result.error));
    ctx.reply(questionMessage(l));
    return;
  }
  await ctx.deps.services.saveReviewState(ctx.actor, l.review.id, result.state);
  const next = {
    ...l,
    state: result.state,
    facts: { ...l.facts, total: String(scoreTotals(campaignSplit(l.campaign), result.state.answers).total) },
  };
  if (result.state.current === l.state.current && typeof result.state.draft === "string") {
    ctx.reply(t.reviewGathered(result.state.draft.length));
    return;
  }
  ctx.reply(questionMessage(next));
}

export const selfReviewFeature: Feature = {
  commands: {
    bankiemdiem: {
      access: "member",
      async run(ctx) {
        // The member's own form as a Word document, draft or submitted.
        const l = await load(ctx);
        if (l) await sendDocument(ctx, l);
      },
    },
    kiemdiem: {
      access: "member",
      resumes: "review",
      async run(ctx) {
        const l = await load(ctx);
        if (!l) return;
        if (l.review.status === "submitted") {
          const level = l.review.proposedLevel ? LEVEL_LABELS[l.review.proposedLevel] : "";
          ctx.reply({
            text: t.reviewAlreadySubmitted(level),
            choices: [
              [
                { data: button("my-review", "doc"), label: t.btnGetDocument },
                { data: button("my-review", "reopen"), label: t.btnReopen },
              ],
            ],
          });
          return;
        }
        await ctx.setDialog({ dialog: "review", reviewId: l.review.id });
        ctx.reply(questionMessage(l));
      },
    },
  },
  choices: {
    "my-review": {
      access: "member",
      async run(ctx, [action]) {
        const l = await load(ctx);
        if (!l) return;
        if (action === "doc" && l.review.status === "submitted") return sendDocument(ctx, l);
        if (action === "reopen" && l.review.status === "submitted") {
          await ctx.deps.services.reopenReview(ctx.actor, l.review.id);
          await ctx.setDialog({ dialog: "review", reviewId: l.review.id });
          ctx.reply(summaryMessage({ ...l, state: { ...l.state, current: null } }));
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
  dialogs: {
    review: {
      async onText(ctx, text) {
        const l = await load(ctx);
        if (!l) return ctx.clearDialog();
        const editing =
          /^(?:sua|sửa)\s+(\d{1,3})$/i.exec(text.trim().normalize("NFC")) ?? /^sua\s+(\d{1,3})$/.exec(fold(text));
        if (editing) {
          const n = Number(editing[1]);
          const q = visibleQuestions(l.def, l.state.answers)[n - 1];
          const state = q ? edit(l.def, l.state, q.id) : null;
          if (!state) {
            ctx.reply(t.reviewEditBad(n));
            return;
          }
          await ctx.deps.services.saveReviewState(ctx.actor, l.review.id, state);
          ctx.reply(questionMessage({ ...l, state }));
          return;
        }
        if (l.state.current === null) {
          ctx.reply(summaryMessage(l));
          return;
        }
        await step(ctx, l, { kind: "text", text });
      },
      async onChoice(ctx, [action, ...rest]) {
        const l = await load(ctx);
        if (!l) return ctx.clearDialog();
        if (action === "pause") {
          await ctx.clearDialog();
          ctx.reply(t.reviewPaused);
          return;
        }
        if (action === "back") {
          const state = back(l.def, l.state);
          await ctx.deps.services.saveReviewState(ctx.actor, l.review.id, state);
          ctx.reply(questionMessage({ ...l, state }));
          return;
        }
        if (action === "a") return step(ctx, l, { kind: "choice", value: rest.join(":") });
        if (action === "submit") {
          const proposed = l.state.answers.proposed_level;
          const level = isLevel(proposed) ? proposed : undefined;
          const allowed = allowedLevelsFor(campaignSplit(l.campaign), l.state.answers);
          if (!isComplete(l.def, l.state) || !level || !allowed.includes(level)) {
            const state = {
              ...l.state,
              current: !level || !allowed.includes(level) ? "proposed_level" : l.state.current,
            };
            await ctx.deps.services.saveReviewState(ctx.actor, l.review.id, state);
            ctx.reply(t.reviewIncomplete);
            ctx.reply(questionMessage({ ...l, state }));
            return;
          }
          await ctx.deps.services.submitReview(ctx.actor, l.review.id, level);
          await ctx.clearDialog();
          ctx.reply(
            t.reviewSubmitted(LEVEL_LABELS[level], formatDateTime(l.campaign.deadline, ctx.deps.settings.timeZone)),
          );
          await sendDocument(ctx, l);
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
};

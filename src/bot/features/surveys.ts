/**
 * Surveys in chat. /khaosat: a member sees the surveys open for him/her and
 * answers (buttons on Telegram, numbers on Zalo), pausing and resuming at will;
 * a secretary or committee staff also creates one (blank or from a template).
 * /ketquaks: the creator reads the results, closes early, extends, gets the file.
 * The questionnaire engine walks the questions; the services store everything.
 */
import { button, buttonId } from "../buttons.ts";
import { parseDateTimeInput } from "../../domain/datetime-input.ts";
import {
  DONE,
  isComplete,
  sectionOf,
  SKIP,
  visibleQuestions,
  type EngineState,
  type Question,
  type Questionnaire,
} from "../../domain/questionnaire.ts";
import {
  draftOpinionsTemplate,
  joinEventTemplate,
  meetingFeedbackTemplate,
  pickTimeTemplate,
  questionFromDraft,
  questionsFromDrafts,
  splitDocumentSections,
  surveyQuestionnaire,
  SURVEY_LIMITS,
  TEMPLATES,
  QUESTION_KINDS,
  type QuestionDraft,
} from "../../domain/survey.ts";
import { fold } from "../../domain/text.ts";
import { formatDateTime } from "../../domain/time.ts";
import type { Choice, OutgoingMessage } from "../../messaging/types.ts";
import { isCommittee } from "../../services/announcements.ts";
import type { SurveyAccess, SurveyMove } from "../../services/surveys.ts";
import { MIN_ANONYMOUS_GROUP } from "../../services/surveys.ts";
import { formatAnswer, problemText } from "../../texts/questionnaire.ts";
import {
  draftProblemText,
  KIND_LABELS,
  surveyReport,
  surveyTexts as st,
  TEMPLATE_LABELS,
  templateWords,
} from "../../texts/surveys.ts";
import { t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import type { DialogState } from "../dialog-state.ts";
import { dialogChoice, type Feature } from "../feature.ts";
import { dateError } from "./manage-meetings.ts";

const a = (...v: (string | number)[]) => dialogChoice("survey_answer", ...v);
const c = (...v: (string | number)[]) => dialogChoice("survey_create", ...v);
type CreateState = Extract<DialogState, { dialog: "survey_create" }>;
type Answering = Extract<SurveyAccess, { type: "ok" }>;

const mayCreate = (ctx: MemberContext) =>
  isCommittee(ctx.member) || ctx.member.role === "secretary" || ctx.member.role === "deputy";

// ——— Answering ———

/**
 * The context to answer through. For an anonymous survey every reply is marked private: the stored copy of a message
 * that repeats the member's answers (the summary, the ticked choices) is emptied once sent.
 */
function answeringContext(ctx: MemberContext, l: Answering): MemberContext {
  if (!l.survey.anonymous) return ctx;
  const wrapped = Object.create(ctx) as MemberContext;
  wrapped.reply = (m) => ctx.reply(typeof m === "string" ? { text: m, private: true } : { ...m, private: true });
  return wrapped;
}

async function loadAnswering(ctx: MemberContext, surveyId: number): Promise<Answering | null> {
  const access = await ctx.deps.services.surveyForMember(ctx.actor, surveyId);
  if (access.type === "ok") return access;
  ctx.reply(
    access.type === "closed" ? st.closed : access.type === "sent_anonymous" ? st.sentAlreadyAnonymous : st.notAsked,
  );
  return null;
}

const allOf = (def: Questionnaire) => def.sections.flatMap((s) => s.questions);

function questionMessage(ctx: MemberContext, l: Answering, state: EngineState): OutgoingMessage {
  const q = allOf(l.def).find((x) => x.id === state.current);
  if (!q) return summaryMessage(l, state);
  const visible = visibleQuestions(l.def, state.answers);
  const n = visible.findIndex((x) => x.id === q.id) + 1;
  const zalo = ctx.event.channel === "zalo";
  const section = sectionOf(l.def, q.id)?.title;
  let choices: Choice[][] = [];
  let hint = "";
  switch (q.type) {
    case "yes_no":
      choices = [
        [
          { data: a("a", "yes"), label: t.btnYes },
          { data: a("a", "no"), label: t.btnNo },
        ],
      ];
      break;
    case "single":
      choices = q.options.map((o) => [{ data: a("a", o.value), label: o.label }]);
      break;
    case "multi": {
      const ticked = Array.isArray(state.draft) ? state.draft : [];
      choices = [
        ...q.options.map((o) => [
          { data: a("a", o.value), label: `${ticked.includes(o.value) ? "☑" : "☐"} ${o.label}` },
        ]),
        [{ data: a("a", DONE), label: t.btnDone }],
      ];
      hint = st.multiHint(q.maxChoices);
      break;
    }
    case "scale":
      choices = [
        Array.from({ length: q.max - q.min + 1 }, (_, i) => ({
          data: a("a", q.min + i),
          label: String(q.min + i),
        })),
      ];
      hint = st.scaleHint(q.min, q.max);
      break;
    case "number":
      hint = st.numberHint(q.min, q.max);
      break;
    case "date":
      hint = st.dateHint;
      break;
    case "short_text":
    case "long_text":
      hint = st.textHint(q.maxLength);
      break;
  }
  if (!q.required) hint = [hint, st.optionalHint].filter(Boolean).join("\n");
  // On Zalo a typed number picks a numbered choice: questions answered by typing a number or text get no numbered
  // navigation, which "bỏ qua", "quay lại" and "tạm dừng" typed as words replace.
  const typed = q.type === "number" || q.type === "date" || q.type === "short_text" || q.type === "long_text";
  const nav: Choice[][] =
    zalo && typed
      ? []
      : [
          ...(q.required ? [] : [[{ data: a("a", SKIP), label: t.btnSkip }]]),
          [
            { data: a("back"), label: t.btnBack },
            { data: a("pause"), label: t.btnPause },
          ],
        ];
  return {
    text: [
      st.header(l.survey.title, n, visible.length, l.survey.anonymous),
      section ? `— ${section}` : "",
      q.help ?? "",
      q.text,
      hint,
      Array.isArray(state.draft) && q.type === "multi" ? st.ticked(labelsOf(q, state.draft)) : "",
    ]
      .filter(Boolean)
      .join("\n"),
    choices: [...choices, ...nav],
  };
}

function labelsOf(q: Question, values: string[]): string[] {
  return q.type === "multi" ? values.map((v) => q.options.find((o) => o.value === v)?.label ?? v) : values;
}

function summaryMessage(l: Answering, state: EngineState): OutgoingMessage {
  const lines = visibleQuestions(l.def, state.answers).map((q, i) => {
    const value = state.answers[q.id] === undefined && !q.required ? st.skipped : formatAnswer(q, state.answers[q.id]);
    return `${i + 1}. ${q.text.split("\n")[0]}\n   → ${value.length > 200 ? `${value.slice(0, 200)}…` : value}`;
  });
  const sent = l.recipient.status === "answered";
  const complete = isComplete(l.def, state);
  return {
    text: st.summary(l.survey.title, lines, complete, sent),
    choices: [
      [
        ...(complete && !sent ? [{ data: a("send"), label: st.btnSend }] : []),
        { data: a("pause"), label: sent ? t.btnDone : t.btnPause },
      ],
    ],
  };
}

async function beginAnswering(ctx: MemberContext, surveyId: number): Promise<void> {
  const l = await loadAnswering(ctx, surveyId);
  if (!l) return;
  ctx = answeringContext(ctx, l);
  await ctx.setDialog({ dialog: "survey_answer", surveyId });
  ctx.reply(l.recipient.status === "answered" ? summaryMessage(l, l.state) : questionMessage(ctx, l, l.state));
}

function refusal(ctx: MemberContext, type: "not_found" | "closed" | "sent_anonymous"): void {
  ctx.reply(type === "closed" ? st.closed : type === "sent_anonymous" ? st.sentAlreadyAnonymous : st.notAsked);
}

/** One move through the survey (an answer, back, "sửa N"), done by the service; here only what the member reads. */
async function move(ctx: MemberContext, surveyId: number, m: SurveyMove): Promise<void> {
  const r = await ctx.deps.services.stepSurvey(ctx.actor, surveyId, m);
  if (!("access" in r)) {
    refusal(ctx, r.type);
    return ctx.clearDialog();
  }
  ctx = answeringContext(ctx, r.access);
  const l = r.access;
  if (r.type === "no_question") {
    ctx.reply(st.editBad(m.kind === "edit" ? m.number : 0));
    return;
  }
  if (r.type === "problem") {
    // Everything is answered: the summary is shown again, as the place to send from.
    if (r.problem.code === "finished") ctx.reply(summaryMessage(l, l.state));
    else {
      ctx.reply(problemText(r.problem));
      ctx.reply(questionMessage(ctx, l, l.state));
    }
    return;
  }
  const toggled = m.kind === "input" && l.state.current === r.before.current && Array.isArray(l.state.draft);
  const messageId = ctx.event.kind === "choice" ? ctx.event.messageId : null;
  const next = questionMessage(ctx, l, l.state);
  if (toggled && messageId) {
    ctx.reply({ ...next, editMessageId: messageId });
    return;
  }
  if (m.kind === "input" && l.state.current === null && l.recipient.status === "answered") ctx.reply(st.changedNamed);
  ctx.reply(next);
}

async function submit(ctx: MemberContext, l: Answering): Promise<void> {
  if (!isComplete(l.def, l.state)) {
    ctx.reply(st.incomplete);
    ctx.reply(questionMessage(ctx, l, { ...l.state, current: l.state.current }));
    return;
  }
  const r = await ctx.deps.services.submitSurvey(ctx.actor, l.survey.id);
  await ctx.clearDialog();
  ctx.reply(
    r.anonymous ? st.sentAnonymous : st.sentNamed(formatDateTime(l.survey.deadline, ctx.deps.settings.timeZone)),
  );
}

/** Words typed instead of the navigation buttons (on Zalo they are the only way for typed answers). */
function typedCommand(text: string): "pause" | "back" | "skip" | "send" | null {
  const w = fold(text).trim();
  if (w === "tam dung" || w === "dung") return "pause";
  if (w === "quay lai") return "back";
  if (w === "bo qua") return "skip";
  if (w === "gui" || w === "gui cau tra loi") return "send";
  return null;
}

async function onAnswerChoice(
  ctx: MemberContext,
  [action, ...rest]: string[],
  state: { surveyId: number },
): Promise<void> {
  if (action === "pause") {
    await ctx.clearDialog();
    ctx.reply(st.paused);
    return;
  }
  if (action === "back") return move(ctx, state.surveyId, { kind: "back" });
  if (action === "a")
    return move(ctx, state.surveyId, { kind: "input", input: { kind: "choice", value: rest.join(":") } });
  if (action === "send") {
    const l = await loadAnswering(ctx, state.surveyId);
    if (!l) return ctx.clearDialog();
    return submit(answeringContext(ctx, l), l);
  }
  ctx.reply(t.staleButton);
}

// ——— The creator: results ———

async function showResults(ctx: MemberContext, surveyId: number): Promise<void> {
  const r = await ctx.deps.services.surveyResults(ctx.actor, surveyId);
  const tz = ctx.deps.settings.timeZone;
  ctx.reply({
    text: surveyReport(r, tz, MIN_ANONYMOUS_GROUP),
    choices: [
      [{ data: button("survey-export", String(surveyId)), label: st.btnExport }],
      [
        { data: button("survey-extend", String(surveyId)), label: st.btnExtend },
        ...(r.closed ? [] : [{ data: button("survey-close", String(surveyId)), label: st.btnClose }]),
      ],
    ],
  });
}

// ——— Creating ———

function kindButtons(): Choice[][] {
  return QUESTION_KINDS.map((k) => [{ data: c("kind", k), label: KIND_LABELS[k] }]);
}

function yesNo(prefix: string): Choice[][] {
  return [
    [
      { data: c(prefix, "yes"), label: t.btnYes },
      { data: c(prefix, "no"), label: t.btnNo },
    ],
  ];
}

/** The questionnaire the dialog has gathered, or the problems that stop it. */
function definitionOf(state: CreateState): { ok: true; def: Questionnaire } | { ok: false; why: string } {
  const title = state.title ?? "";
  switch (state.template) {
    case "draft_opinions": {
      const sections = splitDocumentSections(state.docText ?? "").slice(0, SURVEY_LIMITS.questions);
      if (sections.length === 0) return { ok: false, why: st.documentEmpty };
      return { ok: true, def: draftOpinionsTemplate(title, sections, templateWords) };
    }
    case "join_event":
      return { ok: true, def: joinEventTemplate(title, state.event ?? "", templateWords) };
    case "pick_time":
      return { ok: true, def: pickTimeTemplate(title, state.times ?? [], templateWords) };
    case "meeting_feedback":
      return { ok: true, def: meetingFeedbackTemplate(title, templateWords) };
    case "custom": {
      const r = questionsFromDrafts(state.drafts);
      if (!r.ok) return { ok: false, why: r.problems.map((p) => draftProblemText(p.problem)).join("; ") };
      return { ok: true, def: surveyQuestionnaire(title, [{ title: "", questions: r.questions }]) };
    }
  }
}

function audienceOf(state: CreateState) {
  return {
    branchIds: state.branchIds,
    audience: state.audience,
    ...(state.meetingId ? { meetingId: state.meetingId } : {}),
  };
}

async function askAnonymous(ctx: MemberContext, state: CreateState): Promise<void> {
  await ctx.setDialog({ ...state, step: "anonymous" });
  ctx.reply({
    text: st.askAnonymous,
    choices: [
      [
        { data: c("anon", "yes"), label: st.btnAnonymous },
        { data: c("anon", "no"), label: st.btnNamed },
      ],
    ],
  });
}

async function askScope(ctx: MemberContext, state: CreateState): Promise<void> {
  if (!isCommittee(ctx.member) || state.template === "meeting_feedback") {
    await ctx.setDialog({
      ...state,
      step: "deadline",
      branchIds: state.branchIds.length ? state.branchIds : [ctx.member.branchId],
    });
    ctx.reply(st.askDeadline);
    return;
  }
  await ctx.setDialog({ ...state, step: "scope" });
  ctx.reply({
    text: st.askScope,
    choices: [
      [{ data: c("scope", "own"), label: st.btnOwnBranch }],
      [{ data: c("scope", "all"), label: st.btnAllBranches }],
      [{ data: c("scope", "pick"), label: st.btnPickBranches }],
      [{ data: c("scope", "leaders"), label: st.btnLeadersOnly }],
    ],
  });
}

/** The organisation's branches to tick, for a committee survey to several of them. */
async function branchSheet(ctx: MemberContext, ticked: number[]): Promise<OutgoingMessage> {
  const branches = await ctx.deps.services.branchesOfOrganisation(ctx.actor, ctx.member.branch.organisationId);
  return {
    text: st.pickBranches,
    choices: [
      ...branches.map((b) => [{ data: c("br", b.id), label: `${ticked.includes(b.id) ? "☑" : "☐"} ${b.name}` }]),
      [{ data: c("brdone"), label: t.btnContinue }],
    ],
  };
}

async function askNextQuestion(ctx: MemberContext, state: CreateState): Promise<void> {
  await ctx.setDialog({ ...state, step: "kind", current: undefined });
  ctx.reply({ text: st.askKind(state.drafts.length + 1), choices: kindButtons() });
}

async function showPreview(ctx: MemberContext, state: CreateState): Promise<void> {
  const built = definitionOf(state);
  if (!built.ok) {
    await ctx.clearDialog();
    ctx.reply(st.badInput(built.why));
    return;
  }
  const p = await ctx.deps.services.previewSurvey(ctx.actor, audienceOf(state));
  const questions = allOf(built.def);
  const lines = questions.map((q, i) => {
    const cond = q.showIf
      ? st.condition(
          questions.findIndex((x) => x.id === q.showIf!.question) + 1,
          formatAnswer(
            questions.find((x) => x.id === q.showIf!.question)!,
            q.showIf.equals,
          ),
        )
      : null;
    return st.previewQuestion(i + 1, q, cond);
  });
  const own = ctx.member.branch.name;
  const audience =
    state.audience === "attended"
      ? st.audienceAttended(state.meetingLabel ?? "")
      : state.audience === "leaders"
        ? st.audienceLeaders(state.branchIds.length)
        : state.branchIds.length === 1 && state.branchIds[0] === ctx.member.branchId
          ? st.audienceOwn(own)
          : st.audienceAll(state.branchIds.length);
  await ctx.setDialog({ ...state, step: "confirm" });
  ctx.reply({
    text: st.preview(
      state.title ?? "",
      lines,
      state.anonymous ?? false,
      audience,
      formatDateTime(new Date(state.deadline ?? 0), ctx.deps.settings.timeZone),
      p.recipients,
      p.reachable,
      p.unreachable,
    ),
    choices: [
      [
        { data: c("send"), label: st.btnSendSurvey },
        { data: c("cancel"), label: t.btnCancel },
      ],
    ],
  });
}

/** Closes the question being written, once the author said whether it is required. */
async function finishQuestion(ctx: MemberContext, state: CreateState, required: boolean): Promise<void> {
  const draft = { ...state.current, required } as QuestionDraft;
  const earlier = questionsFromDrafts(state.drafts);
  const r = questionFromDraft(draft, state.drafts.length, earlier.ok ? earlier.questions : []);
  if (!r.ok) {
    ctx.reply(st.badInput(draftProblemText(r.problem)));
    return askNextQuestion(ctx, state);
  }
  const drafts = [...state.drafts, draft];
  const next: CreateState = { ...state, drafts, current: undefined, step: "more" };
  ctx.reply(st.questionAdded(drafts.length, r.question.text));
  if (drafts.length >= SURVEY_LIMITS.questions) {
    ctx.reply(st.tooManyQuestions(SURVEY_LIMITS.questions));
    return askAnonymous(ctx, next);
  }
  await ctx.setDialog(next);
  ctx.reply({
    text: st.askMore(drafts.length),
    choices: [
      [{ data: c("more", "add"), label: st.btnAddQuestion }],
      [{ data: c("more", "done"), label: st.btnQuestionsDone }],
    ],
  });
}

async function onCreateText(ctx: MemberContext, text: string, state: CreateState): Promise<void> {
  const value = text.trim();
  switch (state.step) {
    case "title": {
      if (value === "" || value.length > SURVEY_LIMITS.title) {
        ctx.reply(st.askTitle);
        return;
      }
      const next = { ...state, title: value };
      if (state.template === "pick_time") {
        await ctx.setDialog({ ...next, step: "times" });
        ctx.reply(st.askTimes);
        return;
      }
      return askNextQuestion(ctx, next);
    }
    case "text": {
      if (value === "" || value.length > SURVEY_LIMITS.questionText) {
        ctx.reply(
          st.badInput(
            draftProblemText({
              code: value === "" ? "text_missing" : "text_too_long",
              max: SURVEY_LIMITS.questionText,
            }),
          ),
        );
        return;
      }
      const current = { ...state.current, text: value };
      const kind = current.kind;
      if (kind === "single" || kind === "multi") {
        await ctx.setDialog({ ...state, current, step: "options" });
        ctx.reply(st.askOptions);
      } else if (kind === "number") {
        await ctx.setDialog({ ...state, current, step: "bounds" });
        ctx.reply(st.askBounds);
      } else {
        await ctx.setDialog({ ...state, current, step: "required" });
        ctx.reply({ text: st.askRequired, choices: yesNo("req") });
      }
      return;
    }
    case "options": {
      const options = value
        .split(/[;\n]/)
        .map((o) => o.trim())
        .filter(Boolean);
      const check = questionFromDraft({ kind: "single", text: "x", options }, 0, []);
      if (!check.ok) {
        ctx.reply(st.badInput(draftProblemText(check.problem)));
        return;
      }
      const current = { ...state.current, options };
      if (current.kind === "multi") {
        await ctx.setDialog({ ...state, current, step: "max" });
        ctx.reply(st.askMaxChoices(options.length));
        return;
      }
      await ctx.setDialog({ ...state, current, step: "required" });
      ctx.reply({ text: st.askRequired, choices: yesNo("req") });
      return;
    }
    case "max": {
      const n = state.current?.options?.length ?? 0;
      if (!/^\d{1,2}$/.test(value) || Number(value) > n) {
        ctx.reply(st.badInput(st.badMax(n)));
        return;
      }
      const max = Number(value);
      const { max: _old, ...rest } = state.current ?? {};
      await ctx.setDialog({ ...state, current: max === 0 ? rest : { ...rest, max }, step: "required" });
      ctx.reply({ text: st.askRequired, choices: yesNo("req") });
      return;
    }
    case "bounds": {
      const m = /^(-?\d{1,9})\s*(?:-|–|đến|den)\s*(-?\d{1,9})$/.exec(value);
      if (!m || Number(m[1]) > Number(m[2])) {
        ctx.reply(st.badInput(st.badBounds));
        return;
      }
      await ctx.setDialog({
        ...state,
        current: { ...state.current, min: Number(m[1]), max: Number(m[2]) },
        step: "required",
      });
      ctx.reply({ text: st.askRequired, choices: yesNo("req") });
      return;
    }
    case "event": {
      if (value === "" || value.length > 150) {
        ctx.reply(st.askEvent);
        return;
      }
      return askScope(ctx, { ...state, event: value, title: st.joinTitle(value), anonymous: false });
    }
    case "times": {
      const times = value
        .split("\n")
        .map((x) => x.trim())
        .filter(Boolean);
      const ok =
        times.length >= 2 &&
        times.length <= SURVEY_LIMITS.options &&
        times.every((x) => x.length <= SURVEY_LIMITS.optionLabel) &&
        new Set(times.map(fold)).size === times.length;
      if (!ok) {
        ctx.reply(st.badInput(st.badTimes));
        return;
      }
      return askScope(ctx, { ...state, times, anonymous: false });
    }
    case "doc_title": {
      if (value === "" || value.length > SURVEY_LIMITS.title) {
        ctx.reply(st.askDocumentTitle);
        return;
      }
      await ctx.setDialog({ ...state, title: value, step: "doc_text" });
      ctx.reply({ text: st.askDocumentText, choices: [[{ data: c("docdone"), label: t.btnDone }]] });
      return;
    }
    case "doc_text": {
      if (fold(value) === "xong") return onCreateChoice(ctx, ["docdone"], state);
      const docText = state.docText ? `${state.docText}\n\n${value}` : value;
      if (docText.length > SURVEY_LIMITS.questionText * SURVEY_LIMITS.questions) {
        ctx.reply(
          st.badInput(
            draftProblemText({ code: "text_too_long", max: SURVEY_LIMITS.questionText * SURVEY_LIMITS.questions }),
          ),
        );
        return;
      }
      await ctx.setDialog({ ...state, docText });
      ctx.reply({
        text: st.documentGathered(splitDocumentSections(docText).length),
        choices: [[{ data: c("docdone"), label: t.btnDone }]],
      });
      return;
    }
    case "deadline": {
      const parsed = parseDateTimeInput(text, ctx.deps.clock(), ctx.deps.settings.timeZone);
      if (!parsed.ok) {
        ctx.reply(dateError(parsed));
        return;
      }
      return showPreview(ctx, { ...state, deadline: parsed.instant.toISOString() });
    }
    default:
      ctx.reply(t.chooseButton);
  }
}

async function onCreateChoice(ctx: MemberContext, [action, value]: string[], state: CreateState): Promise<void> {
  const { services } = ctx.deps;
  if (action === "tpl" && state.step === "template") {
    if (value === "custom") {
      await ctx.setDialog({ ...state, template: "custom", step: "title" });
      ctx.reply(st.askTitle);
      return;
    }
    if (value === "join_event") {
      await ctx.setDialog({ ...state, template: value, step: "event" });
      ctx.reply(st.askEvent);
      return;
    }
    if (value === "pick_time") {
      await ctx.setDialog({ ...state, template: value, step: "title" });
      ctx.reply(st.askTitle);
      return;
    }
    if (value === "draft_opinions") {
      await ctx.setDialog({ ...state, template: value, step: "doc_title" });
      ctx.reply(st.askDocumentTitle);
      return;
    }
    if (value === "meeting_feedback") {
      const now = ctx.deps.clock();
      const held = (await services.recentMeetings(ctx.actor, ctx.member.branchId, 12)).filter(
        (m) => m.status === "held" && m.startsAt < now,
      );
      if (held.length === 0) {
        await ctx.clearDialog();
        ctx.reply(st.noHeldMeetings);
        return;
      }
      await ctx.setDialog({ ...state, template: value, step: "meeting" });
      const tz = ctx.deps.settings.timeZone;
      ctx.reply({
        text: st.askMeeting,
        choices: held.slice(0, 6).map((m) => [{ data: c("mt", m.id), label: formatDateTime(m.startsAt, tz) }]),
      });
      return;
    }
  }
  if (action === "mt" && state.step === "meeting") return feedbackOn(ctx, state, buttonId(value));
  if (action === "kind" && (state.step === "kind" || state.step === "more")) {
    const kind = QUESTION_KINDS.find((k) => k === value);
    if (!kind) {
      ctx.reply(t.staleButton);
      return;
    }
    await ctx.setDialog({ ...state, current: { kind }, step: "text" });
    ctx.reply(st.askQuestionText(KIND_LABELS[kind]));
    return;
  }
  if (action === "req" && state.step === "required") return finishQuestion(ctx, state, value === "yes");
  if (action === "more" && state.step === "more") {
    if (value === "add") return askNextQuestion(ctx, state);
    return askAnonymous(ctx, state);
  }
  if (action === "docdone" && state.step === "doc_text") {
    if (splitDocumentSections(state.docText ?? "").length === 0) {
      ctx.reply(st.documentEmpty);
      return;
    }
    return askAnonymous(ctx, state);
  }
  if (action === "anon" && state.step === "anonymous") return askScope(ctx, { ...state, anonymous: value === "yes" });
  if (action === "scope" && state.step === "scope" && value === "pick") {
    await ctx.setDialog({ ...state, step: "branches", branchIds: [], audience: "all" });
    ctx.reply(await branchSheet(ctx, []));
    return;
  }
  if (action === "br" && state.step === "branches") {
    const id = buttonId(value);
    const branchIds = state.branchIds.includes(id) ? state.branchIds.filter((b) => b !== id) : [...state.branchIds, id];
    await ctx.setDialog({ ...state, branchIds });
    const sheet = await branchSheet(ctx, branchIds);
    const messageId = ctx.event.kind === "choice" ? ctx.event.messageId : null;
    ctx.reply(messageId ? { ...sheet, editMessageId: messageId } : sheet);
    return;
  }
  if (action === "brdone" && state.step === "branches") {
    if (state.branchIds.length === 0) {
      ctx.reply(t.chooseButton);
      return;
    }
    await ctx.setDialog({ ...state, step: "deadline" });
    ctx.reply(st.askDeadline);
    return;
  }
  if (action === "scope" && state.step === "scope") {
    const branches = await services.branchesOfOrganisation(ctx.actor, ctx.member.branch.organisationId);
    const next: CreateState =
      value === "own"
        ? { ...state, branchIds: [ctx.member.branchId], audience: "all" }
        : { ...state, branchIds: branches.map((b) => b.id), audience: value === "leaders" ? "leaders" : "all" };
    await ctx.setDialog({ ...next, step: "deadline" });
    ctx.reply(st.askDeadline);
    return;
  }
  if (action === "send" && state.step === "confirm") {
    const built = definitionOf(state);
    if (!built.ok || !state.deadline) {
      ctx.reply(t.staleButton);
      return;
    }
    await ctx.clearDialog();
    const r = await services.createSurvey(ctx.actor, {
      title: state.title ?? "",
      definition: built.def,
      anonymous: state.anonymous ?? false,
      audience: audienceOf(state),
      deadline: new Date(state.deadline),
      template: state.template === "custom" ? null : state.template,
      senderLabel: isCommittee(ctx.member) ? t.committeeSender : ctx.member.branch.name,
    });
    ctx.reply(st.created(r.recipients, r.queued));
    return;
  }
  ctx.reply(t.staleButton);
}

/** "Đánh giá buổi sinh hoạt" about one held meeting of the branch, for those who were present. */
async function feedbackOn(ctx: MemberContext, state: CreateState, meetingId: number): Promise<void> {
  const meeting = (await ctx.deps.services.recentMeetings(ctx.actor, ctx.member.branchId, 24)).find(
    (m) => m.id === meetingId && m.status === "held",
  );
  if (!meeting) {
    await ctx.clearDialog();
    ctx.reply(st.noHeldMeetings);
    return;
  }
  const label = formatDateTime(meeting.startsAt, ctx.deps.settings.timeZone);
  return askAnonymous(ctx, {
    ...state,
    template: "meeting_feedback",
    meetingId,
    meetingLabel: label,
    title: st.feedbackTitle(label),
    audience: "attended",
    branchIds: [ctx.member.branchId],
  });
}

const NEW_SURVEY: CreateState = {
  dialog: "survey_create",
  step: "template",
  template: "custom",
  drafts: [],
  branchIds: [],
  audience: "all",
};

async function startCreating(ctx: MemberContext): Promise<void> {
  if (!mayCreate(ctx)) {
    ctx.reply(st.noAccess);
    return;
  }
  await ctx.setDialog(NEW_SURVEY);
  ctx.reply({
    text: st.createPickTemplate,
    choices: [
      [{ data: c("tpl", "custom"), label: st.btnCustom }],
      ...TEMPLATES.map((tpl) => [{ data: c("tpl", tpl), label: TEMPLATE_LABELS[tpl] }]),
    ],
  });
}

export const surveysFeature: Feature = {
  commands: {
    khaosat: {
      access: "member",
      resumes: "survey_answer",
      async run(ctx) {
        if (ctx.dialog?.dialog === "survey_answer") return beginAnswering(ctx, ctx.dialog.surveyId);
        const open = await ctx.deps.services.openSurveysFor(ctx.actor);
        const tz = ctx.deps.settings.timeZone;
        const creator = mayCreate(ctx);
        const newButton = creator ? [[{ data: button("survey-new"), label: st.btnNewSurvey }]] : [];
        if (open.length === 0) {
          ctx.reply({ text: st.noneOpen, ...(creator ? { choices: newButton } : {}) });
          return;
        }
        if (open.length === 1 && !creator) return beginAnswering(ctx, open[0]!.id);
        ctx.reply({
          text: st.openList(open.map((s, i) => st.openLine(i + 1, s.title, formatDateTime(s.deadline, tz), s.status))),
          choices: [
            ...open.map((s, i) => [
              { data: button("survey", String(s.id)), label: `${i + 1}. ${s.title.slice(0, 40)}` },
            ]),
            ...newButton,
          ],
        });
      },
    },
    ketquaks: {
      access: "member",
      async run(ctx) {
        const mine = await ctx.deps.services.surveysOf(ctx.actor);
        if (mine.length === 0) {
          ctx.reply(st.noSurveysCreated);
          return;
        }
        if (mine.length === 1) return showResults(ctx, mine[0]!.id);
        const tz = ctx.deps.settings.timeZone;
        ctx.reply({
          text: st.pickSurvey,
          choices: mine.map((s) => [
            {
              data: button("survey-results", String(s.id)),
              label: `${s.title.slice(0, 40)} (${formatDateTime(s.deadline, tz)})`,
            },
          ]),
        });
      },
    },
  },
  choices: {
    survey: {
      access: "member",
      async run(ctx, [id]) {
        await beginAnswering(ctx, id);
      },
    },
    "survey-new": {
      access: "member",
      async run(ctx) {
        await startCreating(ctx);
      },
    },
    "survey-feedback": {
      access: "leader",
      async run(ctx, [meetingId]) {
        await feedbackOn(ctx, { ...NEW_SURVEY, step: "meeting" }, meetingId);
      },
    },
    "survey-results": {
      access: "member",
      async run(ctx, [id]) {
        await showResults(ctx, id);
      },
    },
    "survey-close": {
      access: "member",
      async run(ctx, [id]) {
        const r = await ctx.deps.services.closeSurvey(ctx.actor, id);
        ctx.reply(st.closedDone(r.withdrawn));
      },
    },
    "survey-extend": {
      access: "member",
      async run(ctx, [id]) {
        // The creator only: checked now, so that a member does not type a date for nothing.
        await ctx.deps.services.surveyResults(ctx.actor, id);
        await ctx.setDialog({ dialog: "survey_extend", surveyId: id });
        ctx.reply(st.askExtend);
      },
    },
    "survey-export": {
      access: "member",
      async run(ctx, [id]) {
        if (ctx.event.channel !== "telegram") {
          ctx.reply(st.exportNotOnZalo);
          return;
        }
        const [file, r] = await Promise.all([
          ctx.deps.services.surveyWorkbook(ctx.actor, id),
          ctx.deps.services.surveysOf(ctx.actor, 50),
        ]);
        const title = r.find((s) => s.id === id)?.title ?? "";
        ctx.reply({
          text: st.exportCaption(title),
          document: { filename: `khao-sat-${id}.xlsx`, base64: file.toString("base64") },
        });
      },
    },
  },
  dialogs: {
    survey_answer: {
      async onText(ctx, text, state) {
        const command = typedCommand(text);
        if (command === "pause" || command === "back" || command === "send")
          return onAnswerChoice(ctx, [command], state);
        if (command === "skip")
          return move(ctx, state.surveyId, { kind: "input", input: { kind: "choice", value: SKIP } });
        const editing = /^sua\s+(\d{1,3})$/.exec(fold(text).trim());
        if (editing) return move(ctx, state.surveyId, { kind: "edit", number: Number(editing[1]) });
        await move(ctx, state.surveyId, { kind: "input", input: { kind: "text", text } });
      },
      onChoice: onAnswerChoice,
    },
    survey_extend: {
      async onText(ctx, text, state) {
        const parsed = parseDateTimeInput(text, ctx.deps.clock(), ctx.deps.settings.timeZone);
        if (!parsed.ok) {
          ctx.reply(dateError(parsed));
          return;
        }
        await ctx.deps.services.extendSurvey(ctx.actor, state.surveyId, parsed.instant);
        await ctx.clearDialog();
        ctx.reply(st.extended(formatDateTime(parsed.instant, ctx.deps.settings.timeZone)));
      },
      async onChoice(ctx) {
        ctx.reply(t.staleButton);
      },
    },
    survey_create: {
      onText: onCreateText,
      onChoice: onCreateChoice,
    },
  },
};

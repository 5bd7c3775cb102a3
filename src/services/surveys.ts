/**
 * Surveys and polls: a secretary asks his/her branch (the committee several
 * branches, or all), members answer in chat at their own pace until the
 * deadline, the creator reads the results. Anonymous surveys keep the answers
 * apart from the members: a SurveyAnswer row has no member id, no time and a
 * random id; the member's own row only says "has answered", so nudges still
 * reach the others.
 */
import ExcelJS from "exceljs";
import { z } from "zod";
import { surveyTexts as st } from "../texts/surveys.ts";
import { formatAnswer } from "../texts/questionnaire.ts";
import { isPostgresql, type Db } from "../db/client.ts";
import { addAnonymousAnswers } from "../db/anonymous-answers.ts";
import {
  answer,
  back,
  edit,
  engineStateSchema,
  isComplete,
  questionnaireSchema,
  start,
  visibleQuestions,
  type AnswerValue,
  type EngineInput,
  type EngineProblem,
  type EngineState,
  type Questionnaire,
} from "../domain/questionnaire.ts";
import { SURVEY_LIMITS, surveyResults, type AnswerSheet, type TemplateName } from "../domain/survey.ts";
import { sortByName } from "../domain/text.ts";
import { formatDateTime } from "../domain/time.ts";
import type { OutgoingMessage } from "../messaging/types.ts";
import { audit } from "./audit.ts";
import { csvFile, type CsvCell } from "./csv.ts";
import type { ServiceDeps } from "./deps.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import { deliveryTargets, isLeader } from "./members.ts";
import { inSlices } from "./slices.ts";
import type { Actor } from "./meetings.ts";

export const surveyAudienceSchema = z.object({
  branchIds: z.array(z.number().int()).min(1),
  /** all: every member; leaders: secretaries and deputies; attended: those present at one meeting. */
  audience: z.enum(["all", "leaders", "attended"]),
  meetingId: z.number().int().optional(),
});
export type SurveyAudience = z.infer<typeof surveyAudienceSchema>;

/** For an anonymous survey, a group with fewer answers than this is not shown. */
export const MIN_ANONYMOUS_GROUP = 3;

const isCommittee = (actor: { role: string }) => actor.role === "committee";

/** Who may address these branches: a leader his/her own branch, committee staff the organisation's, the CLI any. */
async function organisationFor(db: Db, actor: Actor, branchIds: number[]): Promise<number> {
  const branches = await db.branch.findMany({ where: { id: { in: branchIds } } });
  if (branches.length !== new Set(branchIds).size) throw new ServiceError("survey.no_branch");
  const organisations = new Set(branches.map((b) => b.organisationId));
  if (organisations.size !== 1) throw new ServiceError("survey.one_organisation");
  const organisationId = branches[0]!.organisationId;
  if (actor.isAdmin) return organisationId;
  const own = await db.branch.findUnique({ where: { id: actor.branchId ?? -1 } });
  if (!own) throw new NotAuthorisedError("survey.create");
  const onlyOwn = branchIds.every((id) => id === own.id);
  if (onlyOwn && (isLeader(actor) || isCommittee(actor))) return organisationId;
  if (isCommittee(actor) && own.organisationId === organisationId) return organisationId;
  throw new NotAuthorisedError("survey.create");
}

/** The members an audience names, now. */
async function audienceMembers(db: Db, audience: SurveyAudience) {
  if (audience.audience === "attended") {
    const meeting = audience.meetingId ? await db.meeting.findUnique({ where: { id: audience.meetingId } }) : null;
    if (!meeting || !audience.branchIds.includes(meeting.branchId)) throw new ServiceError("survey.no_meeting");
    const present = await db.response.findMany({
      where: { meetingId: meeting.id, attendance: "present", member: { leftAt: null } },
      select: { member: { select: { id: true, branchId: true, fullName: true } } },
    });
    return sortByName(present.map((p) => p.member));
  }
  return sortByName(
    await db.member.findMany({
      where: {
        branchId: { in: audience.branchIds },
        leftAt: null,
        ...(audience.audience === "leaders" ? { role: { in: ["secretary", "deputy"] } } : {}),
      },
      select: { id: true, branchId: true, fullName: true },
    }),
  );
}

export interface SurveyPreview {
  recipients: number;
  reachable: number;
  unreachable: string[];
}

export async function previewSurvey(deps: ServiceDeps, actor: Actor, audience: SurveyAudience): Promise<SurveyPreview> {
  const parsed = surveyAudienceSchema.parse(audience);
  await organisationFor(deps.db, actor, parsed.branchIds);
  const members = await audienceMembers(deps.db, parsed);
  const targets = await deliveryTargets(
    deps.db,
    members.map((m) => m.id),
  );
  return {
    recipients: members.length,
    reachable: targets.size,
    unreachable: members.filter((m) => !targets.has(m.id)).map((m) => m.fullName),
  };
}

export interface NewSurvey {
  title: string;
  definition: Questionnaire;
  anonymous: boolean;
  audience: SurveyAudience;
  deadline: Date;
  template?: TemplateName | null;
  /** How the recipients see the sender ("Chi bộ 3", "Đảng ủy phường"). */
  senderLabel: string;
}

/** The invitation a member receives, with the button that starts the answers. */
export function invitationMessage(
  survey: { id: number; title: string; anonymous: boolean; deadline: Date },
  questions: number,
  sender: string,
  timeZone: string,
): OutgoingMessage {
  return {
    text: st.invitation(sender, survey.title, survey.anonymous, formatDateTime(survey.deadline, timeZone), questions),
    choices: [[{ data: `survey:${survey.id}`, label: st.btnAnswer }]],
  };
}

export async function createSurvey(deps: ServiceDeps, actor: Actor, input: NewSurvey) {
  const { db, outbox, clock } = deps;
  const title = input.title.trim();
  if (title === "" || title.length > SURVEY_LIMITS.title)
    throw new ServiceError("survey.title", { max: SURVEY_LIMITS.title });
  const definition = questionnaireSchema.parse({ ...input.definition, title, askOptional: true });
  const count = definition.sections.reduce((n, s) => n + s.questions.length, 0);
  if (count > SURVEY_LIMITS.questions) throw new ServiceError("survey.too_many", { max: SURVEY_LIMITS.questions });
  const now = clock();
  if (input.deadline <= now) throw new ServiceError("survey.deadline_past");
  if (input.deadline.getTime() - now.getTime() > 366 * 86_400_000) throw new ServiceError("survey.deadline_far");
  const audience = surveyAudienceSchema.parse(input.audience);
  const organisationId = await organisationFor(db, actor, audience.branchIds);
  const members = await audienceMembers(db, audience);
  if (members.length === 0) throw new ServiceError("survey.nobody");
  const targets = await deliveryTargets(
    db,
    members.map((m) => m.id),
  );
  const survey = await db.$transaction(async (tx) => {
    const created = await tx.survey.create({
      data: {
        organisationId,
        branchId: actor.branchId ?? audience.branchIds[0]!,
        createdById: actor.id,
        createdBy: actor.label,
        title,
        definition: JSON.stringify(definition),
        anonymous: input.anonymous,
        audience: JSON.stringify(audience),
        template: input.template ?? null,
        deadline: input.deadline,
        // The business clock, not the machine's: reminders due before this moment are not sent.
        createdAt: now,
      },
    });
    await tx.surveyRecipient.createMany({
      data: members.map((m) => ({
        surveyId: created.id,
        memberId: m.id,
        branchId: m.branchId,
        reachable: targets.has(m.id),
      })),
    });
    await audit(tx, {
      actor: actor.label,
      action: "survey.create",
      branchId: created.branchId,
      details: {
        id: created.id,
        title,
        anonymous: input.anonymous,
        recipients: members.length,
        branches: audience.branchIds.length,
      },
    });
    return created;
  });
  const message = invitationMessage(survey, count, input.senderLabel, deps.settings.timeZone);
  const queued = await outbox.enqueue(
    [...targets.values()].map((t) => ({
      key: `survey:${survey.id}:${t.memberId}`,
      channel: t.channel,
      chatId: t.chatId,
      memberId: t.memberId,
      priority: "bulk" as const,
      kind: "survey_invite",
      message,
      groupKey: `survey:${survey.id}`,
      expiresAt: survey.deadline,
    })),
  );
  return { survey, recipients: members.length, queued, unreachable: members.length - targets.size };
}

/** A survey's questions never change once sent: parsed once per survey, not at every answer. */
const parsedDefinitions = new Map<string, Questionnaire>();

export function surveyDefinition(survey: { definition: string }): Questionnaire {
  let def = parsedDefinitions.get(survey.definition);
  if (!def) {
    def = questionnaireSchema.parse(JSON.parse(survey.definition));
    if (parsedDefinitions.size >= 100) parsedDefinitions.delete(parsedDefinitions.keys().next().value!);
    parsedDefinitions.set(survey.definition, def);
  }
  return def;
}

function stateOf(recipient: { state: string }, def: Questionnaire): EngineState {
  const parsed = engineStateSchema.safeParse(JSON.parse(recipient.state));
  if (!parsed.success || (parsed.data.current === null && Object.keys(parsed.data.answers).length === 0))
    return start(def);
  return parsed.data;
}

const isClosed = (survey: { status: string; deadline: Date }, now: Date) =>
  survey.status === "closed" || survey.deadline <= now;

type SurveyRow = Awaited<ReturnType<Db["survey"]["findUniqueOrThrow"]>>;
type Answering = Extract<SurveyAccess, { type: "ok" }>;
type RecipientRow = Awaited<ReturnType<Db["surveyRecipient"]["findUniqueOrThrow"]>>;

export type SurveyAccess =
  | { type: "ok"; survey: SurveyRow; def: Questionnaire; recipient: RecipientRow; state: EngineState }
  | { type: "not_found" | "closed" | "sent_anonymous" };

/** The member's own answers to one survey, started if need be. */
export async function surveyForMember(deps: ServiceDeps, actor: Actor, surveyId: number): Promise<SurveyAccess> {
  if (actor.id === null) return { type: "not_found" };
  const recipient = await deps.db.surveyRecipient.findUnique({
    where: { surveyId_memberId: { surveyId, memberId: actor.id } },
    include: { survey: true },
  });
  if (!recipient) return { type: "not_found" };
  const { survey, ...own } = recipient;
  if (isClosed(survey, deps.clock())) return { type: "closed" };
  if (survey.anonymous && own.status === "answered") return { type: "sent_anonymous" };
  const def = surveyDefinition(survey);
  return { type: "ok", survey, def, recipient: own, state: stateOf(own, def) };
}

async function ownOpenRecipient(deps: ServiceDeps, actor: Actor, surveyId: number) {
  const access = await surveyForMember(deps, actor, surveyId);
  if (access.type === "closed") throw new ServiceError("survey.closed");
  if (access.type === "sent_anonymous") throw new ServiceError("survey.sent_anonymous");
  if (access.type !== "ok") throw new ServiceError("survey.not_found");
  return access;
}

/**
 * Stores the member's answers so far. A named survey already sent stays sent
 * while the answers are complete (a change counts at once); an anonymous one
 * keeps here only the draft, until it is sent.
 */
async function writeState(deps: ServiceDeps, access: Answering, state: EngineState): Promise<Answering> {
  const wasSent = access.recipient.status === "answered";
  const complete = isComplete(access.def, state);
  const status = wasSent && complete ? "answered" : "answering";
  await deps.db.surveyRecipient.update({
    where: { id: access.recipient.id },
    data: { state: JSON.stringify(state), status, ...(wasSent && !complete ? { answeredAt: null } : {}) },
  });
  return { ...access, state, recipient: { ...access.recipient, status } };
}

export async function saveSurveyState(
  deps: ServiceDeps,
  actor: Actor,
  surveyId: number,
  state: EngineState,
): Promise<void> {
  const access = await ownOpenRecipient(deps, actor, surveyId);
  await writeState(deps, access, engineStateSchema.parse(state));
}

export type SurveyMove = { kind: "input"; input: EngineInput } | { kind: "back" } | { kind: "edit"; number: number };

export type SurveyStep =
  | { type: "ok"; access: Answering; before: EngineState }
  | { type: "problem"; problem: EngineProblem; access: Answering }
  | { type: "no_question"; access: Answering }
  | { type: "not_found" | "closed" | "sent_anonymous" };

/**
 * One step of a member through a survey (an answer, back, or "sửa N"), checked by the questionnaire engine and
 * stored: one read and one write, as it runs at every button a member presses.
 */
export async function stepSurvey(
  deps: ServiceDeps,
  actor: Actor,
  surveyId: number,
  move: SurveyMove,
): Promise<SurveyStep> {
  const access = await surveyForMember(deps, actor, surveyId);
  if (access.type !== "ok") return access;
  let next: EngineState;
  if (move.kind === "input") {
    const r = answer(access.def, access.state, move.input);
    if (!r.ok) return { type: "problem", problem: r.error, access };
    next = r.state;
  } else if (move.kind === "back") next = back(access.def, access.state);
  else {
    const q = visibleQuestions(access.def, access.state.answers)[move.number - 1];
    const edited = q ? edit(access.def, access.state, q.id) : null;
    if (!edited) return { type: "no_question", access };
    next = edited;
  }
  return { type: "ok", access: await writeState(deps, access, next), before: access.state };
}

/** Sends the member's answers. Anonymous: moved to a row with no member id, and the draft emptied. */
export async function submitSurvey(deps: ServiceDeps, actor: Actor, surveyId: number): Promise<{ anonymous: boolean }> {
  const access = await ownOpenRecipient(deps, actor, surveyId);
  if (!isComplete(access.def, access.state)) throw new ServiceError("survey.incomplete");
  const answers = Object.fromEntries(
    visibleQuestions(access.def, access.state.answers)
      .filter((q) => access.state.answers[q.id] !== undefined)
      .map((q) => [q.id, access.state.answers[q.id]!]),
  );
  if (!access.survey.anonymous) {
    await deps.db.surveyRecipient.update({
      where: { id: access.recipient.id },
      data: {
        status: "answered",
        answeredAt: deps.clock(),
        state: JSON.stringify({ ...access.state, answers, current: null }),
      },
    });
    await audit(deps.db, {
      actor: actor.label,
      action: "survey.answer",
      branchId: access.recipient.branchId,
      details: { id: surveyId },
    });
    await withdrawNudges(deps.db, surveyId, access.recipient.memberId);
    return { anonymous: false };
  }
  await deps.db.$transaction(async (tx) => {
    // Only once, even if "send" is pressed twice at the same moment.
    const claimed = await tx.surveyRecipient.updateMany({
      where: { id: access.recipient.id, status: { not: "answered" } },
      data: { status: "answered", state: "{}" },
    });
    if (claimed.count === 0) throw new ServiceError("survey.sent_anonymous");
    await addAnonymousAnswers(tx, isPostgresql(deps.db), [
      { surveyId, branchId: access.recipient.branchId, answers: JSON.stringify(answers) },
    ]);
  });
  await withdrawNudges(deps.db, surveyId, access.recipient.memberId);
  return { anonymous: true };
}

/** A nudge still waiting (quiet hours) is not sent to one who has just answered. */
async function withdrawNudges(db: Db, surveyId: number, memberId: number): Promise<void> {
  await db.outbox.updateMany({
    where: { idempotencyKey: { startsWith: `survey-nudge:${surveyId}:${memberId}:` }, status: "pending" },
    data: { status: "cancelled" },
  });
}

/** The surveys a member is asked and may still answer, with where he/she stands. */
export async function openSurveysFor(deps: ServiceDeps, actor: Actor) {
  if (actor.id === null) return [];
  const rows = await deps.db.surveyRecipient.findMany({
    where: { memberId: actor.id, survey: { status: "open", deadline: { gt: deps.clock() } } },
    include: { survey: { select: { id: true, title: true, deadline: true, anonymous: true } } },
    orderBy: { survey: { deadline: "asc" } },
  });
  return rows
    .filter((r) => !(r.survey.anonymous && r.status === "answered"))
    .map((r) => ({ ...r.survey, status: r.status }));
}

/** Surveys the actor created (the CLI: all), newest first. */
export async function surveysOf(deps: ServiceDeps, actor: Actor, limit = 10) {
  const now = deps.clock();
  const rows = await deps.db.survey.findMany({
    where: actor.isAdmin ? {} : { createdById: actor.id ?? -1 },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, title: true, deadline: true, status: true, anonymous: true, createdAt: true },
  });
  // How many were asked and how many have sent, counted by the database (no answers read).
  const counts = await deps.db.surveyRecipient.groupBy({
    by: ["surveyId", "status"],
    where: { surveyId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const count = (surveyId: number, answered: boolean) =>
    counts
      .filter((c) => c.surveyId === surveyId && (!answered || c.status === "answered"))
      .reduce((n, c) => n + c._count._all, 0);
  return rows.map((s) => ({ ...s, closed: isClosed(s, now), asked: count(s.id, false), answered: count(s.id, true) }));
}

/** The creator (and the command line) only: results name members or could point at them. */
async function ownSurvey(deps: ServiceDeps, actor: Actor, surveyId: number, action: string) {
  const survey = await deps.db.survey.findUnique({ where: { id: surveyId } });
  if (!survey) throw new ServiceError("survey.not_found");
  if (!actor.isAdmin && (actor.id === null || survey.createdById !== actor.id)) throw new NotAuthorisedError(action);
  return survey;
}

export async function closeSurvey(deps: ServiceDeps, actor: Actor, surveyId: number) {
  const survey = await ownSurvey(deps, actor, surveyId, "survey.close");
  if (survey.status === "closed") throw new ServiceError("survey.already_closed");
  await deps.db.survey.update({ where: { id: surveyId }, data: { status: "closed", closedAt: deps.clock() } });
  // Invitations not yet delivered and nudges waiting for quiet hours to end are withdrawn.
  const withdrawn = await deps.outbox.cancelGroup(`survey:${surveyId}`);
  await audit(deps.db, {
    actor: actor.label,
    action: "survey.close",
    branchId: survey.branchId,
    details: { id: surveyId, withdrawn },
  });
  return { withdrawn };
}

export async function extendSurvey(deps: ServiceDeps, actor: Actor, surveyId: number, deadline: Date) {
  const survey = await ownSurvey(deps, actor, surveyId, "survey.extend");
  const now = deps.clock();
  if (deadline <= now) throw new ServiceError("survey.deadline_past");
  if (deadline <= survey.deadline && survey.status === "open") throw new ServiceError("survey.not_later");
  if (deadline.getTime() - now.getTime() > 366 * 86_400_000) throw new ServiceError("survey.deadline_far");
  await deps.db.survey.update({ where: { id: surveyId }, data: { deadline, status: "open", closedAt: null } });
  await audit(deps.db, {
    actor: actor.label,
    action: "survey.extend",
    branchId: survey.branchId,
    details: { id: surveyId, deadline: deadline.toISOString() },
  });
}

/** Every answer sheet: named surveys from the members' rows, anonymous ones from the rows with no member. */
async function answerSheets(db: Db, survey: SurveyRow): Promise<AnswerSheet[]> {
  const parse = (json: string): Record<string, AnswerValue> => {
    const parsed = engineStateSchema.shape.answers.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  };
  // Anonymous surveys' answers, and in a named survey those of members erased since (without their names).
  const unnamed = (
    await db.surveyAnswer.findMany({
      where: { surveyId: survey.id },
      select: { branchId: true, answers: true },
      orderBy: { id: "asc" },
    })
  ).map((r) => ({ branchId: r.branchId, name: null, answers: parse(r.answers) }));
  if (survey.anonymous) return unnamed;
  const rows = await db.surveyRecipient.findMany({
    // A sheet whose names were taken off (erase, or the keeping period) is among the unnamed ones.
    where: { surveyId: survey.id, status: "answered", state: { not: "{}" } },
    select: { branchId: true, state: true, memberId: true },
  });
  const names = new Map(
    (
      await inSlices(
        rows.map((r) => r.memberId),
        (slice) => db.member.findMany({ where: { id: { in: slice } }, select: { id: true, fullName: true } }),
      )
    ).map((m) => [m.id, m.fullName]),
  );
  const named = rows.map((r) => ({
    branchId: r.branchId,
    fullName: names.get(r.memberId) ?? "",
    answers: stateOf(r, surveyDefinition(survey)).answers,
  }));
  return sortByName(named)
    .map((r): AnswerSheet => ({ branchId: r.branchId, name: r.fullName, answers: r.answers }))
    .concat(unnamed);
}

export interface SurveyStatusCounts {
  recipients: number;
  /** Invitations the platform has accepted. */
  delivered: number;
  answered: number;
  answering: number;
  notReachable: number;
}

/** The live state and the results of one survey, for its creator. */
export async function surveyResultsFor(deps: ServiceDeps, actor: Actor, surveyId: number) {
  const survey = await ownSurvey(deps, actor, surveyId, "survey.results");
  const def = surveyDefinition(survey);
  const audience = surveyAudienceSchema.parse(JSON.parse(survey.audience));
  const [groups, sheets, branches, delivered] = await Promise.all([
    deps.db.surveyRecipient.groupBy({
      by: ["status", "reachable"],
      where: { surveyId },
      _count: { _all: true },
    }),
    answerSheets(deps.db, survey),
    deps.db.branch.findMany({ where: { id: { in: audience.branchIds } }, select: { id: true, name: true } }),
    deps.db.outbox.count({ where: { groupKey: `survey:${surveyId}`, kind: "survey_invite", status: "sent" } }),
  ]);
  const count = (f: (g: (typeof groups)[number]) => boolean) => groups.filter(f).reduce((n, g) => n + g._count._all, 0);
  const status: SurveyStatusCounts = {
    recipients: count(() => true),
    delivered,
    answered: count((g) => g.status === "answered"),
    answering: count((g) => g.status === "answering"),
    notReachable: count((g) => !g.reachable && g.status !== "answered"),
  };
  const results = surveyResults(def, sheets, audience.branchIds, {
    anonymous: survey.anonymous,
    minGroup: MIN_ANONYMOUS_GROUP,
  });
  return {
    survey,
    def,
    status,
    results,
    sheets,
    closed: isClosed(survey, deps.clock()),
    branchNames: new Map(branches.map((b) => [b.id, b.name])),
  };
}

type Results = Awaited<ReturnType<typeof surveyResultsFor>>;

/** One row per answer sheet: (name,) branch, then one column per question. */
function answerRows(r: Results): { headers: string[]; rows: CsvCell[][] } {
  const questions = r.def.sections.flatMap((s) => s.questions);
  const hideAll = r.results.overall.hidden;
  const headers = [
    ...(r.survey.anonymous ? [] : [st.colName]),
    st.colBranch,
    ...questions.map((q, i) => `${i + 1}. ${q.text}`),
  ];
  const rows = hideAll
    ? []
    : r.sheets.map((s) => [
        ...(r.survey.anonymous ? [] : [s.name ?? ""]),
        r.branchNames.get(s.branchId) ?? "",
        ...questions.map((q) => {
          const v = s.answers[q.id];
          if (v === undefined) return "";
          return typeof v === "number" ? v : formatAnswer(q, v);
        }),
      ]);
  return { headers, rows };
}

/** The summary as rows: question, answer, count, share (or average). */
function summaryRows(r: Results): CsvCell[][] {
  const rows: CsvCell[][] = [];
  const groups = [
    { name: st.overall, summary: r.results.overall },
    ...r.results.branches.map((b) => ({ name: r.branchNames.get(b.branchId) ?? "", summary: b.summary })),
  ];
  for (const g of groups) {
    rows.push([g.name, st.respondents, null, g.summary.respondents]);
    if (g.summary.hidden) {
      rows.push([g.name, st.hiddenGroup(MIN_ANONYMOUS_GROUP)]);
      continue;
    }
    g.summary.questions.forEach(({ question, summary }, i) => {
      const label = `${i + 1}. ${question.text}`;
      if (!summary) return;
      switch (summary.kind) {
        case "choices":
        case "scale":
          for (const c of summary.counts)
            rows.push([g.name, label, st.choiceLabel(question, c.label), c.count, Math.round(c.share * 1000) / 10]);
          if (summary.kind === "scale" && summary.average !== null)
            rows.push([g.name, label, st.average, Math.round(summary.average * 100) / 100]);
          break;
        case "number":
          rows.push([g.name, label, st.sum, summary.sum]);
          if (summary.average !== null) rows.push([g.name, label, st.mean, Math.round(summary.average * 100) / 100]);
          break;
        case "texts":
          rows.push([g.name, label, st.textAnswers, summary.answered]);
          break;
      }
    });
  }
  return rows;
}

export async function surveyWorkbook(deps: ServiceDeps, actor: Actor, surveyId: number): Promise<Buffer> {
  const r = await surveyResultsFor(deps, actor, surveyId);
  const wb = new ExcelJS.Workbook();
  const answers = wb.addWorksheet(st.sheetAnswers);
  answers.addRow([st.sheetTitle(r.survey.title, r.survey.anonymous)]).font = { bold: true };
  const { headers, rows } = answerRows(r);
  const header = answers.addRow(headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  for (const row of rows) answers.addRow(row).alignment = { wrapText: true, vertical: "top" };
  answers.columns.forEach((col, i) => {
    col.width = i < (r.survey.anonymous ? 1 : 2) ? 24 : 36;
  });
  const summary = wb.addWorksheet(st.sheetSummary);
  summary.addRow([st.sheetTitle(r.survey.title, r.survey.anonymous)]).font = { bold: true };
  summary.addRow([st.statusLine(r.status)]);
  summary.addRow([st.colGroup, st.colQuestion, st.colAnswer, st.colCount, st.colShare]).font = { bold: true };
  for (const row of summaryRows(r)) summary.addRow(row);
  summary.columns.forEach((col, i) => {
    col.width = i === 1 ? 50 : i === 2 ? 30 : 14;
  });
  await recordResultsRead(deps, actor, r.survey, "xlsx");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The answers as CSV, one row per answer sheet. */
export async function surveyCsv(deps: ServiceDeps, actor: Actor, surveyId: number): Promise<Buffer> {
  const r = await surveyResultsFor(deps, actor, surveyId);
  const { headers, rows } = answerRows(r);
  await recordResultsRead(deps, actor, r.survey, "csv");
  return csvFile([headers, ...rows]);
}

async function recordResultsRead(deps: ServiceDeps, actor: Actor, survey: SurveyRow, format: string) {
  await audit(deps.db, {
    actor: actor.label,
    action: "survey.export",
    branchId: survey.branchId,
    details: { id: survey.id, format },
  });
}

/**
 * The member fills in his/her self-review on the web, the same form and the same saved state as /kiemdiem in chat:
 * stop on one, go on on the other. Every answer is saved at once.
 */
import { allowedLevelsFor } from "../../domain/forms/self-review.ts";
import { answerWhole, back, edit, isComplete, SKIP, answer } from "../../domain/questionnaire.ts";
import { isLevel, LEVEL_LABELS } from "../../domain/rating.ts";
import { formatDateTime } from "../../domain/time.ts";
import { problemText } from "../../texts/questionnaire.ts";
import { t } from "../../texts/vi.ts";
import { backWith, chrome, type Answer, type Ctx, type Route } from "../router.ts";
import { reviewQuestionPage, reviewSummaryPage } from "../views/own-review.ts";

/** The review open for filling in, or where to go instead (with what to say). */
async function open(c: Ctx): Promise<{ stop: Answer; r?: undefined } | { stop?: undefined; r: OpenReview }> {
  const r = await c.services.ownReviewForm(c.v.actor, c.v.member);
  if (r.type !== "ok") {
    const why =
      r.type === "none"
        ? t.reviewNone
        : r.type === "locked"
          ? t.reviewLocked
          : t.reviewNotTaking(t.notTakingLong[r.reason ?? ""] ?? "");
    return { stop: backWith(c, "/kiem-diem", why) };
  }
  if (r.review.status === "submitted") {
    const level = r.review.proposedLevel;
    return { stop: backWith(c, "/kiem-diem", t.reviewAlreadySubmitted(level ? LEVEL_LABELS[level] : "")) };
  }
  return { r };
}

type OpenReview = Extract<Awaited<ReturnType<Ctx["services"]["ownReviewForm"]>>, { type: "ok" }>;

function render(c: Ctx, r: OpenReview, error: string | null) {
  const view = { year: r.campaign.year, def: r.def, split: r.split, state: r.state, facts: r.facts };
  const html =
    r.state.current === null
      ? reviewSummaryPage({ ...view, complete: isComplete(r.def, r.state) }, chrome(c, error))
      : reviewQuestionPage(view, chrome(c, error));
  return { html, status: error ? 400 : 200 };
}

async function show(c: Ctx) {
  const o = await open(c);
  return o.stop ?? render(c, o.r, null);
}

async function step(c: Ctx) {
  const o = await open(c);
  if (o.stop) return o.stop;
  const r = o.r;
  // A page left open in another tab answers another question: shown again, nothing saved.
  if (c.form.get("q") !== r.state.current) return { redirect: "/kiem-diem/lam" };
  const action = c.form.get("action");
  let result;
  if (action === "back") result = { ok: true as const, state: back(r.def, r.state) };
  else if (action === "skip") result = answer(r.def, r.state, { kind: "choice", value: SKIP });
  else {
    const values = c.form.getAll("value");
    // The proposed level may only be one that the score and the answers allow.
    if (r.state.current === "proposed_level") {
      const level = values[0];
      if (!isLevel(level) || !allowedLevelsFor(r.split, r.state.answers).includes(level))
        return render(c, r, t.reviewLevelNotAllowed);
    }
    result = answerWhole(r.def, r.state, values.length > 1 ? values : (values[0] ?? ""));
  }
  if (!result.ok) return render(c, r, problemText(result.error));
  await c.services.saveReviewState(c.v.actor, r.review.id, result.state);
  return { redirect: "/kiem-diem/lam" };
}

async function editOne(c: Ctx) {
  const o = await open(c);
  if (o.stop) return o.stop;
  const state = edit(o.r.def, o.r.state, c.form.get("q") ?? "");
  if (state) await c.services.saveReviewState(c.v.actor, o.r.review.id, state);
  return { redirect: "/kiem-diem/lam" };
}

async function submit(c: Ctx) {
  const o = await open(c);
  if (o.stop) return o.stop;
  const r = o.r;
  const level = r.state.answers.proposed_level;
  if (!isComplete(r.def, r.state) || !isLevel(level) || !allowedLevelsFor(r.split, r.state.answers).includes(level)) {
    const state = { ...r.state, current: isLevel(level) ? r.state.current : "proposed_level" };
    await c.services.saveReviewState(c.v.actor, r.review.id, state);
    return render(c, { ...r, state }, t.reviewIncomplete);
  }
  await c.services.submitReview(c.v.actor, r.review.id, level);
  return backWith(
    c,
    "/kiem-diem",
    t.reviewSubmitted(LEVEL_LABELS[level], formatDateTime(r.campaign.deadline, c.timeZone)),
  );
}

export const ownReviewRoutes: Route[] = [
  { method: "GET", path: /^\/kiem-diem\/lam$/, access: "member", handle: show },
  { method: "POST", path: /^\/kiem-diem\/lam$/, access: "member", maxBytes: 64 * 1024, handle: step },
  { method: "POST", path: /^\/kiem-diem\/sua$/, access: "member", handle: editOne },
  { method: "POST", path: /^\/kiem-diem\/nop$/, access: "member", handle: submit },
];

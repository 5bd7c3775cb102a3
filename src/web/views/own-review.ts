/** The member's self-review filled in on the web: one question per page, then the summary to check and submit. */
import { allowedLevelsFor, fillFacts, scoreTotals } from "../../domain/forms/self-review.ts";
import {
  sectionOf,
  visibleQuestions,
  type EngineState,
  type Question,
  type Questionnaire,
} from "../../domain/questionnaire.ts";
import { isLevel, LEVEL_LABELS, type ScoreSplit } from "../../domain/rating.ts";
import { formatAnswer } from "../../texts/questionnaire.ts";
import { t } from "../../texts/vi.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

export interface ReviewFormView {
  year: number;
  def: Questionnaire;
  split: ScoreSplit;
  state: EngineState;
  facts: Record<string, string>;
}

function input(q: Question, v: ReviewFormView): string {
  const current = v.state.answers[q.id];
  const draft = v.state.draft;
  const radios = (options: { value: string; label: string }[], selected: string | null) =>
    options
      .map(
        (o) =>
          `<label><input type="radio" name="value" value="${esc(o.value)}"${selected === o.value ? " checked" : ""} required> ${esc(o.label)}</label>`,
      )
      .join("");
  switch (q.type) {
    case "yes_no":
      return radios(
        [
          { value: "yes", label: t.btnYes },
          { value: "no", label: t.btnNo },
        ],
        current === true ? "yes" : current === false ? "no" : null,
      );
    case "single": {
      const allowed = q.id === "proposed_level" ? allowedLevelsFor(v.split, v.state.answers) : null;
      return radios(
        q.options.filter((o) => !allowed || (isLevel(o.value) && allowed.includes(o.value))),
        typeof current === "string" ? current : null,
      );
    }
    case "multi": {
      const ticked = Array.isArray(draft) ? draft : Array.isArray(current) ? (current as string[]) : [];
      return q.options
        .map(
          (o) =>
            `<label><input type="checkbox" name="value" value="${esc(o.value)}"${ticked.includes(o.value) ? " checked" : ""}> ${esc(o.label)}</label>`,
        )
        .join("");
    }
    case "long_text": {
      const text = typeof draft === "string" ? draft : typeof current === "string" ? current : "";
      return `<textarea name="value" rows="8" maxlength="${q.maxLength}" aria-label="${esc(w.yourAnswerLabel)}">${esc(text)}</textarea>`;
    }
    case "short_text":
      return `<input type="text" name="value" maxlength="${q.maxLength}" value="${esc(typeof current === "string" ? current : "")}" aria-label="${esc(w.yourAnswerLabel)}">`;
    case "number":
    case "scale":
      return `<input type="number" name="value" min="${q.min}" max="${q.max}" value="${current === undefined ? "" : esc(String(current))}" aria-label="${esc(w.yourAnswerLabel)}">`;
    case "date":
      return `<input type="text" name="value" placeholder="dd/mm/yyyy" aria-label="${esc(w.yourAnswerLabel)}">`;
  }
}

export function reviewQuestionPage(v: ReviewFormView, c: Chrome): string {
  const q = v.def.sections.flatMap((s) => s.questions).find((x) => x.id === v.state.current)!;
  const visible = visibleQuestions(v.def, v.state.answers);
  const n = visible.findIndex((x) => x.id === q.id) + 1;
  const section = sectionOf(v.def, q.id)?.title ?? "";
  return page(
    t.reviewHeader(v.year, section),
    `<p class="hint">${esc(w.questionOf(n, visible.length))}</p>
<article data-question="${esc(q.id)}">${esc(fillFacts(q.text, v.facts))}</article>
${postForm(
  c,
  "/kiem-diem/lam",
  { q: q.id },
  `<fieldset>${input(q, v)}</fieldset><button name="action" value="answer">${esc(w.btnNext)}</button>${
    q.required ? "" : `<button name="action" value="skip" class="quiet" formnovalidate>${esc(t.btnSkip)}</button>`
  }<button name="action" value="back" class="quiet" formnovalidate>${esc(w.btnPrevious)}</button>`,
  'class="stack"',
)}
<p class="hint">${esc(w.reviewSavedHint)}</p>`,
    c,
  );
}

export function reviewSummaryPage(v: ReviewFormView & { complete: boolean }, c: Chrome): string {
  const totals = scoreTotals(v.split, v.state.answers);
  const allowed = allowedLevelsFor(v.split, v.state.answers)
    .map((x) => LEVEL_LABELS[x])
    .join("; ");
  let last = "";
  const rows = visibleQuestions(v.def, v.state.answers)
    .map((q, i) => {
      const section = sectionOf(v.def, q.id)?.title ?? "";
      const head = section !== last ? `<tr><th colspan="3">${esc(section)}</th></tr>` : "";
      last = section;
      return `${head}<tr><td>${i + 1}</td><td>${esc(formatAnswer(q, v.state.answers[q.id]))}</td><td>${postForm(
        c,
        "/kiem-diem/sua",
        { q: q.id },
        `<button class="quiet">${esc(w.btnEdit)}</button>`,
      )}</td></tr>`;
    })
    .join("");
  return page(
    w.reviewSummaryTitle(v.year),
    `<table data-section="summary"><tbody>${rows}</tbody></table>
<p data-section="totals">${esc(t.totals(totals.general, totals.tasks, totals.total))}<br>${esc(t.allowedLevels(allowed))}</p>
${v.complete ? postForm(c, "/kiem-diem/nop", {}, `<button>${esc(w.btnSubmitReview)}</button>`) : `<p>${esc(t.reviewIncomplete)}</p>`}`,
    c,
  );
}

/** A member's own pages: upcoming meetings with their answers, own fee months, own self-review. */
import { formatMonth, type MonthStatus } from "../../domain/fees.ts";
import { formatMoney } from "../../domain/text.ts";
import { formatDateTime } from "../../domain/time.ts";
import { FEE_STATE_WORDS } from "../../texts/fees.ts";
import { answerLabel, KIND_LABELS } from "../../texts/vi.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

export interface HomeView {
  name: string;
  branch: string;
  timeZone: string;
  meetings: {
    id: number;
    kind: string;
    startsAt: Date;
    place: string;
    agenda: string | null;
    answer: string | null;
  }[];
  surveys: { title: string; deadline: Date }[];
  /** Surveys this member created: their results pages. */
  created: { id: number; title: string }[];
}

export function homePage(v: HomeView, c: Chrome): string {
  const meetings = v.meetings.length
    ? v.meetings
        .map(
          (m) => `<article data-meeting="${m.id}">📅 ${esc(KIND_LABELS[m.kind] ?? m.kind)}
🕖 ${esc(formatDateTime(m.startsAt, v.timeZone))}
📍 ${esc(m.place)}${m.agenda ? `\n📝 ${esc(m.agenda)}` : ""}
<span class="answer">${esc(w.yourAnswer(answerLabel(m.answer)))}</span>
${postForm(c, "/rsvp", { meeting: m.id, answer: "yes" }, `<button>${esc(w.btnAttend)}</button>`)}${postForm(
            c,
            "/rsvp",
            { meeting: m.id, answer: "leave" },
            `<input type="text" name="reason" required maxlength="500" placeholder="${esc(w.reasonPlaceholder)}" aria-label="${esc(w.reasonPlaceholder)}"><button>${esc(w.btnLeave)}</button>`,
          )}</article>`,
        )
        .join("\n")
    : `<p class="hint">${esc(w.noUpcoming)}</p>`;
  const surveys = v.surveys.length
    ? `<h2>${esc(w.openSurveys)}</h2><ul>${v.surveys
        .map((s) => `<li>${esc(s.title)} — ${esc(formatDateTime(s.deadline, v.timeZone))}</li>`)
        .join("")}</ul><p class="hint">${esc(w.surveysInChat)}</p>`
    : "";
  const created = v.created.length
    ? `<h2>${esc(w.mySurveys)}</h2><ul>${v.created
        .map((s) => `<li><a href="/khao-sat/${s.id}">${esc(s.title)}</a></li>`)
        .join("")}</ul>`
    : "";
  return page(w.hello(v.name, v.branch), `<h2>${esc(w.upcoming)}</h2>${meetings}${surveys}${created}`, c);
}

export interface OwnFeesView {
  year: number;
  group: string | null;
  months: MonthStatus[];
  owed: number;
  collectors: string[];
}

export function ownFeesPage(v: OwnFeesView, c: Chrome): string {
  const rows = v.months
    .map((m) => {
      const amount = m.state === "paid" ? m.paid : m.due;
      const cls = m.state === "paid" || m.state === "exempt" ? "paid" : m.state === "pending" ? "pending" : "due";
      return `<tr data-month="${m.month}"><td>${esc(formatMonth(m.month))}</td><td>${amount === null ? "—" : esc(formatMoney(amount))}</td><td class="${cls}">${esc(FEE_STATE_WORDS[m.state] ?? m.state)}</td></tr>`;
    })
    .join("\n");
  return page(
    w.ownFeesTitle(v.year),
    `${v.group ? `<p>${esc(w.feeGroup(v.group))}</p>` : ""}
<table><thead><tr><th>${esc(w.colMonth)}</th><th>${esc(w.colAmount)}</th><th>${esc(w.colState)}</th></tr></thead><tbody>${rows || `<tr><td colspan="3">${esc(w.noFeeMonths)}</td></tr>`}</tbody></table>
<p data-section="owed">${esc(v.owed > 0 ? w.owed(formatMoney(v.owed)) : w.nothingOwed)}</p>
<p class="hint">${esc(w.howToPay(v.collectors[0] ?? null))}</p>`,
    c,
  );
}

export interface OwnReviewView {
  /** Still open for answers (before the deadline, not locked). */
  open: boolean;
  year: number | null;
  status: string | null;
  deadline: Date | null;
  timeZone: string;
}

export function ownReviewPage(v: OwnReviewView, c: Chrome): string {
  if (v.year === null) return page(w.ownReviewTitle, `<p class="hint">${esc(w.noReview)}</p>`, c);
  return page(
    `${w.ownReviewTitle} ${v.year}`,
    `<p data-section="status">${esc(w.reviewStatus(v.status ?? "not_started"))}</p>
${v.deadline ? `<p>${esc(w.reviewDeadline(formatDateTime(v.deadline, v.timeZone)))}</p>` : ""}
${v.status !== "submitted" && v.open ? `<p><a href="/kiem-diem/lam">${esc(v.status === "not_started" ? w.startReview : w.continueReview)}</a></p>` : ""}
<p class="hint">${esc(w.reviewInChat)}</p>
<p><a href="/kiem-diem/ban-kiem-diem.docx" download>${esc(w.downloadOwnReview)}</a></p>`,
    c,
  );
}

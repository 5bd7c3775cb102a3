/**
 * The web console's pages, rendered on the server as plain HTML: mobile first,
 * Telegram's theme colours when opened as a Mini App (CSS variables set by
 * /app.js), nothing loaded from another host. Every form carries the session's
 * CSRF token.
 */
import { formatDateTime } from "../domain/time.ts";
import { answerLabel, KIND_LABELS } from "../texts/vi.ts";
import { webTexts as w } from "../texts/web.ts";

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
:root{--bg:var(--tg-theme-bg-color,#fff);--text:var(--tg-theme-text-color,#1b1b1b);
--hint:var(--tg-theme-hint-color,#6b6b6b);--button:var(--tg-theme-button-color,#b3261e);
--button-text:var(--tg-theme-button-text-color,#fff);--card:var(--tg-theme-secondary-bg-color,#f4f1ee)}
body{font-family:system-ui,sans-serif;background:var(--bg);color:var(--text);max-width:40rem;margin:0 auto;padding:1rem;line-height:1.45}
h1{font-size:1.25rem}h2{font-size:1.05rem;margin-top:1.5rem}
article{background:var(--card);border-radius:.6rem;padding:.75rem;margin:.6rem 0;white-space:pre-line}
form{display:inline-flex;gap:.4rem;margin:.3rem .4rem 0 0;flex-wrap:wrap}
button{background:var(--button);color:var(--button-text);border:0;border-radius:.4rem;padding:.5rem .9rem;font-size:1rem}
input[type=text]{padding:.45rem;border:1px solid var(--hint);border-radius:.4rem;font-size:1rem}
.hint{color:var(--hint)}table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}
section{overflow-x:auto}figure{margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}th,td{border-bottom:1px solid var(--card);padding:.3rem;text-align:left}
a{color:var(--button)}.notice{background:var(--card);border-left:4px solid var(--button);padding:.5rem .75rem}`;

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style><script src="/app.js" defer></script></head>
<body>${body}</body></html>`;
}

export function signInPage(notice: string | null): string {
  return layout(
    w.signInTitle,
    `<h1>${esc(w.signInTitle)}</h1>${notice ? `<p class="notice">${esc(notice)}</p>` : ""}<p data-signin>${esc(w.signInBody)}</p>`,
  );
}

/** After a one-time link: the cookie is set; a same-site step to / lets the browser send it (SameSite=Strict). */
export function signedInPage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=/"><title>${esc(w.signedInTitle)}</title></head>
<body><p>${esc(w.signedInBody)} <a href="/">${esc(w.openConsole)}</a></p></body></html>`;
}

export interface HomeView {
  /** Secretary or deputy: the branch dashboard is linked. */
  leader: boolean;
  name: string;
  branch: string;
  csrf: string;
  timeZone: string;
  notice: string | null;
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

export function homePage(v: HomeView): string {
  const csrf = `<input type="hidden" name="csrf" value="${esc(v.csrf)}">`;
  const meetings = v.meetings.length
    ? v.meetings
        .map(
          (m) => `<article data-meeting="${m.id}">📅 ${esc(KIND_LABELS[m.kind] ?? m.kind)}
🕖 ${esc(formatDateTime(m.startsAt, v.timeZone))}
📍 ${esc(m.place)}${m.agenda ? `\n📝 ${esc(m.agenda)}` : ""}
<span class="answer">${esc(w.yourAnswer(answerLabel(m.answer)))}</span>
<form method="post" action="/rsvp">${csrf}<input type="hidden" name="meeting" value="${m.id}">
<input type="hidden" name="answer" value="yes"><button>${esc(w.btnAttend)}</button></form><form method="post" action="/rsvp">${csrf}
<input type="hidden" name="meeting" value="${m.id}"><input type="hidden" name="answer" value="leave">
<input type="text" name="reason" required maxlength="500" placeholder="${esc(w.reasonPlaceholder)}" aria-label="${esc(w.reasonPlaceholder)}"><button>${esc(w.btnLeave)}</button></form></article>`,
        )
        .join("\n")
    : `<p class="hint">${esc(w.noUpcoming)}</p>`;
  const surveys = v.surveys.length
    ? `<h2>${esc(w.openSurveys)}</h2><ul>${v.surveys
        .map((s) => `<li>${esc(s.title)} — ${esc(formatDateTime(s.deadline, v.timeZone))}</li>`)
        .join("")}</ul><p class="hint">${esc(w.surveysInChat)}</p>`
    : "";
  return layout(
    w.appTitle,
    `<h1>${esc(w.hello(v.name, v.branch))}</h1>${v.notice ? `<p class="notice" role="status">${esc(v.notice)}</p>` : ""}
${v.leader ? `<p><a href="/chi-bo">${esc(w.branchDashboard)}</a></p>` : ""}
<h2>${esc(w.upcoming)}</h2>${meetings}${surveys}${
      v.created.length
        ? `<h2>${esc(w.mySurveys)}</h2><ul>${v.created
            .map((s) => `<li><a href="/khao-sat/${s.id}">${esc(s.title)}</a></li>`)
            .join("")}</ul>`
        : ""
    }
<form method="post" action="/signout">${csrf}<button>${esc(w.signOut)}</button></form>`,
  );
}

export function forbiddenPage(): string {
  return layout(w.forbiddenTitle, `<h1>${esc(w.forbiddenTitle)}</h1><p>${esc(w.forbiddenBody)}</p>`);
}

/**
 * The page's one script, served from this server: inside Telegram it applies the theme colours and, with no
 * session yet, sends the init data to /tma and reloads.
 */
export const APP_JS = `(() => {
  const hash = new URLSearchParams(location.hash.slice(1));
  // Telegram gives the colours in the launch URL only: kept for the pages that follow in this tab.
  const theme = hash.get("tgWebAppThemeParams") || sessionStorage.getItem("tgTheme");
  if (hash.get("tgWebAppThemeParams")) sessionStorage.setItem("tgTheme", theme);
  if (theme) {
    try {
      const t = JSON.parse(theme);
      for (const [k, v] of Object.entries(t)) document.documentElement.style.setProperty("--tg-theme-" + k.replace(/_/g, "-"), String(v));
    } catch (e) {}
  }
  const init = hash.get("tgWebAppData");
  if (init && document.querySelector("[data-signin]")) {
    fetch("/tma", { method: "POST", headers: { authorization: "tma " + init }, credentials: "same-origin" })
      .then((r) => { if (r.ok) location.reload(); else document.querySelector("[data-signin]").textContent = ${JSON.stringify(w.signInRefused)}; });
  }
})();`;

/** Any report table (the same tables the XLSX files hold) as HTML. */
export function tableHtml(t: {
  title: string;
  headers: string[];
  rows: (string | number)[][];
  percentColumns?: number[];
}) {
  const cell = (v: string | number, i: number) =>
    `<td>${esc(typeof v === "number" && t.percentColumns?.includes(i) ? `${Math.round(v * 100)}%` : String(v))}</td>`;
  return `<table><caption>${esc(t.title)}</caption><thead><tr>${t.headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>
<tbody>${t.rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("\n")}</tbody></table>`;
}

export interface DashboardView {
  branch: string;
  timeZone: string;
  next: {
    startsAt: Date;
    place: string;
    attending: string[];
    leave: { name: string; reason: string; decision: string }[];
    noAnswer: string[];
    unlinked: string[];
  } | null;
  attendance: Parameters<typeof tableHtml>[0];
  fees: { month: string; collected: string; expected: string } | null;
  review: { year: number; submitted: number; inProgress: number; notStarted: number } | null;
  members: Parameters<typeof tableHtml>[0];
}

export function dashboardPage(v: DashboardView): string {
  const next = v.next
    ? `<article data-section="next">🕖 ${esc(formatDateTime(v.next.startsAt, v.timeZone))} — ${esc(v.next.place)}
${esc(w.group(w.attendingLabel, v.next.attending))}
${esc(
  w.group(
    w.leaveLabel,
    v.next.leave.map((l) => `${l.name} – ${l.reason} (${w.leaveDecision[l.decision] ?? l.decision})`),
  ),
)}
${esc(w.group(w.noAnswerLabel, v.next.noAnswer))}
${esc(w.group(w.unlinkedLabel, v.next.unlinked))}</article>`
    : `<p class="hint">${esc(w.noNextMeeting)}</p>`;
  return layout(
    w.branchDashboard,
    `<p><a href="/">${esc(w.backHome)}</a></p><h1>${esc(w.branchDashboard)}: ${esc(v.branch)}</h1>
<h2>${esc(w.nextMeeting)}</h2>${next}
${v.fees ? `<h2>${esc(w.feesThisMonth(v.fees.month))}</h2><p data-section="fees">${esc(w.feesLine(v.fees.collected, v.fees.expected))}</p>` : ""}
${v.review ? `<h2>${esc(w.review(v.review.year))}</h2><p data-section="review">${esc(w.reviewLine(v.review.submitted, v.review.inProgress, v.review.notStarted))}</p>` : `<p class="hint">${esc(w.noReview)}</p>`}
<section data-section="attendance">${tableHtml(v.attendance)}</section>
<section data-section="members">${tableHtml(v.members)}</section>`,
  );
}

export interface SurveyResultsView {
  title: string;
  report: string;
  questions: { label: string; bars: { label: string; count: number; share: number }[]; note: string | null }[];
}

/** One question's answers as horizontal bars (inline SVG: no script, nothing fetched). */
function barChart(bars: { label: string; count: number; share: number }[]): string {
  const row = 28;
  const width = 320;
  const height = bars.length * row;
  const items = bars
    .map((b, i) => {
      const y = i * row;
      // Room on the right for "12 (100%)".
      const w2 = Math.round(b.share * (width - 140 - 80));
      return `<text x="0" y="${y + 18}" font-size="13">${esc(b.label.slice(0, 22))}</text>
<rect x="140" y="${y + 6}" width="${w2}" height="16" rx="3" style="fill:var(--button)"><title>${esc(b.label)}: ${b.count}</title></rect>
<text x="${146 + w2}" y="${y + 18}" font-size="12">${b.count} (${Math.round(b.share * 100)}%)</text>`;
    })
    .join("");
  return `<svg role="img" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" fill="currentColor">${items}</svg>`;
}

export function surveyResultsPage(v: SurveyResultsView): string {
  const charts = v.questions
    .map(
      (q) =>
        `<figure data-question><figcaption>${esc(q.label)}</figcaption>${q.bars.length ? barChart(q.bars) : ""}${
          q.note ? `<p class="hint">${esc(q.note)}</p>` : ""
        }</figure>`,
    )
    .join("\n");
  return layout(
    v.title,
    `<p><a href="/">${esc(w.backHome)}</a></p><h1>${esc(v.title)}</h1>${charts}<article data-section="report">${esc(v.report)}</article>`,
  );
}

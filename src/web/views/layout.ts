/**
 * The web console's pages, rendered on the server as plain HTML: mobile first,
 * Telegram's theme colours when opened as a Mini App (CSS variables set by
 * /app.js), nothing loaded from another host. Every form carries the session's
 * CSRF token.
 */
import { webTexts as w } from "../../texts/web.ts";
import { developmentWebTexts as dw, scorecardWebTexts as sw } from "../../texts/development.ts";

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const STYLE = `
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
a{color:var(--button)}.notice{background:var(--card);border-left:4px solid var(--button);padding:.5rem .75rem}
.error{border-left-color:#c00}nav{display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.9rem;padding-bottom:.5rem;border-bottom:1px solid var(--card)}
footer{margin-top:2rem}button.quiet{background:transparent;color:var(--hint);border:1px solid var(--hint)}
label{display:block;margin:.4rem 0}input,select,textarea{font:inherit;padding:.4rem;border:1px solid var(--hint);border-radius:.4rem;background:var(--bg);color:var(--text)}
textarea{width:100%;box-sizing:border-box}fieldset{border:1px solid var(--card);border-radius:.5rem;margin:.8rem 0}
td.paid{background:#dff3e4;color:#1b1b1b}td.due{background:#fde2e1;color:#1b1b1b}td.pending{background:#fff3cd;color:#1b1b1b}
li.met::marker{color:#1b7f3b}li.unmet{color:#a4161a}
.stats{display:flex;flex-wrap:wrap;gap:.6rem}.stats div{background:var(--card);border-radius:.5rem;padding:.5rem .8rem}
.qr{display:inline-block;width:45%;min-width:14rem;vertical-align:top;border:1px dashed var(--hint);padding:.6rem;margin:.3rem;page-break-inside:avoid}
.qr svg{width:9rem;height:9rem}@media print{nav,footer,.noprint{display:none}}`;

export interface Chrome {
  role: string;
  csrf: string;
  notice?: string | null;
  /** A refusal or a wrong field: shown in the notice's place, marked as an alert. */
  error?: string | null;
}

/** The hidden field every form carries. */
export const csrfField = (csrf: string) => `<input type="hidden" name="csrf" value="${esc(csrf)}">`;

/** A form posting to this server with the CSRF token and the given hidden fields. */
export function postForm(
  c: { csrf: string },
  action: string,
  hidden: Record<string, string | number>,
  inner: string,
  attrs = "",
): string {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(String(v))}">`)
    .join("");
  return `<form method="post" action="${esc(action)}"${attrs ? ` ${attrs}` : ""}>${csrfField(c.csrf)}${fields}${inner}</form>`;
}

function nav(role: string): string {
  const links: [string, string][] = [
    ["/", w.navHome],
    ["/dang-phi", w.navFees],
  ];
  if (role === "secretary" || role === "deputy")
    links.push(
      ["/chi-bo", w.navBranch],
      ["/chi-bo/sinh-hoat", w.navMeetings],
      ["/chi-bo/danh-sach", w.navRoster],
      ["/chi-bo/kiem-diem", w.navReviews],
      ["/chi-bo/phat-trien", dw.navDevelopment],
      ["/chi-bo/xep-loai", sw.navOwnRating],
    );
  if (role === "collector" || role === "secretary" || role === "deputy")
    links.push(["/chi-bo/thu-dang-phi", w.navCollect]);
  if (role === "committee")
    links.push(
      ["/dang-uy", w.navCommittee],
      ["/dang-uy/phat-trien", dw.navDevelopment],
      ["/dang-uy/phu-trach", dw.navLiaisons],
      ["/dang-uy/4-tot", sw.navScorecard],
      ["/dang-uy/xep-loai", sw.navRatings],
      ["/dang-uy/thiet-lap", dw.navSettings],
    );
  if (role === "committee" || role === "secretary" || role === "deputy") links.push(["/thong-bao", w.navAnnouncements]);
  return `<nav>${links.map(([href, label]) => `<a href="${href}">${esc(label)}</a>`).join("")}</nav>`;
}

/** A signed-in page: navigation by role, the notice after a write, sign-out at the foot. */
export function page(title: string, body: string, c: Chrome, opts: { charts?: boolean } = {}): string {
  const notice = c.error
    ? `<p class="notice error" role="alert">${esc(c.error)}</p>`
    : c.notice
      ? `<p class="notice" role="status">${esc(c.notice)}</p>`
      : "";
  return layout(
    title,
    `${nav(c.role)}<h1>${esc(title)}</h1>${notice}${body}
<footer>${postForm(c, "/signout", {}, `<button class="quiet">${esc(w.signOut)}</button>`)}</footer>`,
    opts,
  );
}

export function layout(title: string, body: string, opts: { charts?: boolean } = {}): string {
  const charts = opts.charts
    ? `<link rel="stylesheet" href="/assets/uPlot.min.css"><script src="/assets/uPlot.iife.min.js" defer></script>`
    : "";
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style>${charts}<script src="/app.js" defer></script></head>
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

export function forbiddenPage(): string {
  return layout(
    w.forbiddenTitle,
    `<h1>${esc(w.forbiddenTitle)}</h1><p>${esc(w.forbiddenBody)}</p><p><a href="/">${esc(w.navHome)}</a></p>`,
  );
}

/** A write refused with its reason (a wrong field, a stale state): the way back is the browser's. */
export function refusedPage(reason: string): string {
  return layout(
    w.refusedTitle,
    `<h1>${esc(w.refusedTitle)}</h1><p role="alert">${esc(reason)}</p><p><a href="/">${esc(w.navHome)}</a></p>`,
  );
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
  // Trend charts (uPlot, served by this server): one small chart per series.
  const trend = document.getElementById("trend");
  const box = document.querySelector(".charts");
  if (trend && box && window.uPlot) {
    const d = JSON.parse(trend.textContent);
    const x = d.labels.map((_, i) => i + 1);
    const colour = getComputedStyle(document.documentElement).getPropertyValue("--button").trim() || "#b3261e";
    const width = Math.min(box.clientWidth || 320, 640);
    for (const s of d.series) {
      const fig = document.createElement("figure");
      fig.setAttribute("data-chart", s.label);
      box.appendChild(fig);
      new window.uPlot({
        title: s.label, width, height: 160, legend: { show: false },
        scales: { x: { time: false } },
        axes: [{ values: (u, ticks) => ticks.map((t) => d.labels[t - 1] || "") }, {}],
        series: [{}, { label: s.label, stroke: colour, width: 2, points: { show: true } }],
      }, [x, s.values], fig);
    }
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

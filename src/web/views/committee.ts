/** The committee's pages: the overview of its branches with trend charts, and one branch read only. */
import type { BranchFigures, CommitteeOverview } from "../../services/committee-overview.ts";
import { formatMoney } from "../../domain/text.ts";
import { formatDateTime, localParts } from "../../domain/time.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, tableHtml, type Chrome } from "./layout.ts";

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
const share = (a: number, b: number) => (b > 0 ? a / b : null);

export function overviewRow(b: BranchFigures): string[] {
  return [
    b.name,
    String(b.members),
    pct(share(b.linked, b.members)),
    String(b.meetingsHeld),
    pct(b.attendance),
    pct(share(b.feeCollected, b.feeExpected)),
    pct(b.goodShare),
  ];
}

/** The committee's report upward: this month's (or December's for a past year) and the year's, in both formats. */
function reportLinks(year: number, now: Date, timeZone: string): string {
  const today = localParts(now, timeZone);
  const month = String(today.year === year ? today.month : 12).padStart(2, "0");
  return [
    [`/dang-uy/bao-cao-${year}-${month}.xlsx`, w.monthReport(month, year, "Excel")],
    [`/dang-uy/bao-cao-${year}-${month}.docx`, w.monthReport(month, year, "Word")],
    [`/dang-uy/bao-cao-${year}.xlsx`, w.yearReport(year, "Excel")],
    [`/dang-uy/bao-cao-${year}.docx`, w.yearReport(year, "Word")],
  ]
    .map(([href, label]) => `<a href="${href}">${esc(label!)}</a>`)
    .join(" · ");
}

export function overviewPage(v: { o: CommitteeOverview; timeZone: string; sort: string }, c: Chrome): string {
  const { o } = v;
  const totals = o.branches.reduce(
    (t, b) => ({
      members: t.members + b.members,
      linked: t.linked + b.linked,
      held: t.held + b.meetingsHeld,
      collected: t.collected + b.feeCollected,
      expected: t.expected + b.feeExpected,
    }),
    { members: 0, linked: 0, held: 0, collected: 0, expected: 0 },
  );
  const rows = o.branches
    .map(
      (b) =>
        `<tr data-branch="${b.branchId}"><td><a href="/dang-uy/chi-bo/${b.branchId}">${esc(b.name)}</a></td>${overviewRow(
          b,
        )
          .slice(1)
          .map((x) => `<td>${esc(x)}</td>`)
          .join("")}</tr>`,
    )
    .join("\n");
  const trend = JSON.stringify({
    labels: o.trend.months.map((m) => m.slice(5)),
    series: [
      { label: w.chartMeetings, values: o.trend.meetingsHeld },
      { label: w.chartAttendance, values: o.trend.attendance.map((x) => (x === null ? null : Math.round(x * 100))) },
      { label: w.chartFees, values: o.trend.feeCollected.map((x) => Math.round(x / 1000)) },
    ],
  }).replace(/</g, "\\u003c");
  return page(
    w.committeeTitle(o.year),
    `<p data-section="reports">${reportLinks(o.year, o.computedAt, v.timeZone)}</p>
<p class="hint">${esc(w.computedAt(formatDateTime(o.computedAt, v.timeZone)))}</p>
<div class="stats" data-section="totals"><div>${esc(w.totalBranches(o.branches.length))}</div><div>${esc(w.totalMembers(totals.members))}</div><div>${esc(w.linkedShare(pct(share(totals.linked, totals.members))))}</div><div>${esc(w.totalHeld(totals.held))}</div><div>${esc(w.feeShare(pct(share(totals.collected, totals.expected)), formatMoney(totals.collected)))}</div></div>
<script type="application/json" id="trend">${trend}</script>
<div class="charts" data-section="charts"></div>
<section><table data-section="overview"><thead><tr>${w.overviewHeaders.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table></section>
<p><a href="/dang-uy/tong-hop-${o.year}.xlsx" download>${esc(w.downloadXlsx)}</a> · <a href="/dang-uy?nam=${o.year - 1}">${o.year - 1}</a></p>`,
    c,
    { charts: true },
  );
}

export function committeeBranchPage(
  v: {
    figures: BranchFigures | null;
    name: string;
    attendance: Parameters<typeof tableHtml>[0];
    upcoming: string[];
    /** The year's held meetings with their quality, each linking to its minutes. */
    quality: { id: number; date: string; verdict: string }[];
  },
  c: Chrome,
): string {
  const f = v.figures;
  return page(
    v.name,
    `<p><a href="/dang-uy">${esc(w.backOverview)}</a></p><p class="hint">${esc(w.readOnly)}</p>
${
  f
    ? `<div class="stats" data-section="figures">${w.overviewHeaders
        .slice(1)
        .map((h, i) => `<div>${esc(h)}: <b>${esc(overviewRow(f)[i + 1]!)}</b></div>`)
        .join("")}</div>`
    : ""
}
<h2>${esc(w.upcoming)}</h2>${v.upcoming.length ? `<ul>${v.upcoming.map((u) => `<li>${esc(u)}</li>`).join("")}</ul>` : `<p class="hint">${esc(w.noUpcoming)}</p>`}
<section data-section="attendance">${tableHtml(v.attendance)}</section>
<h2>${esc(w.qualityTitle)}</h2><ul data-section="meeting-quality">${v.quality
      .map(
        (q) =>
          `<li>${esc(q.date)}: ${esc(q.verdict)} — <a href="/dang-uy/sinh-hoat/${q.id}/bien-ban.docx">${esc(w.minutesDocx)}</a></li>`,
      )
      .join("")}</ul>`,
    c,
  );
}

/** A survey's results for its creator: a bar chart per question (inline SVG) and the report as chat words it. */
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, type Chrome } from "./layout.ts";

export interface SurveyResultsView {
  id: number;
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

export function surveyResultsPage(v: SurveyResultsView, c: Chrome): string {
  const charts = v.questions
    .map(
      (q) =>
        `<figure data-question><figcaption>${esc(q.label)}</figcaption>${q.bars.length ? barChart(q.bars) : ""}${
          q.note ? `<p class="hint">${esc(q.note)}</p>` : ""
        }</figure>`,
    )
    .join("\n");
  return page(
    v.title,
    `${charts}<article data-section="report">${esc(v.report)}</article><p><a href="/khao-sat/${v.id}.xlsx" download>${esc(w.downloadXlsx)}</a></p>`,
    c,
  );
}

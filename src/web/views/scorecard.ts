/**
 * The "chi bộ 4 tốt" pages (criteria set, values, ranking) and the branches'
 * yearly rating (proposals, decisions, quota, the review report).
 */
import { LEVEL_LABELS, LEVELS, type Level } from "../../domain/rating.ts";
import type { Indicator } from "../../domain/scorecard.ts";
import type { ScorecardView } from "../../services/scorecard.ts";
import { GROUP_LABELS, indicatorValueText, SOURCE_LABELS } from "../../texts/development.ts";
import { scorecardWebTexts as s } from "../../texts/development.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

const points = (n: number) => String(Math.round(n * 10) / 10).replace(".", ",");

export function scorecardPage(v: { view: ScorecardView; years: number[] }, c: Chrome): string {
  const { view } = v;
  const ranking = `<table data-section="ranking"><thead><tr>${[
    s.colRank,
    s.colBranch,
    s.colScore,
    ...[1, 2, 3, 4].map((g) => s.groupShort(g)),
  ]
    .map((h) => `<th>${esc(h)}</th>`)
    .join("")}</tr></thead><tbody>${view.rows
    .map(
      (r) =>
        `<tr data-branch="${r.branchId}"><td>${r.rank}</td><td>${esc(r.name)}</td><td>${esc(points(r.score))}</td>${[
          1, 2, 3, 4,
        ]
          .map((g) => `<td>${esc(points(r.card.byGroup[g as 1 | 2 | 3 | 4].points))}</td>`)
          .join("")}</tr>`,
    )
    .join("\n")}</tbody></table>`;
  const manual = view.indicators.filter((i) => i.source === "manual");
  const entry = manual.length
    ? `<h2>${esc(s.valuesTitle)}</h2>${postForm(
        c,
        "/dang-uy/4-tot/gia-tri",
        { year: view.year },
        `<label>${esc(s.fieldIndicator)} <select name="indicator">${manual
          .map((i) => `<option value="${i.id}">${esc(`${i.group}. ${i.label}`)}</option>`)
          .join("")}</select></label>
<label>${esc(s.fieldBranch)} <select name="branch">${view.rows.map((r) => `<option value="${r.branchId}">${esc(r.name)}</option>`).join("")}</select></label>
<label>${esc(s.fieldValue)} <input type="text" name="value" required maxlength="20"></label>
<label>${esc(s.fieldNote)} <input type="text" name="note" maxlength="1000"></label>
<button>${esc(s.btnValue)}</button>`,
        'class="stack"',
      )}`
    : "";
  const detail = `<table data-section="indicators"><thead><tr><th>${esc(s.colIndicator)}</th><th>${esc(s.colTarget)}</th><th>${esc(
    s.colWeight,
  )}</th>${view.rows.map((r) => `<th>${esc(r.name)}</th>`).join("")}<th></th></tr></thead><tbody>${view.indicators
    .map(
      (ind) =>
        `<tr data-indicator="${ind.id}"><td>${esc(`${ind.group}. ${ind.label}`)}<br><span class="hint">${esc(SOURCE_LABELS[ind.source] ?? ind.source)}</span></td><td>${esc(
          ind.kind === "boolean" ? s.yes : indicatorValueText(ind.kind, ind.target),
        )}</td><td>${ind.weight}</td>${view.rows
          .map((r) => {
            const res = r.card.results.find((x) => x.indicator.id === ind.id);
            return `<td class="${res?.met ? "" : "due"}">${esc(indicatorValueText(ind.kind, res?.value ?? null))}</td>`;
          })
          .join(
            "",
          )}<td><details><summary>${esc(s.btnEdit)}</summary>${indicatorForm(c, `/dang-uy/4-tot/tieu-chi/${ind.id}`, ind)}</details>${postForm(
          c,
          `/dang-uy/4-tot/tieu-chi/${ind.id}/bo`,
          {},
          `<button class="quiet">${esc(s.btnRemove)}</button>`,
        )}</td></tr>`,
    )
    .join("\n")}</tbody></table>`;
  const empty = view.indicators.length === 0;
  return page(
    s.title(view.year, view.yearToDate),
    `<p>${v.years
      .map(
        (y) =>
          `<a href="/dang-uy/4-tot?nam=${y}">${y}</a> · <a href="/dang-uy/4-tot?nam=${y}&tu-dau-nam=1">${esc(s.ytdLink(y))}</a>`,
      )
      .join(
        " | ",
      )} · <a href="/dang-uy/4-tot-${view.year}${view.yearToDate ? "-tu-dau-nam" : ""}.xlsx">${esc(s.xlsx)}</a></p>
${
  empty
    ? `<p class="hint">${esc(s.noCriteria)}</p>${postForm(c, "/dang-uy/4-tot/mau", {}, `<button>${esc(s.btnSample)}</button>`)}`
    : `${ranking}${entry}<h2>${esc(s.indicatorsTitle)}</h2>${detail}`
}
<h2>${esc(s.addTitle)}</h2>${indicatorForm(c, "/dang-uy/4-tot/tieu-chi", null)}`,
    c,
  );
}

/** The form that adds an indicator, or edits one (its values filled in). */
function indicatorForm(c: Chrome, action: string, ind: Indicator | null): string {
  const selected = (a: string | number, b: string | number | undefined) => (a === b ? " selected" : "");
  const target = ind
    ? ind.kind === "percent"
      ? `${Math.round(ind.target * 1000) / 10}%`
      : String(ind.target)
    : "100%";
  return postForm(
    c,
    action,
    {},
    `<label>${esc(s.fieldGroup)} <select name="group">${[1, 2, 3, 4]
      .map((g) => `<option value="${g}"${selected(g, ind?.group)}>${esc(`${g}. ${GROUP_LABELS[g]}`)}</option>`)
      .join("")}</select></label>
<label>${esc(s.fieldLabel)} <input type="text" name="label" required maxlength="300" value="${esc(ind?.label ?? "")}"></label>
<label>${esc(s.fieldSource)} <select name="source">${Object.entries(SOURCE_LABELS)
      .map(([k, l]) => `<option value="${k}"${selected(k, ind?.source)}>${esc(l)}</option>`)
      .join("")}</select></label>
<label>${esc(s.fieldKind)} <select name="kind">${(
      [
        ["percent", s.kindPercent],
        ["count", s.kindCount],
        ["boolean", s.kindBoolean],
      ] as const
    )
      .map(([k, l]) => `<option value="${k}"${selected(k, ind?.kind)}>${esc(l)}</option>`)
      .join("")}</select></label>
<label>${esc(s.fieldTarget)} <input type="text" name="target" value="${esc(target.replace(".", ","))}" maxlength="20"></label>
<label>${esc(s.fieldWeight)} <input type="text" name="weight" required maxlength="10" value="${esc(ind ? String(ind.weight) : "")}"></label>
<button>${esc(ind ? s.btnSaveIndicator : s.btnAdd)}</button>`,
    'class="stack"',
  );
}

export interface RatingRowView {
  branchId: number;
  name: string;
  score: number | null;
  highest: Level | null;
  proposed: Level | null;
  decided: Level | null;
}

export function ratingsPage(
  v: {
    year: number;
    rows: RatingRowView[];
    quota: { excellent: number; good: number; max: number; ok: boolean; share: number };
  },
  c: Chrome,
): string {
  const level = (l: Level | null) => (l ? LEVEL_LABELS[l] : "—");
  const rows = v.rows
    .map(
      (r) =>
        `<tr data-branch="${r.branchId}"><td>${esc(r.name)}</td><td>${r.score === null ? "—" : esc(points(r.score))}</td><td>${esc(
          level(r.highest),
        )}</td><td>${esc(level(r.proposed))}</td><td>${esc(level(r.decided))}</td><td>${
          r.proposed
            ? postForm(
                c,
                "/dang-uy/xep-loai",
                { branch: r.branchId, year: v.year },
                `<select name="level" aria-label="${esc(s.fieldLevel)}">${LEVELS.map(
                  (l) =>
                    `<option value="${l}"${l === (r.decided ?? r.proposed) ? " selected" : ""}>${esc(LEVEL_LABELS[l])}</option>`,
                ).join("")}</select> <button>${esc(s.btnDecide)}</button>`,
              )
            : ""
        }</td><td><a href="/dang-uy/xep-loai/${r.branchId}-${v.year}.docx">${esc(s.report)}</a></td></tr>`,
    )
    .join("\n");
  const q = v.quota;
  return page(
    s.ratingTitle(v.year),
    `<p data-section="quota" class="${q.ok ? "" : "notice error"}">${esc(s.quota(q.excellent, q.good, q.max, q.ok, q.share))}</p>
<table data-section="ratings"><thead><tr>${s.ratingHeaders.map((h) => `<th>${esc(h)}</th>`).join("")}<th></th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
    c,
  );
}

export function branchRatingPage(
  v: {
    year: number;
    name: string;
    score: number;
    results: { indicator: Indicator; value: number | null; points: number }[];
    rating: RatingRowView | null;
  },
  c: Chrome,
): string {
  const level = (l: Level | null | undefined) => (l ? LEVEL_LABELS[l] : "—");
  return page(
    s.branchTitle(v.name, v.year),
    `<p data-section="score"><strong>${esc(s.score(points(v.score)))}</strong></p>
<table data-section="results"><tbody>${v.results
      .map(
        (r) =>
          `<tr><td>${esc(`${r.indicator.group}. ${r.indicator.label}`)}</td><td>${esc(indicatorValueText(r.indicator.kind, r.value))}</td><td>${esc(
            `${points(r.points)}/${r.indicator.weight}`,
          )}</td></tr>`,
      )
      .join("")}</tbody></table>
<p data-section="rating">${esc(s.proposedLine(level(v.rating?.proposed)))}<br>${esc(s.decidedLine(level(v.rating?.decided)))}</p>
<h2>${esc(s.proposeTitle)}</h2>${postForm(
      c,
      "/chi-bo/xep-loai",
      { year: v.year },
      `<label><input type="checkbox" name="allTasksDone" value="yes"> ${esc(s.condAllTasks)}</label>
<label><input type="checkbox" name="exceeded30" value="yes"> ${esc(s.condExceeded)}</label>
<label><input type="checkbox" name="lateAtMost20" value="yes"> ${esc(s.condLate)}</label>
<label><input type="checkbox" name="disciplined" value="yes"> ${esc(s.condDisciplined)}</label>
<button>${esc(s.btnPropose)}</button>`,
      'class="stack"',
    )}
<p><a href="/chi-bo/xep-loai/bao-cao-${v.year}.docx">${esc(s.report)}</a></p>`,
    c,
  );
}

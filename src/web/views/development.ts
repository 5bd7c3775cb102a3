/**
 * Pages of Party development (a branch's list, one person, the committee's
 * overview and targets), the committee members in charge, and the committee's
 * settings with its calendar of days off.
 */
import { formatLocalDate } from "../../domain/calendar.ts";
import { COMMITTEE_SETTING_KEYS, type CommitteeSettings } from "../../domain/committee-settings.ts";
import { STEPS, STEP_FIELD, type Step } from "../../domain/party-development.ts";
import type { LiaisonRow } from "../../services/liaisons.ts";
import type { CandidateView, DevelopmentRow } from "../../services/party-development.ts";
import {
  clockLine,
  developmentWebTexts as d,
  SETTING_LABELS,
  STAGE_LABELS,
  STEP_LABELS,
  warningText,
} from "../../texts/development.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

type Person = { id: number; fullName: string; status?: string };

const options = (people: Person[], selected: number | null) =>
  `<option value="">${esc(d.nobody)}</option>${people
    .map((p) => `<option value="${p.id}"${p.id === selected ? " selected" : ""}>${esc(p.fullName)}</option>`)
    .join("")}`;

function candidateFields(people: Person[], v: CandidateView | null): string {
  const c = v?.candidate;
  return `<label>${esc(d.fieldName)} <input type="text" name="fullName" required maxlength="100" value="${esc(c?.fullName ?? "")}"></label>
<label>${esc(d.fieldBorn)} <input type="text" name="birthDate" required inputmode="numeric" placeholder="dd/mm/yyyy" value="${c ? esc(formatLocalDate(c.birthDate)) : ""}"></label>
<label>${esc(d.fieldIntroducer1)} <select name="introducer1">${options(people, c?.introducer1Id ?? null)}</select></label>
<label>${esc(d.fieldIntroducer2)} <select name="introducer2">${options(people, c?.introducer2Id ?? null)}</select></label>
<label>${esc(d.fieldUnion)} <input type="text" name="introducerUnion" maxlength="200" value="${esc(c?.introducerUnion ?? "")}"></label>
<label>${esc(d.fieldHelper)} <select name="helper">${options(people, c?.helperId ?? null)}</select></label>
<label>${esc(d.fieldNote)} <textarea name="note" rows="2" maxlength="1000">${esc(c?.note ?? "")}</textarea></label>`;
}

function clockItems(v: CandidateView, all: boolean): string {
  const clocks = v.clocks.filter((k) => all || k.state !== "done");
  return clocks
    .map(
      (k) => `<li class="${k.state === "done" ? "met" : k.state === "open" ? "" : "unmet"}">${esc(clockLine(k))}</li>`,
    )
    .join("");
}

export function candidateListPage(
  v: { title: string; base: string; rows: CandidateView[]; people: Person[] | null; back?: string },
  c: Chrome,
): string {
  const rows = v.rows
    .map(
      (
        r,
      ) => `<tr data-candidate="${r.candidate.id}"><td><a href="${v.base}/${r.candidate.id}">${esc(r.candidate.fullName)}</a></td>
<td>${esc(formatLocalDate(r.candidate.birthDate))}</td><td>${esc(STAGE_LABELS[r.stage])}</td>
<td><ul>${clockItems(r, false)}</ul></td><td><ul>${r.warnings.map((w) => `<li class="unmet">${esc(warningText(w, r.personNames))}</li>`).join("")}</ul></td></tr>`,
    )
    .join("\n");
  const table = v.rows.length
    ? `<table data-section="candidates"><thead><tr>${[d.colName, d.colBorn, d.colStage, d.colClocks, d.colWarnings]
        .map((h) => `<th>${esc(h)}</th>`)
        .join("")}</tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="hint">${esc(d.empty)}</p>`;
  const add = v.people
    ? `<h2>${esc(d.addTitle)}</h2>${postForm(c, v.base, {}, `${candidateFields(v.people, null)}<button>${esc(d.btnAdd)}</button>`, 'class="stack"')}`
    : "";
  return page(v.title, `${v.back ? `<p><a href="${v.back}">${esc(d.back)}</a></p>` : ""}${table}${add}`, c);
}

export function candidateDetailPage(
  v: { view: CandidateView; base: string; people: Person[]; steps: readonly Step[] },
  c: Chrome,
): string {
  const cand = v.view.candidate;
  const id = cand.id;
  const done = STEPS.filter((s) => cand[STEP_FIELD[s]])
    .map((s) => `<li>${esc(STEP_LABELS[s])}: ${esc(formatLocalDate(cand[STEP_FIELD[s]] ?? ""))}</li>`)
    .join("");
  const names = v.view.names;
  const open = !cand.closedAt && !cand.officialDecisionAt;
  const body = `<p><a href="${v.base}">${esc(d.back)}</a></p>
<article data-section="candidate">${esc(STAGE_LABELS[v.view.stage])}
${esc(d.fieldBorn)}: ${esc(formatLocalDate(cand.birthDate))}
${esc(d.fieldIntroducer1)}: ${esc([names.introducer1, names.introducer2, cand.introducerUnion].filter(Boolean).join(", ") || "—")}
${esc(d.fieldHelper)}: ${esc(names.helper ?? "—")}${cand.closedAt ? `\n${esc(d.closed)} ${esc(formatLocalDate(cand.closedAt))}: ${esc(cand.closedReason ?? "")}` : ""}</article>
<h2>${esc(d.stepsDone)}</h2><ul data-section="steps">${done}</ul>
<h2>${esc(d.colClocks)}</h2><ul data-section="clocks">${clockItems(v.view, true)}</ul>
<ul data-section="warnings">${v.view.warnings.map((w) => `<li class="unmet">${esc(warningText(w, v.view.personNames))}</li>`).join("")}</ul>
${
  open
    ? `<h2>${esc(d.stepTitle)}</h2>${postForm(
        c,
        `${v.base}/${id}/buoc`,
        {},
        `<label>${esc(d.fieldStep)} <select name="step">${v.steps
          .map((s) => `<option value="${s}">${esc(STEP_LABELS[s])}</option>`)
          .join("")}</select></label>
<label>${esc(d.fieldDate)} <input type="text" name="date" required inputmode="numeric" placeholder="dd/mm/yyyy"></label>
<button>${esc(d.btnStep)}</button>`,
        'class="stack"',
      )}
<h2>${esc(d.editTitle)}</h2>${postForm(c, `${v.base}/${id}/sua`, {}, `${candidateFields(v.people, v.view)}<button>${esc(d.btnSave)}</button>`, 'class="stack"')}
<h2>${esc(d.closeTitle)}</h2>${postForm(
        c,
        `${v.base}/${id}/dung`,
        {},
        `<label>${esc(d.fieldReason)} <input type="text" name="reason" required maxlength="500"></label>
<button class="quiet">${esc(d.btnClose)}</button>`,
        'class="stack"',
      )}`
    : ""
}`;
  return page(cand.fullName, body, c);
}

export function developmentOverviewPage(v: { year: number; rows: DevelopmentRow[] }, c: Chrome): string {
  const rows = v.rows
    .map(
      (
        r,
      ) => `<tr data-branch="${r.branchId}"><td><a href="/dang-uy/phat-trien/chi-bo/${r.branchId}">${esc(r.name)}</a></td>
<td>${r.admitted} / ${esc(r.target === null ? d.noTarget : String(r.target))}</td>
<td>${r.byStage.quan_chung + r.byStage.cam_tinh + r.byStage.ho_so}</td><td>${r.byStage.de_nghi + r.byStage.quyet_dinh}</td>
<td>${r.byStage.du_bi}</td><td${r.overdue ? ' class="due"' : ""}>${r.overdue}</td><td>${r.late}</td></tr>`,
    )
    .join("\n");
  const target = postForm(
    c,
    "/dang-uy/phat-trien/chi-tieu",
    { year: v.year },
    `<label>${esc(d.fieldBranch)} <select name="branch">${v.rows
      .map((r) => `<option value="${r.branchId}">${esc(r.name)}</option>`)
      .join("")}</select></label>
<label>${esc(d.fieldTarget)} <input type="number" name="target" min="0" max="1000" required></label>
<button>${esc(d.btnTarget)}</button>`,
    'class="stack"',
  );
  return page(
    d.overviewTitle(v.year),
    `<table data-section="development"><thead><tr>${d.overviewHeaders.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>
<h2>${esc(d.targetTitle)}</h2>${target}`,
    c,
  );
}

export function liaisonPage(
  v: {
    year: number;
    rows: LiaisonRow[];
    branches: { id: number; name: string }[];
    people: { id: number; fullName: string; branch: { name: string } }[];
  },
  c: Chrome,
): string {
  const rows = v.rows
    .map(
      (
        r,
      ) => `<tr data-liaison="${r.memberId}"><td>${esc(r.fullName)}${r.current ? "" : esc(d.ended)}</td><td>${esc(r.branch)}</td>
<td>${r.attended} / ${r.held}</td><td>${r.target}</td><td>${r.dueByNow}</td><td${r.behind ? ' class="due"' : ""}>${esc(r.behind ? d.behind : d.onTrack)}</td>
<td>${r.current ? postForm(c, "/dang-uy/phu-trach/thoi", { branch: r.branchId }, `<button class="quiet">${esc(d.btnEnd)}</button>`) : ""}</td></tr>`,
    )
    .join("\n");
  return page(
    d.liaisonTitle(v.year),
    `<table data-section="liaisons"><thead><tr>${d.liaisonHeaders.map((h) => `<th>${esc(h)}</th>`).join("")}<th></th></tr></thead><tbody>${rows}</tbody></table>
<h2>${esc(d.assignTitle)}</h2>${postForm(
      c,
      "/dang-uy/phu-trach",
      {},
      `<label>${esc(d.fieldBranch)} <select name="branch">${v.branches.map((b) => `<option value="${b.id}">${esc(b.name)}</option>`).join("")}</select></label>
<label>${esc(d.fieldPerson)} <select name="member"><option value="">${esc(d.nobody)}</option>${v.people
        .map((p) => `<option value="${p.id}">${esc(`${p.fullName} — ${p.branch.name}`)}</option>`)
        .join("")}</select></label>
<label>${esc(d.fieldPersonId)} <input type="number" name="memberId" min="1"></label>
<button>${esc(d.btnAssign)}</button>`,
      'class="stack"',
    )}`,
    c,
  );
}

export function settingsPage(
  v: {
    values: CommitteeSettings;
    chosen: Set<string>;
    calendar: {
      year: number;
      days: { date: string; name: string; kind: "off" | "work"; entered: boolean }[];
      hasTet: boolean;
    };
  },
  c: Chrome,
): string {
  const rows = COMMITTEE_SETTING_KEYS.map(
    (key) => `<tr data-setting="${key}"><td><label for="s-${key}">${esc(SETTING_LABELS[key])}</label></td>
<td>${postForm(
      c,
      "/dang-uy/thiet-lap",
      { key },
      `<input id="s-${key}" type="text" name="value" size="6" value="${esc(String(v.values[key]).replace(".", ","))}"> <button>${esc(d.btnSetting)}</button>`,
    )}</td><td>${esc(v.chosen.has(key) ? d.chosen : d.defaultValue)}${
      v.chosen.has(key)
        ? postForm(c, "/dang-uy/thiet-lap", { key, reset: "yes" }, `<button class="quiet">${esc(d.btnReset)}</button>`)
        : ""
    }</td></tr>`,
  ).join("\n");
  const days = v.calendar.days
    .map(
      (
        day,
      ) => `<tr><td>${esc(formatLocalDate(day.date))}</td><td>${esc(day.kind === "off" ? d.dayOff : d.dayWork)}</td><td>${esc(day.name)}</td>
<td>${day.entered ? `${esc(d.entered)} ${postForm(c, "/dang-uy/ngay-nghi/bo", { date: day.date }, `<button class="quiet">${esc(d.btnRemove)}</button>`)}` : ""}</td></tr>`,
    )
    .join("\n");
  return page(
    d.settingsTitle,
    `<p class="hint">${esc(d.settingsHint)}</p>
<table data-section="settings"><tbody>${rows}</tbody></table>
<h2>${esc(d.calendarTitle(v.calendar.year))}</h2>${v.calendar.hasTet ? "" : `<p class="notice error">${esc(d.calendarNoTet(v.calendar.year))}</p>`}
<table data-section="calendar-days"><tbody>${days}</tbody></table>
<h2>${esc(d.calendarAdd)}</h2>${postForm(
      c,
      "/dang-uy/ngay-nghi",
      {},
      `<label>${esc(d.fieldDate)} <input type="text" name="date" required placeholder="dd/mm/yyyy"></label>
<label>${esc(d.fieldDayName)} <input type="text" name="name" required maxlength="100"></label>
<label>${esc(d.fieldDayKind)} <select name="kind"><option value="off">${esc(d.dayOff)}</option><option value="work">${esc(d.dayWork)}</option></select></label>
<button>${esc(d.btnDay)}</button>`,
      'class="stack"',
    )}`,
    c,
  );
}

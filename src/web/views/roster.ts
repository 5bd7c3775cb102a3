/** The roster pages: search and edit, upload with the dry run's differences, the printable invite sheet. */
import type { ImportReport } from "../../services/roster-import.ts";
import { IMPORT_FIELD_LABELS, importValueText } from "../../texts/cli.ts";
import { ROLE_LABELS } from "../../texts/common.ts";
import { headerWarningText, rowErrorText } from "../../texts/roster.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

export interface RosterView {
  query: string;
  members: { id: number; fullName: string; role: string; phone: string | null; linked: boolean }[];
  total: number;
}

export function rosterPage(v: RosterView, c: Chrome): string {
  const rows = v.members
    .map(
      (m) =>
        `<tr data-member="${m.id}"><td><a href="/chi-bo/danh-sach/${m.id}">${esc(m.fullName)}</a></td><td>${esc(ROLE_LABELS[m.role as keyof typeof ROLE_LABELS] ?? m.role)}</td><td>${esc(m.phone ?? "")}</td><td>${esc(m.linked ? w.linked : w.notLinked)}</td></tr>`,
    )
    .join("");
  return page(
    w.rosterTitle,
    `<form method="get" action="/chi-bo/danh-sach" role="search"><input type="search" name="q" value="${esc(v.query)}" aria-label="${esc(w.searchLabel)}" placeholder="${esc(w.searchLabel)}"><button>${esc(w.btnSearch)}</button></form>
<p class="hint">${esc(w.rosterCount(v.members.length, v.total))}</p>
<table data-section="roster"><thead><tr><th>${esc(w.colName)}</th><th>${esc(w.colRole)}</th><th>${esc(w.colPhone)}</th><th>${esc(w.colLinked)}</th></tr></thead><tbody>${rows}</tbody></table>
<h2>${esc(w.uploadTitle)}</h2><p class="hint">${esc(w.uploadHint)}</p>
${postForm(c, "/chi-bo/danh-sach/tai-len", {}, `<input type="file" name="file" accept=".xlsx,.csv" required aria-label="${esc(w.uploadTitle)}"><button>${esc(w.btnCheckFile)}</button>`, 'enctype="multipart/form-data"')}
<h2>${esc(w.invitesTitle)}</h2><p class="hint">${esc(w.invitesHint)}</p>
${postForm(c, "/chi-bo/danh-sach/the-moi", {}, `<button>${esc(w.btnInvites)}</button>`)}`,
    c,
  );
}

export interface MemberEditView {
  id: number;
  fullName: string;
  phone: string | null;
  status: string;
  role: string;
}

export function memberEditPage(v: MemberEditView, c: Chrome): string {
  const opt = (value: string, label: string) =>
    `<option value="${value}"${v.status === value ? " selected" : ""}>${esc(label)}</option>`;
  return page(
    v.fullName,
    `<p><a href="/chi-bo/danh-sach">${esc(w.backRoster)}</a></p><p>${esc(w.roleLine(ROLE_LABELS[v.role as keyof typeof ROLE_LABELS] ?? v.role))}</p>
${postForm(
  c,
  `/chi-bo/danh-sach/${v.id}`,
  {},
  `<label>${esc(w.colName)} <input type="text" name="fullName" required maxlength="120" value="${esc(v.fullName)}"></label>
<label>${esc(w.colPhone)} <input type="text" name="phone" inputmode="tel" maxlength="20" value="${esc(v.phone ?? "")}"></label>
<label>${esc(w.colStatus)} <select name="status">${opt("official", w.official)}${opt("probationary", w.probationary)}</select></label>
<button>${esc(w.btnSave)}</button>`,
  'class="stack"',
)}`,
    c,
  );
}

/** The dry run of an uploaded file: what would be created and changed; the rows travel on to "Áp dụng". */
export function uploadPreviewPage(v: { report: ImportReport; sheet: string; fileName: string }, c: Chrome): string {
  const r = v.report;
  const warnings = r.warnings.map((x) => `<li>${esc(headerWarningText(x))}</li>`).join("");
  if (!r.ok)
    return page(
      w.uploadRefusedTitle,
      `<p role="alert">${esc(w.uploadRefused(v.fileName, r.errors.length))}</p>${warnings ? `<ul>${warnings}</ul>` : ""}
<table data-section="errors"><thead><tr><th>${esc(w.colRow)}</th><th>${esc(w.colProblem)}</th></tr></thead><tbody>${r.errors
        .map((e) => `<tr><td>${e.row}</td><td>${esc(rowErrorText(e))}</td></tr>`)
        .join("")}</tbody></table><p><a href="/chi-bo/danh-sach">${esc(w.backRoster)}</a></p>`,
      c,
    );
  const changes = r.changes
    .flatMap((ch) =>
      ch.fields.map(
        (f) =>
          `<tr><td>${esc(ch.fullName)}</td><td>${esc(IMPORT_FIELD_LABELS[f.field] ?? f.field)}</td><td>${esc(importValueText(f.from))}</td><td>${esc(importValueText(f.to))}</td></tr>`,
      ),
    )
    .join("");
  return page(
    w.uploadPreviewTitle,
    `<p data-section="summary">${esc(w.importSummary(r.created, r.updated, r.unchanged, r.notInFile))}</p>${warnings ? `<ul>${warnings}</ul>` : ""}
${r.createdNames.length ? `<h2>${esc(w.willCreate)}</h2><ul data-section="created">${r.createdNames.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : ""}
${changes ? `<h2>${esc(w.willChange)}</h2><table data-section="changes"><thead><tr><th>${esc(w.colName)}</th><th>${esc(w.colField)}</th><th>${esc(w.colFrom)}</th><th>${esc(w.colTo)}</th></tr></thead><tbody>${changes}</tbody></table>` : ""}
${r.keptNames.map((k) => `<p class="hint">${esc(w.keptName(k.row, k.fileName, k.kept))}</p>`).join("")}
${r.created + r.updated > 0 ? postForm(c, "/chi-bo/danh-sach/ap-dung", { sheet: v.sheet }, `<button>${esc(w.btnApply)}</button>`) : `<p>${esc(w.nothingToApply)}</p>`}
<p><a href="/chi-bo/danh-sach">${esc(w.btnCancel)}</a></p>`,
    c,
  );
}

export function inviteSheetPage(
  v: { invites: { fullName: string; code: string; link: string | null; qr: string | null }[]; validUntil: string },
  c: Chrome,
): string {
  const cards = v.invites
    .map(
      (i) =>
        `<div class="qr" data-invite><b>${esc(i.fullName)}</b><br>${i.qr ?? ""}<br>${esc(w.inviteCode)}: <code>${esc(i.code)}</code>${i.link ? `<br><small>${esc(i.link)}</small>` : ""}<br><small>${esc(w.inviteSteps)}</small></div>`,
    )
    .join("");
  return page(
    w.invitesTitle,
    v.invites.length
      ? `<p class="noprint">${esc(w.invitesValid(v.validUntil))} ${esc(w.printHint)}</p>${cards}`
      : `<p>${esc(w.everyoneLinked)}</p>`,
    c,
  );
}

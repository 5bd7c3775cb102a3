/** Announcements: compose (now or at a time), the list, one announcement's per-recipient status with a nudge. */
import { formatDateTime } from "../../domain/time.ts";
import type { RecipientState } from "../../services/announcements.ts";
import { RECIPIENT_STATE_LABELS } from "../../texts/announcements.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

export interface AnnouncementsView {
  committee: boolean;
  list: { id: number; text: string; createdAt: Date; sendAt: Date | null; status: string }[];
  timeZone: string;
}

export function announcementsPage(v: AnnouncementsView, c: Chrome): string {
  const audience = v.committee
    ? `<label>${esc(w.fieldAudience)} <select name="audience"><option value="own">${esc(w.audienceOwn)}</option><option value="org">${esc(w.audienceOrg)}</option><option value="org_leaders">${esc(w.audienceOrgLeaders)}</option></select></label>`
    : `<label>${esc(w.fieldAudience)} <select name="audience"><option value="own">${esc(w.audienceBranch)}</option><option value="leaders">${esc(w.audienceLeaders)}</option></select></label>`;
  const list = v.list.length
    ? `<ul data-section="list">${v.list
        .map(
          (a) =>
            `<li><a href="/thong-bao/${a.id}">${esc(formatDateTime(a.sendAt ?? a.createdAt, v.timeZone))} — ${esc(a.text.slice(0, 80))}</a>${a.status === "cancelled" ? ` (${esc(w.cancelledMark)})` : ""}</li>`,
        )
        .join("")}</ul>`
    : `<p class="hint">—</p>`;
  return page(
    w.announcementsTitle,
    `<h2>${esc(w.composeTitle)}</h2>${postForm(
      c,
      "/thong-bao",
      {},
      `<label>${esc(w.fieldText)} <textarea name="text" rows="6" required maxlength="3500"></textarea></label>${audience}
<label>${esc(w.fieldSendAt)} <input type="datetime-local" name="sendAt"></label><p class="hint">${esc(w.sendAtHint)}</p>
<button>${esc(w.btnSend)}</button>`,
      'class="stack"',
    )}<h2>${esc(w.sentTitle)}</h2>${list}`,
    c,
  );
}

export interface AnnouncementView {
  id: number;
  text: string;
  status: string;
  sendAt: Date | null;
  timeZone: string;
  counts: Record<RecipientState, number>;
  recipients: { fullName: string; state: RecipientState }[];
}

export function announcementPage(v: AnnouncementView, c: Chrome): string {
  const order: RecipientState[] = ["acknowledged", "sent", "queued", "failed", "unreachable", "cancelled"];
  const stats = order
    .filter((s) => v.counts[s] > 0)
    .map((s) => `<div data-state="${s}">${esc(RECIPIENT_STATE_LABELS[s])}: <b>${v.counts[s]}</b></div>`)
    .join("");
  const live = v.status !== "cancelled";
  return page(
    w.announcementTitle,
    `<p><a href="/thong-bao">${esc(w.backAnnouncements)}</a></p>
<article>${esc(v.text)}</article>${v.sendAt ? `<p>${esc(w.scheduledFor(formatDateTime(v.sendAt, v.timeZone)))}</p>` : ""}
<div class="stats" data-section="counts">${stats}</div>
<table data-section="recipients"><thead><tr><th>${esc(w.colName)}</th><th>${esc(w.colState)}</th></tr></thead><tbody>${v.recipients
      .map(
        (r) =>
          `<tr><td>${esc(r.fullName)}</td><td data-state="${r.state}">${esc(RECIPIENT_STATE_LABELS[r.state])}</td></tr>`,
      )
      .join("")}</tbody></table>
${live && v.counts.sent > 0 ? postForm(c, `/thong-bao/${v.id}/nhac`, {}, `<button>${esc(w.btnNudge(v.counts.sent))}</button>`) : ""}
${live && v.counts.queued > 0 ? postForm(c, `/thong-bao/${v.id}/dung`, {}, `<button class="quiet">${esc(w.btnStop)}</button>`) : ""}
<p class="hint">${esc(w.refreshHint)}</p><p><a href="/thong-bao/${v.id}.xlsx" download>${esc(w.downloadXlsx)}</a></p>`,
    c,
  );
}

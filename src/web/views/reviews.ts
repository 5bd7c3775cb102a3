/** The self-review campaign for the secretary: who started and submitted, the levels decided with the quota. */
import { LEVEL_LABELS, LEVELS } from "../../domain/rating.ts";
import { formatDateTime } from "../../domain/time.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

export interface CampaignView {
  campaign: { year: number; deadline: Date; status: string; quotaShare: number } | null;
  timeZone: string;
  rows: {
    memberId: number;
    fullName: string;
    status: string;
    reviewId: number | null;
    proposed: string | null;
    final: string | null;
  }[];
  quota: { max: number; used: number; ok: boolean };
  goodShare: number;
}

export function campaignPage(v: CampaignView, c: Chrome): string {
  if (!v.campaign) return page(w.reviewsTitle, `<p class="hint">${esc(w.noReview)}</p>`, c);
  const rows = v.rows
    .map((r) => {
      const decide =
        r.reviewId !== null
          ? postForm(
              c,
              "/chi-bo/kiem-diem/xep-loai",
              { review: r.reviewId },
              `<select name="level" aria-label="${esc(w.finalLevelOf(r.fullName))}">${LEVELS.map(
                (l) =>
                  `<option value="${l}"${(r.final ?? r.proposed) === l ? " selected" : ""}>${esc(LEVEL_LABELS[l])}</option>`,
              ).join("")}</select><button>${esc(w.btnDecide)}</button>`,
            )
          : "";
      return `<tr data-member="${r.memberId}"><td>${esc(r.fullName)}</td><td>${esc(w.reviewStatus(r.status))}</td><td>${esc(
        r.proposed ? LEVEL_LABELS[r.proposed as keyof typeof LEVEL_LABELS] : "",
      )}</td><td data-final>${esc(r.final ? LEVEL_LABELS[r.final as keyof typeof LEVEL_LABELS] : "")}</td><td>${decide}</td><td><a href="/chi-bo/kiem-diem/ban-${r.memberId}.docx" download>DOCX</a></td></tr>`;
    })
    .join("\n");
  return page(
    w.review(v.campaign.year),
    `<p>${esc(w.reviewDeadline(formatDateTime(v.campaign.deadline, v.timeZone)))}</p>
<div class="stats" data-section="quota"><div${v.quota.ok ? "" : ' class="due"'}>${esc(w.quotaLine(v.quota.used, v.quota.max, Math.round(v.campaign.quotaShare * 100)))}</div><div>${esc(w.goodShareLine(Math.round(v.goodShare * 100)))}</div></div>
<section><table data-section="reviews"><thead><tr><th>${esc(w.colName)}</th><th>${esc(w.colState)}</th><th>${esc(w.colProposed)}</th><th>${esc(w.colFinal)}</th><th></th><th></th></tr></thead><tbody>${rows}</tbody></table></section>
<p><a href="/chi-bo/kiem-diem/tat-ca-${v.campaign.year}.zip" download>${esc(w.downloadZip)}</a> · <a href="/chi-bo/kiem-diem/tong-hop-${v.campaign.year}.xlsx" download>${esc(w.downloadXlsx)}</a></p>`,
    c,
  );
}

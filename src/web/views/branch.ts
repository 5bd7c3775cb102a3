/** The branch dashboard (secretary and deputy; the committee reads any branch of its organisation). */
import { formatDateTime } from "../../domain/time.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, tableHtml, type Chrome } from "./layout.ts";

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
  year: number;
  /** The committee reading another branch: no links to the secretary's pages. */
  readOnly: boolean;
}

export function dashboardPage(v: DashboardView, c: Chrome): string {
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
  return page(
    `${w.branchDashboard}: ${v.branch}`,
    `${v.readOnly ? `<p class="hint">${esc(w.readOnly)}</p>` : ""}
<h2>${esc(w.nextMeeting)}</h2>${next}
${v.fees ? `<h2>${esc(w.feesThisMonth(v.fees.month))}</h2><p data-section="fees">${esc(w.feesLine(v.fees.collected, v.fees.expected))}</p>` : ""}
${v.review ? `<h2>${esc(w.review(v.review.year))}</h2><p data-section="review">${esc(w.reviewLine(v.review.submitted, v.review.inProgress, v.review.notStarted))}</p>` : `<p class="hint">${esc(w.noReview)}</p>`}
<section data-section="attendance">${tableHtml(v.attendance)}</section>
<section data-section="members">${tableHtml(v.members)}</section>
${v.readOnly ? "" : `<p><a href="/chi-bo/bao-cao-${v.year}.xlsx" download>${esc(w.downloadXlsx)}</a></p>`}`,
    c,
  );
}

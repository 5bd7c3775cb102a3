/** The secretary's meeting pages: list and calendar, a new meeting, one meeting (answers, leave, attendance). */
import { formatDateTime, localParts } from "../../domain/time.ts";
import { KIND_LABELS } from "../../texts/vi.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

interface MeetingRow {
  id: number;
  kind: string;
  startsAt: Date;
  place: string;
  status: string;
}

function calendar(meetings: MeetingRow[], year: number, month: number, tz: string): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (first + 6) % 7; // weeks start on Monday
  const byDay = new Map<number, MeetingRow[]>();
  for (const m of meetings) {
    const p = localParts(m.startsAt, tz);
    if (p.year === year && p.month === month) byDay.set(p.day, [...(byDay.get(p.day) ?? []), m]);
  }
  const cells: string[] = Array.from({ length: offset }, () => "<td></td>");
  for (let d = 1; d <= days; d++) {
    const items = (byDay.get(d) ?? [])
      .map((m) => `<br><a href="/chi-bo/sinh-hoat/${m.id}">${m.status === "cancelled" ? "✖" : "📅"}</a>`)
      .join("");
    cells.push(`<td${items ? ' class="pending"' : ""}>${d}${items}</td>`);
  }
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join("")}</tr>`);
  return `<table data-section="calendar"><caption>${esc(w.calendarTitle(month, year))}</caption><thead><tr>${w.weekdays
    .map((d) => `<th>${d}</th>`)
    .join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

export function meetingsPage(
  v: { upcoming: MeetingRow[]; recent: MeetingRow[]; timeZone: string; now: Date; defaultStart: string },
  c: Chrome,
): string {
  const item = (m: MeetingRow) =>
    `<li><a href="/chi-bo/sinh-hoat/${m.id}">${esc(formatDateTime(m.startsAt, v.timeZone))} — ${esc(KIND_LABELS[m.kind] ?? m.kind)} — ${esc(m.place)}</a>${m.status === "cancelled" ? ` (${esc(w.cancelledMark)})` : ""}</li>`;
  const now = localParts(v.now, v.timeZone);
  const next = now.month === 12 ? { year: now.year + 1, month: 1 } : { year: now.year, month: now.month + 1 };
  const all = [...v.upcoming, ...v.recent];
  return page(
    w.meetingsTitle,
    `<h2>${esc(w.upcoming)}</h2>${v.upcoming.length ? `<ul data-section="upcoming">${v.upcoming.map(item).join("")}</ul>` : `<p class="hint">${esc(w.noUpcoming)}</p>`}
${calendar(all, now.year, now.month, v.timeZone)}${calendar(all, next.year, next.month, v.timeZone)}
<h2>${esc(w.newMeeting)}</h2>
${postForm(
  c,
  "/chi-bo/sinh-hoat",
  {},
  `<label>${esc(w.fieldKind)} <select name="kind"><option value="regular">${esc(KIND_LABELS.regular!)}</option><option value="thematic">${esc(KIND_LABELS.thematic!)}</option></select></label>
<label>${esc(w.fieldStartsAt)} <input type="datetime-local" name="startsAt" required value="${esc(v.defaultStart)}"></label>
<label>${esc(w.fieldPlace)} <input type="text" name="place" required maxlength="200"></label>
<label>${esc(w.fieldAgenda)} <textarea name="agenda" rows="3" maxlength="1500"></textarea></label>
<button>${esc(w.btnCreateMeeting)}</button>`,
  'class="stack"',
)}
<h2>${esc(w.recentMeetings)}</h2>${v.recent.length ? `<ul data-section="recent">${v.recent.map(item).join("")}</ul>` : `<p class="hint">—</p>`}`,
    c,
  );
}

export interface MeetingView {
  meeting: MeetingRow & { agenda: string | null };
  timeZone: string;
  startsAtInput: string;
  started: boolean;
  groups: { attending: string[]; noAnswer: string[]; unlinked: string[] };
  leave: { responseId: number | null; name: string; reason: string; decision: string }[];
  /** The attendance grid, once the meeting has begun. */
  grid: { memberId: number; fullName: string; present: boolean; note: string }[] | null;
  recorded: boolean;
  /** The committee member(s) in charge of the branch, invited as guests. */
  guests: { memberId: number; fullName: string; present: boolean; note: string }[];
  /** The record (biên bản) and its quality, once the meeting has begun. */
  record: {
    start: string;
    end: string;
    chairName: string;
    minutesBy: string;
    delegate: string;
    speakers: string[];
    content: string;
    resolution: string;
    prepared: boolean;
    verdict: string;
    criteria: { ok: boolean; line: string }[];
  } | null;
}

function recordSection(v: MeetingView, c: Chrome): string {
  const r = v.record;
  if (!r) return "";
  const id = v.meeting.id;
  return `<h2>${esc(w.recordTitle)}</h2>
<section data-section="quality"><p><strong>${esc(r.verdict)}</strong></p><ul>${r.criteria
    .map((k) => `<li class="${k.ok ? "met" : "unmet"}">${esc(k.line)}</li>`)
    .join("")}</ul><p><a href="/chi-bo/sinh-hoat/${id}/bien-ban.docx">${esc(w.minutesDocx)}</a></p></section>
${postForm(
  c,
  `/chi-bo/sinh-hoat/${id}/bien-ban`,
  {},
  `<label>${esc(w.fieldStartedAt)} <input type="time" name="start" required value="${esc(r.start)}"></label>
<label>${esc(w.fieldEndedAt)} <input type="time" name="end" required value="${esc(r.end)}"></label>
<label>${esc(w.fieldChair)} <input type="text" name="chairName" required maxlength="100" value="${esc(r.chairName)}"></label>
<label>${esc(w.fieldMinutesBy)} <input type="text" name="minutesBy" required maxlength="100" value="${esc(r.minutesBy)}"></label>
<label>${esc(w.fieldDelegate)} <input type="text" name="delegate" maxlength="200" value="${esc(r.delegate)}"></label>
<label>${esc(w.fieldSpeakers)} <textarea name="speakers" rows="3">${esc(r.speakers.join("\n"))}</textarea></label>
<label>${esc(w.fieldContent)} <textarea name="content" rows="6" maxlength="20000">${esc(r.content)}</textarea></label>
<label>${esc(w.fieldResolution)} <textarea name="resolution" rows="4" maxlength="20000">${esc(r.resolution)}</textarea></label>
<label><input type="checkbox" name="prepared" value="yes"${r.prepared ? " checked" : ""}> ${esc(w.fieldPrepared)}</label>
<button>${esc(w.btnSaveRecord)}</button>`,
  'class="stack" data-section="record"',
)}`;
}

export function meetingPage(v: MeetingView, c: Chrome): string {
  const m = v.meeting;
  const cancelled = m.status === "cancelled";
  const leave = v.leave.length
    ? `<table data-section="leave"><caption>${esc(w.leaveLabel)}</caption><tbody>${v.leave
        .map(
          (l) =>
            `<tr><td>${esc(l.name)}</td><td>${esc(l.reason)}</td><td>${esc(w.leaveDecision[l.decision] ?? l.decision)}</td><td>${
              l.responseId !== null && l.decision === "requested"
                ? postForm(
                    c,
                    `/chi-bo/sinh-hoat/${m.id}/nghi-phep`,
                    { response: l.responseId, accept: "yes" },
                    `<button>${esc(w.btnAccept)}</button>`,
                  ) +
                  postForm(
                    c,
                    `/chi-bo/sinh-hoat/${m.id}/nghi-phep`,
                    { response: l.responseId, accept: "no" },
                    `<button class="quiet">${esc(w.btnRefuse)}</button>`,
                  )
                : ""
            }</td></tr>`,
        )
        .join("")}</tbody></table>`
    : "";
  const grid = v.grid
    ? `<h2>${esc(w.attendanceGrid)}</h2>${v.recorded ? `<p class="hint">${esc(w.attendanceRecorded)}</p>` : ""}
${postForm(
  c,
  `/chi-bo/sinh-hoat/${m.id}/diem-danh`,
  {},
  `<table data-section="grid"><thead><tr><th>${esc(w.colName)}</th><th>${esc(w.colPresent)}</th><th>${esc(w.colNote)}</th></tr></thead><tbody>${v.grid
    .map(
      (r) =>
        `<tr><td><label for="p${r.memberId}">${esc(r.fullName)}</label></td><td><input type="checkbox" id="p${r.memberId}" name="present" value="${r.memberId}"${r.present ? " checked" : ""}></td><td class="hint">${esc(r.note)}</td></tr>`,
    )
    .join("")}${v.guests
    .map(
      (g) =>
        `<tr data-guest><td><label for="g${g.memberId}">${esc(w.guestName(g.fullName))}</label></td><td><input type="checkbox" id="g${g.memberId}" name="guest" value="${g.memberId}"${g.present ? " checked" : ""}></td><td class="hint">${esc(g.note)}</td></tr>`,
    )
    .join("")}</tbody></table><button>${esc(w.btnSaveAttendance)}</button>`,
  'class="stack"',
)}`
    : "";
  const change =
    !cancelled && !v.started
      ? `<h2>${esc(w.moveMeeting)}</h2>${postForm(
          c,
          `/chi-bo/sinh-hoat/${m.id}/doi`,
          {},
          `<label>${esc(w.fieldStartsAt)} <input type="datetime-local" name="startsAt" required value="${esc(v.startsAtInput)}"></label>
<label>${esc(w.fieldPlace)} <input type="text" name="place" required maxlength="200" value="${esc(m.place)}"></label>
<label>${esc(w.fieldAgenda)} <textarea name="agenda" rows="3" maxlength="1500">${esc(m.agenda ?? "")}</textarea></label>
<button>${esc(w.btnMove)}</button>`,
          'class="stack"',
        )}
${postForm(c, `/chi-bo/sinh-hoat/${m.id}/huy`, {}, `<button class="quiet">${esc(w.btnCancelMeeting)}</button>`)}`
      : "";
  return page(
    `${KIND_LABELS[m.kind] ?? m.kind} — ${formatDateTime(m.startsAt, v.timeZone)}`,
    `<p><a href="/chi-bo/sinh-hoat">${esc(w.backMeetings)}</a></p>
<article data-section="meeting">📍 ${esc(m.place)}${m.agenda ? `\n📝 ${esc(m.agenda)}` : ""}${cancelled ? `\n${esc(w.cancelledMark)}` : ""}
${esc(w.group(w.attendingLabel, v.groups.attending))}
${esc(w.group(w.noAnswerLabel, v.groups.noAnswer))}
${esc(w.group(w.unlinkedLabel, v.groups.unlinked))}</article>
${leave}${grid}${recordSection(v, c)}${change}`,
    c,
  );
}

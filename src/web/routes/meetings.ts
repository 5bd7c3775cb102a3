/** Meetings for the secretary and deputy: list and calendar, create, move, cancel, leave decisions, attendance. */
import { addDays } from "date-fns";
import { MEETING_KINDS, type MeetingKind } from "../../services/meetings.ts";
import { fromLocal, localParts, parseClock } from "../../domain/time.ts";
import { criterionLine, qualityVerdict } from "../../texts/meetings.ts";
import { t } from "../../texts/vi.ts";
import { webTexts as w } from "../../texts/web.ts";
import { backWith, chrome, DOCX, idOf, type Ctx, type Route } from "../router.ts";
import { meetingPage, meetingsPage } from "../views/meetings.ts";
import { FieldError, localDateTime, text, toLocalInput } from "./forms.ts";

const back = (c: Ctx, id: number, notice: string) => backWith(c, `/chi-bo/sinh-hoat/${id}`, notice);

async function list(c: Ctx) {
  const { services, v } = c;
  const now = services.now();
  const branchId = v.member.branchId;
  const [upcoming, recent] = await Promise.all([
    services.upcomingMeetings(branchId, now, 20),
    services.recentMeetings(v.actor, branchId, 24),
  ]);
  return {
    html: meetingsPage(
      {
        upcoming,
        recent: recent.filter((m) => m.startsAt <= now || m.status === "cancelled"),
        timeZone: c.timeZone,
        now,
        defaultStart: toLocalInput(addDays(now, 7), c.timeZone).slice(0, 11) + "19:30",
      },
      chrome(c),
    ),
  };
}

async function create(c: Ctx) {
  const kind = c.form.get("kind") ?? "";
  if (!MEETING_KINDS.includes(kind as MeetingKind)) throw new FieldError(w.badRequest);
  const { meeting, notified } = await c.services.scheduleMeeting(c.v.actor, {
    branchId: c.v.member.branchId,
    kind: kind as MeetingKind,
    startsAt: localDateTime(c.form.get("startsAt"), c.timeZone),
    place: text(c.form, "place"),
    agenda: text(c.form, "agenda"),
  });
  return back(c, meeting.id, w.meetingCreated(notified));
}

async function show(c: Ctx) {
  const { services, v } = c;
  const id = idOf(c.params[0]);
  const status = await services.meetingStatus(v.actor, id);
  const meeting = await services.getMeetingForLeader(v.actor, id, "meeting.view");
  const now = services.now();
  const started = meeting.startsAt <= now;
  const pending = await services.pendingLeaveRequests(v.actor, id);
  const roster = started && meeting.status !== "cancelled" ? await services.attendanceRoster(v.actor, id) : null;
  const rec = roster ? await services.meetingRecord(v.actor, id) : null;
  const guests = await services.guestsOfMeeting(v.actor, id);
  const hhmm = (d: Date | null) => (d ? toLocalInput(d, c.timeZone).slice(11) : "");
  return {
    html: meetingPage(
      {
        meeting,
        timeZone: c.timeZone,
        startsAtInput: toLocalInput(meeting.startsAt, c.timeZone),
        started,
        groups: status,
        leave: [
          ...pending.map((p) => ({
            responseId: p.responseId,
            name: p.fullName,
            reason: p.reason,
            decision: "requested",
          })),
          ...status.leave.filter((l) => l.decision !== "requested").map((l) => ({ ...l, responseId: null })),
        ],
        recorded: roster?.rows.some((r) => r.attendance !== null) ?? false,
        grid:
          roster?.rows.map((r) => ({
            memberId: r.memberId,
            fullName: r.fullName,
            // What is known first: recorded attendance, else present unless excused in advance (as chat starts it).
            present: r.attendance
              ? r.attendance === "present"
              : r.answer !== "leave_accepted" && r.answer !== "leave_requested",
            note: r.answer?.startsWith("leave_") ? (r.reason ?? "") : "",
          })) ?? null,
        guests: guests.map((g) => ({
          memberId: g.memberId,
          fullName: g.fullName,
          present: g.attendance ? g.attendance === "present" : g.answer === "attending",
          note: g.answer === "leave_requested" ? (g.reason ?? "") : "",
        })),
        record: rec && {
          start: hhmm(rec.meeting.startedAt ?? rec.meeting.startsAt),
          end: hhmm(rec.meeting.endedAt),
          chairName: rec.meeting.chairName ?? "",
          minutesBy: rec.meeting.minutesBy ?? "",
          delegate: rec.meeting.delegate ?? "",
          speakers: rec.speakers,
          content: rec.meeting.content,
          resolution: rec.meeting.resolution,
          prepared: rec.meeting.prepared,
          verdict: qualityVerdict(rec.quality),
          criteria: rec.quality.criteria.map((k) => ({ ok: k.ok, line: criterionLine(k) })),
        },
      },
      chrome(c),
    ),
  };
}

async function move(c: Ctx) {
  const id = idOf(c.params[0]);
  const r = await c.services.rescheduleMeeting(c.v.actor, id, {
    startsAt: localDateTime(c.form.get("startsAt"), c.timeZone),
    place: text(c.form, "place"),
    agenda: text(c.form, "agenda"),
  });
  return back(c, id, w.meetingMoved(r.notified));
}

async function cancel(c: Ctx) {
  const id = idOf(c.params[0]);
  const r = await c.services.callOffMeeting(c.v.actor, id);
  return back(c, id, w.meetingCancelled(r.notified));
}

async function decideLeave(c: Ctx) {
  const id = idOf(c.params[0]);
  const responseId = idOf(c.form.get("response"));
  // The request must belong to this meeting, of the visitor's branch (the service checks the branch too).
  const pending = await c.services.pendingLeaveRequests(c.v.actor, id);
  if (!pending.some((p) => p.responseId === responseId)) return back(c, id, t.staleNotExpected);
  const r = await c.services.decideLeaveRequest(c.v.actor, { responseId, accept: c.form.get("accept") === "yes" });
  return back(
    c,
    id,
    r.type === "stale" ? t.staleNotExpected : w.leaveDecided(r.memberName ?? "", c.form.get("accept") === "yes"),
  );
}

async function attendance(c: Ctx) {
  const id = idOf(c.params[0]);
  const { rows } = await c.services.attendanceRoster(c.v.actor, id);
  const present = new Set(c.form.getAll("present").map((p) => idOf(p)));
  const absent = rows.filter((r) => !present.has(r.memberId)).map((r) => r.memberId);
  const r = await c.services.recordAttendance(c.v.actor, id, absent, c.services.settings.attendanceThreshold);
  await c.services.recordGuestAttendance(
    c.v.actor,
    id,
    c.form.getAll("guest").map((g) => idOf(g)),
  );
  return back(c, id, w.attendanceSaved(r.summary.present, r.summary.expected));
}

/** "19:30" on the meeting's own day. */
function onDay(day: Date, value: string | null, tz: string): Date {
  const clock = parseClock(value ?? "");
  if (!clock) throw new FieldError(w.badTime);
  const p = localParts(day, tz);
  return fromLocal({ year: p.year, month: p.month, day: p.day, ...clock }, tz);
}

async function saveRecord(c: Ctx) {
  const id = idOf(c.params[0]);
  const { meeting } = await c.services.meetingRecord(c.v.actor, id);
  await c.services.saveMeetingRecord(c.v.actor, id, {
    startedAt: onDay(meeting.startsAt, c.form.get("start"), c.timeZone),
    endedAt: onDay(meeting.startsAt, c.form.get("end"), c.timeZone),
    chairName: text(c.form, "chairName"),
    minutesBy: text(c.form, "minutesBy"),
    delegate: text(c.form, "delegate"),
    speakers: text(c.form, "speakers").split(/\r?\n/),
    content: text(c.form, "content"),
    resolution: text(c.form, "resolution"),
    prepared: c.form.get("prepared") === "yes",
  });
  const { quality } = await c.services.meetingRecord(c.v.actor, id);
  return back(c, id, w.recordSaved(qualityVerdict(quality)));
}

async function minutesFile(c: Ctx) {
  const { filename, buffer } = await c.services.meetingMinutes(c.v.actor, idOf(c.params[0]));
  return {
    file: { name: filename, type: DOCX, body: buffer },
  };
}

const M = /^\/chi-bo\/sinh-hoat\/([1-9]\d{0,9})/;
const under = (suffix: string) => new RegExp(`${M.source}${suffix}$`);

export const meetingRoutes: Route[] = [
  { method: "GET", path: /^\/chi-bo\/sinh-hoat$/, access: "leader", handle: list },
  { method: "POST", path: /^\/chi-bo\/sinh-hoat$/, access: "leader", handle: create },
  { method: "GET", path: under(""), access: "leader", handle: show },
  { method: "POST", path: under("/doi"), access: "leader", handle: move },
  { method: "POST", path: under("/huy"), access: "leader", handle: cancel },
  { method: "POST", path: under("/nghi-phep"), access: "leader", handle: decideLeave },
  { method: "POST", path: under("/diem-danh"), access: "leader", handle: attendance },
  { method: "POST", path: under("/bien-ban"), access: "leader", handle: saveRecord },
  { method: "GET", path: under("/bien-ban\\.docx"), access: "leader", handle: minutesFile },
];

/** The committee staff's console: every branch of the organisation at a glance, one branch read only, XLSX. */
import { localParts, formatDateTime } from "../../domain/time.ts";
import { tablesToXlsx } from "../../services/reports.ts";
import { KIND_LABELS } from "../../texts/vi.ts";
import { qualityVerdict } from "../../texts/meetings.ts";
import { webTexts as w } from "../../texts/web.ts";
import { chrome, DOCX, idOf, XLSX, type Ctx, type Route } from "../router.ts";
import { committeeBranchPage, overviewPage } from "../views/committee.ts";

function yearOf(c: Ctx, raw: string | null): number {
  const now = localParts(c.services.now(), c.timeZone).year;
  const y = Number(raw);
  return Number.isInteger(y) && y >= 2000 && y <= now ? y : now;
}

async function overview(c: Ctx) {
  const o = await c.services.committeeOverview(c.v.actor, yearOf(c, c.url.searchParams.get("nam")));
  return { html: overviewPage({ o, timeZone: c.timeZone, sort: "name" }, chrome(c)) };
}

async function workbook(c: Ctx) {
  const o = await c.services.committeeOverview(c.v.actor, yearOf(c, c.params[0] ?? null));
  const body = await tablesToXlsx([
    {
      title: w.committeeTitle(o.year),
      headers: w.overviewXlsxHeaders,
      rows: o.branches.map((b) => [
        b.code,
        b.name,
        b.members,
        b.linked,
        b.members > 0 ? b.linked / b.members : "",
        b.meetingsHeld,
        b.attendance ?? "",
        b.feeCollected,
        b.feeExpected,
        b.feeExpected > 0 ? b.feeCollected / b.feeExpected : "",
        b.rated,
        b.goodShare ?? "",
      ]),
      percentColumns: [4, 6, 9, 11],
    },
  ]);
  return { file: { name: w.overviewFile(o.year), type: XLSX, body } };
}

async function branch(c: Ctx) {
  const branchId = idOf(c.params[0]);
  const b = await c.services.committeeBranch(c.v.actor, branchId);
  const year = localParts(c.services.now(), c.timeZone).year;
  const [o, attendance, upcoming, quality] = await Promise.all([
    c.services.committeeOverview(c.v.actor, year),
    c.services.attendanceYear(c.v.actor, branchId, year, c.services.settings.attendanceThreshold, c.timeZone),
    c.services.upcomingMeetings(branchId, c.services.now(), 5),
    c.services.branchMeetingQuality(c.v.actor, branchId, year),
  ]);
  return {
    html: committeeBranchPage(
      {
        name: b.name,
        figures: o.branches.find((x) => x.branchId === branchId) ?? null,
        attendance: attendance.meetings,
        upcoming: upcoming.map(
          (m) => `${formatDateTime(m.startsAt, c.timeZone)} — ${KIND_LABELS[m.kind] ?? m.kind} — ${m.place}`,
        ),
        quality: quality.map((q) => ({
          id: q.meeting.id,
          date: formatDateTime(q.meeting.startsAt, c.timeZone),
          verdict: qualityVerdict(q.quality),
        })),
      },
      chrome(c),
    ),
  };
}

/** The minutes of any meeting of the organisation's branches (the service checks the branch). */
async function minutes(c: Ctx) {
  const { filename, buffer } = await c.services.meetingMinutes(c.v.actor, idOf(c.params[0]));
  return { file: { name: filename, type: DOCX, body: buffer } };
}

export const committeeRoutes: Route[] = [
  { method: "GET", path: /^\/dang-uy$/, access: "committee", handle: overview },
  { method: "GET", path: /^\/dang-uy\/tong-hop-(\d{4})\.xlsx$/, access: "committee", handle: workbook },
  { method: "GET", path: /^\/dang-uy\/chi-bo\/([1-9]\d{0,9})$/, access: "committee", handle: branch },
  {
    method: "GET",
    path: /^\/dang-uy\/sinh-hoat\/([1-9]\d{0,9})\/bien-ban\.docx$/,
    access: "committee",
    handle: minutes,
  },
];

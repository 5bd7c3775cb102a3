/** The branch dashboard and its reports as one XLSX (members, attendance of the year). */
import { formatMonth } from "../../domain/fees.ts";
import { formatMoney } from "../../domain/text.ts";
import { localParts } from "../../domain/time.ts";
import { tablesToXlsx } from "../../services/reports.ts";
import { webTexts as w } from "../../texts/web.ts";
import { chrome, idOf, XLSX, type Ctx, type Route } from "../router.ts";
import { dashboardPage } from "../views/branch.ts";

async function dashboard(c: Ctx) {
  const { services, v } = c;
  const branchId = v.member.branchId;
  const now = services.now();
  const local = localParts(now, c.timeZone);
  const month = `${local.year}-${String(local.month).padStart(2, "0")}`;
  const [next] = await services.upcomingMeetings(branchId, now, 1);
  const status = next ? await services.meetingStatus(v.actor, next.id) : null;
  const attendance = await services.attendanceYear(
    v.actor,
    branchId,
    local.year,
    services.settings.attendanceThreshold,
    c.timeZone,
  );
  const fees = await services.monthlyCollection(v.actor, branchId, month, c.timeZone);
  const campaign = await services.currentCampaign(branchId);
  const progress = campaign ? await services.reviewProgress(v.actor, campaign.id) : null;
  const count = (s: string) => progress?.rows.filter((r) => r.status === s).length ?? 0;
  return {
    html: dashboardPage(
      {
        branch: v.member.branch.name,
        timeZone: c.timeZone,
        year: local.year,
        readOnly: false,
        next: status
          ? {
              startsAt: status.meeting.startsAt,
              place: status.meeting.place,
              attending: status.attending,
              leave: status.leave,
              noAnswer: status.noAnswer,
              unlinked: status.unlinked,
            }
          : null,
        attendance: { ...attendance.meetings, rows: attendance.meetings.rows.slice(-12) },
        fees: {
          month: formatMonth(month),
          collected: formatMoney(fees.collected),
          expected: formatMoney(fees.expected),
        },
        review: campaign
          ? {
              year: campaign.year,
              submitted: count("submitted"),
              inProgress: count("in_progress"),
              notStarted: count("not_started"),
            }
          : null,
        members: await services.membersTable(v.actor, branchId),
      },
      chrome(c),
    ),
  };
}

async function report(c: Ctx) {
  const year = idOf(c.params[0]);
  const branchId = c.v.member.branchId;
  const attendance = await c.services.attendanceYear(
    c.v.actor,
    branchId,
    year,
    c.services.settings.attendanceThreshold,
    c.timeZone,
  );
  const members = await c.services.membersTable(c.v.actor, branchId);
  const log = await c.services.auditTable(c.v.actor, branchId, c.timeZone);
  const body = await tablesToXlsx([members, attendance.meetings, attendance.members, log]);
  return { file: { name: w.branchReportFile(year), type: XLSX, body } };
}

export const branchRoutes: Route[] = [
  { method: "GET", path: /^\/chi-bo$/, access: "leader", handle: dashboard },
  { method: "GET", path: /^\/chi-bo\/bao-cao-(\d{4})\.xlsx$/, access: "leader", handle: report },
];

/** A member's own pages: home (meetings with RSVP, open surveys), own fees, own self-review and its DOCX. */
import { FEE_GROUP_LABELS } from "../../domain/fees.ts";
import { currentMonth } from "../../services/fees.ts";
import { webTexts as w } from "../../texts/web.ts";
import { t } from "../../texts/vi.ts";
import { backWith, chrome, DOCX, idOf, type Ctx, type Route } from "../router.ts";
import { homePage, ownFeesPage, ownReviewPage } from "../views/member.ts";

async function home(c: Ctx) {
  const { services, v } = c;
  const meetings = await services.myUpcomingMeetings(v.actor, 5);
  const surveys = await services.openSurveysFor(v.actor);
  const created = await services.surveysOf(v.actor, 10);
  return {
    html: homePage(
      {
        name: v.member.fullName,
        branch: v.member.branch.name,
        timeZone: c.timeZone,
        meetings,
        surveys: surveys.filter((s) => s.status !== "answered"),
        created: created.map((s) => ({ id: s.id, title: s.title })),
      },
      chrome(c),
    ),
  };
}

/** What a RSVP's outcome says, as chat words it. */
const RSVP_NOTICES: Record<string, string> = {
  attending: t.attendThanks,
  leave: t.leaveSent,
  cancelled: t.staleMeetingCancelled,
  started: t.staleMeetingStarted,
  not_expected: t.staleNotExpected,
  decided: t.staleNotExpected,
};

async function rsvp(c: Ctx) {
  const meetingId = idOf(c.form.get("meeting"));
  const answer = c.form.get("answer");
  const input = { memberId: c.v.member.id, meetingId };
  if (answer === "leave") {
    const reason = (c.form.get("reason") ?? "").trim();
    if (reason === "") return backWith(c, `/`, t.leaveReasonEmpty);
    const r = await c.services.requestLeave(c.v.actor, { ...input, reason });
    return backWith(c, `/`, RSVP_NOTICES[r.type === "ok" ? "leave" : r.reason]!);
  }
  if (answer !== "yes") return { redirect: "/" };
  const r = await c.services.answerAttending(c.v.actor, input);
  return backWith(c, `/`, RSVP_NOTICES[r.type === "ok" ? "attending" : r.reason]!);
}

async function ownFees(c: Ctx) {
  const { services, v } = c;
  const now = currentMonth(services.now(), c.timeZone);
  const year = Number(now.slice(0, 4));
  const s = await services.statement(v.member.id, { year, until: now, timeZone: c.timeZone });
  return {
    html: ownFeesPage(
      {
        year,
        group: v.member.feeGroup ? FEE_GROUP_LABELS[v.member.feeGroup] : null,
        months: s.months,
        owed: s.owed,
        collectors: await services.collectorNames(v.actor, v.member.branchId),
      },
      chrome(c),
    ),
  };
}

async function ownReviewView(c: Ctx) {
  const r = await c.services.ownReviewStatus(c.v.actor);
  return {
    html: ownReviewPage(
      {
        year: r?.year ?? null,
        open: r?.open ?? false,
        status: r?.status ?? null,
        deadline: r?.deadline ?? null,
        timeZone: c.timeZone,
      },
      chrome(c),
    ),
  };
}

async function ownReviewDocx(c: Ctx) {
  const campaign = await c.services.currentCampaign(c.v.member.branchId);
  if (!campaign) return { redirect: "/kiem-diem" };
  const doc = await c.services.reviewDocumentFor(c.v.actor, {
    campaignId: campaign.id,
    memberId: c.v.member.id,
    timeZone: c.timeZone,
  });
  return { file: { name: w.ownReviewFile(campaign.year), type: DOCX, body: doc.buffer } };
}

export const memberRoutes: Route[] = [
  { method: "GET", path: /^\/$/, access: "member", handle: home },
  { method: "POST", path: /^\/rsvp$/, access: "member", handle: rsvp },
  { method: "GET", path: /^\/dang-phi$/, access: "member", handle: ownFees },
  { method: "GET", path: /^\/kiem-diem$/, access: "member", handle: ownReviewView },
  { method: "GET", path: /^\/kiem-diem\/ban-kiem-diem\.docx$/, access: "member", handle: ownReviewDocx },
];

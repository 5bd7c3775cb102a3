/** Announcements from the console: the secretary or deputy to the branch, the committee to its branches. */
import { isCommittee } from "../../services/announcements.ts";
import { t } from "../../texts/vi.ts";
import { webTexts as w } from "../../texts/web.ts";
import { tablesToXlsx } from "../../services/reports.ts";
import { backWith, chrome, idOf, XLSX, type Ctx, type Route } from "../router.ts";
import { announcementPage, announcementsPage } from "../views/announcements.ts";
import { FieldError, localDateTime, text } from "./forms.ts";

const senderLabel = (c: Ctx) => (isCommittee(c.v.member) ? t.committeeSender : c.v.member.branch.name);

async function list(c: Ctx) {
  const list = await c.services.recentAnnouncements(c.v.actor, 30);
  return {
    html: announcementsPage({ committee: isCommittee(c.v.member), list, timeZone: c.timeZone }, chrome(c)),
  };
}

async function send(c: Ctx) {
  const { v, services } = c;
  const choice = c.form.get("audience");
  let branchIds = [v.member.branchId];
  let audience: "all" | "leaders" = "all";
  if (choice === "leaders" || choice === "org_leaders") audience = "leaders";
  if (choice === "org" || choice === "org_leaders") {
    if (!isCommittee(v.member)) throw new FieldError(w.badRequest);
    branchIds = (await services.branchesOfOrganisation(v.actor, v.member.branch.organisationId)).map((b) => b.id);
  } else if (choice !== "own" && choice !== "leaders") throw new FieldError(w.badRequest);
  const sendAtField = text(c.form, "sendAt");
  const a = await services.sendAnnouncement(v.actor, {
    text: text(c.form, "text"),
    attachment: null,
    audience: { branchIds, audience },
    sendAt: sendAtField ? localDateTime(sendAtField, c.timeZone) : null,
    senderLabel: senderLabel(c),
  });
  return backWith(c, `/thong-bao/${a.announcement.id}`, w.announcementQueued(a.queued));
}

async function show(c: Ctx) {
  const s = await c.services.announcementStatus(c.v.actor, idOf(c.params[0]));
  return {
    html: announcementPage(
      {
        id: s.announcement.id,
        text: s.announcement.text,
        status: s.announcement.status,
        sendAt: s.announcement.sendAt,
        timeZone: c.timeZone,
        counts: s.counts,
        recipients: s.recipients,
      },
      chrome(c),
    ),
  };
}

async function nudge(c: Ctx) {
  const id = idOf(c.params[0]);
  const n = await c.services.remindUnacknowledged(c.v.actor, id, senderLabel(c));
  return backWith(c, `/thong-bao/${id}`, w.nudged(n));
}

async function stop(c: Ctx) {
  const id = idOf(c.params[0]);
  const n = await c.services.cancelAnnouncement(c.v.actor, id);
  return backWith(c, `/thong-bao/${id}`, w.stopped(n));
}

async function workbook(c: Ctx) {
  const id = idOf(c.params[0]);
  const body = await tablesToXlsx([await c.services.announcementTable(c.v.actor, id, c.timeZone)]);
  return { file: { name: w.announcementFile(id), type: XLSX, body } };
}

const A = "^\\/thong-bao\\/([1-9]\\d{0,9})";
export const announcementRoutes: Route[] = [
  { method: "GET", path: /^\/thong-bao$/, access: "sender", handle: list },
  { method: "POST", path: /^\/thong-bao$/, access: "sender", maxBytes: 32 * 1024, handle: send },
  { method: "GET", path: new RegExp(`${A}$`), access: "sender", handle: show },
  { method: "GET", path: new RegExp(`${A}\\.xlsx$`), access: "sender", handle: workbook },
  { method: "POST", path: new RegExp(`${A}\\/nhac$`), access: "sender", handle: nudge },
  { method: "POST", path: new RegExp(`${A}\\/dung$`), access: "sender", handle: stop },
];

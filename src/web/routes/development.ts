/**
 * Party development on the console: the secretary's list under /chi-bo/phat-trien,
 * the committee's overview, targets and any branch's list under /dang-uy/phat-trien;
 * the committee members in charge (/dang-uy/phu-trach); the committee's settings
 * and calendar (/dang-uy/thiet-lap). Every write goes to the same services as the
 * command line.
 */
import { localParts } from "../../domain/time.ts";
import { COMMITTEE_STEPS, STEPS, type Step } from "../../domain/party-development.ts";
import type { CandidateInput } from "../../services/party-development.ts";
import { developmentWebTexts as d, SETTING_LABELS, STEP_LABELS } from "../../texts/development.ts";
import { webTexts as w } from "../../texts/web.ts";
import { backWith, chrome, idOf, type Ctx, type Route } from "../router.ts";
import {
  candidateDetailPage,
  candidateListPage,
  developmentOverviewPage,
  liaisonPage,
  settingsPage,
} from "../views/development.ts";
import { FieldError, text } from "./forms.ts";
import { isCommitteeSettingKey } from "../../domain/committee-settings.ts";

const thisYear = (c: Ctx) => localParts(c.services.now(), c.timeZone).year;

/** Where the pages live: the branch's own, or the committee's view of any branch. */
const BRANCH_BASE = "/chi-bo/phat-trien";
const COMMITTEE_BASE = "/dang-uy/phat-trien";

function personField(c: Ctx, name: string): number | null {
  const v = c.form.get(name);
  return v ? idOf(v) : null;
}

function candidateInput(c: Ctx): CandidateInput & { fullName: string; birthDate: string } {
  return {
    fullName: text(c.form, "fullName"),
    birthDate: text(c.form, "birthDate"),
    introducer1Id: personField(c, "introducer1"),
    introducer2Id: personField(c, "introducer2"),
    introducerUnion: text(c.form, "introducerUnion"),
    helperId: personField(c, "helper"),
    note: text(c.form, "note"),
  };
}

async function branchList(c: Ctx) {
  const branchId = c.v.member.branchId;
  const [rows, people] = await Promise.all([
    c.services.branchCandidates(c.v.actor, branchId),
    c.services.candidatePeople(c.v.actor, branchId),
  ]);
  return {
    html: candidateListPage({ title: d.listTitle(c.v.member.branch.name), base: BRANCH_BASE, rows, people }, chrome(c)),
  };
}

async function committeeBranchList(c: Ctx) {
  const branch = await c.services.committeeBranch(c.v.actor, idOf(c.params[0]));
  const rows = await c.services.branchCandidates(c.v.actor, branch.id, { includeFinished: true });
  return {
    html: candidateListPage(
      { title: d.listTitle(branch.name), base: COMMITTEE_BASE, rows, people: null, back: COMMITTEE_BASE },
      chrome(c),
    ),
  };
}

async function add(c: Ctx) {
  const created = await c.services.addCandidate(c.v.actor, c.v.member.branchId, candidateInput(c));
  return backWith(c, `${BRANCH_BASE}/${created.id}`, d.added(created.fullName));
}

const detail = (base: string, steps: readonly Step[]) => async (c: Ctx) => {
  const view = await c.services.candidateDetail(c.v.actor, idOf(c.params[0]));
  const people = await c.services.candidatePeople(c.v.actor, view.candidate.branchId);
  return { html: candidateDetailPage({ view, base, people, steps }, chrome(c)) };
};

const step = (base: string) => async (c: Ctx) => {
  const id = idOf(c.params[0]);
  const value = c.form.get("step") ?? "";
  if (!(STEPS as readonly string[]).includes(value)) throw new FieldError(w.badRequest);
  const result = await c.services.recordCandidateStep(c.v.actor, id, value as Step, text(c.form, "date"));
  const made = value === "ceremony" && result.memberId !== null ? ` ${d.memberMade(result.memberId)}` : "";
  return backWith(c, `${base}/${id}`, `${d.stepRecorded(STEP_LABELS[value as Step])}${made}`);
};

const edit = (base: string) => async (c: Ctx) => {
  const id = idOf(c.params[0]);
  await c.services.updateCandidate(c.v.actor, id, candidateInput(c));
  return backWith(c, `${base}/${id}`, d.saved);
};

const close = (base: string) => async (c: Ctx) => {
  const id = idOf(c.params[0]);
  await c.services.closeCandidate(c.v.actor, id, { reason: text(c.form, "reason") });
  return backWith(c, `${base}/${id}`, d.closed);
};

async function overview(c: Ctx) {
  const year = thisYear(c);
  return {
    html: developmentOverviewPage({ year, rows: await c.services.developmentOverview(c.v.actor, year) }, chrome(c)),
  };
}

async function target(c: Ctx) {
  const branchId = idOf(c.form.get("branch"));
  const value = Number(c.form.get("target"));
  const year = Number(c.form.get("year")) || thisYear(c);
  await c.services.setAdmissionTarget(c.v.actor, { branchId, year, target: value });
  const branch = await c.services.committeeBranch(c.v.actor, branchId);
  return backWith(c, COMMITTEE_BASE, d.targetSet(branch.name, value));
}

async function liaisons(c: Ctx) {
  const year = thisYear(c);
  const [rows, choices] = await Promise.all([
    c.services.liaisonReport(c.v.actor, year),
    c.services.liaisonChoices(c.v.actor),
  ]);
  return { html: liaisonPage({ year, rows, ...choices }, chrome(c)) };
}

async function assign(c: Ctx) {
  const memberId = c.form.get("memberId") ? idOf(c.form.get("memberId")) : idOf(c.form.get("member"));
  const r = await c.services.assignLiaison(c.v.actor, { branchId: idOf(c.form.get("branch")), memberId });
  return backWith(c, "/dang-uy/phu-trach", d.assigned(r.member.fullName, r.branch.name));
}

async function endAssignment(c: Ctx) {
  const branch = await c.services.committeeBranch(c.v.actor, idOf(c.form.get("branch")));
  await c.services.endLiaison(c.v.actor, branch.id);
  return backWith(c, "/dang-uy/phu-trach", d.endedNotice(branch.name));
}

async function settings(c: Ctx) {
  const [view, calendar] = await Promise.all([
    c.services.committeeSettings(c.v.actor),
    c.services.calendarYear(thisYear(c)),
  ]);
  return { html: settingsPage({ values: view.values, chosen: view.chosen, calendar }, chrome(c)) };
}

async function saveSetting(c: Ctx) {
  const key = c.form.get("key") ?? "";
  if (!isCommitteeSettingKey(key)) throw new FieldError(w.badRequest);
  const reset = c.form.get("reset") === "yes";
  await c.services.setCommitteeSetting(c.v.actor, { key, value: reset ? null : text(c.form, "value") });
  return backWith(c, "/dang-uy/thiet-lap", d.settingSaved(SETTING_LABELS[key]));
}

async function addDay(c: Ctx) {
  const kind = c.form.get("kind");
  if (kind !== "off" && kind !== "work") throw new FieldError(w.badRequest);
  await c.services.setCalendarDay(c.v.actor, { date: text(c.form, "date"), kind, name: text(c.form, "name") });
  return backWith(c, "/dang-uy/thiet-lap", d.daySaved);
}

async function removeDay(c: Ctx) {
  await c.services.removeCalendarDay(c.v.actor, text(c.form, "date"));
  return backWith(c, "/dang-uy/thiet-lap", d.dayRemoved);
}

const ID = "([1-9]\\d{0,9})";
const at = (base: string, suffix = "") => new RegExp(`^${base}/${ID}${suffix}$`);
const BRANCH_STEPS = STEPS.filter((s) => !COMMITTEE_STEPS.has(s));

export const developmentRoutes: Route[] = [
  { method: "GET", path: /^\/chi-bo\/phat-trien$/, access: "leader", handle: branchList },
  { method: "POST", path: /^\/chi-bo\/phat-trien$/, access: "leader", handle: add },
  { method: "GET", path: at(BRANCH_BASE), access: "leader", handle: detail(BRANCH_BASE, BRANCH_STEPS) },
  { method: "POST", path: at(BRANCH_BASE, "/buoc"), access: "leader", handle: step(BRANCH_BASE) },
  { method: "POST", path: at(BRANCH_BASE, "/sua"), access: "leader", handle: edit(BRANCH_BASE) },
  { method: "POST", path: at(BRANCH_BASE, "/dung"), access: "leader", handle: close(BRANCH_BASE) },
  { method: "GET", path: /^\/dang-uy\/phat-trien$/, access: "committee", handle: overview },
  { method: "POST", path: /^\/dang-uy\/phat-trien\/chi-tieu$/, access: "committee", handle: target },
  { method: "GET", path: at(`${COMMITTEE_BASE}/chi-bo`), access: "committee", handle: committeeBranchList },
  { method: "GET", path: at(COMMITTEE_BASE), access: "committee", handle: detail(COMMITTEE_BASE, STEPS) },
  { method: "POST", path: at(COMMITTEE_BASE, "/buoc"), access: "committee", handle: step(COMMITTEE_BASE) },
  { method: "POST", path: at(COMMITTEE_BASE, "/sua"), access: "committee", handle: edit(COMMITTEE_BASE) },
  { method: "POST", path: at(COMMITTEE_BASE, "/dung"), access: "committee", handle: close(COMMITTEE_BASE) },
  { method: "GET", path: /^\/dang-uy\/phu-trach$/, access: "committee", handle: liaisons },
  { method: "POST", path: /^\/dang-uy\/phu-trach$/, access: "committee", handle: assign },
  { method: "POST", path: /^\/dang-uy\/phu-trach\/thoi$/, access: "committee", handle: endAssignment },
  { method: "GET", path: /^\/dang-uy\/thiet-lap$/, access: "committee", handle: settings },
  { method: "POST", path: /^\/dang-uy\/thiet-lap$/, access: "committee", handle: saveSetting },
  { method: "POST", path: /^\/dang-uy\/ngay-nghi$/, access: "committee", handle: addDay },
  { method: "POST", path: /^\/dang-uy\/ngay-nghi\/bo$/, access: "committee", handle: removeDay },
];

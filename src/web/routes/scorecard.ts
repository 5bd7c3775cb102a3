/**
 * "Chi bộ 4 tốt" and the branches' rating on the console: the committee's criteria
 * set, its values and the ranking (/dang-uy/4-tot), its decisions on the branches'
 * levels (/dang-uy/xep-loai); a branch's own score and proposal (/chi-bo/xep-loai).
 */
import { isLevel, LEVEL_LABELS } from "../../domain/rating.ts";
import { localParts } from "../../domain/time.ts";
import { scorecardWebTexts as s } from "../../texts/development.ts";
import { webTexts as w } from "../../texts/web.ts";
import { backWith, chrome, DOCX, idOf, XLSX, type Ctx, type Route } from "../router.ts";
import { branchRatingPage, ratingsPage } from "../views/scorecard.ts";
import { scorecardPage } from "../views/scorecard.ts";
import { FieldError, text } from "./forms.ts";

const thisYear = (c: Ctx) => localParts(c.services.now(), c.timeZone).year;
const yearOf = (c: Ctx, raw: string | null) => {
  const y = Number(raw);
  return Number.isInteger(y) && y >= 2000 && y <= thisYear(c) ? y : thisYear(c);
};
const points = (n: number) => String(n).replace(".", ",");

async function scorecard(c: Ctx) {
  const year = yearOf(c, c.url.searchParams.get("nam"));
  const view = await c.services.branchScorecards(c.v.actor, {
    year,
    yearToDate: c.url.searchParams.get("tu-dau-nam") === "1",
  });
  const now = thisYear(c);
  return { html: scorecardPage({ view, years: [now, now - 1] }, chrome(c)) };
}

async function workbook(c: Ctx) {
  const year = yearOf(c, c.params[0] ?? null);
  const ytd = c.params[1] === "-tu-dau-nam";
  const body = await c.services.scorecardWorkbook(c.v.actor, { year, yearToDate: ytd });
  return { file: { name: `chi-bo-4-tot-${year}${ytd ? "-tu-dau-nam" : ""}.xlsx`, type: XLSX, body } };
}

async function sample(c: Ctx) {
  const n = await c.services.useSampleCriteria(c.v.actor);
  return backWith(c, "/dang-uy/4-tot", s.sampleUsed(n));
}

const indicatorInput = (c: Ctx) => ({
  group: Number(c.form.get("group")),
  label: text(c.form, "label"),
  source: text(c.form, "source"),
  kind: text(c.form, "kind"),
  target: text(c.form, "target"),
  weight: text(c.form, "weight"),
});

async function addIndicator(c: Ctx) {
  const ind = await c.services.addIndicator(c.v.actor, indicatorInput(c));
  return backWith(c, "/dang-uy/4-tot", s.added(ind.label));
}

async function editIndicator(c: Ctx) {
  const ind = await c.services.updateIndicator(c.v.actor, idOf(c.params[0]), indicatorInput(c));
  return backWith(c, "/dang-uy/4-tot", s.updated(ind.label));
}

async function removeIndicator(c: Ctx) {
  await c.services.removeIndicator(c.v.actor, idOf(c.params[0]));
  return backWith(c, "/dang-uy/4-tot", s.removed);
}

async function setValue(c: Ctx) {
  const year = yearOf(c, c.form.get("year"));
  await c.services.setIndicatorValue(c.v.actor, {
    indicatorId: idOf(c.form.get("indicator")),
    branchId: idOf(c.form.get("branch")),
    year,
    value: text(c.form, "value"),
    note: text(c.form, "note"),
  });
  return backWith(c, `/dang-uy/4-tot?nam=${year}`, s.valueSaved);
}

async function ratings(c: Ctx) {
  const year = yearOf(c, c.url.searchParams.get("nam"));
  const view = await c.services.ratingsOverview(c.v.actor, year);
  return {
    html: ratingsPage(
      {
        year,
        rows: view.rows,
        quota: {
          excellent: view.counts.xuat_sac,
          good: view.counts.tot,
          max: view.quota.max,
          ok: view.quota.ok,
          share: view.share,
        },
      },
      chrome(c),
    ),
  };
}

async function decide(c: Ctx) {
  const level = c.form.get("level");
  if (!isLevel(level)) throw new FieldError(w.badRequest);
  const year = yearOf(c, c.form.get("year"));
  const branch = await c.services.committeeBranch(c.v.actor, idOf(c.form.get("branch")));
  await c.services.decideRating(c.v.actor, { branchId: branch.id, year, level });
  return backWith(c, `/dang-uy/xep-loai?nam=${year}`, s.decided(branch.name, LEVEL_LABELS[level]));
}

async function reportFor(c: Ctx, branchId: number, year: number) {
  const { filename, buffer } = await c.services.branchReviewReport(c.v.actor, branchId, year);
  return { file: { name: filename, type: DOCX, body: buffer } };
}

async function ownRating(c: Ctx) {
  const year = yearOf(c, c.url.searchParams.get("nam"));
  const branchId = c.v.member.branchId;
  const [card] = (await c.services.branchScorecards(c.v.actor, { year, branchId })).rows;
  const overview = await c.services.ownRating(c.v.actor, branchId, year);
  return {
    html: branchRatingPage(
      {
        year,
        name: c.v.member.branch.name,
        score: card?.score ?? 0,
        results: card?.card.results ?? [],
        rating: overview,
      },
      chrome(c),
    ),
  };
}

async function propose(c: Ctx) {
  const year = yearOf(c, c.form.get("year"));
  const yes = (name: string) => c.form.get(name) === "yes";
  const r = await c.services.proposeRating(c.v.actor, {
    branchId: c.v.member.branchId,
    year,
    conditions: {
      allTasksDone: yes("allTasksDone"),
      exceeded30: yes("exceeded30"),
      lateAtMost20: yes("lateAtMost20"),
      disciplined: yes("disciplined"),
    },
  });
  return backWith(c, `/chi-bo/xep-loai?nam=${year}`, s.proposed(LEVEL_LABELS[r.level], points(r.score)));
}

async function committeeReportFile(c: Ctx) {
  const year = yearOf(c, c.params[0] ?? null);
  const month = c.params[1] ? Number(c.params[1]) : null;
  if (month !== null && (month < 1 || month > 12)) throw new FieldError(w.badRequest);
  const format = c.params[2] === "docx" ? "docx" : "xlsx";
  const { filename, body } = await c.services.committeeReportFile(c.v.actor, { year, month, format });
  return { file: { name: filename, type: format === "docx" ? DOCX : XLSX, body } };
}

export const scorecardRoutes: Route[] = [
  {
    method: "GET",
    path: /^\/dang-uy\/bao-cao-(\d{4})(?:-(\d{2}))?\.(xlsx|docx)$/,
    access: "committee",
    handle: committeeReportFile,
  },
  { method: "GET", path: /^\/dang-uy\/4-tot$/, access: "committee", handle: scorecard },
  { method: "GET", path: /^\/dang-uy\/4-tot-(\d{4})(-tu-dau-nam)?\.xlsx$/, access: "committee", handle: workbook },
  { method: "POST", path: /^\/dang-uy\/4-tot\/mau$/, access: "committee", handle: sample },
  { method: "POST", path: /^\/dang-uy\/4-tot\/tieu-chi$/, access: "committee", handle: addIndicator },
  { method: "POST", path: /^\/dang-uy\/4-tot\/tieu-chi\/([1-9]\d{0,9})$/, access: "committee", handle: editIndicator },
  {
    method: "POST",
    path: /^\/dang-uy\/4-tot\/tieu-chi\/([1-9]\d{0,9})\/bo$/,
    access: "committee",
    handle: removeIndicator,
  },
  { method: "POST", path: /^\/dang-uy\/4-tot\/gia-tri$/, access: "committee", handle: setValue },
  { method: "GET", path: /^\/dang-uy\/xep-loai$/, access: "committee", handle: ratings },
  { method: "POST", path: /^\/dang-uy\/xep-loai$/, access: "committee", handle: decide },
  {
    method: "GET",
    path: /^\/dang-uy\/xep-loai\/([1-9]\d{0,9})-(\d{4})\.docx$/,
    access: "committee",
    handle: (c) => reportFor(c, idOf(c.params[0]), Number(c.params[1])),
  },
  { method: "GET", path: /^\/chi-bo\/xep-loai$/, access: "leader", handle: ownRating },
  { method: "POST", path: /^\/chi-bo\/xep-loai$/, access: "leader", handle: propose },
  {
    method: "GET",
    path: /^\/chi-bo\/xep-loai\/bao-cao-(\d{4})\.docx$/,
    access: "leader",
    handle: (c) => reportFor(c, c.v.member.branchId, Number(c.params[0])),
  },
];

/** A survey's results page, for its creator only (the service refuses anyone else). */
import { MIN_ANONYMOUS_GROUP } from "../../services/surveys.ts";
import { surveyReport, surveyTexts as st } from "../../texts/surveys.ts";
import { chrome, idOf, XLSX, type Ctx, type Route } from "../router.ts";
import { surveyResultsPage } from "../views/surveys.ts";
import { webTexts as w } from "../../texts/web.ts";

async function results(c: Ctx) {
  const r = await c.services.surveyResults(c.v.actor, idOf(c.params[0]));
  return {
    html: surveyResultsPage(
      {
        id: r.survey.id,
        title: r.survey.title,
        report: surveyReport(r, c.timeZone, MIN_ANONYMOUS_GROUP),
        questions: r.results.overall.questions.map(({ question, summary }, i) => {
          const label = `${i + 1}. ${question.text.split("\n")[0]}`;
          if (!summary) return { label, bars: [], note: st.hiddenGroup(MIN_ANONYMOUS_GROUP) };
          if (summary.kind === "choices" || summary.kind === "scale")
            return {
              label,
              bars: summary.counts.map((x) => ({ ...x, label: st.choiceLabel(question, x.label) })),
              note:
                summary.kind === "scale" && summary.average !== null
                  ? `${st.average}: ${summary.average.toFixed(1)}`
                  : null,
            };
          if (summary.kind === "number")
            return {
              label,
              bars: [],
              note: `${st.sum}: ${summary.sum} · ${st.mean}: ${summary.average?.toFixed(1) ?? "—"}`,
            };
          return { label, bars: [], note: `${st.textAnswers}: ${summary.answered}` };
        }),
      },
      chrome(c),
    ),
  };
}

async function workbook(c: Ctx) {
  const id = idOf(c.params[0]);
  const body = await c.services.surveyWorkbook(c.v.actor, id);
  return { file: { name: w.surveyFile(id), type: XLSX, body } };
}

export const surveyRoutes: Route[] = [
  { method: "GET", path: /^\/khao-sat\/([1-9]\d{0,8})$/, access: "member", handle: results },
  { method: "GET", path: /^\/khao-sat\/([1-9]\d{0,8})\.xlsx$/, access: "member", handle: workbook },
];

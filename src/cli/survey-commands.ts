/**
 * Admin command line: surveys. `survey create --from khao-sat.xlsx|.yaml`
 * checks every row first (each bad row named, nothing created), then sends the
 * survey to one branch, several, or every branch of an organisation; `survey
 * sample` writes a file to start from; list, results (with the XLSX/CSV file),
 * close and extend.
 */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { formatDateTime } from "../domain/time.ts";
import { MIN_ANONYMOUS_GROUP } from "../services/surveys.ts";
import { readSurveyFile, sampleSurveyWorkbook } from "../services/survey-file.ts";
import { cliHelp as help } from "../texts/cli-help.ts";
import { cliTexts as x } from "../texts/cli.ts";
import {
  fileProblemText,
  questionKindLabel,
  SAMPLE_SURVEY_ROWS,
  surveyReport,
  surveyTexts as st,
} from "../texts/surveys.ts";
import { parseIdArg, parseInstantArg } from "./parse.ts";
import { CliError, type CliDeps, type Finders } from "./shared.ts";

export function addSurveyCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  const tz = deps.timeZone;
  const survey = program.command("survey").description(help.survey.description);

  survey
    .command("create")
    .description(help.survey.create.description)
    .requiredOption("--from <tệp>", help.survey.create.from)
    .option("--title <tiêu đề>", help.survey.create.title)
    .option("--branch <mã...>", help.survey.create.branch)
    .option("--org <tên>", help.survey.create.org)
    .option("--leaders", help.survey.create.leaders)
    .option("--anonymous", help.survey.create.anonymous)
    .requiredOption("--deadline <ngày giờ>", help.survey.create.deadline)
    .option("--dry-run", help.survey.create.dryRun)
    .action(
      async (o: {
        from: string;
        title?: string;
        branch?: string[];
        org?: string;
        leaders?: boolean;
        anonymous?: boolean;
        deadline: string;
        dryRun?: boolean;
      }) => {
        const branchIds = await find.branchesNamed(o);
        const file = await readSurveyFile(o.from);
        if (!file.ok) {
          for (const p of file.problems) out(fileProblemText(p));
          throw new CliError(x.surveyFileRefused(file.problems.length));
        }
        const title = o.title ?? file.title;
        if (!title) throw new CliError(x.surveyTitleNeeded);
        const deadline = parseInstantArg(o.deadline, "--deadline", deps.clock, tz);
        const anonymous = o.anonymous ?? file.anonymous ?? false;
        const definition = file.definition(title);
        const audience = { branchIds, audience: o.leaders ? ("leaders" as const) : ("all" as const) };
        const preview = await services.previewSurvey(actor, audience);
        out(x.surveyPreview(title, anonymous, formatDateTime(deadline, tz), preview.recipients, preview.reachable));
        definition.sections
          .flatMap((s) => s.questions)
          .forEach((q, i) =>
            out(`  ${i + 1}. ${q.text.split("\n")[0]} [${questionKindLabel(q)}${q.required ? "" : x.optional}]`),
          );
        if (o.dryRun) {
          out(x.dryRunNothingWritten);
          return;
        }
        const r = await services.createSurvey(actor, {
          title,
          definition,
          anonymous,
          audience,
          deadline,
          senderLabel: x.committeeSender,
        });
        out(x.surveyCreated(r.survey.id, r.recipients, r.queued, r.unreachable));
      },
    );

  survey
    .command("sample")
    .description(help.survey.sample.description)
    .requiredOption("--out <tệp>", help.survey.sample.out)
    .action(async (o: { out: string }) => {
      if (!o.out.toLowerCase().endsWith(".xlsx")) throw new CliError(x.badOutXlsx("--out"));
      await writeFile(o.out, await sampleSurveyWorkbook(st.sampleSheet, SAMPLE_SURVEY_ROWS));
      out(x.wrote(o.out));
    });

  survey
    .command("list")
    .description(help.survey.list.description)
    .action(async () => {
      const list = await services.surveysOf(actor, 50);
      if (list.length === 0) out(x.noSurveys);
      for (const s of list)
        out(x.surveyLine(s.id, s.title, s.closed, formatDateTime(s.deadline, tz), s.answered, s.asked));
    });

  survey
    .command("results <số>")
    .description(help.survey.results.description)
    .option("--out <tệp>", help.survey.results.out)
    .action(async (id: string, o: { out?: string }) => {
      const surveyId = parseIdArg(id, x.surveyNumber);
      const r = await services.surveyResults(actor, surveyId);
      out(surveyReport(r, tz, MIN_ANONYMOUS_GROUP));
      if (!o.out) return;
      if (!/\.(xlsx|csv)$/i.test(o.out)) throw new CliError(x.badOut("--out"));
      await writeFile(
        o.out,
        o.out.toLowerCase().endsWith(".xlsx")
          ? await services.surveyWorkbook(actor, surveyId)
          : await services.surveyCsv(actor, surveyId),
      );
      out(x.wrote(o.out));
    });

  survey
    .command("close <số>")
    .description(help.survey.close.description)
    .action(async (id: string) => {
      const r = await services.closeSurvey(actor, parseIdArg(id, x.surveyNumber));
      out(st.closedDone(r.withdrawn));
    });

  survey
    .command("extend <số>")
    .description(help.survey.extend.description)
    .requiredOption("--deadline <ngày giờ>", help.survey.extend.deadline)
    .action(async (id: string, o: { deadline: string }) => {
      const deadline = parseInstantArg(o.deadline, "--deadline", deps.clock, tz);
      await services.extendSurvey(actor, parseIdArg(id, x.surveyNumber), deadline);
      out(st.extended(formatDateTime(deadline, tz)));
    });
}

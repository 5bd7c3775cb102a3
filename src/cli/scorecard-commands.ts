/** Admin command line: the "chi bộ 4 tốt" criteria set and scorecards, and the branches' yearly rating. */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { LEVEL_LABELS, LEVELS, isLevel } from "../domain/rating.ts";
import { cliHelp as help } from "../texts/cli-help.ts";
import { cliTexts as x } from "../texts/cli.ts";
import { GROUP_LABELS, indicatorValueText, SOURCE_LABELS } from "../texts/development.ts";
import { parseIdArg, parseYearArg } from "./parse.ts";
import { CliError, type CliDeps, type Finders } from "./shared.ts";

export function addScorecardCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  const orgId = async (name?: string) =>
    name === undefined ? undefined : (await services.organisationByName(actor, name)).id;
  const year = (value?: string) => parseYearArg(value, "--year", deps.clock, deps.timeZone);

  const sc = program.command("scorecard").description(help.scorecard.description);
  sc.command("sample")
    .description(help.scorecard.sample.description)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { org?: string }) => {
      out(x.sampleUsed(await services.useSampleCriteria(actor, await orgId(o.org))));
    });
  sc.command("criteria")
    .description(help.scorecard.criteria.description)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { org?: string }) => {
      const list = await services.scoreCriteria(actor, await orgId(o.org));
      if (list.length === 0) out(x.noCriteria);
      for (const ind of list)
        out(
          x.indicatorRow(
            ind.id,
            ind.group,
            ind.label,
            SOURCE_LABELS[ind.source] ?? ind.source,
            ind.kind === "boolean" ? "Đạt" : indicatorValueText(ind.kind, ind.target),
            ind.weight,
          ),
        );
    });
  sc.command("add")
    .description(help.scorecard.add.description)
    .requiredOption("--group <1-4>", help.scorecard.add.group)
    .requiredOption("--label <tên>", help.scorecard.add.label)
    .option("--source <nguồn>", help.scorecard.add.source(Object.keys(SOURCE_LABELS)), "manual")
    .option("--kind <loại>", help.scorecard.add.kind, "percent")
    .option("--target <chỉ tiêu>", help.scorecard.add.target, "1")
    .requiredOption("--weight <trọng số>", help.scorecard.add.weight)
    .option("--org <tên>", help.committee.org)
    .action(
      async (o: {
        group: string;
        label: string;
        source: string;
        kind: string;
        target: string;
        weight: string;
        org?: string;
      }) => {
        const ind = await services.addIndicator(
          actor,
          {
            group: Number(o.group),
            label: o.label,
            source: o.source,
            kind: o.kind,
            target: o.target,
            weight: o.weight,
          },
          await orgId(o.org),
        );
        out(x.indicatorAdded(ind.id, ind.label));
      },
    );
  sc.command("set <số>")
    .description(help.scorecard.set.description)
    .option("--group <1-4>", help.scorecard.add.group)
    .option("--label <tên>", help.scorecard.add.label)
    .option("--source <nguồn>", help.scorecard.add.source(Object.keys(SOURCE_LABELS)))
    .option("--kind <loại>", help.scorecard.add.kind)
    .option("--target <chỉ tiêu>", help.scorecard.add.target)
    .option("--weight <trọng số>", help.scorecard.add.weight)
    .action(
      async (
        id: string,
        o: { group?: string; label?: string; source?: string; kind?: string; target?: string; weight?: string },
      ) => {
        const number = parseIdArg(id, x.indicatorNumber);
        const current = (await services.scoreCriteria(actor)).find((i) => i.id === number);
        if (!current) throw new CliError(x.noIndicator(id));
        const ind = await services.updateIndicator(actor, number, {
          group: o.group !== undefined ? Number(o.group) : current.group,
          label: o.label ?? current.label,
          source: o.source ?? current.source,
          kind: o.kind ?? current.kind,
          target: o.target ?? String(current.target),
          weight: o.weight ?? String(current.weight),
        });
        out(x.indicatorUpdated(ind.id, ind.label));
      },
    );
  sc.command("remove <số>")
    .description(help.scorecard.remove.description)
    .action(async (id: string) => {
      await services.removeIndicator(actor, parseIdArg(id, x.indicatorNumber));
      out(x.indicatorRemoved(id));
    });
  sc.command("value <số>")
    .description(help.scorecard.value.description)
    .requiredOption("--branch <mã>", help.scorecard.value.branch)
    .requiredOption("--value <giá-trị>", help.scorecard.value.value)
    .option("--year <năm>", help.scorecard.value.year)
    .option("--note <ghi chú>", help.scorecard.value.note)
    .action(async (id: string, o: { branch: string; value: string; year?: string; note?: string }) => {
      const b = await find.branchByCode(o.branch);
      await services.setIndicatorValue(actor, {
        indicatorId: parseIdArg(id, x.indicatorNumber),
        branchId: b.id,
        year: year(o.year),
        value: o.value,
        note: o.note ?? "",
      });
      out(x.valueSet(b.name, o.value));
    });
  sc.command("show")
    .description(help.scorecard.show.description)
    .option("--year <năm>", help.scorecard.show.year)
    .option("--ytd", help.scorecard.show.ytd)
    .option("--branch <mã>", help.scorecard.show.branch)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { year?: string; ytd?: boolean; branch?: string; org?: string }) => {
      const y = year(o.year);
      const view = await services.branchScorecards(actor, {
        year: y,
        yearToDate: o.ytd ?? false,
        organisationId: await orgId(o.org),
      });
      out(x.scorecardHeader(y, o.ytd ?? false));
      for (const row of view.rows) {
        if (o.branch && row.code !== o.branch) continue;
        out(x.scorecardRow(row.rank, row.code, row.name, row.score));
        if (!o.branch) continue;
        for (const r of row.card.results)
          out(
            `  ${x.indicatorResult(GROUP_LABELS[r.indicator.group] ?? "", r.indicator.label, indicatorValueText(r.indicator.kind, r.value), r.points, r.indicator.weight)}`,
          );
      }
    });
  sc.command("xlsx")
    .description(help.scorecard.xlsx.description)
    .requiredOption("--out <tệp.xlsx>", help.scorecard.xlsx.out)
    .option("--year <năm>", help.scorecard.show.year)
    .option("--ytd", help.scorecard.show.ytd)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { out: string; year?: string; ytd?: boolean; org?: string }) => {
      if (!o.out.endsWith(".xlsx")) throw new CliError(x.badOutXlsx("--out"));
      const body = await services.scorecardWorkbook(actor, {
        year: year(o.year),
        yearToDate: o.ytd ?? false,
        organisationId: await orgId(o.org),
      });
      await writeFile(o.out, body);
      out(x.wrote(o.out));
    });

  const rating = program.command("rating").description(help.rating.description);
  rating
    .command("propose")
    .description(help.rating.propose.description)
    .requiredOption("--branch <mã>", help.rating.branch)
    .option("--year <năm>", help.rating.year)
    .option("--all-tasks", help.rating.propose.allTasks)
    .option("--exceeded", help.rating.propose.exceeded)
    .option("--late-ok", help.rating.propose.lateOk)
    .option("--disciplined", help.rating.propose.disciplined)
    .option("--level <mức>", help.rating.level(LEVELS))
    .action(
      async (o: {
        branch: string;
        year?: string;
        allTasks?: boolean;
        exceeded?: boolean;
        lateOk?: boolean;
        disciplined?: boolean;
        level?: string;
      }) => {
        if (o.level !== undefined && !isLevel(o.level)) throw new CliError(x.badLevel(o.level, LEVELS));
        const b = await find.branchByCode(o.branch);
        const r = await services.proposeRating(actor, {
          branchId: b.id,
          year: year(o.year),
          conditions: {
            allTasksDone: o.allTasks ?? false,
            exceeded30: o.exceeded ?? false,
            lateAtMost20: o.lateOk ?? false,
            disciplined: o.disciplined ?? false,
          },
          ...(o.level && isLevel(o.level) ? { level: o.level } : {}),
        });
        out(x.ratingProposed(b.name, r.score, LEVEL_LABELS[r.level], LEVEL_LABELS[r.highest]));
      },
    );
  rating
    .command("decide")
    .description(help.rating.decide.description)
    .requiredOption("--branch <mã>", help.rating.branch)
    .requiredOption("--level <mức>", help.rating.level(LEVELS))
    .option("--year <năm>", help.rating.year)
    .option("--note <ghi chú>", help.rating.decide.note)
    .action(async (o: { branch: string; level: string; year?: string; note?: string }) => {
      if (!isLevel(o.level)) throw new CliError(x.badLevel(o.level, LEVELS));
      const b = await find.branchByCode(o.branch);
      await services.decideRating(actor, { branchId: b.id, year: year(o.year), level: o.level, note: o.note ?? "" });
      out(x.ratingDecided(b.name, LEVEL_LABELS[o.level]));
    });
  rating
    .command("list")
    .description(help.rating.list.description)
    .option("--year <năm>", help.rating.year)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { year?: string; org?: string }) => {
      const view = await services.ratingsOverview(actor, year(o.year), await orgId(o.org));
      for (const r of view.rows)
        out(
          x.ratingRow(
            r.code,
            r.name,
            r.score,
            r.proposed ? LEVEL_LABELS[r.proposed] : null,
            r.decided ? LEVEL_LABELS[r.decided] : null,
          ),
        );
      out(x.ratingQuota(view.counts.xuat_sac, view.counts.tot, view.quota.max, view.quota.ok, view.share));
    });
  rating
    .command("report")
    .description(help.rating.report.description)
    .requiredOption("--branch <mã>", help.rating.branch)
    .requiredOption("--out <tệp.docx>", help.rating.report.out)
    .option("--year <năm>", help.rating.year)
    .action(async (o: { branch: string; out: string; year?: string }) => {
      const b = await find.branchByCode(o.branch);
      const { buffer } = await services.branchReviewReport(actor, b.id, year(o.year));
      await writeFile(o.out, buffer);
      out(x.wrote(o.out));
    });
}

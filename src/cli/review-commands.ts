/**
 * Admin command line: the yearly review (open with a custom split, lock, export, the organisation's figures) and
 * members' form data.
 */
import { cliHelp as help } from "../texts/cli-help.ts";
import { writeFile } from "node:fs/promises";
import { Option, type Command } from "commander";
import { FORM_KINDS } from "../domain/forms/self-review.ts";
import { checkSplit, DEFAULT_SPLIT, LEVEL_LABELS, LEVELS, ScoreSplitError, type ScoreSplit } from "../domain/rating.ts";
import { formatPercent } from "../domain/text.ts";
import { formatDateTime } from "../domain/time.ts";
import { cliTexts as x } from "../texts/cli.ts";
import { parseDayArg, parseYearArg, parseYesNoArg, parseInstantArg } from "./parse.ts";
import { CliError, type CliDeps } from "./shared.ts";

type Finders = {
  branchByCode: (code: string) => Promise<{ id: number; code: string; name: string; organisationId: number }>;
  findMember: (branchId: number, who: string) => Promise<{ id: number; fullName: string }>;
};

/**
 * "Chính trị tư tưởng=10; Đạo đức, lối sống=10; …": criteria are separated by
 * semicolons (or new lines), since the criteria's own names contain commas.
 */
export function parsePoints(spec: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of spec.split(/[;\n]/)) {
    if (part.trim() === "") continue;
    const m = /^([^=]+)=\s*(\d+)$/.exec(part.trim());
    if (!m) throw new CliError(x.badPoints(name));
    out[m[1]!.trim()] = Number(m[2]);
  }
  if (Object.keys(out).length === 0) throw new CliError(x.badPoints(name));
  return out;
}

async function campaignOf(deps: CliDeps, branch: { id: number; code: string }, yearArg: string) {
  const year = parseYearArg(yearArg, "--year", deps.clock, deps.timeZone);
  const c = await deps.services.campaignOf(deps.actor, branch.id, year);
  if (!c) throw new CliError(x.noReview(branch.code, year));
  return c;
}

export function addReviewCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  const review = program.command("review").description(help.review.description);
  review
    .command("open")
    .description(help.review.open.description)
    .option("--branch <mã>", help.review.open.branch)
    .option("--org <tên>", help.review.open.org)
    .requiredOption("--year <năm>", help.review.open.year)
    .requiredOption("--deadline <ngày giờ>", help.review.open.deadline)
    .option("--general <tiêu chí>", help.review.open.general)
    .option("--tasks <tiêu chí>", help.review.open.tasks)
    .option("--quota <tỷ lệ>", help.review.open.quota, "0.2")
    .action(
      async (o: {
        branch?: string;
        org?: string;
        year: string;
        deadline: string;
        general?: string;
        tasks?: string;
        quota: string;
      }) => {
        if (!o.branch === !o.org) throw new CliError(x.oneOfBranchOrg);
        let branches: { id: number; code: string }[];
        if (o.branch) branches = [await find.branchByCode(o.branch)];
        else {
          const org = await services.organisationByName(actor, o.org!);
          branches = (await services.branchesOfOrganisation(actor, org.id)).sort((a, b) =>
            a.code.localeCompare(b.code),
          );
        }
        const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
        const deadline = parseInstantArg(o.deadline, "--deadline", deps.clock, deps.timeZone);
        let split: ScoreSplit;
        try {
          split = checkSplit({
            general: o.general ? parsePoints(o.general, "--general") : DEFAULT_SPLIT.general,
            tasks: o.tasks ? parsePoints(o.tasks, "--tasks") : DEFAULT_SPLIT.tasks,
          });
        } catch (e) {
          if (e instanceof ScoreSplitError) throw new CliError(e.message);
          throw e;
        }
        const quota = Number(o.quota.replace(",", "."));
        if (!(quota > 0 && quota <= 1)) throw new CliError(x.badQuota);
        for (const b of branches) {
          if (await services.campaignOf(actor, b.id, year)) {
            out(x.reviewAlreadyOpen(b.code, year));
            continue;
          }
          const { campaign: c, invited } = await services.openReview(actor, {
            branchId: b.id,
            year,
            deadline,
            split,
            quotaShare: quota,
          });
          out(x.reviewOpened(b.code, c.year, formatDateTime(c.deadline, deps.timeZone), invited));
        }
        out(x.reviewHowTo);
      },
    );
  review
    .command("lock")
    .description(help.review.lock.description)
    .requiredOption("--branch <mã>", help.review.lock.branch)
    .requiredOption("--year <năm>", help.review.lock.year)
    .action(async (o: { branch: string; year: string }) => {
      const b = await find.branchByCode(o.branch);
      const c = await campaignOf(deps, b, o.year);
      await services.lockCampaign(actor, c.id);
      out(x.reviewLocked(b.code, c.year));
    });
  review
    .command("export")
    .description(help.review.export.description)
    .requiredOption("--branch <mã>", help.review.export.branch)
    .requiredOption("--year <năm>", help.review.export.year)
    .requiredOption("--out <tệp>", help.review.export.out)
    .action(async (o: { branch: string; year: string; out: string }) => {
      const b = await find.branchByCode(o.branch);
      const c = await campaignOf(deps, b, o.year);
      if (!/\.(xlsx|csv)$/i.test(o.out)) throw new CliError(x.badOut("--out"));
      await writeFile(
        o.out,
        o.out.toLowerCase().endsWith(".xlsx")
          ? await services.reviewWorkbook(actor, c.id)
          : await services.reviewCsv(actor, c.id),
      );
      await services.recordExport(actor, { branchId: b.id, action: "review.export", details: { year: c.year } });
      out(x.wrote(o.out));
    });
  review
    .command("form")
    .description(help.review.form.description)
    .requiredOption("--branch <mã>", help.review.form.branch)
    .requiredOption("--member <ai>", help.review.form.member)
    .requiredOption("--year <năm>", help.review.form.year)
    .requiredOption("--out <tệp>", help.review.form.out)
    .action(async (o: { branch: string; member: string; year: string; out: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      const c = await campaignOf(deps, b, o.year);
      if (!/\.docx$/i.test(o.out)) throw new CliError(x.badOutDocx("--out"));
      const doc = await services.reviewDocumentFor(actor, {
        campaignId: c.id,
        memberId: m.id,
        timeZone: deps.timeZone,
      });
      await writeFile(o.out, doc.buffer);
      await services.recordExport(actor, {
        branchId: b.id,
        action: "review.document",
        targetMemberId: m.id,
        details: { year: c.year },
      });
      out(x.wrote(o.out));
    });
  review
    .command("organisation")
    .description(help.review.organisation.description)
    .requiredOption("--org <tên>", help.review.organisation.org)
    .requiredOption("--year <năm>", help.review.organisation.year)
    .action(async (o: { org: string; year: string }) => {
      const org = await services.organisationByName(actor, o.org);
      const r = await services.organisationRatings(
        actor,
        org.id,
        parseYearArg(o.year, "--year", deps.clock, deps.timeZone),
      );
      for (const row of r.rows)
        out(
          x.orgRatingRow(
            row.branch,
            row.submitted,
            LEVELS.map((l) => `${LEVEL_LABELS[l]} ${row.final[l]}`).join("; "),
            formatPercent(row.finalGood),
            row.quota.ok,
          ),
        );
      out(
        x.orgRatingTotal(LEVELS.map((l) => `${LEVEL_LABELS[l]} ${r.total[l]}`).join("; "), formatPercent(r.totalGood)),
      );
    });

  const member = program.commands.find((c) => c.name() === "member")!;
  member
    .command("review-info")
    .description(help.member.reviewInfo.description)
    .requiredOption("--branch <mã>", help.member.reviewInfo.branch)
    .requiredOption("--member <ai>", help.member.reviewInfo.member)
    .addOption(new Option("--form <mẫu>", help.member.reviewInfo.form).choices([...FORM_KINDS]))
    .option("--admitted <dd/mm/yyyy>", help.member.reviewInfo.admitted)
    .option("--suspended <có|không>", help.member.reviewInfo.suspended)
    .action(async (o: { branch: string; member: string; form?: string; admitted?: string; suspended?: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      const suspended = o.suspended === undefined ? undefined : parseYesNoArg(o.suspended, "--suspended");
      const data = {
        ...(o.form ? { formKind: o.form } : {}),
        ...(o.admitted ? { admittedAt: parseDayArg(o.admitted, "--admitted") } : {}),
        ...(suspended !== undefined ? { suspended } : {}),
      };
      if (Object.keys(data).length === 0) throw new CliError(x.nothingToChange("--form, --admitted hoặc --suspended"));
      await services.setReviewInfo(actor, m.id, data);
      out(x.reviewInfoSet(m.fullName));
    });
}

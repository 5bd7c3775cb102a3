/** Admin command line: the yearly review (open with a custom split, lock, export, the organisation's figures) and members' form data. */
import { writeFile } from "node:fs/promises";
import { Option, type Command } from "commander";
import { parseDateTimeInput } from "../domain/datetime-input.ts";
import { FORM_KINDS } from "../domain/forms/self-review.ts";
import { checkSplit, DEFAULT_SPLIT, LEVEL_LABELS, LEVELS, ScoreSplitError, type ScoreSplit } from "../domain/rating.ts";
import { formatPercent } from "../domain/text.ts";
import { formatDateTime } from "../domain/time.ts";
import { audit } from "../services/audit.ts";
import { cliActor } from "../services/meetings.ts";
import { reviewCsv, reviewWorkbook } from "../services/review-export.ts";
import { lockCampaign, openCampaign, organisationRatings } from "../services/self-review.ts";
import type { CliDeps } from "./program.ts";
import { CliError } from "./program.ts";

type Finders = {
  branchByCode: (code: string) => Promise<{ id: number; code: string; name: string; organisationId: number }>;
  findMember: (branchId: number, who: string) => Promise<{ id: number; fullName: string }>;
};

function parsePoints(spec: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of spec.split(",")) {
    const m = /^(.+)=(\d+)$/.exec(part.trim());
    if (!m) throw new CliError(`${name}: use "Tiêu chí A=10,Tiêu chí B=20"`);
    out[m[1]!.trim()] = Number(m[2]);
  }
  return out;
}

export function addReviewCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { db, out } = deps;
  const review = program.command("review").description("the yearly self-review (kiểm điểm, xếp loại)");
  review
    .command("open")
    .description("open the review of a branch, or of every branch of an organisation; the split of the 30 and 70 points defaults to 10+10+10 and 50+20")
    .option("--branch <code>", "branch code")
    .option("--org <name>", "organisation name: every branch")
    .requiredOption("--year <yyyy>", "year")
    .requiredOption("--deadline <when>", 'e.g. "05/12/2026 17:00" (before 31/12)')
    .option("--general <spec>", 'sub-points of the 30, e.g. "Chính trị tư tưởng=10,Đạo đức, lối sống=10,Kỷ luật=10"')
    .option("--tasks <spec>", 'sub-points of the 70, e.g. "Nhiệm vụ được giao=50,Cam kết=20"')
    .option("--quota <share>", "xuất sắc at most this share of hoàn thành tốt (0.2, or 0.25 for outstanding units)", "0.2")
    .action(async (o: { branch?: string; org?: string; year: string; deadline: string; general?: string; tasks?: string; quota: string }) => {
      if (!o.branch === !o.org) throw new CliError("give exactly one of --branch or --org");
      let branches: { id: number; code: string }[];
      if (o.branch) branches = [await find.branchByCode(o.branch)];
      else {
        const org = await db.organisation.findUnique({ where: { name: o.org! } });
        if (!org) throw new CliError(`No organisation "${o.org}"`);
        branches = await db.branch.findMany({ where: { organisationId: org.id }, orderBy: { code: "asc" } });
      }
      const parsed = parseDateTimeInput(o.deadline, deps.clock(), deps.timeZone);
      if (!parsed.ok) throw new CliError(`--deadline "${o.deadline}": ${parsed.error === "past" ? "that time has passed" : 'use e.g. "05/12/2026 17:00"'}`);
      let split: ScoreSplit;
      try {
        split = checkSplit({ general: o.general ? parsePoints(o.general, "--general") : DEFAULT_SPLIT.general, tasks: o.tasks ? parsePoints(o.tasks, "--tasks") : DEFAULT_SPLIT.tasks });
      } catch (e) {
        if (e instanceof ScoreSplitError) throw new CliError(e.message);
        throw e;
      }
      const quota = Number(o.quota);
      if (!(quota > 0 && quota <= 1)) throw new CliError("--quota must be between 0 and 1");
      for (const b of branches) {
        if (await db.reviewCampaign.findUnique({ where: { branchId_year: { branchId: b.id, year: Number(o.year) } } })) {
          out(`${b.code}: the ${o.year} review is already open (left as it is)`);
          continue;
        }
        const c = await openCampaign(db, deps.clock, cliActor, { branchId: b.id, year: Number(o.year), deadline: parsed.instant, timeZone: deps.timeZone, split, quotaShare: quota });
        out(`Opened the ${c.year} review of ${b.code}, deadline ${formatDateTime(c.deadline, deps.timeZone)}`);
      }
      out("Members use /kiemdiem; the bot reminds those who have not submitted.");
    });
  review
    .command("lock")
    .description("lock a branch's review: no more changes")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--year <yyyy>", "year")
    .action(async (o: { branch: string; year: string }) => {
      const b = await find.branchByCode(o.branch);
      const c = await db.reviewCampaign.findUnique({ where: { branchId_year: { branchId: b.id, year: Number(o.year) } } });
      if (!c) throw new CliError(`No ${o.year} review for ${b.code}`);
      await lockCampaign(db, cliActor, c.id);
      out(`Locked the ${o.year} review of ${b.code}`);
    });
  review
    .command("export")
    .description("write a branch's review: one row per member, one column per question and score (.xlsx or .csv)")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--year <yyyy>", "year")
    .requiredOption("--out <file>", "output .xlsx or .csv")
    .action(async (o: { branch: string; year: string; out: string }) => {
      const b = await find.branchByCode(o.branch);
      const c = await db.reviewCampaign.findUnique({ where: { branchId_year: { branchId: b.id, year: Number(o.year) } } });
      if (!c) throw new CliError(`No ${o.year} review for ${b.code}`);
      if (!/\.(xlsx|csv)$/i.test(o.out)) throw new CliError("--out must end in .xlsx or .csv");
      await writeFile(o.out, o.out.toLowerCase().endsWith(".xlsx") ? await reviewWorkbook(db, cliActor, c.id) : await reviewCsv(db, cliActor, c.id));
      await audit(db, { actor: "cli", action: "review.export", branchId: b.id, details: { year: c.year } });
      out(`Wrote ${o.out}`);
    });
  review
    .command("organisation")
    .description("the committee's figures: levels decided per branch and in total, % good or above, quota")
    .requiredOption("--org <name>", "organisation name")
    .requiredOption("--year <yyyy>", "year")
    .action(async (o: { org: string; year: string }) => {
      const org = await db.organisation.findUnique({ where: { name: o.org } });
      if (!org) throw new CliError(`No organisation "${o.org}"`);
      const r = await organisationRatings(db, cliActor, org.id, Number(o.year));
      for (const row of r.rows) out(`${row.branch}\tsubmitted ${row.submitted}\t${LEVELS.map((l) => `${LEVEL_LABELS[l]} ${row.final[l]}`).join("; ")}\tgood or above ${formatPercent(row.finalGood)}${row.quota.ok ? "" : "\tQUOTA EXCEEDED"}`);
      out(`Total\t${LEVELS.map((l) => `${LEVEL_LABELS[l]} ${r.total[l]}`).join("; ")}\tgood or above ${formatPercent(r.totalGood)}`);
    });

  const member = program.commands.find((c) => c.name() === "member")!;
  member
    .command("review-info")
    .description("a member's self-review data: form (2A/2B/2C), admission date, suspension")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .addOption(new Option("--form <kind>", "form kind").choices([...FORM_KINDS]))
    .option("--admitted <dd/mm/yyyy>", "date of admission to the Party")
    .option("--suspended <yes|no>", "suspended from party activity")
    .action(async (o: { branch: string; member: string; form?: string; admitted?: string; suspended?: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      const admitted = o.admitted ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(o.admitted) : null;
      if (o.admitted && !admitted) throw new CliError("--admitted must be dd/mm/yyyy");
      if (o.suspended && !["yes", "no"].includes(o.suspended)) throw new CliError("--suspended must be yes or no");
      const data = {
        ...(o.form ? { formKind: o.form } : {}),
        ...(admitted ? { admittedAt: new Date(Date.UTC(Number(admitted[3]), Number(admitted[2]) - 1, Number(admitted[1]))) } : {}),
        ...(o.suspended ? { suspended: o.suspended === "yes" } : {}),
      };
      if (Object.keys(data).length === 0) throw new CliError("nothing to change: give --form, --admitted or --suspended");
      await db.member.update({ where: { id: m.id }, data });
      await audit(db, { actor: "cli", action: "member.review_info", branchId: b.id, targetMemberId: m.id, details: { form: o.form, suspended: o.suspended } });
      out(`${m.fullName}: updated`);
    });
}

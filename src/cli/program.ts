/**
 * The admin command line for the committee's technical staff. Built from its
 * dependencies so tests run the same commands against a test database. Every
 * line it prints is Vietnamese (texts/cli.ts); dates, months and money are
 * accepted in the forms staff write them (parse.ts).
 */
import { headerWarningText, rowErrorText } from "../texts/roster.ts";
import { cliHelp as help } from "../texts/cli-help.ts";
import { writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { ScheduleRuleError } from "../domain/schedule.ts";
import { describeRule, scheduleProblemText } from "../texts/meetings.ts";
import { fold } from "../domain/text.ts";
import { formatDate, parseClock } from "../domain/time.ts";
import { ServiceError } from "../services/errors.ts";
import { errorText } from "../texts/errors.ts";
import { BRANCH_KINDS, type BranchKind } from "../services/administration.ts";
import { ROLE_LABELS, ROLES, type Role } from "../services/members.ts";
import { tablesToXlsx, tableToCsv, type Table } from "../services/reports.ts";
import { readRosterFile, type ImportReport } from "../services/roster-import.ts";
import { cliTexts as x, IMPORT_FIELD_LABELS, importValueText } from "../texts/cli.ts";
import { addAnnouncementCommands } from "./announcement-commands.ts";
import { addDevelopmentCommands } from "./development-commands.ts";
import { addScorecardCommands } from "./scorecard-commands.ts";
import { addFeeCommands } from "./fee-commands.ts";
import { addMeetingCommands } from "./meeting-commands.ts";
import { addSurveyCommands } from "./survey-commands.ts";
import { parseIdArg, parseYearArg } from "./parse.ts";
import { addReviewCommands } from "./review-commands.ts";
import { vietnameseHelp } from "./vietnamese-help.ts";
import { CliError, withoutPassword, type CliDeps } from "./shared.ts";

export { CliError, type CliDeps } from "./shared.ts";

const FIELD_LABELS = IMPORT_FIELD_LABELS;
const showValue = importValueText;

function printImport(out: (l: string) => void, report: ImportReport, dry: boolean): void {
  if (dry) out(x.dryRunHeader);
  for (const name of report.createdNames) out(x.willCreate(name));
  for (const c of report.changes) {
    out(x.memberChange(c.fullName, c.row));
    for (const f of c.fields) out(x.fieldChange(FIELD_LABELS[f.field] ?? f.field, showValue(f.from), showValue(f.to)));
  }
  for (const c of report.changes)
    for (const f of c.fields) if (f.field === "role") out(x.roleChange(c.fullName, showValue(f.from), showValue(f.to)));
  for (const k of report.keptNames) out(x.keptName(k.row, k.fileName, k.kept));
}

/** Writes tables as one .xlsx, or one .csv per table (a CSV holds one table). Returns the files written. */
async function writeTables(file: string, tables: Table[]): Promise<string[]> {
  if (extname(file).toLowerCase() === ".xlsx") {
    await writeFile(file, await tablesToXlsx(tables));
    return [file];
  }
  if (tables.length === 1) {
    await writeFile(file, tableToCsv(tables[0]!));
    return [file];
  }
  const stem = basename(file, extname(file));
  const files = tables.map((t, i) =>
    join(
      dirname(file),
      `${stem}-${i + 1}-${fold(t.title)
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}.csv`,
    ),
  );
  for (const [i, t] of tables.entries()) await writeFile(files[i]!, tableToCsv(t));
  return files;
}

export function tableFileOption(file: string): "xlsx" | "csv" {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv") return "csv";
  throw new CliError(x.badOut("--out"));
}

export function buildProgram(deps: CliDeps): Command {
  const { services, actor, out } = deps;
  const branchByCode = (code: string) => services.branchByCode(actor, code);
  const findMember = (branchId: number, who: string) => services.findMemberInBranch(actor, branchId, who);
  const program = vietnameseHelp(new Command("chibo"), out).description(help.program).exitOverride();

  const org = program.command("org").description(help.org.description);
  org
    .command("create <tên>")
    .description(help.org.create.description)
    .action(async (name: string) => {
      const created = await services.createOrganisation(actor, name);
      out(x.orgCreated(created.id, created.name));
    });
  org
    .command("list")
    .description(help.org.list.description)
    .action(async () => {
      for (const o of await services.organisations(actor)) out(x.orgRow(o.id, o.name));
    });

  const branch = program.command("branch").description(help.branch.description);
  branch
    .command("create")
    .description(help.branch.create.description)
    .requiredOption("--org <tên>", help.branch.create.org)
    .requiredOption("--code <mã>", help.branch.create.code)
    .requiredOption("--name <tên>", help.branch.create.name)
    .addOption(new Option("--kind <loại>", help.branch.create.kind).choices([...BRANCH_KINDS]).default("residential"))
    .action(async (o: { org: string; code: string; name: string; kind: BranchKind }) => {
      const organisation = await services.organisationByName(actor, o.org);
      const created = await services.createBranch(actor, {
        organisationId: organisation.id,
        code: o.code,
        name: o.name,
        kind: o.kind,
      });
      out(x.branchCreated(created.code, created.name));
    });
  branch
    .command("schedule <mã>")
    .description(help.branch.schedule.description)
    .option("--rule <quy tắc>", help.branch.schedule.rule)
    .option("--time <HH:mm>", help.branch.schedule.time)
    .option("--place <địa điểm>", help.branch.schedule.place)
    .option("--off", help.branch.schedule.off)
    .action(async (code: string, o: { rule?: string; time?: string; place?: string; off?: boolean }) => {
      const b = await branchByCode(code);
      if (o.off) {
        await services.setBranchSchedule(actor, b.id, null);
        out(x.scheduleOff(b.code));
        return;
      }
      if (!o.rule || !o.time) throw new CliError(x.scheduleNeeds);
      if (!parseClock(o.time)) throw new CliError(x.badTime);
      let rule: string | null;
      try {
        rule = await services.setBranchSchedule(actor, b.id, {
          rule: o.rule,
          time: o.time,
          ...(o.place ? { place: o.place } : {}),
        });
      } catch (e) {
        if (e instanceof ScheduleRuleError) throw new CliError(scheduleProblemText(e.problem, e.input));
        throw e;
      }
      out(x.scheduleSet(b.code, describeRule(rule!), o.time, o.place));
    });
  branch
    .command("list")
    .description(help.branch.list.description)
    .action(async () => {
      const rows = await services.branches(actor);
      for (const b of rows)
        out(
          x.branchRow(
            b.code,
            b.name,
            b.organisation.name,
            b._count.members,
            b.scheduleRule ? `${describeRule(b.scheduleRule)} ${b.scheduleTime}` : null,
          ),
        );
    });
  branch
    .command("fees <mã>")
    .description(help.branch.fees.description)
    .option("--region <n>", help.branch.fees.region)
    .option("--collection-day <ngày>", help.branch.fees.collectionDay)
    .action(async (code: string, o: { region?: string; collectionDay?: string }) => {
      const b = await branchByCode(code);
      const region = o.region === undefined ? undefined : Number(o.region);
      const day = o.collectionDay === undefined ? undefined : Number(o.collectionDay);
      const updated = await services.setBranchFees(actor, b.id, {
        ...(region !== undefined ? { region } : {}),
        ...(day !== undefined ? { collectionDay: day } : {}),
      });
      out(x.branchFees(b.code, updated.region, updated.feeCollectionDay));
    });

  const roster = program.command("roster").description(help.roster.description);
  roster
    .command("import <tệp>")
    .description(help.roster.import.description)
    .requiredOption("--branch <mã>", help.roster.import.branch)
    .option("--dry-run", help.roster.import.dryRun)
    .action(async (file: string, o: { branch: string; dryRun?: boolean }) => {
      const b = await branchByCode(o.branch);
      let sheet;
      try {
        sheet = await readRosterFile(file);
      } catch (e) {
        throw new CliError(
          x.cannotRead(
            file,
            e instanceof ServiceError
              ? errorText(e)
              : (e as NodeJS.ErrnoException).code === "ENOENT"
                ? x.noSuchFile
                : (e as Error).message,
          ),
        );
      }
      const dry = o.dryRun ?? false;
      const report = await services.importRoster({ branchId: b.id, sheet, actor: actor.label, dryRun: dry });
      for (const w of report.warnings) out(x.warning(headerWarningText(w)));
      if (!report.ok) {
        for (const e of report.errors) out(x.badRow(e.row, rowErrorText(e)));
        throw new CliError(x.badRows(report.errors.length));
      }
      printImport(out, report, dry);
      out(x.importSummary(dry, report.created, report.updated, report.unchanged, report.notInFile));
    });

  program
    .command("members")
    .description(help.members.description)
    .requiredOption("--branch <mã>", help.members.branch)
    .action(async (o: { branch: string }) => {
      const b = await branchByCode(o.branch);
      const members = await services.branchMembers(actor, b.id);
      out(x.membersHeader(b.name, members.length, members.filter((m) => m.accounts.length > 0).length));
      for (const m of members) {
        const links =
          m.accounts
            .map((a) => `${a.channel === "zalo" ? "Zalo" : "Telegram"}${a.unreachableAt ? ` (${x.unreachable})` : ""}`)
            .join(", ") || x.notLinked;
        out(x.memberRow(m.id, m.fullName, ROLE_LABELS[m.role], m.phone, links));
      }
    });

  const member = program.command("member").description(help.member.description);
  member
    .command("role")
    .description(x.roleHelp([...ROLES]))
    .requiredOption("--branch <mã>", help.member.role.branch)
    .requiredOption("--member <ai>", help.member.role.member)
    .addOption(new Option("--role <vai trò>", help.member.role.role).choices([...ROLES]).makeOptionMandatory())
    .option("--replace", help.member.role.replace)
    .action(async (o: { branch: string; member: string; role: Role; replace?: boolean }) => {
      const b = await branchByCode(o.branch);
      const m = await findMember(b.id, o.member);
      const change = await services.setRole(actor, { memberId: m.id, role: o.role, replace: o.replace ?? false });
      if (change.replaced) out(x.roleReplaced(change.replaced.fullName, ROLE_LABELS.secretary));
      out(x.roleSet(m.fullName, ROLE_LABELS[o.role]));
    });
  member
    .command("unlink")
    .description(help.member.unlink.description)
    .requiredOption("--branch <mã>", help.member.unlink.branch)
    .requiredOption("--member <ai>", help.member.unlink.member)
    .action(async (o: { branch: string; member: string }) => {
      const b = await branchByCode(o.branch);
      const m = await findMember(b.id, o.member);
      const { removed: n } = await services.unlinkMember(actor, m.id, `cli:${services.now().getTime()}`);
      out(n > 0 ? x.unlinked(m.fullName, n) : x.hadNoLink(m.fullName));
    });
  member
    .command("erase")
    .description(help.member.erase.description)
    .requiredOption("--branch <mã>", help.member.erase.branch)
    .requiredOption("--member <ai>", help.member.erase.member)
    .requiredOption("--yes", help.member.erase.yes)
    .action(async (o: { branch: string; member: string }) => {
      const b = await branchByCode(o.branch);
      const m = await findMember(b.id, o.member);
      await services.eraseMember(actor, m.id);
      out(x.erased(m.id));
    });
  member
    .command("data")
    .description(help.member.data.description)
    .requiredOption("--branch <mã>", help.member.data.branch)
    .requiredOption("--member <ai>", help.member.data.member)
    .option("--out <tệp>", help.member.data.out)
    .action(async (o: { branch: string; member: string; out?: string }) => {
      const b = await branchByCode(o.branch);
      const m = await findMember(b.id, o.member);
      const json = JSON.stringify(await services.memberDataExport(actor, m.id), null, 2);
      if (!o.out) return out(json);
      await writeFile(o.out, json);
      out(x.wrote(o.out));
    });

  program
    .command("invite")
    .description(help.invite.description)
    .requiredOption("--branch <mã>", help.invite.branch)
    .option("--member <ai...>", help.invite.member)
    .action(async (o: { branch: string; member?: string[] }) => {
      const b = await branchByCode(o.branch);
      const ids = o.member ? await Promise.all(o.member.map(async (w) => (await findMember(b.id, w)).id)) : undefined;
      const issued = await services.issueInvites(actor, { branchId: b.id, ...(ids ? { memberIds: ids } : {}) });
      if (issued.length === 0) {
        out(x.everyoneLinked);
        return;
      }
      const username = await deps.botUsername();
      out(x.invitesValid(formatDate(issued[0]!.expiresAt, deps.timeZone)));
      for (const i of issued)
        out(
          x.inviteRow(i.fullName, i.code, username ? `https://t.me/${username}?start=${i.code}` : null, i.earlierValid),
        );
      if (!username) out(x.noUsername);
      out(x.inviteHowTo);
    });

  program
    .command("report <loại>")
    .description(help.report.description)
    .requiredOption("--branch <mã>", help.report.branch)
    .requiredOption("--out <tệp>", help.report.out)
    .option("--year <năm>", help.report.year)
    .option("--id <số>", help.report.id)
    .action(async (kind: string, o: { branch: string; out: string; year?: string; id?: string }) => {
      const b = await branchByCode(o.branch);
      const ext = tableFileOption(o.out);
      let tables: Table[];
      if (kind === "members") tables = [await services.membersTable(actor, b.id)];
      else if (kind === "attendance") {
        const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
        const r = await services.attendanceYear(
          actor,
          b.id,
          year,
          services.settings.attendanceThreshold,
          deps.timeZone,
        );
        tables = [r.meetings, r.members];
      } else if (kind === "announcement") {
        if (!o.id) throw new CliError(x.needId);
        tables = [await services.announcementTable(actor, parseIdArg(o.id, "--id"), deps.timeZone)];
      } else if (kind === "audit") tables = [await services.auditTable(actor, b.id, deps.timeZone, 100_000)];
      else throw new CliError(x.unknownReport(kind));
      const files = await writeTables(o.out, tables);
      await services.recordExport(actor, { branchId: b.id, action: "report.export", details: { kind, ext } });
      for (const f of files) out(x.wrote(f));
    });

  const dbCommand = program.command("db").description(help.db.description);
  dbCommand
    .command("migrate")
    .description(help.db.migrate.description)
    .action(async () => {
      const applied = (await deps.migrate?.()) ?? [];
      out(applied.length > 0 ? x.migrated(applied) : x.upToDate);
    });

  dbCommand
    .command("backup <tệp>")
    .description(help.db.backup.description)
    .action(async (file: string) => {
      if (!deps.backup) throw new CliError(x.noBackup);
      for (const f of await deps.backup(file)) out(x.wrote(f));
    });
  dbCommand
    .command("copy")
    .description(help.db.copy.description)
    .option("--from <địa chỉ>", help.db.copy.from)
    .requiredOption("--to <địa chỉ>", help.db.copy.to)
    .action(async (o: { from?: string; to: string }) => {
      if (!deps.copy) throw new CliError(x.noBackup);
      const tables = await deps.copy(o.from, o.to);
      for (const t of tables) out(x.copiedTable(t.table, t.rows));
      out(
        x.copied(
          tables.reduce((n, t) => n + t.rows, 0),
          withoutPassword(o.to),
        ),
      );
    });
  dbCommand
    .command("restore <tệp>")
    .description(help.db.restore.description)
    .requiredOption("--yes", help.db.restore.yes)
    .action(async (file: string) => {
      if (!deps.restore) throw new CliError(x.noBackup);
      await deps.restore(file);
      out(x.restored(file));
    });

  const branchesNamed = async (o: { branch?: string[]; org?: string }) => {
    if (!o.branch === !o.org) throw new CliError(x.oneOfBranchOrg);
    if (o.branch) return Promise.all([o.branch].flat().map(async (code) => (await branchByCode(code)).id));
    const org = await services.organisationByName(actor, o.org!);
    return (await services.branchesOfOrganisation(actor, org.id)).map((b) => b.id);
  };
  const finders = { branchByCode, findMember, branchesNamed };
  addMeetingCommands(program, deps, finders);
  addAnnouncementCommands(program, deps, finders);
  addSurveyCommands(program, deps, finders);
  addDevelopmentCommands(program, deps, finders);
  addScorecardCommands(program, deps, finders);
  addFeeCommands(program, deps, finders);
  addReviewCommands(program, deps, finders);
  return program;
}

/** Runs one command line; returns the exit code. Errors print one line, never a stack trace. */
export async function runCli(deps: CliDeps, argv: string[]): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliError) deps.out(x.error(e.message));
    else if (e instanceof ServiceError) deps.out(x.error(errorText(e)));
    else throw e;
    return 1;
  }
}

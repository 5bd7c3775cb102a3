/**
 * The admin command line for the committee's technical staff. Built from its
 * dependencies so tests run the same commands against a test database.
 */
import { Command, CommanderError, Option } from "commander";
import type { Db } from "../db/client.ts";
import { parseDateTimeInput } from "../domain/datetime-input.ts";
import { normalisePhone } from "../domain/phone.ts";
import { describeRule, parseScheduleRule, ScheduleRuleError } from "../domain/schedule.ts";
import { formatDate, formatDateTime, parseClock, type Clock } from "../domain/time.ts";
import { fold, sortByName } from "../domain/text.ts";
import type { Outbox } from "../delivery/outbox.ts";
import { audit } from "../services/audit.ts";
import { UserFacingError } from "../services/errors.ts";
import { issueInvites, unlink } from "../services/linking.ts";
import { cancelMeeting, cliActor, createMeeting, MEETING_KINDS, type MeetingKind } from "../services/meetings.ts";
import { meetingGroup, notifyMeetingMembers } from "../services/meeting-notices.ts";
import { ROLE_LABELS, ROLES, type Role } from "../services/members.ts";
import { importRoster, readRosterFile } from "../services/roster-import.ts";
import { KIND_LABELS } from "../texts/vi.ts";
import { addFeeCommands } from "./fee-commands.ts";
import { addReviewCommands } from "./review-commands.ts";
import { writeFile } from "node:fs/promises";
import { announcementTable, attendanceYear, auditTable, eraseMember, memberDataExport, membersTable, tablesToXlsx, tableToCsv, type Table } from "../services/reports.ts";

export interface CliDeps {
  db: Db;
  clock: Clock;
  outbox: Outbox;
  timeZone: string;
  inviteTtlDays: number;
  /** Fee limits (defaults: 5,000,000 đ per payment, 12 months ahead). */
  maxPayment?: number;
  maxAdvanceMonths?: number;
  attendanceThreshold?: number;
  /** The Telegram bot's username for deep links, or null when unknown. */
  botUsername: () => Promise<string | null>;
  out: (line: string) => void;
}

/** A command-line mistake: printed as one line, exit code 1. */
export class CliError extends Error {
  override readonly name = "CliError";
}

async function branchByCode(db: Db, code: string) {
  const branch = await db.branch.findUnique({ where: { code } });
  if (!branch) throw new CliError(`No branch with code "${code}" (see: branch list)`);
  return branch;
}

async function findMember(db: Db, branchId: number, who: string) {
  if (/^\d+$/.test(who) && who.length < 9) {
    const m = await db.member.findFirst({ where: { id: Number(who), branchId, leftAt: null } });
    if (m) return m;
  }
  const phone = normalisePhone(who);
  const all = await db.member.findMany({ where: { branchId, leftAt: null } });
  const matches = phone ? all.filter((m) => m.phone === phone) : all.filter((m) => fold(m.fullName) === fold(who));
  if (matches.length === 0) throw new CliError(`No member "${who}" in this branch`);
  if (matches.length > 1) throw new CliError(`"${who}" matches ${matches.length} members; use the member id (see: members)`);
  return matches[0]!;
}

export function buildProgram(deps: CliDeps): Command {
  const { db, out } = deps;
  const program = new Command("chibo")
    .description("chibo admin command line: organisations, branches, rosters, invites, meetings")
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => out(s.trimEnd()) });

  const org = program.command("org").description("party committees (đảng bộ)");
  org.command("create <name>").description("create an organisation").action(async (name: string) => {
    const created = await db.organisation.create({ data: { name: name.trim() } }).catch(() => {
      throw new CliError(`Organisation "${name}" already exists`);
    });
    await audit(db, { actor: "cli", action: "org.create", details: { id: created.id, name } });
    out(`Created organisation #${created.id}: ${created.name}`);
  });
  org.command("list").description("list organisations").action(async () => {
    for (const o of await db.organisation.findMany({ orderBy: { id: "asc" } })) out(`#${o.id}  ${o.name}`);
  });

  const branch = program.command("branch").description("branches (chi bộ)");
  branch
    .command("create")
    .description("create a branch")
    .requiredOption("--org <name>", "organisation name")
    .requiredOption("--code <code>", "short unique code, e.g. tdp5")
    .requiredOption("--name <name>", 'branch name, e.g. "Chi bộ Tổ dân phố 5"')
    .addOption(new Option("--kind <kind>", "branch kind").choices(["residential", "school", "health", "police", "military", "cooperative", "other"]).default("residential"))
    .action(async (o: { org: string; code: string; name: string; kind: string }) => {
      const organisation = await db.organisation.findUnique({ where: { name: o.org } });
      if (!organisation) throw new CliError(`No organisation "${o.org}" (create it with: org create)`);
      if (!/^[a-z0-9_-]{2,32}$/i.test(o.code)) throw new CliError("--code: 2–32 letters, digits, - or _");
      const created = await db.branch.create({ data: { organisationId: organisation.id, code: o.code, name: o.name.trim(), kind: o.kind } }).catch(() => {
        throw new CliError(`A branch with code "${o.code}" or name "${o.name}" already exists`);
      });
      await audit(db, { actor: "cli", action: "branch.create", branchId: created.id, details: { code: o.code } });
      out(`Created branch ${created.code}: ${created.name}`);
    });
  branch
    .command("schedule <code>")
    .description('set the monthly regular meeting, e.g. --rule "ngày 3" --time 19:30 --place "Nhà văn hoá"; --off to remove')
    .option("--rule <rule>", '"ngày 3", "thứ ba đầu tiên", "thứ sáu cuối cùng" or an RRULE like FREQ=MONTHLY;BYMONTHDAY=3')
    .option("--time <HH:mm>", "meeting time, local")
    .option("--place <place>", "usual meeting place")
    .option("--off", "remove the schedule")
    .action(async (code: string, o: { rule?: string; time?: string; place?: string; off?: boolean }) => {
      const b = await branchByCode(db, code);
      if (o.off) {
        await db.branch.update({ where: { id: b.id }, data: { scheduleRule: null, scheduleTime: null } });
        out(`Schedule removed for ${b.code}`);
        return;
      }
      if (!o.rule || !o.time) throw new CliError("--rule and --time are required (or --off)");
      let rule: string;
      try {
        rule = parseScheduleRule(o.rule);
      } catch (e) {
        if (e instanceof ScheduleRuleError) throw new CliError(e.message);
        throw e;
      }
      if (!parseClock(o.time)) throw new CliError("--time must be HH:mm, e.g. 19:30");
      await db.branch.update({ where: { id: b.id }, data: { scheduleRule: rule, scheduleTime: o.time, ...(o.place ? { schedulePlace: o.place } : {}) } });
      await audit(db, { actor: "cli", action: "branch.schedule", branchId: b.id, details: { rule, time: o.time } });
      out(`Regular meeting of ${b.code}: ${describeRule(rule)}, ${o.time}${o.place ? `, ${o.place}` : ""}`);
    });
  branch.command("list").description("list branches").action(async () => {
    const rows = await db.branch.findMany({ orderBy: { code: "asc" }, include: { organisation: true, _count: { select: { members: { where: { leftAt: null } } } } } });
    for (const b of rows) out(`${b.code}\t${b.name}\t${b.organisation.name}\t${b._count.members} members${b.scheduleRule ? `\t${describeRule(b.scheduleRule)} ${b.scheduleTime}` : ""}`);
  });

  const roster = program.command("roster").description("member lists");
  roster
    .command("import <file>")
    .description("import a roster from .csv or .xlsx (headers: Họ và tên, Điện thoại, Chức vụ, Tình trạng, Nhóm đảng phí, Miễn sinh hoạt, Từ ngày, Đến ngày)")
    .requiredOption("--branch <code>", "branch code")
    .option("--dry-run", "check the file and report, write nothing")
    .action(async (file: string, o: { branch: string; dryRun?: boolean }) => {
      const b = await branchByCode(db, o.branch);
      let sheet;
      try {
        sheet = await readRosterFile(file);
      } catch (e) {
        throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
      }
      const report = await importRoster(db, { branchId: b.id, sheet, actor: "cli", dryRun: o.dryRun ?? false });
      for (const w of report.warnings) out(`Lưu ý: ${w}`);
      if (!report.ok) {
        for (const e of report.errors) out(`Dòng ${e.row}: ${e.message}`);
        throw new CliError(`${report.errors.length} bad row(s); nothing was imported`);
      }
      out(`${o.dryRun ? "(dry run) " : ""}Created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}; ${report.notInFile} member(s) of the branch are not in the file (left as they are)`);
    });

  program
    .command("members")
    .description("list a branch's members with their link status")
    .requiredOption("--branch <code>", "branch code")
    .action(async (o: { branch: string }) => {
      const b = await branchByCode(db, o.branch);
      const members = sortByName(await db.member.findMany({ where: { branchId: b.id, leftAt: null }, include: { accounts: true } }));
      out(`${b.name}: ${members.length} members, ${members.filter((m) => m.accounts.length > 0).length} linked`);
      for (const m of members) {
        const links = m.accounts.map((a) => `${a.channel}${a.unreachableAt ? " (unreachable)" : ""}`).join(", ") || "not linked";
        out(`#${m.id}\t${m.fullName}\t${ROLE_LABELS[m.role as Role] ?? m.role}\t${m.phone ?? "-"}\t${links}`);
      }
    });

  const member = program.command("member").description("one member");
  member
    .command("role")
    .description(`set a member's role (${ROLES.join(", ")})`)
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .addOption(new Option("--role <role>", "new role").choices([...ROLES]).makeOptionMandatory())
    .action(async (o: { branch: string; member: string; role: Role }) => {
      const b = await branchByCode(db, o.branch);
      const m = await findMember(db, b.id, o.member);
      await db.member.update({ where: { id: m.id }, data: { role: o.role } });
      await audit(db, { actor: "cli", action: "member.role", branchId: b.id, targetMemberId: m.id, details: { from: m.role, to: o.role } });
      out(`${m.fullName}: ${ROLE_LABELS[o.role]}`);
    });
  member
    .command("unlink")
    .description("remove a member's chat links")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .action(async (o: { branch: string; member: string }) => {
      const b = await branchByCode(db, o.branch);
      const m = await findMember(db, b.id, o.member);
      let n = 0;
      for (const channel of ["telegram", "zalo"] as const) if (await unlink(db, { memberId: m.id, channel, actor: "cli" })) n++;
      out(n > 0 ? `Unlinked ${m.fullName} (${n} account(s))` : `${m.fullName} had no linked account`);
    });

  program
    .command("invite")
    .description("issue single-use invite codes (all unlinked members, or --member) and print deep links")
    .requiredOption("--branch <code>", "branch code")
    .option("--member <who...>", "member id, phone or full name (repeatable)")
    .action(async (o: { branch: string; member?: string[] }) => {
      const b = await branchByCode(db, o.branch);
      const ids = o.member ? await Promise.all(o.member.map(async (w) => (await findMember(db, b.id, w)).id)) : undefined;
      const issued = await issueInvites(db, { branchId: b.id, ...(ids ? { memberIds: ids } : {}), ttlDays: deps.inviteTtlDays, clock: deps.clock, actor: "cli" });
      if (issued.length === 0) {
        out("Every member is already linked; use --member to issue a new code for someone.");
        return;
      }
      const username = await deps.botUsername();
      out(`Codes valid until ${formatDate(issued[0]!.expiresAt, deps.timeZone)}. Give each member his/her own code.`);
      for (const i of issued) {
        out(`${i.fullName}\t${i.code}${username ? `\thttps://t.me/${username}?start=${i.code}` : ""}`);
      }
      if (!username) out("(Set TELEGRAM_BOT_USERNAME or TELEGRAM_BOT_TOKEN to print Telegram links.)");
      out("On Zalo, or on Telegram without the link, the member sends the code to the bot.");
    });

  const meeting = program.command("meeting").description("meetings (buổi sinh hoạt)");
  meeting
    .command("create")
    .description("create a meeting and notify the branch's linked members")
    .requiredOption("--branch <code>", "branch code")
    .addOption(new Option("--kind <kind>", "meeting kind").choices(MEETING_KINDS).default("regular"))
    .requiredOption("--at <when>", 'date and time, e.g. "03/12/2026 19:30"')
    .requiredOption("--place <place>", "place")
    .option("--agenda <text>", "agenda or topic", "")
    .action(async (o: { branch: string; kind: MeetingKind; at: string; place: string; agenda: string }) => {
      const b = await branchByCode(db, o.branch);
      const parsed = parseDateTimeInput(o.at, deps.clock(), deps.timeZone);
      if (!parsed.ok) throw new CliError(`--at "${o.at}": ${parsed.error === "past" ? "that time has passed" : parsed.error === "format" ? 'use e.g. "03/12/2026 19:30"' : "not a valid date and time"}`);
      const created = await createMeeting(db, deps.clock, cliActor, { branchId: b.id, kind: o.kind, startsAt: parsed.instant, place: o.place, agenda: o.agenda });
      const n = await notifyMeetingMembers({ db, outbox: deps.outbox, timeZone: deps.timeZone }, created, "announced");
      out(`Created meeting #${created.id}: ${KIND_LABELS[o.kind]}, ${formatDateTime(created.startsAt, deps.timeZone)}; ${n} member(s) will be notified`);
    });
  meeting
    .command("cancel <id>")
    .description("cancel a meeting and notify its members")
    .action(async (id: string) => {
      const cancelled = await cancelMeeting(db, cliActor, Number(id));
      await deps.outbox.cancelGroup(meetingGroup(cancelled.id));
      const n = await notifyMeetingMembers({ db, outbox: deps.outbox, timeZone: deps.timeZone }, cancelled, "cancelled");
      out(`Cancelled meeting #${cancelled.id}; ${n} member(s) will be told`);
    });
  meeting
    .command("list")
    .description("list a branch's meetings")
    .requiredOption("--branch <code>", "branch code")
    .action(async (o: { branch: string }) => {
      const b = await branchByCode(db, o.branch);
      const rows = await db.meeting.findMany({ where: { branchId: b.id }, orderBy: { startsAt: "desc" }, take: 24 });
      for (const m of rows) out(`#${m.id}\t${formatDateTime(m.startsAt, deps.timeZone)}\t${KIND_LABELS[m.kind] ?? m.kind}\t${m.status}\t${m.place}`);
    });
  branch
    .command("fees <code>")
    .description("set the branch's minimum-wage region and fee collection day")
    .option("--region <n>", "minimum-wage region 1–4")
    .option("--collection-day <day>", "day of the month fees are collected (1–28)")
    .action(async (code: string, o: { region?: string; collectionDay?: string }) => {
      const b = await branchByCode(db, code);
      const region = o.region === undefined ? undefined : Number(o.region);
      const day = o.collectionDay === undefined ? undefined : Number(o.collectionDay);
      if (region !== undefined && ![1, 2, 3, 4].includes(region)) throw new CliError("--region must be 1, 2, 3 or 4");
      if (day !== undefined && !(Number.isInteger(day) && day >= 1 && day <= 28)) throw new CliError("--collection-day must be 1–28");
      await db.branch.update({ where: { id: b.id }, data: { ...(region !== undefined ? { region } : {}), ...(day !== undefined ? { feeCollectionDay: day } : {}) } });
      await audit(db, { actor: "cli", action: "branch.fees", branchId: b.id, details: { region, day } });
      out(`${b.code}: region ${region ?? b.region}, collection day ${day ?? b.feeCollectionDay ?? "default"}`);
    });
  member
    .command("erase")
    .description("erase a member who left: name, phone, links removed; anonymous totals stay")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .requiredOption("--yes", "confirm: this cannot be undone")
    .action(async (o: { branch: string; member: string }) => {
      const b = await branchByCode(db, o.branch);
      const m = await findMember(db, b.id, o.member);
      await eraseMember(db, cliActor, m.id, deps.clock());
      out(`Erased the personal data of member #${m.id}`);
    });
  member
    .command("data")
    .description("print everything the bot holds about a member (JSON), e.g. for the member's request")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .action(async (o: { branch: string; member: string }) => {
      const b = await branchByCode(db, o.branch);
      const m = await findMember(db, b.id, o.member);
      out(JSON.stringify(await memberDataExport(db, m.id), null, 2));
    });
  program
    .command("report <kind>")
    .description("write a report: members | attendance | announcement | audit (.xlsx or .csv)")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--out <file>", "output file, .xlsx or .csv")
    .option("--year <yyyy>", "year, for attendance")
    .option("--id <n>", "announcement id, for announcement")
    .action(async (kind: string, o: { branch: string; out: string; year?: string; id?: string }) => {
      const b = await branchByCode(db, o.branch);
      const ext = o.out.toLowerCase().endsWith(".xlsx") ? "xlsx" : o.out.toLowerCase().endsWith(".csv") ? "csv" : null;
      if (!ext) throw new CliError("--out must end in .xlsx or .csv");
      let tables: Table[];
      if (kind === "members") tables = [await membersTable(db, cliActor, b.id)];
      else if (kind === "attendance") {
        const r = await attendanceYear(db, cliActor, b.id, o.year ? Number(o.year) : new Date().getFullYear(), deps.attendanceThreshold ?? 0.85, deps.timeZone);
        tables = [r.meetings, r.members];
      } else if (kind === "announcement") {
        if (!o.id) throw new CliError("--id is required for an announcement report");
        tables = [await announcementTable(db, cliActor, Number(o.id), deps.timeZone)];
      } else if (kind === "audit") tables = [await auditTable(db, cliActor, b.id, deps.timeZone, 100_000)];
      else throw new CliError(`unknown report "${kind}" (members, attendance, announcement, audit)`);
      if (ext === "csv" && tables.length > 1) {
        await writeFile(o.out, Buffer.concat(tables.map((t) => tableToCsv(t))));
      } else await writeFile(o.out, ext === "xlsx" ? await tablesToXlsx(tables) : tableToCsv(tables[0]!));
      await audit(db, { actor: "cli", action: "report.export", branchId: b.id, details: { kind, ext } });
      out(`Wrote ${o.out}`);
    });
  addFeeCommands(program, { ...deps, maxPayment: deps.maxPayment ?? 5_000_000, maxAdvanceMonths: deps.maxAdvanceMonths ?? 12 }, {
    branchByCode: (code) => branchByCode(db, code),
    findMember: (branchId, who) => findMember(db, branchId, who),
  });
  addReviewCommands(program, deps, {
    branchByCode: (code) => branchByCode(db, code),
    findMember: (branchId, who) => findMember(db, branchId, who),
  });
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
    if (e instanceof CliError) deps.out(`Error: ${e.message}`);
    else if (e instanceof UserFacingError) deps.out(`Error: ${e.userMessage}`);
    else throw e;
    return 1;
  }
}

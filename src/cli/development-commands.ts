/**
 * Admin command line: Party development (the list, steps and clocks, targets),
 * the calendar of days off and the committee's settings.
 */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { COMMITTEE_SETTING_KEYS } from "../domain/committee-settings.ts";
import { formatLocalDate } from "../domain/calendar.ts";
import type { CandidateView } from "../services/party-development.ts";
import { cliHelp as help } from "../texts/cli-help.ts";
import { cliTexts as x } from "../texts/cli.ts";
import { clockLine, SETTING_LABELS, STAGE_LABELS, STEP_LABELS, STEP_WORDS, warningText } from "../texts/development.ts";
import { parseIdArg, parseYearArg } from "./parse.ts";
import { CliError, type CliDeps, type Finders } from "./shared.ts";

export function addDevelopmentCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  const orgId = async (name?: string) =>
    name === undefined ? undefined : (await services.organisationByName(actor, name)).id;
  const person = async (branchId: number, who: string | undefined) =>
    who === undefined ? undefined : who === "" || who === "-" ? null : (await find.findMember(branchId, who)).id;

  const show = (v: CandidateView) => {
    const c = v.candidate;
    out(x.candidateRow(c.id, c.fullName, formatLocalDate(c.birthDate), STAGE_LABELS[v.stage]));
    const introducers = [v.names.introducer1, v.names.introducer2, c.introducerUnion].filter(Boolean).join(", ");
    if (introducers) out(`  ${x.candidateIntroducers(introducers)}`);
    if (v.names.helper) out(`  ${x.candidateHelper(v.names.helper)}`);
    for (const step of Object.keys(STEP_LABELS) as (keyof typeof STEP_LABELS)[]) {
      const field = {
        sympathiser: c.sympathiserAt,
        classCertificate: c.classCertificateAt,
        fileCompleted: c.fileCompletedAt,
        branchResolution: c.branchResolutionAt,
        decision: c.decisionAt,
        decisionReceived: c.decisionReceivedAt,
        ceremony: c.ceremonyAt,
        probationReviews: c.probationReviewsAt,
        officialResolution: c.officialResolutionAt,
        officialDecision: c.officialDecisionAt,
      }[step];
      if (field) out(`  ${STEP_LABELS[step]}: ${formatLocalDate(field)}`);
    }
    if (v.probationEnd) out(`  ${x.candidateProbationEnd(formatLocalDate(v.probationEnd))}`);
    if (c.closedAt) out(`  ${x.candidateClosed(formatLocalDate(c.closedAt), c.closedReason ?? "")}`);
    for (const k of v.clocks) out(`  ⏱ ${clockLine(k)}`);
    for (const w of v.warnings) out(`  ⚠ ${warningText(w, v.personNames)}`);
  };

  const candidate = program.command("candidate").description(help.candidate.description);
  candidate
    .command("add")
    .description(help.candidate.add.description)
    .requiredOption("--branch <mã>", help.candidate.add.branch)
    .requiredOption("--name <họ tên>", help.candidate.add.name)
    .requiredOption("--born <ngày>", help.candidate.add.born)
    .option("--introducer <ai...>", help.candidate.add.introducer)
    .option("--union <tổ chức>", help.candidate.add.union)
    .option("--helper <ai>", help.candidate.add.helper)
    .option("--note <ghi chú>", help.candidate.add.note)
    .action(
      async (o: {
        branch: string;
        name: string;
        born: string;
        introducer?: string[];
        union?: string;
        helper?: string;
        note?: string;
      }) => {
        const b = await find.branchByCode(o.branch);
        if ((o.introducer?.length ?? 0) > 2) throw new CliError(x.tooManyIntroducers);
        const [i1, i2] = await Promise.all((o.introducer ?? []).map((who) => person(b.id, who)));
        const created = await services.addCandidate(actor, b.id, {
          fullName: o.name,
          birthDate: o.born,
          introducer1Id: i1 ?? null,
          introducer2Id: i2 ?? null,
          introducerUnion: o.union ?? null,
          helperId: (await person(b.id, o.helper)) ?? null,
          note: o.note ?? "",
        });
        out(x.candidateAdded(created.id, created.fullName));
      },
    );
  candidate
    .command("set <số>")
    .description(help.candidate.set.description)
    .option("--name <họ tên>", help.candidate.add.name)
    .option("--born <ngày>", help.candidate.add.born)
    .option("--introducer <ai...>", help.candidate.add.introducer)
    .option("--union <tổ chức>", help.candidate.add.union)
    .option("--helper <ai>", help.candidate.set.helper)
    .option("--note <ghi chú>", help.candidate.add.note)
    .action(
      async (
        id: string,
        o: { name?: string; born?: string; introducer?: string[]; union?: string; helper?: string; note?: string },
      ) => {
        const current = await services.candidateDetail(actor, parseIdArg(id, x.candidateNumber));
        const branchId = current.candidate.branchId;
        if ((o.introducer?.length ?? 0) > 2) throw new CliError(x.tooManyIntroducers);
        const introducers = o.introducer ? await Promise.all(o.introducer.map((who) => person(branchId, who))) : null;
        const updated = await services.updateCandidate(actor, current.candidate.id, {
          ...(o.name !== undefined ? { fullName: o.name } : {}),
          ...(o.born !== undefined ? { birthDate: o.born } : {}),
          ...(introducers ? { introducer1Id: introducers[0] ?? null, introducer2Id: introducers[1] ?? null } : {}),
          ...(o.union !== undefined ? { introducerUnion: o.union } : {}),
          ...(o.helper !== undefined ? { helperId: (await person(branchId, o.helper)) ?? null } : {}),
          ...(o.note !== undefined ? { note: o.note } : {}),
        });
        show(await services.candidateDetail(actor, updated.id));
      },
    );
  candidate
    .command("step <số> <bước> <ngày>")
    .description(help.candidate.step.description(Object.keys(STEP_WORDS)))
    .action(async (id: string, word: string, day: string) => {
      const step = STEP_WORDS[word];
      if (!step) throw new CliError(x.badStep(word, Object.keys(STEP_WORDS)));
      const result = await services.recordCandidateStep(actor, parseIdArg(id, x.candidateNumber), step, day);
      out(x.stepRecorded(result.candidate.fullName, STEP_LABELS[step], day));
      if (step === "ceremony" && result.memberId !== null) out(x.candidateBecameMember(result.memberId));
      show(await services.candidateDetail(actor, result.candidate.id));
    });
  candidate
    .command("close <số>")
    .description(help.candidate.close.description)
    .requiredOption("--reason <lý do>", help.candidate.close.reason)
    .option("--date <ngày>", help.candidate.close.date)
    .action(async (id: string, o: { reason: string; date?: string }) => {
      const closed = await services.closeCandidate(actor, parseIdArg(id, x.candidateNumber), o);
      out(x.candidateClosed(formatLocalDate(closed.closedAt ?? ""), closed.closedReason ?? ""));
    });
  candidate
    .command("list")
    .description(help.candidate.list.description)
    .requiredOption("--branch <mã>", help.candidate.list.branch)
    .option("--all", help.candidate.list.all)
    .action(async (o: { branch: string; all?: boolean }) => {
      const b = await find.branchByCode(o.branch);
      const rows = await services.branchCandidates(actor, b.id, { includeFinished: o.all ?? false });
      if (rows.length === 0) out(x.noCandidates(b.name));
      rows.forEach(show);
    });
  candidate
    .command("show <số>")
    .description(help.candidate.show.description)
    .action(async (id: string) => show(await services.candidateDetail(actor, parseIdArg(id, x.candidateNumber))));

  const development = program.command("development").description(help.development.description);
  development
    .command("target")
    .description(help.development.target.description)
    .requiredOption("--branch <mã>", help.development.target.branch)
    .requiredOption("--count <số>", help.development.target.count)
    .option("--year <năm>", help.development.target.year)
    .action(async (o: { branch: string; count: string; year?: string }) => {
      const b = await find.branchByCode(o.branch);
      const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
      if (!/^\d+$/.test(o.count.trim())) throw new CliError(x.badId("--count", o.count));
      await services.setAdmissionTarget(actor, { branchId: b.id, year, target: Number(o.count) });
      out(x.targetSet(b.name, year, Number(o.count)));
    });
  development
    .command("overview")
    .description(help.development.overview.description)
    .option("--year <năm>", help.development.overview.year)
    .option("--org <tên>", help.development.overview.org)
    .action(async (o: { year?: string; org?: string }) => {
      const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
      const rows = await services.developmentOverview(actor, year, await orgId(o.org));
      out(x.developmentHeader(year));
      for (const r of rows)
        out(
          x.developmentRow(
            r.code,
            r.name,
            r.admitted,
            r.target,
            r.byStage.cam_tinh + r.byStage.ho_so + r.byStage.quan_chung,
            r.byStage.de_nghi + r.byStage.quyet_dinh,
            r.byStage.du_bi,
            r.overdue,
            r.late,
          ),
        );
    });

  const holiday = program.command("holiday").description(help.holiday.description);
  holiday
    .command("list")
    .description(help.holiday.list.description)
    .option("--year <năm>", help.holiday.list.year)
    .action(async (o: { year?: string }) => {
      const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
      const view = await services.calendarYear(year);
      for (const day of view.days) out(x.holidayRow(formatLocalDate(day.date), day.kind, day.name, day.entered));
      if (!view.hasTet) out(x.noTet(year));
    });
  holiday
    .command("add <ngày>")
    .description(help.holiday.add.description)
    .requiredOption("--name <tên>", help.holiday.add.name)
    .option("--work", help.holiday.add.work)
    .action(async (day: string, o: { name: string; work?: boolean }) => {
      const date = await services.setCalendarDay(actor, { date: day, kind: o.work ? "work" : "off", name: o.name });
      out(x.holidaySet(formatLocalDate(date), o.work ? "work" : "off", o.name));
    });
  holiday
    .command("remove <ngày>")
    .description(help.holiday.remove.description)
    .action(async (day: string) => {
      const removed = await services.removeCalendarDay(actor, day);
      out(removed ? x.holidayRemoved(day) : x.holidayNotEntered(day));
    });

  const committee = program.command("committee").description(help.committee.description);
  committee
    .command("settings")
    .description(help.committee.settings.description)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { org?: string }) => {
      const view = await services.committeeSettings(actor, await orgId(o.org));
      for (const key of COMMITTEE_SETTING_KEYS)
        out(x.settingRow(key, SETTING_LABELS[key], String(view.values[key]).replace(".", ","), view.chosen.has(key)));
    });
  committee
    .command("set <khóa> <giá-trị>")
    .description(help.committee.set.description)
    .option("--org <tên>", help.committee.org)
    .action(async (key: string, value: string, o: { org?: string }) => {
      const set = await services.setCommitteeSetting(actor, { organisationId: await orgId(o.org), key, value });
      out(x.settingSet(SETTING_LABELS[set.key], String(set.value).replace(".", ",")));
    });
  committee
    .command("unset <khóa>")
    .description(help.committee.unset.description)
    .option("--org <tên>", help.committee.org)
    .action(async (key: string, o: { org?: string }) => {
      const set = await services.setCommitteeSetting(actor, { organisationId: await orgId(o.org), key, value: null });
      out(x.settingUnset(SETTING_LABELS[set.key]));
    });

  const liaison = program.command("liaison").description(help.liaison.description);
  liaison
    .command("assign")
    .description(help.liaison.assign.description)
    .requiredOption("--branch <mã>", help.liaison.assign.branch)
    .requiredOption("--member <ai>", help.liaison.assign.member)
    .option("--member-branch <mã>", help.liaison.assign.memberBranch)
    .action(async (o: { branch: string; member: string; memberBranch?: string }) => {
      const b = await find.branchByCode(o.branch);
      const home = o.memberBranch ? await find.branchByCode(o.memberBranch) : b;
      const m = await find.findMember(home.id, o.member);
      await services.assignLiaison(actor, { branchId: b.id, memberId: m.id });
      out(x.liaisonAssigned(m.fullName, b.name));
    });
  liaison
    .command("end")
    .description(help.liaison.end.description)
    .requiredOption("--branch <mã>", help.liaison.end.branch)
    .action(async (o: { branch: string }) => {
      const b = await find.branchByCode(o.branch);
      const n = await services.endLiaison(actor, b.id);
      out(n > 0 ? x.liaisonEnded(b.name) : x.liaisonNone(b.name));
    });
  liaison
    .command("report")
    .description(help.liaison.report.description)
    .option("--year <năm>", help.liaison.report.year)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { year?: string; org?: string }) => {
      const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
      const rows = await services.liaisonReport(actor, year, await orgId(o.org));
      out(x.liaisonHeader(year));
      for (const r of rows)
        out(x.liaisonRow(r.fullName, r.branch, r.attended, r.held, r.target, r.dueByNow, r.behind, r.current));
    });

  committee
    .command("report")
    .description(help.committee.report.description)
    .requiredOption("--out <tệp>", help.committee.report.out)
    .option("--year <năm>", help.committee.report.year)
    .option("--month <tháng>", help.committee.report.month)
    .option("--org <tên>", help.committee.org)
    .action(async (o: { out: string; year?: string; month?: string; org?: string }) => {
      const format = o.out.endsWith(".xlsx") ? "xlsx" : o.out.endsWith(".docx") ? "docx" : null;
      if (!format) throw new CliError(x.badReportOut);
      const month = o.month === undefined ? null : Number(o.month);
      if (month !== null && !(Number.isInteger(month) && month >= 1 && month <= 12))
        throw new CliError(x.badMonthNumber(o.month ?? ""));
      const { body } = await services.committeeReportFile(actor, {
        year: parseYearArg(o.year, "--year", deps.clock, deps.timeZone),
        month,
        format,
        organisationId: await orgId(o.org),
      });
      await writeFile(o.out, body);
      out(x.wrote(o.out));
    });
}

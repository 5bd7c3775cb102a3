/** Admin command line: party fees (fee table, members' fee data, payments, corrections, exports). */
import { cliHelp as help } from "../texts/cli-help.ts";
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { Option, type Command } from "commander";
import {
  FEE_GROUPS,
  FEE_GROUP_LABELS,
  formatMonth,
  monthsBetween,
  type FeeGroup,
  type FeeRateKind,
} from "../domain/fees.ts";
import { formatMoney } from "../domain/text.ts";
import { currentMonth } from "../services/fees.ts";
import { cliTexts as x, FEE_STATE_LABELS } from "../texts/cli.ts";
import { parseIdArg, parseMoneyArg, parseMonthArg, parseYearArg } from "./parse.ts";
import { CliError, type CliDeps } from "./shared.ts";

type Finders = {
  branchByCode: (code: string) => Promise<{ id: number; code: string; name: string }>;
  findMember: (branchId: number, who: string) => Promise<{ id: number; fullName: string; branchId: number }>;
};

const month = parseMonthArg;
const STATE_LABELS = FEE_STATE_LABELS;

export function addFeeCommands(program: Command, deps: CliDeps, find: Finders): void {
  const { services, actor, out } = deps;
  const fee = program.command("fee").description(help.fee.description);
  fee.hook("preAction", async () => services.ensureFeeTable());

  fee
    .command("rates")
    .description(help.fee.rates.description)
    .action(async () => {
      const table = await services.feeRates(actor);
      for (const r of table.rates) {
        const value =
          r.kind === "flat"
            ? formatMoney(r.flatAmount ?? 0)
            : `${((r.rateBp ?? 0) / 100).toLocaleString("vi-VN")}% ${r.kind === "percent_of_base" ? x.ofBase : x.ofMinWage}`;
        out(x.rateRow(FEE_GROUP_LABELS[r.group], formatMonth(r.effectiveFrom), value));
      }
      for (const w of table.wages) out(x.wageRow(w.region, formatMonth(w.effectiveFrom), w.amount));
    });
  fee
    .command("rate")
    .description(help.fee.rate.description)
    .addOption(new Option("--group <nhóm>", help.fee.rate.group).choices([...FEE_GROUPS]).makeOptionMandatory())
    .option("--percent <p>", help.fee.rate.percent)
    .option("--flat <số tiền>", help.fee.rate.flat)
    .addOption(new Option("--of <căn cứ>", help.fee.rate.of).choices(["base", "min-wage"]).default("min-wage"))
    .requiredOption("--from <tháng>", help.fee.rate.from)
    .action(async (o: { group: FeeGroup; percent?: string; flat?: string; of: string; from: string }) => {
      const from = month(o.from, "--from");
      if ((o.percent === undefined) === (o.flat === undefined)) throw new CliError(x.oneOfPercentFlat);
      const percent = o.percent === undefined ? undefined : Number(o.percent.replace(",", "."));
      const data: { kind: FeeRateKind; rateBp: number | null; flatAmount: number | null } =
        percent !== undefined
          ? {
              kind: o.of === "base" ? "percent_of_base" : "percent_of_min_wage",
              rateBp: Math.round(percent * 100),
              flatAmount: null,
            }
          : { kind: "flat", rateBp: null, flatAmount: parseMoneyArg(o.flat!, "--flat") };
      if (
        (data.rateBp !== null && !(data.rateBp > 0 && data.rateBp <= 1000)) ||
        (data.flatAmount !== null && !(data.flatAmount > 0))
      )
        throw new CliError(x.badRate);
      await services.setFeeRate(actor, { group: o.group, effectiveFrom: from, ...data });
      out(
        x.rateSet(
          FEE_GROUP_LABELS[o.group],
          formatMonth(from),
          percent !== undefined ? `${percent.toLocaleString("vi-VN")}%` : formatMoney(data.flatAmount ?? 0),
        ),
      );
    });
  fee
    .command("wage")
    .description(help.fee.wage.description)
    .requiredOption("--region <n>", help.fee.wage.region)
    .requiredOption("--amount <số tiền>", help.fee.wage.amount)
    .requiredOption("--from <tháng>", help.fee.wage.from)
    .action(async (o: { region: string; amount: string; from: string }) => {
      const region = Number(o.region);
      if (![1, 2, 3, 4].includes(region)) throw new CliError(x.badRegion);
      const amount = parseMoneyArg(o.amount, "--amount");
      if (amount < 1_000_000 || amount > 100_000_000) throw new CliError(x.badWage);
      const from = month(o.from, "--from");
      await services.setMinimumWage(actor, { region, amount, effectiveFrom: from });
      out(x.wageSet(region, formatMonth(from), amount));
    });
  fee
    .command("member")
    .description(help.fee.member.description)
    .requiredOption("--branch <mã>", help.fee.member.branch)
    .requiredOption("--member <ai>", help.fee.member.member)
    .addOption(new Option("--group <nhóm>", help.fee.member.group).choices([...FEE_GROUPS]))
    .option("--base <số tiền>", help.fee.member.base)
    .option("--from <tháng>", help.fee.member.from)
    .action(async (o: { branch: string; member: string; group?: FeeGroup; base?: string; from?: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      const base = o.base === undefined ? undefined : parseMoneyArg(o.base, "--base");
      if (base !== undefined && (base < 100_000 || base > 1_000_000_000)) throw new CliError(x.badBase);
      const data = {
        ...(o.group ? { feeGroup: o.group } : {}),
        ...(base !== undefined ? { feeBase: base } : {}),
        ...(o.from ? { feesFromMonth: month(o.from, "--from") } : {}),
      };
      if (Object.keys(data).length === 0) throw new CliError(x.nothingToChange("--group, --base hoặc --from"));
      await services.setMemberFee(actor, m.id, data);
      out(
        x.feeMemberSet(m.fullName, [
          ...(o.group ? [FEE_GROUP_LABELS[o.group]] : []),
          ...(base !== undefined ? [x.feeBase(base)] : []),
          ...(data.feesFromMonth ? [x.feeFrom(formatMonth(data.feesFromMonth))] : []),
        ]),
      );
    });
  fee
    .command("adjust")
    .description(help.fee.adjust.description)
    .requiredOption("--branch <mã>", help.fee.adjust.branch)
    .requiredOption("--member <ai>", help.fee.adjust.member)
    .option("--exempt", help.fee.adjust.exempt)
    .addOption(new Option("--reduce <phần trăm>", help.fee.adjust.reduce).choices(["30", "50", "70"]))
    .requiredOption("--from <tháng>", help.fee.adjust.from)
    .requiredOption("--to <tháng>", help.fee.adjust.to)
    .requiredOption("--reason <căn cứ>", help.fee.adjust.reason)
    .action(
      async (o: {
        branch: string;
        member: string;
        exempt?: boolean;
        reduce?: string;
        from: string;
        to: string;
        reason: string;
      }) => {
        const b = await find.branchByCode(o.branch);
        const m = await find.findMember(b.id, o.member);
        if (!o.exempt === !o.reduce) throw new CliError(x.oneOfExemptReduce);
        const from = month(o.from, "--from");
        const to = month(o.to, "--to");
        if (to < from) throw new CliError(x.toBeforeFrom);
        if (o.reduce && monthsBetween(from, to).length > 12) throw new CliError(x.reduceTooLong);
        await services.addFeeAdjustment(actor, {
          memberId: m.id,
          kind: o.exempt ? "exempt" : "reduce",
          percent: o.reduce ? Number(o.reduce) : null,
          from,
          to,
          reason: o.reason,
        });
        out(
          x.adjusted(m.fullName, o.exempt ? x.exempted : x.reduced(o.reduce ?? ""), formatMonth(from), formatMonth(to)),
        );
      },
    );
  fee
    .command("pay")
    .description(help.fee.pay.description)
    .requiredOption("--branch <mã>", help.fee.pay.branch)
    .requiredOption("--member <ai>", help.fee.pay.member)
    .requiredOption("--months <các tháng>", help.fee.pay.months)
    .requiredOption("--amount <số tiền>", help.fee.pay.amount)
    .option("--ref <số phiếu>", help.fee.pay.ref)
    .action(async (o: { branch: string; member: string; months: string; amount: string; ref?: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      const months = o.months.split(",").map((x) => month(x.trim(), "--months"));
      const amount = parseMoneyArg(o.amount, "--amount");
      const requestId = o.ref ? `cli-ref:${b.id}:${o.ref}` : `cli:${m.id}:${[...months].sort().join("+")}:${amount}`;
      const result = await services.collectPayment(actor, {
        memberId: m.id,
        months,
        amount,
        requestId,
      });
      out(
        result.created
          ? x.paid(result.total, m.fullName, result.months.map(formatMonth).join(", "))
          : x.alreadyPaid(result.total, result.months.map(formatMonth).join(", ")),
      );
    });
  fee
    .command("reverse")
    .description(help.fee.reverse.description)
    .requiredOption("--entry <số>", help.fee.reverse.entry)
    .requiredOption("--reason <lý do>", help.fee.reverse.reason)
    .action(async (o: { entry: string; reason: string }) => {
      const entry = parseIdArg(o.entry, "--entry");
      const reversal = await services.reverseEntry(actor, entry, o.reason);
      out(x.reversed(entry, reversal.id, reversal.amount, formatMonth(reversal.month)));
    });
  fee
    .command("ledger")
    .description(help.fee.ledger.description)
    .requiredOption("--branch <mã>", help.fee.ledger.branch)
    .requiredOption("--member <ai>", help.fee.ledger.member)
    .action(async (o: { branch: string; member: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      for (const e of await services.feeEntries(actor, m.id)) {
        out(
          x.ledgerRow(
            e.id,
            formatMonth(e.month),
            e.amount,
            x.entryKind[e.kind] ?? e.kind,
            x.entryStatus[e.status] ?? e.status,
            e.recordedBy === "cli" || e.recordedBy.startsWith("cli:") ? x.commandLine : e.recordedBy,
            e.note,
          ),
        );
      }
    });
  fee
    .command("status")
    .description(help.fee.status.description)
    .requiredOption("--branch <mã>", help.fee.status.branch)
    .option("--month <tháng>", help.fee.status.month)
    .action(async (o: { branch: string; month?: string }) => {
      const b = await find.branchByCode(o.branch);
      const mo = o.month ? month(o.month, "--month") : currentMonth(deps.clock(), deps.timeZone);
      const c = await services.monthlyCollection(actor, b.id, mo, deps.timeZone);
      out(x.collection(b.name, formatMonth(mo), c.collected, c.expected));
      for (const r of c.rows)
        out(x.collectionRow(r.fullName, r.status.due, r.status.paid, STATE_LABELS[r.status.state] ?? r.status.state));
    });
  fee
    .command("arrears")
    .description(help.fee.arrears.description)
    .requiredOption("--branch <mã>", help.fee.arrears.branch)
    .option("--year <năm>", help.fee.arrears.year)
    .action(async (o: { branch: string; year?: string }) => {
      const b = await find.branchByCode(o.branch);
      const year = parseYearArg(o.year, "--year", deps.clock, deps.timeZone);
      const rows = await services.arrearsFlags(actor, b.id, year, deps.clock(), deps.timeZone);
      if (rows.length === 0) out(x.noFlags(year));
      for (const r of rows)
        out(
          x.flagRow(
            r.fullName,
            r.unpaidMonths.length,
            x.flagLevel[r.feeLevel] ?? r.feeLevel,
            r.absencesWithoutReason,
            x.flagLevel[r.meetingLevel] ?? r.meetingLevel,
          ),
        );
    });
  fee
    .command("export")
    .description(help.fee.export.description)
    .requiredOption("--branch <mã>", help.fee.export.branch)
    .requiredOption("--out <tệp>", help.fee.export.out)
    .option("--year <năm>", help.fee.export.year)
    .option("--month <tháng>", help.fee.export.month)
    .action(async (o: { branch: string; out: string; year?: string; month?: string }) => {
      const b = await find.branchByCode(o.branch);
      const mo = o.month ? month(o.month, "--month") : currentMonth(deps.clock(), deps.timeZone);
      const year = o.year ? parseYearArg(o.year, "--year", deps.clock, deps.timeZone) : Number(mo.slice(0, 4));
      const ext = extname(o.out).toLowerCase();
      if (ext !== ".xlsx" && ext !== ".csv") throw new CliError(x.badOut("--out"));
      const opts = { year, month: mo, timeZone: deps.timeZone };
      await writeFile(
        o.out,
        ext === ".xlsx"
          ? await services.feeWorkbook(actor, b.id, opts)
          : await services.feeLedgerCsv(actor, b.id, opts),
      );
      await services.recordExport(actor, { branchId: b.id, action: "fee.export", details: { year, file: ext } });
      out(x.wrote(o.out));
    });
}

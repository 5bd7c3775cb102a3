/** Admin command line: party fees (fee table, members' fee data, payments, corrections, exports). */
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { Option, type Command } from "commander";
import { FEE_GROUPS, FEE_GROUP_LABELS, formatMonth, isMonth, monthsBetween, type FeeGroup } from "../domain/fees.ts";
import { formatMoney } from "../domain/text.ts";
import { audit } from "../services/audit.ts";
import { arrearsFlags, currentMonth, ensureFeeTable, monthlyCollection, recordPayment, reverseEntry } from "../services/fees.ts";
import { feeLedgerCsv, feeWorkbook } from "../services/fee-exports.ts";
import { cliActor } from "../services/meetings.ts";
import type { CliDeps } from "./program.ts";
import { CliError } from "./program.ts";

type Finders = {
  branchByCode: (code: string) => Promise<{ id: number; code: string; name: string }>;
  findMember: (branchId: number, who: string) => Promise<{ id: number; fullName: string; branchId: number }>;
};

function month(value: string, name: string): string {
  if (!isMonth(value)) throw new CliError(`${name} must be YYYY-MM, e.g. 2026-11`);
  return value;
}

export function addFeeCommands(program: Command, deps: CliDeps & { maxPayment: number; maxAdvanceMonths: number }, find: Finders): void {
  const { db, out } = deps;
  const fee = program.command("fee").description("party fees (đảng phí)");
  fee.hook("preAction", async () => ensureFeeTable(db));
  const settings = { timeZone: deps.timeZone, maxPayment: deps.maxPayment, maxAdvanceMonths: deps.maxAdvanceMonths };

  fee.command("rates").description("show the fee table and minimum wages").action(async () => {
    for (const r of await db.feeRate.findMany({ orderBy: [{ group: "asc" }, { effectiveFrom: "asc" }] })) {
      const value = r.kind === "flat" ? formatMoney(r.flatAmount ?? 0) : `${(r.rateBp ?? 0) / 100}% ${r.kind === "percent_of_base" ? "of base" : "of regional minimum wage"}`;
      out(`${r.group}\tfrom ${r.effectiveFrom}\t${value}`);
    }
    for (const w of await db.minimumWage.findMany({ orderBy: [{ region: "asc" }, { effectiveFrom: "asc" }] })) out(`region ${w.region}\tfrom ${w.effectiveFrom}\t${formatMoney(w.amount)}`);
  });
  fee
    .command("rate")
    .description("set a group's rate from a month on (a new row; earlier months keep their rule)")
    .addOption(new Option("--group <group>", "member group").choices([...FEE_GROUPS]).makeOptionMandatory())
    .option("--percent <p>", "percentage, e.g. 0.5")
    .option("--flat <amount>", "flat amount in đồng")
    .option("--of <what>", "base | min-wage (for --percent)", "min-wage")
    .requiredOption("--from <YYYY-MM>", "first month")
    .action(async (o: { group: FeeGroup; percent?: string; flat?: string; of: string; from: string }) => {
      const from = month(o.from, "--from");
      if ((o.percent === undefined) === (o.flat === undefined)) throw new CliError("give exactly one of --percent or --flat");
      const data = o.percent !== undefined
        ? { kind: o.of === "base" ? "percent_of_base" : "percent_of_min_wage", rateBp: Math.round(Number(o.percent) * 100), flatAmount: null }
        : { kind: "flat", rateBp: null, flatAmount: Number(o.flat) };
      if ((data.rateBp !== null && !(data.rateBp > 0 && data.rateBp <= 1000)) || (data.flatAmount !== null && !(Number.isInteger(data.flatAmount) && data.flatAmount > 0))) throw new CliError("the rate must be a positive number (percent ≤ 10, flat in whole đồng)");
      await db.feeRate.upsert({ where: { group_effectiveFrom: { group: o.group, effectiveFrom: from } }, create: { group: o.group, effectiveFrom: from, ...data }, update: data });
      await audit(db, { actor: "cli", action: "fee.rate", details: { group: o.group, from, ...data } });
      out(`${o.group} from ${from}: ${o.percent !== undefined ? `${o.percent}%` : formatMoney(Number(o.flat))}`);
    });
  fee
    .command("wage")
    .description("set a region's minimum wage from a month on")
    .requiredOption("--region <n>", "1–4")
    .requiredOption("--amount <dong>", "monthly minimum wage in đồng")
    .requiredOption("--from <YYYY-MM>", "first month")
    .action(async (o: { region: string; amount: string; from: string }) => {
      const region = Number(o.region);
      const amount = Number(o.amount);
      if (![1, 2, 3, 4].includes(region)) throw new CliError("--region must be 1, 2, 3 or 4");
      if (!Number.isInteger(amount) || amount < 1_000_000 || amount > 100_000_000) throw new CliError("--amount must be whole đồng between 1,000,000 and 100,000,000");
      const from = month(o.from, "--from");
      await db.minimumWage.upsert({ where: { region_effectiveFrom: { region, effectiveFrom: from } }, create: { region, amount, effectiveFrom: from }, update: { amount } });
      await audit(db, { actor: "cli", action: "fee.wage", details: { region, amount, from } });
      out(`Region ${region} from ${from}: ${formatMoney(amount)}`);
    });
  fee
    .command("member")
    .description("set a member's fee group, base amount (salary or pension) and first month")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .addOption(new Option("--group <group>", "fee group").choices([...FEE_GROUPS]))
    .option("--base <dong>", "insured salary or pension, in đồng")
    .option("--from <YYYY-MM>", "first month the member owes fees in this branch")
    .action(async (o: { branch: string; member: string; group?: FeeGroup; base?: string; from?: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      const base = o.base === undefined ? undefined : Number(o.base);
      if (base !== undefined && (!Number.isInteger(base) || base < 100_000 || base > 1_000_000_000)) throw new CliError("--base must be whole đồng between 100,000 and 1,000,000,000");
      const data = { ...(o.group ? { feeGroup: o.group } : {}), ...(base !== undefined ? { feeBase: base } : {}), ...(o.from ? { feesFromMonth: month(o.from, "--from") } : {}) };
      if (Object.keys(data).length === 0) throw new CliError("nothing to change: give --group, --base or --from");
      await db.member.update({ where: { id: m.id }, data });
      await audit(db, { actor: "cli", action: "fee.member", branchId: b.id, targetMemberId: m.id, details: { group: o.group, base: base !== undefined, from: o.from } });
      out(`${m.fullName}: ${o.group ? FEE_GROUP_LABELS[o.group] : ""}${base !== undefined ? ` base ${formatMoney(base)}` : ""}${o.from ? ` from ${o.from}` : ""}`.trim());
    });
  fee
    .command("adjust")
    .description("exempt a member, or reduce the fee by 30/50/70% (at most 12 months per decision)")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .option("--exempt", "full exemption")
    .addOption(new Option("--reduce <percent>", "reduction").choices(["30", "50", "70"]))
    .requiredOption("--from <YYYY-MM>", "first month")
    .requiredOption("--to <YYYY-MM>", "last month")
    .requiredOption("--reason <text>", "the decision, e.g. 'QĐ số 12 ngày 01/03/2026'")
    .action(async (o: { branch: string; member: string; exempt?: boolean; reduce?: string; from: string; to: string; reason: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      if (!o.exempt === !o.reduce) throw new CliError("give exactly one of --exempt or --reduce");
      const from = month(o.from, "--from");
      const to = month(o.to, "--to");
      if (to < from) throw new CliError("--to is before --from");
      if (o.reduce && monthsBetween(from, to).length > 12) throw new CliError("a reduction lasts at most 12 months per decision");
      await db.feeAdjustment.create({ data: { memberId: m.id, kind: o.exempt ? "exempt" : "reduce", percent: o.reduce ? Number(o.reduce) : null, fromMonth: from, toMonth: to, reason: o.reason, createdBy: "cli" } });
      await audit(db, { actor: "cli", action: "fee.adjust", branchId: b.id, targetMemberId: m.id, details: { exempt: !!o.exempt, reduce: o.reduce, from, to } });
      out(`${m.fullName}: ${o.exempt ? "exempted" : `reduced by ${o.reduce}%`} from ${formatMonth(from)} to ${formatMonth(to)}`);
    });
  fee
    .command("pay")
    .description("record a payment the collector received (one or several months); running it again records nothing more")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .requiredOption("--months <list>", "YYYY-MM,YYYY-MM,…")
    .requiredOption("--amount <dong>", "amount received, whole đồng; must equal what the months owe")
    .option("--ref <id>", "receipt number or other reference (default: derived from the arguments)")
    .action(async (o: { branch: string; member: string; months: string; amount: string; ref?: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      const months = o.months.split(",").map((x) => month(x.trim(), "--months"));
      const amount = Number(o.amount);
      const requestId = o.ref ? `cli-ref:${b.id}:${o.ref}` : `cli:${m.id}:${[...months].sort().join("+")}:${amount}`;
      const result = await recordPayment(db, deps.clock, settings, cliActor, { memberId: m.id, months, amount, requestId });
      out(result.created ? `Recorded ${formatMoney(result.total)} for ${m.fullName}: ${result.months.map(formatMonth).join(", ")}` : `Already recorded (${formatMoney(result.total)} for ${result.months.map(formatMonth).join(", ")}); nothing added`);
    });
  fee
    .command("reverse")
    .description("correct a confirmed entry by adding its reversal (nothing is edited or deleted)")
    .requiredOption("--entry <id>", "ledger entry id (see: fee ledger)")
    .requiredOption("--reason <text>", "why")
    .action(async (o: { entry: string; reason: string }) => {
      const reversal = await reverseEntry(db, cliActor, Number(o.entry), o.reason);
      out(`Entry #${o.entry} reversed by #${reversal.id} (${formatMoney(reversal.amount)} for ${formatMonth(reversal.month)})`);
    });
  fee
    .command("ledger")
    .description("list a member's ledger entries")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--member <who>", "member id, phone or full name")
    .action(async (o: { branch: string; member: string }) => {
      const b = await find.branchByCode(o.branch);
      const m = await find.findMember(b.id, o.member);
      for (const e of await db.feeEntry.findMany({ where: { memberId: m.id }, orderBy: { id: "asc" } })) {
        out(`#${e.id}\t${formatMonth(e.month)}\t${formatMoney(e.amount)}\t${e.kind}\t${e.status}\t${e.recordedBy}${e.note ? `\t${e.note}` : ""}`);
      }
    });
  fee
    .command("status")
    .description("a month's collection: who paid, who owes, totals")
    .requiredOption("--branch <code>", "branch code")
    .option("--month <YYYY-MM>", "month (default: this month)")
    .action(async (o: { branch: string; month?: string }) => {
      const b = await find.branchByCode(o.branch);
      const mo = o.month ? month(o.month, "--month") : currentMonth(deps.clock(), deps.timeZone);
      const c = await monthlyCollection(db, cliActor, b.id, mo, deps.timeZone);
      out(`${b.name}, ${formatMonth(mo)}: collected ${formatMoney(c.collected)} of ${formatMoney(c.expected)}`);
      for (const r of c.rows) out(`${r.fullName}\t${r.status.due === null ? "-" : formatMoney(r.status.due)}\t${formatMoney(r.status.paid)}\t${r.status.state}`);
    });
  fee
    .command("arrears")
    .description("members with unpaid months (2 = warning, 3 = Article 8) or 3+ absences without reason in a year")
    .requiredOption("--branch <code>", "branch code")
    .option("--year <yyyy>", "calendar year (default: this year)")
    .action(async (o: { branch: string; year?: string }) => {
      const b = await find.branchByCode(o.branch);
      const year = o.year ? Number(o.year) : Number(currentMonth(deps.clock(), deps.timeZone).slice(0, 4));
      const rows = await arrearsFlags(db, cliActor, b.id, year, deps.clock(), deps.timeZone);
      if (rows.length === 0) out(`No member to flag in ${year}.`);
      for (const r of rows) out(`${r.fullName}\tunpaid ${r.unpaidMonths.length} (${r.feeLevel})\tabsent without reason ${r.absencesWithoutReason} (${r.meetingLevel})`);
    });
  fee
    .command("export")
    .description("write the year's ledger and the month's collection sheet (.xlsx), or the ledger (.csv)")
    .requiredOption("--branch <code>", "branch code")
    .requiredOption("--out <file>", "output file, .xlsx or .csv")
    .option("--year <yyyy>", "year (default: this year)")
    .option("--month <YYYY-MM>", "month of the collection sheet (default: this month)")
    .action(async (o: { branch: string; out: string; year?: string; month?: string }) => {
      const b = await find.branchByCode(o.branch);
      const mo = o.month ? month(o.month, "--month") : currentMonth(deps.clock(), deps.timeZone);
      const year = o.year ? Number(o.year) : Number(mo.slice(0, 4));
      const ext = extname(o.out).toLowerCase();
      if (ext !== ".xlsx" && ext !== ".csv") throw new CliError("--out must end in .xlsx or .csv");
      const opts = { year, month: mo, timeZone: deps.timeZone };
      await writeFile(o.out, ext === ".xlsx" ? await feeWorkbook(db, cliActor, b.id, opts) : await feeLedgerCsv(db, cliActor, b.id, opts));
      await audit(db, { actor: "cli", action: "fee.export", branchId: b.id, details: { year, file: ext } });
      out(`Wrote ${o.out}`);
    });
}

/**
 * Party-fee use cases with the notices that follow them, the same from chat and
 * the command line: a payment recorded tells the member and withdraws his/her
 * pending reminders; a member's "Tôi đã đóng" goes to the collectors with
 * buttons; their decision goes back to the member.
 */
import { feeMonthLine } from "../texts/fees.ts";
import type { Db } from "../db/client.ts";
import { feeForMonth, type Month } from "../domain/fees.ts";
import { formatMoney, sortByName } from "../domain/text.ts";
import { t } from "../texts/vi.ts";
import { audit } from "./audit.ts";
import type { Actor, ServiceDeps } from "./deps.ts";
import { NotAuthorisedError, ServiceError } from "./errors.ts";
import {
  canCollect,
  currentMonth,
  decideReport,
  loadFeeTable,
  recordPayment,
  reportPaid,
  type PaymentRequest,
} from "./fees.ts";
import { deliveryTargets } from "./members.ts";
import { feeLedgerCsv, feeWorkbook } from "./fee-exports.ts";

export const feeGroupKey = (memberId: number) => `fee:${memberId}`;

function monthLines(entries: { month: string; amount: number }[]): string {
  return entries.map((e) => feeMonthLine(e.month, e.amount)).join("\n");
}

async function batchLines(db: Db, batch: string): Promise<string> {
  const entries = await db.feeEntry.findMany({ where: { batch }, orderBy: { month: "asc" } });
  return monthLines(entries.map((e) => ({ month: e.month, amount: e.amount })));
}

async function tellMember(deps: ServiceDeps, memberId: number, key: string, text: string): Promise<void> {
  const target = (await deliveryTargets(deps.db, [memberId])).get(memberId);
  if (!target) return;
  await deps.outbox.enqueue([
    {
      key,
      channel: target.channel,
      chatId: target.chatId,
      memberId,
      priority: "reply",
      kind: "fee_notice",
      message: { text },
    },
  ]);
}

/** The collector records a payment; the member is told and his/her pending fee reminders are withdrawn. */
export async function collectPayment(deps: ServiceDeps, actor: Actor, req: PaymentRequest) {
  const result = await recordPayment(deps.db, deps.clock, deps.settings.fees, actor, req);
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: req.memberId } });
  await deps.outbox.cancelGroup(feeGroupKey(member.id));
  if (result.created) {
    const lines = await batchLines(deps.db, `pay:${req.requestId}`);
    await tellMember(
      deps,
      member.id,
      `fee-paid:${req.requestId}`,
      t.feePaymentNotice(lines, formatMoney(result.total)),
    );
  }
  return { ...result, fullName: member.fullName };
}

/** A member reports "Tôi đã đóng" for some months; the branch's collectors get it with Xác nhận / Chưa nhận. */
export async function reportPayment(deps: ServiceDeps, actor: Actor, input: { months: Month[]; requestId: string }) {
  if (actor.id === null) throw new NotAuthorisedError("fee.report");
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: actor.id } });
  const result = await reportPaid(deps.db, deps.clock, deps.settings.fees, member.id, input.months, input.requestId);
  const lines = await batchLines(deps.db, result.batch);
  const targets = await collectorTargets(deps.db, member.branchId);
  await deps.outbox.enqueue(
    targets.map((c) => ({
      key: `fee-report:${result.batch}:${c.memberId}`,
      channel: c.channel,
      chatId: c.chatId,
      memberId: c.memberId,
      priority: "reply" as const,
      kind: "fee_report",
      message: {
        text: t.feeReportToCollector(member.fullName, lines, formatMoney(result.total)),
        choices: [
          [
            { data: `feeok:${result.batch}`, label: t.btnFeeConfirm },
            { data: `feeno:${result.batch}`, label: t.btnFeeReject },
          ],
        ],
      },
    })),
  );
  await deps.outbox.cancelGroup(feeGroupKey(member.id));
  return { ...result, collectorsTold: targets.length };
}

/** Who collects the fee in a branch: its collectors, or its leaders when it has none. */
async function collectorsOf(db: Db, branchId: number) {
  const people = await db.member.findMany({ where: { branchId, leftAt: null, role: "collector" } });
  if (people.length > 0) return people;
  return db.member.findMany({ where: { branchId, leftAt: null, role: { in: ["secretary", "deputy"] } } });
}

/** The collectors (see collectorsOf) with where to reach them. */
async function collectorTargets(db: Db, branchId: number) {
  const people = await collectorsOf(db, branchId);
  return [
    ...(
      await deliveryTargets(
        db,
        people.map((p) => p.id),
      )
    ).values(),
  ];
}

/** The collector confirms or rejects a member's report; the member is told. */
export async function decideFeeReport(deps: ServiceDeps, actor: Actor, input: { batch: string; accept: boolean }) {
  const result = await decideReport(deps.db, deps.clock, actor, input.batch, input.accept);
  if (result.type === "stale") return result;
  const member = await deps.db.member.findUniqueOrThrow({ where: { id: result.memberId } });
  const lines = await batchLines(deps.db, input.batch);
  await tellMember(
    deps,
    member.id,
    `fee-decision:${input.batch}`,
    input.accept ? t.feeConfirmed(lines) : t.feeRejected(lines),
  );
  return { ...result, fullName: member.fullName };
}

/**
 * The salary or pension a fee is computed from: a member declares his/her own, a collector or leader enters it for
 * a member of the branch. Returns the monthly fee it gives now (null when it cannot be computed yet).
 */
export async function setFeeBase(deps: ServiceDeps, actor: Actor, input: { memberId: number; amount: number }) {
  const target = await deps.db.member.findFirst({
    where: { id: input.memberId, leftAt: null },
    include: { branch: true },
  });
  if (!target) throw new ServiceError("member.not_found");
  const own = actor.id === target.id;
  if (!own && !canCollect(actor, target.branchId)) throw new NotAuthorisedError("fee.base");
  if (!Number.isInteger(input.amount) || input.amount < 100_000 || input.amount > 1_000_000_000)
    throw new ServiceError("fee.bad_base");
  await deps.db.$transaction(async (tx) => {
    await tx.member.update({ where: { id: target.id }, data: { feeBase: input.amount } });
    await audit(tx, {
      actor: actor.label,
      action: "fee.base",
      branchId: target.branchId,
      targetMemberId: target.id,
      details: { by: own ? "member" : "collector" },
    });
  });
  const table = await loadFeeTable(deps.db);
  const fee = feeForMonth(currentMonth(deps.clock(), deps.settings.timeZone), {
    group: target.feeGroup,
    base: input.amount,
    region: target.branch.region,
    ...table,
    adjustments: [],
  });
  return { fullName: target.fullName, monthlyFee: fee.ok ? fee.due : null };
}

/** Members of the actor's branch whose fee is a share of a salary or pension (they need a base). */
export async function salaryMembers(deps: ServiceDeps, actor: Actor, branchId: number) {
  if (!canCollect(actor, branchId)) throw new NotAuthorisedError("fee.base");
  return sortByName(
    await deps.db.member.findMany({
      where: { branchId, leftAt: null, feeGroup: { in: ["salary", "retired"] } },
      select: { id: true, fullName: true, feeBase: true },
    }),
  );
}

/** The fee book of a year as XLSX and CSV, audited as an export. */
export async function feeExportFiles(deps: ServiceDeps, actor: Actor, branchId: number, month: Month) {
  const year = Number(month.slice(0, 4));
  const opts = { year, month, timeZone: deps.settings.timeZone };
  const xlsx = await feeWorkbook(deps.db, actor, branchId, opts);
  const csv = await feeLedgerCsv(deps.db, actor, branchId, opts);
  await audit(deps.db, { actor: actor.label, action: "fee.export", branchId, details: { year } });
  return { year, xlsx, csv };
}

/** Who collects the fee in a branch (its collectors, or its leaders when it has none): names for members. */
export async function collectorNames(deps: ServiceDeps, actor: Actor, branchId: number): Promise<string[]> {
  if (!actor.isAdmin && actor.branchId !== branchId) throw new NotAuthorisedError("fee.collectors");
  return (await collectorsOf(deps.db, branchId)).map((p) => p.fullName);
}

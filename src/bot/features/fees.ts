/**
 * Party fees in chat: /dangphi and "Tôi đã đóng" (member), /khaibao (member's
 * base), /thuphi (collector records a payment), the collector's confirmation of
 * reports, /thuthang, /canhbao and /xuatphi.
 */
import { buttonId } from "../buttons.ts";
import {
  addMonths,
  FEE_GROUP_LABELS,
  feeForMonth,
  formatMonth,
  outstanding,
  type FeeGroup,
  type Month,
  type MonthStatus,
} from "../../domain/fees.ts";
import { formatMoney, sortByName } from "../../domain/text.ts";
import { audit } from "../../services/audit.ts";
import { UserFacingError } from "../../services/errors.ts";
import {
  arrearsFlags,
  checkPaymentMonths,
  currentMonth,
  decideReport,
  loadFeeTable,
  monthlyCollection,
  newRequestId,
  recordPayment,
  reportPaid,
  statement,
} from "../../services/fees.ts";
import { feeLedgerCsv, feeWorkbook } from "../../services/fee-exports.ts";
import { deliveryTargets } from "../../services/members.ts";
import { t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";

const STATE: Record<string, string> = {
  paid: "đã đóng",
  pending: "chờ xác nhận",
  unpaid: "chưa đóng",
  partial: "đóng thiếu",
  exempt: "miễn",
  unknown: "chưa đủ thông tin",
};

export function monthLines(statuses: { month: Month; amount: number }[]): string {
  return statuses.map((s) => `• Tháng ${formatMonth(s.month)}: ${formatMoney(s.amount)}`).join("\n");
}

function statusLine(s: MonthStatus): string {
  const amount = s.state === "paid" ? s.paid : s.due;
  return `• ${formatMonth(s.month)}: ${amount === null ? "" : `${formatMoney(amount)} – `}${STATE[s.state] ?? s.state}`;
}

/** Collectors of a branch (or its leaders when it has no collector), with where to reach them. */
async function collectors(ctx: MemberContext, branchId: number) {
  const { db } = ctx.deps;
  let people = await db.member.findMany({ where: { branchId, leftAt: null, role: "collector" } });
  if (people.length === 0)
    people = await db.member.findMany({ where: { branchId, leftAt: null, role: { in: ["secretary", "deputy"] } } });
  return {
    people,
    targets: [
      ...(
        await deliveryTargets(
          db,
          people.map((p) => p.id),
        )
      ).values(),
    ],
  };
}

function settings(ctx: MemberContext) {
  return ctx.deps.settings.fees;
}

async function startReport(ctx: MemberContext): Promise<void> {
  const { db, clock } = ctx.deps;
  const tz = ctx.deps.settings.timeZone;
  const now = currentMonth(clock(), tz);
  const s = await statement(db, ctx.member.id, { year: Number(now.slice(0, 4)), until: now, timeZone: tz });
  const unpaid = s.months.filter((m) => m.state === "unpaid" || m.state === "partial");
  if (unpaid.length === 0) {
    ctx.reply(t.feeNothingToReport);
    return;
  }
  await ctx.setDialog({ dialog: "fee_report", months: unpaid.map((m) => m.month), requestId: newRequestId() });
  ctx.reply({
    text: t.feeReportConfirm(
      monthLines(unpaid.map((m) => ({ month: m.month, amount: outstanding(m) }))),
      formatMoney(s.owed),
    ),
    choices: [
      [
        { data: dialogChoice("fee_report", "confirm"), label: t.btnConfirm },
        { data: dialogChoice("fee_report", "cancel"), label: t.btnCancel },
      ],
    ],
  });
}

async function monthToggleSheet(ctx: MemberContext, memberId: number, chosen: Month[]) {
  const { db, clock } = ctx.deps;
  const tz = ctx.deps.settings.timeZone;
  const now = currentMonth(clock(), tz);
  const member = await db.member.findUniqueOrThrow({ where: { id: memberId } });
  const years = [Number(now.slice(0, 4)), Number(now.slice(0, 4)) + 1];
  const open: MonthStatus[] = [];
  for (const year of years) {
    const s = await statement(db, memberId, { year, until: `${year}-12`, timeZone: tz });
    open.push(
      ...s.months.filter(
        (m) =>
          (m.state === "unpaid" || m.state === "partial") && m.month <= addMonths(now, settings(ctx).maxAdvanceMonths),
      ),
    );
  }
  const shown = open.slice(0, 18);
  return {
    member,
    shown,
    message: {
      text: t.feeCollectChooseMonths(member.fullName),
      choices: [
        ...chunk(
          shown.map((m) => ({
            data: dialogChoice("fee_collect", "month", m.month),
            label: `${chosen.includes(m.month) ? "☑" : "☐"} ${formatMonth(m.month)}`,
          })),
          3,
        ),
        [
          { data: dialogChoice("fee_collect", "next"), label: t.btnContinue },
          { data: dialogChoice("fee_collect", "cancel"), label: t.btnCancel },
        ],
      ],
    },
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** "15.930", "15930", "15,930 đ", "2tr" are read as whole đồng; anything else is null. */
export function parseAmount(text: string): number | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\s*(đ|d|đồng|dong|vnd)$/u, "")
    .replace(/\s/g, "");
  const million = /^(\d+)(?:[.,](\d+))?(tr|trieu|triệu)$/u.exec(t);
  if (million) return Math.round(Number(`${million[1]}.${million[2] ?? "0"}`) * 1_000_000);
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(t)) return null;
  const n = Number(t.replace(/[.,]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}

async function notifyMember(ctx: MemberContext, memberId: number, key: string, text: string): Promise<void> {
  const target = (await deliveryTargets(ctx.deps.db, [memberId])).get(memberId);
  if (!target) return;
  await ctx.deps.outbox.enqueue([
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

export const feesFeature: Feature = {
  commands: {
    dangphi: {
      access: "member",
      async run(ctx) {
        const { db, clock } = ctx.deps;
        const tz = ctx.deps.settings.timeZone;
        const now = currentMonth(clock(), tz);
        const year = Number(now.slice(0, 4));
        const s = await statement(db, ctx.member.id, { year, until: now, timeZone: tz });
        const { people } = await collectors(ctx, ctx.member.branchId);
        const lines = [t.feeStatementHeader(year)];
        if (ctx.member.feeGroup)
          lines.push(`Nhóm: ${FEE_GROUP_LABELS[ctx.member.feeGroup as FeeGroup] ?? ctx.member.feeGroup}`);
        lines.push(...(s.months.length ? s.months.map(statusLine) : [t.feeNothingYet]));
        // A month whose fee cannot be computed (no group, no base) is not "paid": say what is missing instead.
        const unknown = s.months.filter((m) => m.state === "unknown");
        if (s.owed > 0) lines.push(t.feeOwed(formatMoney(s.owed)));
        if (unknown.length > 0)
          lines.push(
            t.feeUnknown(
              unknown.map((m) => formatMonth(m.month)),
              !ctx.member.feeGroup,
            ),
          );
        else if (s.owed === 0 && s.months.length > 0) lines.push(t.feeAllPaid);
        lines.push(t.feeHowToPay(people[0]?.fullName ?? null));
        ctx.reply({
          text: lines.join("\n"),
          ...(s.owed > 0 ? { choices: [[{ data: "feepaid:report", label: t.btnFeePaid }]] } : {}),
        });
      },
    },
    khaibao: {
      access: "member",
      async run(ctx) {
        if (ctx.member.feeGroup !== "salary" && ctx.member.feeGroup !== "retired") {
          ctx.reply(t.feeBaseNotNeeded);
          return;
        }
        await ctx.setDialog({ dialog: "fee_base", step: "amount" });
        ctx.reply(t.feeBaseAsk);
      },
    },
    mucdong: {
      access: "treasurer",
      async run(ctx) {
        const members = sortByName(
          await ctx.deps.db.member.findMany({
            where: { branchId: ctx.member.branchId, leftAt: null, feeGroup: { in: ["salary", "retired"] } },
          }),
        );
        if (members.length === 0) {
          ctx.reply(t.feeBaseNoMembers);
          return;
        }
        await ctx.setDialog({ dialog: "fee_base", step: "member" });
        ctx.reply({
          text: t.feeBaseChooseMember,
          choices: [
            ...chunk(
              members.map((m) => ({
                data: dialogChoice("fee_base", "member", m.id),
                label: `${m.fullName}${m.feeBase ? "" : " (chưa có)"}`,
              })),
              2,
            ),
            [{ data: dialogChoice("fee_base", "cancel"), label: t.btnCancel }],
          ],
        });
      },
    },
    thuphi: {
      access: "treasurer",
      async run(ctx) {
        const members = sortByName(
          await ctx.deps.db.member.findMany({ where: { branchId: ctx.member.branchId, leftAt: null }, take: 60 }),
        );
        if (members.length === 0) {
          ctx.reply(t.feeCollectNoMembers);
          return;
        }
        await ctx.setDialog({ dialog: "fee_collect", step: "member", months: [], requestId: newRequestId() });
        ctx.reply({
          text: t.feeCollectChooseMember,
          choices: [
            ...chunk(
              members.map((m) => ({ data: dialogChoice("fee_collect", "member", m.id), label: m.fullName })),
              2,
            ),
            [{ data: dialogChoice("fee_collect", "cancel"), label: t.btnCancel }],
          ],
        });
      },
    },
    thuthang: {
      access: "treasurer",
      async run(ctx) {
        const tz = ctx.deps.settings.timeZone;
        const month = currentMonth(ctx.deps.clock(), tz);
        const c = await monthlyCollection(ctx.deps.db, ctx.actor, ctx.member.branchId, month, tz);
        ctx.reply(
          t.feeCollectionReport(
            formatMonth(month),
            formatMoney(c.collected),
            formatMoney(c.expected),
            c.rows.filter((r) => r.status.state === "paid" || r.status.state === "exempt").map((r) => r.fullName),
            c.rows
              .filter((r) => ["unpaid", "partial", "pending"].includes(r.status.state))
              .map((r) => `${r.fullName}${r.status.state === "pending" ? " (chờ xác nhận)" : ""}`),
            c.rows.filter((r) => r.status.state === "unknown").map((r) => r.fullName),
          ),
        );
      },
    },
    canhbao: {
      access: "treasurer",
      async run(ctx) {
        const tz = ctx.deps.settings.timeZone;
        const now = ctx.deps.clock();
        const year = Number(currentMonth(now, tz).slice(0, 4));
        const rows = await arrearsFlags(ctx.deps.db, ctx.actor, ctx.member.branchId, year, now, tz);
        if (rows.length === 0) {
          ctx.reply(t.arrearsNone(year));
          return;
        }
        ctx.reply(
          t.arrearsReport(
            year,
            rows.map((r) => {
              const parts: string[] = [];
              if (r.feeLevel !== "none")
                parts.push(
                  `chưa đóng đảng phí ${r.unpaidMonths.length} tháng (${r.unpaidMonths.map(formatMonth).join(", ")})${r.feeLevel === "article8" ? " – đến ngưỡng 3 tháng (Điều 8)" : ""}`,
                );
              if (r.meetingLevel !== "none")
                parts.push(
                  `vắng sinh hoạt không lý do ${r.absencesWithoutReason} lần${r.meetingLevel === "article8" ? " – đến ngưỡng 3 lần" : ""}`,
                );
              return `• ${r.fullName}: ${parts.join("; ")}`;
            }),
          ),
        );
      },
    },
    xuatphi: {
      access: "treasurer",
      async run(ctx) {
        if (ctx.event.channel !== "telegram") {
          ctx.reply(t.exportNotOnZalo);
          return;
        }
        const tz = ctx.deps.settings.timeZone;
        const month = currentMonth(ctx.deps.clock(), tz);
        const year = Number(month.slice(0, 4));
        const opts = { year, month, timeZone: tz };
        const xlsx = await feeWorkbook(ctx.deps.db, ctx.actor, ctx.member.branchId, opts);
        const csv = await feeLedgerCsv(ctx.deps.db, ctx.actor, ctx.member.branchId, opts);
        const code = ctx.member.branch.code;
        ctx.reply({
          text: t.exportCaption(`Sổ thu đảng phí ${year} và danh sách thu tháng ${formatMonth(month)}`),
          document: { filename: `dang-phi-${code}-${year}.xlsx`, base64: xlsx.toString("base64") },
        });
        ctx.reply({
          text: t.exportCaption(`Sổ thu đảng phí ${year} (CSV)`),
          document: { filename: `dang-phi-${code}-${year}.csv`, base64: csv.toString("base64") },
        });
        await audit(ctx.deps.db, {
          actor: ctx.actor.label,
          action: "fee.export",
          branchId: ctx.member.branchId,
          details: { year },
        });
      },
    },
  },
  choices: {
    feepaid: {
      access: "member",
      async run(ctx) {
        await startReport(ctx);
      },
    },
    feeok: {
      access: "treasurer",
      async run(ctx, parts) {
        await decide(ctx, parts.join(":"), true);
      },
    },
    feeno: {
      access: "treasurer",
      async run(ctx, parts) {
        await decide(ctx, parts.join(":"), false);
      },
    },
  },
  dialogs: {
    fee_report: {
      async onText(ctx) {
        ctx.reply(t.chooseButton);
      },
      async onChoice(ctx, [action], state) {
        await ctx.clearDialog();
        if (action !== "confirm") {
          ctx.reply(t.cancelled);
          return;
        }
        const { db, clock, outbox } = ctx.deps;
        const result = await reportPaid(db, clock, settings(ctx), ctx.member.id, state.months, state.requestId);
        const { targets } = await collectors(ctx, ctx.member.branchId);
        const lines = monthLines(
          (await db.feeEntry.findMany({ where: { batch: result.batch } })).map((e) => ({
            month: e.month,
            amount: e.amount,
          })),
        );
        await outbox.enqueue(
          targets.map((c) => ({
            key: `fee-report:${result.batch}:${c.memberId}`,
            channel: c.channel,
            chatId: c.chatId,
            memberId: c.memberId,
            priority: "reply" as const,
            kind: "fee_report",
            message: {
              text: t.feeReportToCollector(ctx.member.fullName, lines, formatMoney(result.total)),
              choices: [
                [
                  { data: `feeok:${result.batch}`, label: t.btnFeeConfirm },
                  { data: `feeno:${result.batch}`, label: t.btnFeeReject },
                ],
              ],
            },
          })),
        );
        await outbox.cancelGroup(`fee:${ctx.member.id}`);
        ctx.reply(t.feeReportSent);
      },
    },
    fee_base: {
      async onChoice(ctx, [action, value], state) {
        if (action === "member" && state.step === "member") {
          const target = await ctx.deps.db.member.findFirst({
            where: { id: buttonId(value), branchId: ctx.member.branchId, leftAt: null },
          });
          if (!target) {
            ctx.reply(t.staleButton);
            return;
          }
          await ctx.setDialog({ dialog: "fee_base", step: "amount", memberId: target.id });
          ctx.reply(t.feeBaseAskFor(target.fullName));
          return;
        }
        ctx.reply(state.step === "amount" ? t.feeBaseAsk : t.chooseButton);
      },
      async onText(ctx, text, state) {
        if (state.step !== "amount") {
          ctx.reply(t.chooseButton);
          return;
        }
        const amount = parseAmount(text);
        if (amount === null || amount < 100_000 || amount > 1_000_000_000) {
          ctx.reply(t.feeBaseBad);
          return;
        }
        const { db, clock } = ctx.deps;
        // A member declares his/her own base; a collector enters it for a member of the branch.
        const target = state.memberId
          ? await db.member.findFirst({
              where: { id: state.memberId, branchId: ctx.member.branchId },
              include: { branch: true },
            })
          : ctx.member;
        if (!target) {
          await ctx.clearDialog();
          ctx.reply(t.staleButton);
          return;
        }
        await db.member.update({ where: { id: target.id }, data: { feeBase: amount } });
        await audit(db, {
          actor: ctx.actor.label,
          action: "fee.base",
          branchId: target.branchId,
          targetMemberId: target.id,
          details: { by: state.memberId ? "collector" : "member" },
        });
        await ctx.clearDialog();
        const table = await loadFeeTable(db);
        const fee = feeForMonth(currentMonth(clock(), ctx.deps.settings.timeZone), {
          group: target.feeGroup,
          base: amount,
          region: target.branch.region,
          ...table,
          adjustments: [],
        });
        ctx.reply(
          state.memberId
            ? t.feeBaseSavedFor(target.fullName, formatMoney(amount), fee.ok ? formatMoney(fee.due) : "–")
            : t.feeBaseSaved(formatMoney(amount), fee.ok ? formatMoney(fee.due) : "–"),
        );
      },
    },
    fee_collect: {
      async onText(ctx, text, state) {
        if (state.step !== "amount" || !state.memberId) {
          ctx.reply(t.chooseButton);
          return;
        }
        const amount = parseAmount(text);
        if (amount === null || amount <= 0) {
          ctx.reply(t.feeAmountBad);
          return;
        }
        await askConfirm(ctx, state, amount);
      },
      async onChoice(ctx, [action, value], state) {
        const { db } = ctx.deps;
        if (action === "member" && state.step === "member") {
          const member = await db.member.findFirst({
            where: { id: buttonId(value), branchId: ctx.member.branchId, leftAt: null },
          });
          if (!member) {
            ctx.reply(t.staleButton);
            return;
          }
          const sheet = await monthToggleSheet(ctx, member.id, []);
          if (sheet.shown.length === 0) {
            await ctx.clearDialog();
            ctx.reply(t.feeCollectNoMonths(member.fullName));
            return;
          }
          await ctx.setDialog({ ...state, step: "months", memberId: member.id, months: [] });
          ctx.reply(sheet.message);
          return;
        }
        if (action === "month" && state.step === "months" && state.memberId && value) {
          const months = state.months.includes(value)
            ? state.months.filter((m) => m !== value)
            : [...state.months, value].sort();
          await ctx.setDialog({ ...state, months });
          const sheet = await monthToggleSheet(ctx, state.memberId, months);
          const messageId = ctx.event.kind === "choice" ? ctx.event.messageId : null;
          ctx.reply(messageId ? { ...sheet.message, editMessageId: messageId } : sheet.message);
          return;
        }
        if (action === "next" && state.step === "months" && state.memberId) {
          if (state.months.length === 0) {
            ctx.reply(t.chooseButton);
            return;
          }
          const { due } = await checkPaymentMonths(db, ctx.deps.clock, settings(ctx), state.memberId, state.months);
          await ctx.setDialog({ ...state, step: "amount" });
          ctx.reply({
            text: t.feeCollectAskAmount(formatMoney(due)),
            choices: [[{ data: dialogChoice("fee_collect", "exact"), label: t.btnExactAmount(formatMoney(due)) }]],
          });
          return;
        }
        if (action === "exact" && state.step === "amount" && state.memberId) {
          const { due } = await checkPaymentMonths(db, ctx.deps.clock, settings(ctx), state.memberId, state.months);
          await askConfirm(ctx, state, due);
          return;
        }
        if (action === "confirm" && state.step === "confirm" && state.memberId && state.amount !== undefined) {
          await ctx.clearDialog();
          const result = await recordPayment(db, ctx.deps.clock, settings(ctx), ctx.actor, {
            memberId: state.memberId,
            months: state.months,
            amount: state.amount,
            requestId: state.requestId,
          });
          const member = await db.member.findUniqueOrThrow({ where: { id: state.memberId } });
          const entries = await db.feeEntry.findMany({ where: { batch: `pay:${state.requestId}` } });
          await ctx.deps.outbox.cancelGroup(`fee:${member.id}`);
          if (result.created)
            await notifyMember(
              ctx,
              member.id,
              `fee-paid:${state.requestId}`,
              t.feePaymentNotice(
                monthLines(entries.map((e) => ({ month: e.month, amount: e.amount }))),
                formatMoney(result.total),
              ),
            );
          ctx.reply(t.feeCollectDone(member.fullName, formatMoney(result.total)));
          return;
        }
        ctx.reply(t.staleButton);
      },
    },
  },
};

async function askConfirm(
  ctx: MemberContext,
  state: { memberId?: number; months: string[]; requestId: string; step: string },
  amount: number,
): Promise<void> {
  const { db, clock } = ctx.deps;
  const s = settings(ctx);
  if (amount > s.maxPayment) {
    ctx.reply(t.feeAmountTooBig(formatMoney(s.maxPayment)));
    return;
  }
  let checked;
  try {
    checked = await checkPaymentMonths(db, clock, s, state.memberId!, state.months);
  } catch (e) {
    await ctx.clearDialog();
    throw e instanceof UserFacingError ? e : e;
  }
  if (amount !== checked.due) {
    ctx.reply(t.feeAmountMismatch(formatMoney(amount), formatMoney(checked.due)));
    return;
  }
  const member = await db.member.findUniqueOrThrow({ where: { id: state.memberId! } });
  await ctx.setDialog({
    dialog: "fee_collect",
    step: "confirm",
    memberId: member.id,
    months: state.months,
    amount,
    requestId: state.requestId,
  });
  ctx.reply({
    text: t.feeCollectConfirm(
      member.fullName,
      monthLines(checked.statuses.map((m) => ({ month: m.month, amount: outstanding(m) }))),
      formatMoney(amount),
    ),
    choices: [
      [
        { data: dialogChoice("fee_collect", "confirm"), label: t.btnConfirm },
        { data: dialogChoice("fee_collect", "cancel"), label: t.btnCancel },
      ],
    ],
  });
}

async function decide(ctx: MemberContext, batch: string, accept: boolean): Promise<void> {
  const { db, clock } = ctx.deps;
  const result = await decideReport(db, clock, ctx.actor, batch, accept);
  if (result.type === "stale") {
    ctx.reply(t.feeStaleReport);
    return;
  }
  const member = await db.member.findUniqueOrThrow({ where: { id: result.memberId } });
  const entries = await db.feeEntry.findMany({ where: { batch } });
  const lines = monthLines(entries.map((e) => ({ month: e.month, amount: e.amount })));
  await notifyMember(ctx, member.id, `fee-decision:${batch}`, accept ? t.feeConfirmed(lines) : t.feeRejected(lines));
  ctx.reply(t.feeDecisionRecorded(member.fullName, accept));
}

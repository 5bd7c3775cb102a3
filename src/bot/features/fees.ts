/**
 * Party fees in chat: /dangphi and "Tôi đã đóng" (member), /khaibao (member's
 * base), /thuphi (collector records a payment), the collector's confirmation of
 * reports, /thuthang, /canhbao and /xuatphi.
 */
import { FEE_STATE_WORDS, feeMonthLine } from "../../texts/fees.ts";
import { buttonId, StaleButtonError } from "../buttons.ts";
import {
  addMonths,
  FEE_GROUP_LABELS,
  formatMonth,
  outstanding,
  type Month,
  type MonthStatus,
} from "../../domain/fees.ts";
import { formatMoney, parseAmount } from "../../domain/text.ts";
import { currentMonth, newRequestId } from "../../services/fees.ts";
import { t } from "../../texts/vi.ts";
import type { MemberContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";

const STATE = FEE_STATE_WORDS;

export function monthLines(statuses: { month: Month; amount: number }[]): string {
  return statuses.map((s) => feeMonthLine(s.month, s.amount)).join("\n");
}

function statusLine(s: MonthStatus): string {
  const amount = s.state === "paid" ? s.paid : s.due;
  return `• ${formatMonth(s.month)}: ${amount === null ? "" : `${formatMoney(amount)} – `}${STATE[s.state] ?? s.state}`;
}

function settings(ctx: MemberContext) {
  return ctx.deps.settings.fees;
}

async function startReport(ctx: MemberContext): Promise<void> {
  const { services, clock } = ctx.deps;
  const tz = ctx.deps.settings.timeZone;
  const now = currentMonth(clock(), tz);
  const s = await services.statement(ctx.member.id, { year: Number(now.slice(0, 4)), until: now, timeZone: tz });
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
  const { services, clock } = ctx.deps;
  const tz = ctx.deps.settings.timeZone;
  const now = currentMonth(clock(), tz);
  const member = await services.memberOfBranch(ctx.actor, ctx.member.branchId, memberId);
  if (!member) throw new StaleButtonError(String(memberId));
  const years = [Number(now.slice(0, 4)), Number(now.slice(0, 4)) + 1];
  const open: MonthStatus[] = [];
  for (const year of years) {
    const s = await services.statement(memberId, { year, until: `${year}-12`, timeZone: tz });
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

export const feesFeature: Feature = {
  commands: {
    dangphi: {
      access: "member",
      async run(ctx) {
        const { services, clock } = ctx.deps;
        const tz = ctx.deps.settings.timeZone;
        const now = currentMonth(clock(), tz);
        const year = Number(now.slice(0, 4));
        const s = await services.statement(ctx.member.id, { year, until: now, timeZone: tz });
        const collectorNames = await services.collectorNames(ctx.actor, ctx.member.branchId);
        const lines = [t.feeStatementHeader(year)];
        if (ctx.member.feeGroup) lines.push(t.feeGroupLine(FEE_GROUP_LABELS[ctx.member.feeGroup]));
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
        lines.push(t.feeHowToPay(collectorNames[0] ?? null));
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
        const members = await ctx.deps.services.salaryMembers(ctx.actor, ctx.member.branchId);
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
                label: t.baseMissing(m.fullName, !!m.feeBase),
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
        const members = await ctx.deps.services.branchMembers(ctx.actor, ctx.member.branchId, { take: 60 });
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
        const c = await ctx.deps.services.monthlyCollection(ctx.actor, ctx.member.branchId, month, tz);
        ctx.reply(
          t.feeCollectionReport(
            formatMonth(month),
            formatMoney(c.collected),
            formatMoney(c.expected),
            c.rows.filter((r) => r.status.state === "paid" || r.status.state === "exempt").map((r) => r.fullName),
            c.rows
              .filter((r) => ["unpaid", "partial", "pending"].includes(r.status.state))
              .map((r) => t.unpaidName(r.fullName, r.status.state === "pending")),
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
        const rows = await ctx.deps.services.arrearsFlags(ctx.actor, ctx.member.branchId, year, now, tz);
        if (rows.length === 0) {
          ctx.reply(t.arrearsNone(year));
          return;
        }
        ctx.reply(
          t.arrearsReport(
            year,
            rows.map((r) => {
              const parts: string[] = [];
              if (r.feeLevel !== "none") parts.push(t.arrearsFees(r.unpaidMonths, r.feeLevel === "article8"));
              if (r.meetingLevel !== "none")
                parts.push(t.arrearsMeetings(r.absencesWithoutReason, r.meetingLevel === "article8"));
              return t.arrearsLine(r.fullName, parts);
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
        const month = currentMonth(ctx.deps.clock(), ctx.deps.settings.timeZone);
        const { year, xlsx, csv } = await ctx.deps.services.feeExportFiles(ctx.actor, ctx.member.branchId, month);
        const code = ctx.member.branch.code;
        ctx.reply({
          text: t.exportCaption(t.exportBooks(year, month)),
          document: { filename: `dang-phi-${code}-${year}.xlsx`, base64: xlsx.toString("base64") },
        });
        ctx.reply({
          text: t.exportCaption(t.exportCsv(year)),
          document: { filename: `dang-phi-${code}-${year}.csv`, base64: csv.toString("base64") },
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
        await ctx.deps.services.reportPayment(ctx.actor, { months: state.months, requestId: state.requestId });
        ctx.reply(t.feeReportSent);
      },
    },
    fee_base: {
      async onChoice(ctx, [action, value], state) {
        if (action === "member" && state.step === "member") {
          const target = await ctx.deps.services.memberOfBranch(ctx.actor, ctx.member.branchId, buttonId(value));
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
        // A member declares his/her own base; a collector enters it for a member of the branch.
        const result = await ctx.deps.services.setFeeBase(ctx.actor, {
          memberId: state.memberId ?? ctx.member.id,
          amount,
        });
        await ctx.clearDialog();
        const fee = result.monthlyFee === null ? "–" : formatMoney(result.monthlyFee);
        ctx.reply(
          state.memberId
            ? t.feeBaseSavedFor(result.fullName, formatMoney(amount), fee)
            : t.feeBaseSaved(formatMoney(amount), fee),
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
        const { services } = ctx.deps;
        if (action === "member" && state.step === "member") {
          const member = await services.memberOfBranch(ctx.actor, ctx.member.branchId, buttonId(value));
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
          const { due } = await services.checkPaymentMonths(state.memberId, state.months);
          await ctx.setDialog({ ...state, step: "amount" });
          ctx.reply({
            text: t.feeCollectAskAmount(formatMoney(due)),
            choices: [[{ data: dialogChoice("fee_collect", "exact"), label: t.btnExactAmount(formatMoney(due)) }]],
          });
          return;
        }
        if (action === "exact" && state.step === "amount" && state.memberId) {
          const { due } = await services.checkPaymentMonths(state.memberId, state.months);
          await askConfirm(ctx, state, due);
          return;
        }
        if (action === "confirm" && state.step === "confirm" && state.memberId && state.amount !== undefined) {
          await ctx.clearDialog();
          const result = await services.collectPayment(ctx.actor, {
            memberId: state.memberId,
            months: state.months,
            amount: state.amount,
            requestId: state.requestId,
          });
          ctx.reply(t.feeCollectDone(result.fullName, formatMoney(result.total)));
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
  const { services } = ctx.deps;
  const s = settings(ctx);
  if (amount > s.maxPayment) {
    ctx.reply(t.feeAmountTooBig(formatMoney(s.maxPayment)));
    return;
  }
  let checked;
  try {
    checked = await services.checkPaymentMonths(state.memberId!, state.months);
  } catch (e) {
    await ctx.clearDialog();
    throw e;
  }
  if (amount !== checked.due) {
    ctx.reply(t.feeAmountMismatch(formatMoney(amount), formatMoney(checked.due)));
    return;
  }
  const member = await services.memberOfBranch(ctx.actor, ctx.member.branchId, state.memberId!);
  if (!member) throw new StaleButtonError(String(state.memberId));
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
  const result = await ctx.deps.services.decideFeeReport(ctx.actor, { batch, accept });
  if (result.type === "stale") {
    ctx.reply(t.feeStaleReport);
    return;
  }
  ctx.reply(t.feeDecisionRecorded(result.fullName, accept));
}

/** The collector's console (collector, or the secretary and deputy): grid, record a payment, reverse one, XLSX. */
import { addMonths } from "../../domain/fees.ts";
import { parseAmount } from "../../domain/text.ts";
import { currentMonth, newRequestId } from "../../services/fees.ts";
import { NotAuthorisedError } from "../../services/errors.ts";
import { webTexts as w } from "../../texts/web.ts";
import { backWith, chrome, idOf, XLSX, type Ctx, type Route } from "../router.ts";
import { feeGridPage, memberFeesPage } from "../views/fees.ts";
import { FieldError, text } from "./forms.ts";

function yearParam(c: Ctx, fallback: number): number {
  const y = Number(c.url.searchParams.get("nam"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}

async function grid(c: Ctx) {
  const { services, v } = c;
  const now = services.now();
  const thisMonth = currentMonth(now, c.timeZone);
  const year = yearParam(c, Number(thisMonth.slice(0, 4)));
  const branchId = v.member.branchId;
  const [ledger, collection, flags] = await Promise.all([
    services.yearLedger(v.actor, branchId, year, thisMonth, c.timeZone),
    services.monthlyCollection(v.actor, branchId, thisMonth, c.timeZone),
    services.arrearsFlags(v.actor, branchId, year, now, c.timeZone),
  ]);
  return {
    html: feeGridPage(
      {
        year,
        months: ledger.months,
        thisMonth,
        rows: ledger.rows,
        collected: collection.collected,
        expected: collection.expected,
        flags: flags.map((f) => ({
          fullName: f.fullName,
          unpaid: f.unpaidMonths.length,
          absences: f.absencesWithoutReason,
        })),
      },
      chrome(c),
    ),
  };
}

async function gridXlsx(c: Ctx) {
  const year = idOf(c.params[0]);
  const month = currentMonth(c.services.now(), c.timeZone);
  const body = await c.services.feeWorkbook(c.v.actor, c.v.member.branchId, {
    year,
    month: year === Number(month.slice(0, 4)) ? month : `${year}-12`,
    timeZone: c.timeZone,
  });
  return { file: { name: w.feeFile(year), type: XLSX, body } };
}

async function memberFees(c: Ctx) {
  const { services, v } = c;
  const memberId = idOf(c.params[0]);
  const member = await services.memberOfBranch(v.actor, v.member.branchId, memberId);
  if (!member) throw new NotAuthorisedError("member.read");
  const now = currentMonth(services.now(), c.timeZone);
  const limit = addMonths(now, services.settings.fees.maxAdvanceMonths);
  const year = Number(now.slice(0, 4));
  const open = [];
  for (const y of [year - 1, year, year + 1]) {
    const s = await services.statement(memberId, { year: y, until: `${y}-12`, timeZone: c.timeZone });
    open.push(...s.months.filter((m) => (m.state === "unpaid" || m.state === "partial") && m.month <= limit));
  }
  const entries = await services.feeEntries(v.actor, memberId);
  const reversed = new Set(entries.map((e) => e.reversesId).filter((x) => x !== null));
  return {
    html: memberFeesPage(
      {
        memberId,
        fullName: member.fullName,
        open,
        requestId: newRequestId(),
        timeZone: c.timeZone,
        payments: entries
          .filter((e) => e.kind === "payment" && e.status === "confirmed")
          .reverse()
          .slice(0, 24)
          .map((e) => ({ id: e.id, month: e.month, amount: e.amount, at: e.createdAt, reversed: reversed.has(e.id) })),
      },
      chrome(c),
    ),
  };
}

async function record(c: Ctx) {
  const memberId = idOf(c.params[0]);
  const months = c.form.getAll("month").filter((m) => /^\d{4}-(0[1-9]|1[0-2])$/.test(m));
  const requestId = c.form.get("request") ?? "";
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(requestId)) throw new FieldError(w.badRequest);
  if (months.length === 0) throw new FieldError(w.noMonthsChosen);
  if (!(await c.services.memberOfBranch(c.v.actor, c.v.member.branchId, memberId)))
    throw new NotAuthorisedError("member.read");
  const typed = text(c.form, "amount");
  const amount = typed === "" ? (await c.services.checkPaymentMonths(memberId, months)).due : parseAmount(typed);
  if (amount === null) throw new FieldError(w.badAmount);
  const r = await c.services.collectPayment(c.v.actor, { memberId, months, amount, requestId });
  return backWith(c, `/chi-bo/thu-dang-phi/dang-vien/${memberId}`, w.paymentRecorded(r.fullName, amount));
}

async function reverse(c: Ctx) {
  const memberId = idOf(c.params[0]);
  const entryId = idOf(c.form.get("entry"));
  const entries = await c.services.feeEntries(c.v.actor, memberId);
  if (!entries.some((e) => e.id === entryId)) throw new FieldError(w.badRequest);
  await c.services.reverseEntry(c.v.actor, entryId, text(c.form, "reason"));
  return backWith(c, `/chi-bo/thu-dang-phi/dang-vien/${memberId}`, w.paymentReversed);
}

export const feeRoutes: Route[] = [
  { method: "GET", path: /^\/chi-bo\/thu-dang-phi$/, access: "collector", handle: grid },
  { method: "GET", path: /^\/chi-bo\/thu-dang-phi\/so-dang-phi-(\d{4})\.xlsx$/, access: "collector", handle: gridXlsx },
  {
    method: "GET",
    path: /^\/chi-bo\/thu-dang-phi\/dang-vien\/([1-9]\d{0,9})$/,
    access: "collector",
    handle: memberFees,
  },
  {
    method: "POST",
    path: /^\/chi-bo\/thu-dang-phi\/dang-vien\/([1-9]\d{0,9})\/ghi$/,
    access: "collector",
    handle: record,
  },
  {
    method: "POST",
    path: /^\/chi-bo\/thu-dang-phi\/dang-vien\/([1-9]\d{0,9})\/huy$/,
    access: "collector",
    handle: reverse,
  },
];

/** The collector's pages: the year's month × member grid with arrears flags, one member's months and payments. */
import { formatMonth, outstanding, type MonthStatus } from "../../domain/fees.ts";
import { formatMoney } from "../../domain/text.ts";
import { formatDateTime } from "../../domain/time.ts";
import { FEE_STATE_WORDS } from "../../texts/fees.ts";
import { webTexts as w } from "../../texts/web.ts";
import { esc, page, postForm, type Chrome } from "./layout.ts";

const cls = (s: MonthStatus) =>
  s.state === "paid" || s.state === "exempt" ? "paid" : s.state === "pending" ? "pending" : s.due === null ? "" : "due";

export interface GridView {
  year: number;
  months: string[];
  thisMonth: string;
  rows: { memberId: number; fullName: string; cells: MonthStatus[]; paid: number; owed: number }[];
  collected: number;
  expected: number;
  flags: { fullName: string; unpaid: number; absences: number }[];
}

export function feeGridPage(v: GridView, c: Chrome): string {
  const head = v.months.map((m) => `<th>${m.slice(5)}</th>`).join("");
  const rows = v.rows
    .map(
      (r) =>
        `<tr data-member="${r.memberId}"><td><a href="/chi-bo/thu-dang-phi/dang-vien/${r.memberId}">${esc(r.fullName)}</a></td>${r.cells
          .map((s) => {
            const title = `${formatMonth(s.month)}: ${FEE_STATE_WORDS[s.state] ?? s.state}`;
            // A month not due yet (nothing paid ahead) or before the member's first fee month: an empty cell.
            if ((s.month > v.thisMonth && s.paid === 0) || s.reason === "not_due")
              return `<td title="${esc(title)}" data-month="${s.month}"></td>`;
            const mark =
              s.state === "paid"
                ? "✓"
                : s.state === "exempt"
                  ? "M"
                  : s.state === "pending"
                    ? "…"
                    : s.due === null
                      ? "?"
                      : "✗";
            return `<td class="${cls(s)}" title="${esc(title)}" data-month="${s.month}">${mark}</td>`;
          })
          .join("")}<td>${esc(formatMoney(r.owed))}</td></tr>`,
    )
    .join("\n");
  const flags = v.flags.length
    ? `<h2>${esc(w.arrearsTitle)}</h2><ul data-section="flags">${v.flags
        .map((f) => `<li>${esc(w.arrearsLine(f.fullName, f.unpaid, f.absences))}</li>`)
        .join("")}</ul>`
    : "";
  return page(
    w.collectTitle(v.year),
    `<p data-section="collection">${esc(w.feesLine(formatMoney(v.collected), formatMoney(v.expected)))} (${esc(formatMonth(v.thisMonth))})</p>
<p class="hint">${esc(w.gridLegend)}</p>
<section><table data-section="grid"><thead><tr><th>${esc(w.colName)}</th>${head}<th>${esc(w.colOwed)}</th></tr></thead><tbody>${rows}</tbody></table></section>
${flags}
<p><a href="/chi-bo/thu-dang-phi/so-dang-phi-${v.year}.xlsx" download>${esc(w.downloadXlsx)}</a> · <a href="/chi-bo/thu-dang-phi?nam=${v.year - 1}">${v.year - 1}</a> · <a href="/chi-bo/thu-dang-phi?nam=${v.year + 1}">${v.year + 1}</a></p>`,
    c,
  );
}

export interface MemberFeesView {
  memberId: number;
  fullName: string;
  open: MonthStatus[];
  requestId: string;
  payments: { id: number; month: string; amount: number; at: Date; reversed: boolean }[];
  timeZone: string;
}

export function memberFeesPage(v: MemberFeesView, c: Chrome): string {
  const total = v.open.reduce((s, m) => s + outstanding(m), 0);
  const record = v.open.length
    ? postForm(
        c,
        `/chi-bo/thu-dang-phi/dang-vien/${v.memberId}/ghi`,
        { request: v.requestId },
        `<fieldset><legend>${esc(w.chooseMonths)}</legend>${v.open
          .map(
            (m, i) =>
              `<label><input type="checkbox" name="month" value="${m.month}"${i === 0 ? " checked" : ""}> ${esc(formatMonth(m.month))}: ${esc(formatMoney(outstanding(m)))}</label>`,
          )
          .join(
            "",
          )}</fieldset><label>${esc(w.fieldAmount)} <input type="text" name="amount" inputmode="numeric" placeholder="${esc(w.amountPlaceholder)}"></label>
<p class="hint">${esc(w.amountHint(formatMoney(total)))}</p><button>${esc(w.btnRecordPayment)}</button>`,
        'class="stack"',
      )
    : `<p class="hint">${esc(w.nothingOwedMember)}</p>`;
  const payments = v.payments.length
    ? `<table data-section="payments"><thead><tr><th>${esc(w.colMonth)}</th><th>${esc(w.colAmount)}</th><th>${esc(w.colRecordedAt)}</th><th></th></tr></thead><tbody>${v.payments
        .map(
          (p) =>
            `<tr><td>${esc(formatMonth(p.month))}</td><td>${esc(formatMoney(p.amount))}</td><td>${esc(formatDateTime(p.at, v.timeZone))}</td><td>${
              p.reversed
                ? esc(w.reversedMark)
                : postForm(
                    c,
                    `/chi-bo/thu-dang-phi/dang-vien/${v.memberId}/huy`,
                    { entry: p.id },
                    `<input type="text" name="reason" required maxlength="300" placeholder="${esc(w.reversePlaceholder)}" aria-label="${esc(w.reversePlaceholder)}"><button class="quiet">${esc(w.btnReverse)}</button>`,
                  )
            }</td></tr>`,
        )
        .join("")}</tbody></table>`
    : "";
  return page(
    w.memberFeesTitle(v.fullName),
    `<p><a href="/chi-bo/thu-dang-phi">${esc(w.backGrid)}</a></p>${record}<h2>${esc(w.paymentsTitle)}</h2>${payments || `<p class="hint">—</p>`}`,
    c,
  );
}

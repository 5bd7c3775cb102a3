/** The roster for the secretary and deputy: search, edit one member, upload a file (dry run, then apply), invites. */
import QRCode from "qrcode";
import { z } from "zod";
import { fold } from "../../domain/text.ts";
import { NotAuthorisedError } from "../../services/errors.ts";
import { formatDate } from "../../domain/time.ts";
import { webTexts as w } from "../../texts/web.ts";
import { backWith, BadRequest, chrome, idOf, type Ctx, type Route } from "../router.ts";
import { inviteSheetPage, memberEditPage, rosterPage, uploadPreviewPage } from "../views/roster.ts";
import { FieldError } from "./forms.ts";

const MAX_UPLOAD = 2 * 1024 * 1024;

async function list(c: Ctx) {
  const members = await c.services.branchMembers(c.v.actor, c.v.member.branchId);
  const query = (c.url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const q = fold(query);
  const shown = members.filter((m) => q === "" || fold(m.fullName).includes(q) || (m.phone ?? "").includes(query));
  return {
    html: rosterPage(
      {
        query,
        total: members.length,
        members: shown.map((m) => ({ ...m, linked: m.accounts.length > 0 })),
      },
      chrome(c),
    ),
  };
}

async function edit(c: Ctx) {
  const member = await c.services.memberOfBranch(c.v.actor, c.v.member.branchId, idOf(c.params[0]));
  if (!member) throw new NotAuthorisedError("member.read");
  return { html: memberEditPage(member, chrome(c)) };
}

async function save(c: Ctx) {
  const id = idOf(c.params[0]);
  const status = c.form.get("status");
  if (status !== null && status !== "official" && status !== "probationary") throw new BadRequest();
  const r = await c.services.updateMember(c.v.actor, id, {
    ...(c.form.has("fullName") ? { fullName: c.form.get("fullName")! } : {}),
    ...(c.form.has("phone") ? { phone: c.form.get("phone")! } : {}),
    ...(status ? { status } : {}),
  });
  return backWith(c, `/chi-bo/danh-sach/${id}`, w.memberSaved(r.changed.length));
}

/** The rows travel from the preview to "Áp dụng" in the form itself: nothing is kept on the server meanwhile. */
const sheetSchema = z.object({
  headers: z.array(z.string().max(200)).max(50),
  rows: z.array(z.object({ row: z.number().int().positive(), cells: z.array(z.string().max(500)).max(50) })).max(5000),
});

async function upload(c: Ctx) {
  if (!c.file) throw new FieldError(w.noFile);
  const sheet = await c.services.readUploadedRoster(c.v.actor, {
    branchId: c.v.member.branchId,
    name: c.file.name,
    data: c.file.data,
  });
  const report = await c.services.importRosterAs(c.v.actor, { branchId: c.v.member.branchId, sheet, dryRun: true });
  return {
    html: uploadPreviewPage(
      { report, fileName: c.file.name, sheet: Buffer.from(JSON.stringify(sheet)).toString("base64url") },
      chrome(c),
    ),
  };
}

async function apply(c: Ctx) {
  let sheet;
  try {
    sheet = sheetSchema.parse(JSON.parse(Buffer.from(c.form.get("sheet") ?? "", "base64url").toString("utf8")));
  } catch {
    throw new BadRequest();
  }
  const report = await c.services.importRosterAs(c.v.actor, { branchId: c.v.member.branchId, sheet, dryRun: false });
  if (!report.ok) return { html: uploadPreviewPage({ report, fileName: "", sheet: "" }, chrome(c)), status: 400 };
  return backWith(c, `/chi-bo/danh-sach`, w.importApplied(report.created, report.updated));
}

async function invites(c: Ctx) {
  const issued = await c.services.issueInvites(c.v.actor, { branchId: c.v.member.branchId });
  const username = await c.botUsername();
  const cards = await Promise.all(
    issued.map(async (i) => {
      const link = username ? `https://t.me/${username}?start=${i.code}` : null;
      const qr = link ? await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) : null;
      return { fullName: i.fullName, code: i.code, link, qr };
    }),
  );
  return {
    html: inviteSheetPage(
      { invites: cards, validUntil: issued[0] ? formatDate(issued[0].expiresAt, c.timeZone) : "" },
      chrome(c),
    ),
  };
}

export const rosterRoutes: Route[] = [
  { method: "GET", path: /^\/chi-bo\/danh-sach$/, access: "leader", handle: list },
  { method: "GET", path: /^\/chi-bo\/danh-sach\/([1-9]\d{0,9})$/, access: "leader", handle: edit },
  { method: "POST", path: /^\/chi-bo\/danh-sach\/([1-9]\d{0,9})$/, access: "leader", handle: save },
  { method: "POST", path: /^\/chi-bo\/danh-sach\/tai-len$/, access: "leader", maxBytes: MAX_UPLOAD, handle: upload },
  { method: "POST", path: /^\/chi-bo\/danh-sach\/ap-dung$/, access: "leader", maxBytes: MAX_UPLOAD * 2, handle: apply },
  { method: "POST", path: /^\/chi-bo\/danh-sach\/the-moi$/, access: "leader", handle: invites },
];

/**
 * The console's routes: each feature lists its pages and forms with who may
 * open them; the server signs the visitor in, checks CSRF and origin on every
 * POST, and turns a handler's answer (a page, a redirect, a file) or refusal
 * (a ServiceError) into the HTTP reply. Handlers only parse and format: the
 * services authorise by role and by the branch of the object touched.
 */
import { createHmac } from "node:crypto";
import type { Services } from "../services/application.ts";
import type { WebVisitor } from "../services/web-sessions.ts";

/** member: anyone signed in; leader: secretary, deputy; collector: + collector; sender: leader or committee. */
export type Access = "member" | "leader" | "collector" | "committee" | "sender";

export interface Upload {
  name: string;
  data: Buffer;
}

export interface Ctx {
  v: WebVisitor;
  services: Services;
  timeZone: string;
  url: URL;
  /** The path's captured groups. */
  params: string[];
  /** A POST's fields (CSRF checked). */
  form: URLSearchParams;
  /** A POST's uploaded file, when the form had one. */
  file: Upload | null;
  /** The one-line notice to show, from ?m=… after a write. */
  notice: string | null;
  /** The Telegram bot's username (invite links), or null. */
  botUsername(): Promise<string | null>;
}

export type Answer =
  | { html: string; status?: number }
  | { redirect: string }
  | { file: { name: string; type: string; body: Buffer | string } };

export interface Route {
  method: "GET" | "POST";
  path: RegExp;
  access: Access;
  /** Largest body accepted (forms: 16 KiB). */
  maxBytes?: number;
  handle(c: Ctx): Promise<Answer>;
}

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A whole positive id from a path or a form field; anything else is refused as a bad request. */
export function idOf(value: string | null | undefined): number {
  const n = Number(value);
  if (!value || !/^[1-9]\d{0,9}$/.test(value) || !Number.isSafeInteger(n)) throw new BadRequest();
  return n;
}

export class BadRequest extends Error {
  override readonly name = "BadRequest";
}

/** Whether a visitor may open a route of this access (the services check the object's branch too). */
export function allowed(access: Access, role: string): boolean {
  switch (access) {
    case "member":
      return true;
    case "leader":
      return role === "secretary" || role === "deputy";
    case "collector":
      return role === "collector" || role === "secretary" || role === "deputy";
    case "committee":
      return role === "committee";
    case "sender":
      return role === "committee" || role === "secretary" || role === "deputy";
  }
}

/** The parts of every signed-in page that come from the visit: role for the navigation, CSRF, notice. */
export function chrome(c: Ctx, error: string | null = null) {
  return { role: c.v.member.role, csrf: c.v.csrf, notice: c.notice, error };
}

/** A notice travels in the address after a write, signed for this session: a crafted link shows nothing. */
export function noticeSignature(csrf: string, notice: string): string {
  return createHmac("sha256", csrf).update(notice).digest("base64url").slice(0, 22);
}

/** After a write: back to a page (GET) with a one-line notice. */
export function backWith(c: Ctx, path: string, notice: string): Answer {
  const q = new URLSearchParams({ m: notice, s: noticeSignature(c.v.csrf, notice) });
  return { redirect: `${path}${path.includes("?") ? "&" : "?"}${q}` };
}

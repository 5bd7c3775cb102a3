/**
 * The web server's plumbing: security headers on every answer, reading a form
 * or an uploaded file with a size limit, the session cookie. Pages and
 * handlers never touch Node's request and response beyond this.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export const COOKIE = "chibo_session";
export const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " +
    "form-action 'self'; base-uri 'none'; frame-ancestors 'self' https://web.telegram.org",
  "x-content-type-options": "nosniff",
  // Forms need the Origin header, which "no-referrer" would turn into "null"; nothing here links to another host.
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};
/** A page reached by a one-time link: its address is never passed on. */
export const LINK_PAGE = { "referrer-policy": "no-referrer" };

export function sendHtml(res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8", ...extra });
  res.end(html);
}

export function redirect(res: ServerResponse, to: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location: to });
  res.end();
}

/** A file to save: its name in the header as RFC 6266 asks (ASCII fallback and UTF-8). */
export function sendFile(res: ServerResponse, file: { name: string; type: string; body: Buffer | string }): void {
  const ascii = file.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
  const safe = ascii.replace(/[^A-Za-z0-9._-]/g, "-");
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": file.type,
    "content-disposition": `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "content-length": Buffer.byteLength(file.body),
  });
  res.end(file.body);
}

export function cookieOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === COOKIE) return v.join("=");
  }
  return null;
}

/** The body, or null when it is larger than `limit` bytes (the rest is drained, nothing kept). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on("error", () => resolve(null));
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks)));
  });
}

export const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

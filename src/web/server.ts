/**
 * The bot's web server: the one-time link to a member's data file (Zalo
 * carries no files) and the web console (also opened as a Telegram Mini App).
 * It listens on loopback unless told otherwise (a TLS reverse proxy sits in
 * front), limits bodies, keeps slow clients from holding it, and never logs a
 * path (a link's token is in it). Every page is self-contained: nothing loads
 * from another host. Writes are POST forms carrying the session's CSRF token,
 * from this origin only, and go through the same services as chat.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import busboy from "busboy";
import type { Logger } from "../logging/logger.ts";
import type { Services } from "../services/application.ts";
import { NotAuthorisedError, ServiceError } from "../services/errors.ts";
import { SESSION_IDLE_MS, type WebVisitor } from "../services/web-sessions.ts";
import { simplePage, webTexts as w } from "../texts/web.ts";
import { listenHardened } from "../messaging/webhook-server.ts";
import {
  COOKIE,
  cookieOf,
  LINK_PAGE,
  readBody,
  redirect,
  sameSecret,
  SECURITY_HEADERS,
  sendFile,
  sendHtml,
} from "./http.ts";
import { allowed, BadRequest, noticeSignature, type Answer, type Upload } from "./router.ts";
import { ASSETS } from "./assets.ts";
import { APP_JS, forbiddenPage, refusedPage, signedInPage, signInPage } from "./views/layout.ts";
import { webRoutes } from "./routes/index.ts";
import { FieldError } from "./routes/forms.ts";

/** A GET that needs no session and answers with a redirect (the demo only). */
export interface OpenRoute {
  path: RegExp;
  redirect(params: string[]): Promise<string | null>;
}

export interface WebServer {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 16 * 1024;

export async function startWebServer(opts: {
  services: Services;
  logger: Logger;
  host: string;
  port: number;
  /** https://… as the outside sees it: forms must come from this origin; cookies are Secure under https. */
  publicUrl: string;
  timeZone: string;
  /** The Telegram bot's token, to check a Mini App's init data; null without Telegram. */
  telegramToken: string | null;
  /** The Telegram bot's username for invite links, or null. */
  botUsername?: () => Promise<string | null>;
  /** Pages that need no session: the demo's "sign in as" (answers a redirect). */
  openRoutes?: OpenRoute[];
}): Promise<WebServer> {
  const { services, logger } = opts;
  const routes = webRoutes;
  const origin = new URL(opts.publicUrl).origin;
  const secure = opts.publicUrl.startsWith("https://");
  const sessionCookie = (id: string) =>
    `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_IDLE_MS / 1000}${secure ? "; Secure" : ""}`;

  async function visitorOf(req: IncomingMessage): Promise<WebVisitor | null> {
    const id = cookieOf(req);
    return id ? services.sessionVisitor(id) : null;
  }

  /** A POST's fields and file: urlencoded, or multipart with one file (roster upload). */
  async function readPost(
    req: IncomingMessage,
    limit: number,
  ): Promise<{ form: URLSearchParams; file: Upload | null } | null> {
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("multipart/form-data")) {
      const body = await readBody(req, limit);
      return body ? { form: new URLSearchParams(body.toString()), file: null } : null;
    }
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      req.resume();
      return null;
    }
    return new Promise((resolve) => {
      const form = new URLSearchParams();
      let file: Upload | null = null;
      let failed = false;
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: limit, fields: 20, fieldSize: 4096 } });
      } catch {
        req.resume();
        resolve(null);
        return;
      }
      bb.on("field", (name, value) => form.append(name, value));
      bb.on("file", (_name, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("limit", () => (failed = true));
        stream.on("end", () => {
          if (info.filename) file = { name: info.filename, data: Buffer.concat(chunks) };
        });
      });
      bb.on("filesLimit", () => (failed = true));
      bb.on("error", () => resolve(null));
      bb.on("close", () => resolve(failed ? null : { form, file }));
      req.pipe(bb);
    });
  }

  function reply(res: ServerResponse, a: Answer): void {
    if ("redirect" in a) return redirect(res, a.redirect);
    if ("file" in a) return sendFile(res, a.file);
    sendHtml(res, a.status ?? 200, a.html);
  }

  async function console_(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method === "HEAD" ? "GET" : req.method;
    let params: string[] | null = null;
    const route = routes.find((r) => {
      if (r.method !== method) return false;
      const m = r.path.exec(url.pathname);
      if (m) params = m.slice(1);
      return m !== null;
    });
    if (!route || !params) return false;
    let form = new URLSearchParams();
    let file: Upload | null = null;
    let v: WebVisitor | null;
    if (method === "POST") {
      // A write: signed in, from our origin, with the session's CSRF token; otherwise 403 and nothing done.
      const given = req.headers.origin;
      const post = await readPost(req, route.maxBytes ?? MAX_FORM_BYTES);
      v = await visitorOf(req);
      if (!post) {
        sendHtml(res, 413, refusedPage(w.tooLarge));
        return true;
      }
      if (!v || (given !== undefined && given !== origin) || !sameSecret(post.form.get("csrf") ?? "", v.csrf)) {
        sendHtml(res, 403, forbiddenPage());
        return true;
      }
      form = post.form;
      file = post.file;
    } else {
      req.resume();
      v = await visitorOf(req);
    }
    if (!v) {
      sendHtml(res, 200, signInPage(null));
      return true;
    }
    if (!allowed(route.access, v.member.role)) {
      sendHtml(res, 403, forbiddenPage());
      return true;
    }
    try {
      const m = url.searchParams.get("m");
      reply(
        res,
        await route.handle({
          v,
          services,
          timeZone: opts.timeZone,
          url,
          params,
          form,
          file,
          notice:
            m && m.length <= 300 && sameSecret(url.searchParams.get("s") ?? "", noticeSignature(v.csrf, m)) ? m : null,
          botUsername: opts.botUsername ?? (async () => null),
        }),
      );
    } catch (e) {
      if (e instanceof NotAuthorisedError) sendHtml(res, 403, forbiddenPage());
      else if (e instanceof BadRequest) sendHtml(res, 400, refusedPage(w.badRequest));
      else if (e instanceof FieldError) sendHtml(res, 400, refusedPage(e.message));
      else if (e instanceof ServiceError)
        sendHtml(res, e.code.endsWith("not_found") ? 404 : 400, refusedPage(e.message));
      else throw e;
    }
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const path = url.pathname;
    if (req.method === "GET" || req.method === "HEAD") {
      if (path === "/app.js") {
        req.resume();
        res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/javascript; charset=utf-8" });
        res.end(APP_JS);
        return;
      }
      const asset = ASSETS.get(path);
      if (asset) {
        req.resume();
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          "content-type": asset.type,
          "cache-control": "public, max-age=86400",
          ...(req.headers["accept-encoding"]?.includes("gzip") ? { "content-encoding": "gzip" } : {}),
        });
        res.end(req.headers["accept-encoding"]?.includes("gzip") ? asset.gzip : asset.body);
        return;
      }
      const data = /^\/d\/([^/]+)$/.exec(path);
      if (data) {
        req.resume();
        const r = await services.redeemDataLink(data[1]!);
        if (r.type === "gone") return sendHtml(res, 410, simplePage(w.goneTitle, w.goneBody), LINK_PAGE);
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          ...LINK_PAGE,
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="${w.dataFilename}"`,
          "content-length": r.json.length,
        });
        res.end(r.json);
        return;
      }
      for (const open of opts.openRoutes ?? []) {
        const m = open.path.exec(path);
        if (!m) continue;
        req.resume();
        const to = await open.redirect(m.slice(1));
        return to ? redirect(res, to) : sendHtml(res, 404, simplePage(w.notFoundTitle, w.notFoundBody));
      }
      const signIn = /^\/s\/([^/]+)$/.exec(path);
      if (signIn) {
        req.resume();
        const r = await services.signInWithLink(signIn[1]!);
        if (r.type !== "ok") return sendHtml(res, 410, simplePage(w.goneTitle, w.goneBody), LINK_PAGE);
        return sendHtml(res, 200, signedInPage(), { ...LINK_PAGE, "set-cookie": sessionCookie(r.sessionId) });
      }
    }
    if (req.method === "POST" && path === "/tma") {
      req.resume();
      const auth = req.headers.authorization ?? "";
      const given = req.headers.origin;
      const r =
        opts.telegramToken && auth.startsWith("tma ") && (given === undefined || given === origin)
          ? await services.signInWithTelegram(auth.slice(4), opts.telegramToken)
          : null;
      if (r?.type !== "ok") {
        res.writeHead(401, SECURITY_HEADERS);
        res.end();
        return;
      }
      res.writeHead(204, { ...SECURITY_HEADERS, "set-cookie": sessionCookie(r.sessionId) });
      res.end();
      return;
    }
    if (req.method === "POST" && path === "/signout") {
      const post = await readPost(req, MAX_FORM_BYTES);
      const v = await visitorOf(req);
      const given = req.headers.origin;
      if (!post || !v || (given !== undefined && given !== origin) || !sameSecret(post.form.get("csrf") ?? "", v.csrf))
        return sendHtml(res, 403, forbiddenPage());
      await services.signOut(cookieOf(req) ?? "");
      return sendHtml(res, 200, signInPage(null), {
        "set-cookie": `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
      });
    }
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "POST") {
      req.resume();
      res.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, HEAD, POST" });
      res.end();
      return;
    }
    if (await console_(req, res, url)) return;
    req.resume();
    sendHtml(res, 404, simplePage(w.notFoundTitle, w.notFoundBody));
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      logger.error({ err: e, method: req.method }, "web request failed");
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });
  return listenHardened(server, opts.host, opts.port);
}

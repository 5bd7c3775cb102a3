/**
 * The bot's web server: today the one-time link to a member's data file (sent
 * on Zalo, which carries no files). It listens on loopback unless told
 * otherwise (a TLS reverse proxy sits in front), answers GET only, keeps slow
 * clients from holding it, and never logs a request's path (a link's token is
 * in it). Every page is self-contained: nothing loads from another host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logging/logger.ts";
import type { Services } from "../services/application.ts";
import { simplePage, webTexts as w } from "../texts/web.ts";

export interface WebServer {
  readonly port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
};

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8" });
  res.end(simplePage(title, body));
}

export async function startWebServer(opts: {
  services: Services;
  logger: Logger;
  host: string;
  port: number;
}): Promise<WebServer> {
  const { services, logger } = opts;
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, HEAD" });
      res.end();
      return;
    }
    const link = /^\/d\/([^/]+)$/.exec(path);
    if (link) {
      const r = await services.redeemDataLink(link[1]!);
      if (r.type === "gone") return page(res, 410, w.goneTitle, w.goneBody);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${w.dataFilename}"`,
        "content-length": r.json.length,
      });
      res.end(r.json);
      return;
    }
    page(res, 404, w.notFoundTitle, w.notFoundBody);
  }
  const server: Server = createServer((req, res) => {
    req.resume();
    route(req, res).catch((e: unknown) => {
      logger.error({ err: e, method: req.method }, "web request failed");
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 256;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : opts.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

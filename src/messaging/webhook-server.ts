/**
 * The one HTTP server that receives webhooks (Telegram and Zalo): it listens on
 * loopback unless told otherwise (a TLS reverse proxy sits in front), checks the
 * secret header in constant time before reading anything, refuses a body over
 * the limit from its Content-Length or as soon as it grows past it, times out
 * slow clients, caps connections, and hands over only a JSON object: anything
 * else is answered 400, never passed on. It answers 200 at once; the update is
 * handled afterwards.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logging/logger.ts";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface WebhookServerOptions {
  host: string;
  port: number;
  path: string;
  /** Header carrying the secret (lower case). */
  secretHeader: string;
  secret: string;
  logger: Logger;
  /** Receives each accepted body (a JSON object). Errors are logged, never thrown back. */
  onBody(body: Record<string, unknown>): void;
  maxBodyBytes?: number;
}

export interface WebhookServer {
  readonly port: number;
  close(): Promise<void>;
}

export function secretMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
}

function answer(res: ServerResponse, status: number, body = ""): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json", connection: "close" });
  res.end(body);
}

export async function startWebhookServer(opts: WebhookServerOptions): Promise<WebhookServer> {
  const max = opts.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const log = opts.logger;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== opts.path) {
      answer(res, 404);
      req.resume();
      return;
    }
    const header = req.headers[opts.secretHeader];
    if (!secretMatches(opts.secret, Array.isArray(header) ? header[0] : header)) {
      log.warn("webhook call with a wrong or missing secret refused");
      answer(res, 401, '{"ok":false}');
      req.destroy();
      return;
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > max) {
      answer(res, 413);
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) {
        answer(res, 413);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("error", () => undefined);
    req.on("end", () => {
      if (size > max) return;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        log.warn("webhook body is not JSON; refused");
        answer(res, 400, '{"ok":false}');
        return;
      }
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        log.warn("webhook body is not a JSON object; refused");
        answer(res, 400, '{"ok":false}');
        return;
      }
      answer(res, 200, '{"ok":true}');
      try {
        opts.onBody(body as Record<string, unknown>);
      } catch (e) {
        log.error({ err: e }, "webhook update could not be handled");
      }
    });
  });
  return listenHardened(server, opts.host, opts.port);
}

/**
 * Starts an HTTP server so that slow or idle clients cannot hold it (header and request timeouts, a connection
 * cap); `close` drops open connections and waits for the server to stop. The webhook and web servers share it.
 */
export async function listenHardened(
  server: Server,
  host: string,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 256;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

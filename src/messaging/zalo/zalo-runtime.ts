/**
 * Receiving from Zalo: long polling (deleteWebhook first, one getUpdates at a
 * time, 408 = nothing yet) or a webhook server that checks the secret header in
 * constant time, caps the body size, answers 200 at once and handles afterwards.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { Logger } from "../../logging/logger.ts";
import type { ChoiceMenuStore } from "../choice-menus.ts";
import type { IncomingEvent, MessageSender } from "../types.ts";
import { parseZaloUpdate, type ZaloClient, type ZaloUpdate } from "./zalo-client.ts";
import { createZaloSender, zaloUpdateToEvent } from "./zalo-messages.ts";

export const ZALO_SECRET_HEADER = "x-bot-api-secret-token";
const MAX_BODY_BYTES = 64 * 1024;

export interface ZaloRuntimeOptions {
  client: ZaloClient;
  menus: ChoiceMenuStore;
  logger: Logger;
  handle: (event: IncomingEvent) => Promise<void>;
  /** Command names accepted without "/". */
  commands: readonly string[];
  mode: "polling" | "webhook";
  webhook?: { url: string; secret: string; port: number };
  /** Long-poll length in seconds (default 30). */
  pollSeconds?: number;
}

export interface ZaloRuntime {
  sender: MessageSender;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function secretMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
}

export function createZaloRuntime(opts: ZaloRuntimeOptions): ZaloRuntime {
  const log = opts.logger.child({ channel: "zalo" });
  let running = false;
  let loop: Promise<void> | null = null;
  let abort: AbortController | null = null;
  let server: Server | null = null;
  const inFlight = new Set<Promise<void>>();
  // Updates of one chat are handled in order; chats run side by side.
  const chains = new Map<string, Promise<void>>();

  async function process(update: ZaloUpdate): Promise<void> {
    const result = await zaloUpdateToEvent(update, opts.menus, opts.commands);
    if ("ignored" in result) {
      log.info({ reason: result.ignored, event: update.event_name }, "zalo update ignored");
      return;
    }
    await opts.handle(result.event);
  }

  function enqueue(update: ZaloUpdate): void {
    const chat = update.message.chat.id;
    const previous = chains.get(chat) ?? Promise.resolve();
    const next = previous
      .then(() => process(update))
      .catch((e: unknown) => log.error({ err: e }, "zalo update handling failed"))
      .finally(() => {
        inFlight.delete(next);
        if (chains.get(chat) === next) chains.delete(chat);
      });
    chains.set(chat, next);
    inFlight.add(next);
  }

  async function poll(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        const update = await opts.client.getUpdates(opts.pollSeconds ?? 30, abort?.signal);
        failures = 0;
        if (update) {
          enqueue(update);
          await chains.get(update.message.chat.id);
        }
      } catch (e) {
        if (!running) return;
        failures++;
        const wait = Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));
        log.warn({ err: e, retryInMs: wait }, "zalo getUpdates failed");
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  function startWebhookServer(hook: { url: string; secret: string; port: number }): Promise<void> {
    const path = new URL(hook.url).pathname;
    server = createServer((req, res) => {
      if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== path) {
        res.writeHead(404).end();
        return;
      }
      const header = req.headers[ZALO_SECRET_HEADER];
      if (!secretMatches(hook.secret, Array.isArray(header) ? header[0] : header)) {
        log.warn("zalo webhook call with a wrong or missing secret refused");
        res.writeHead(401, { "content-type": "application/json" }).end('{"ok":false}');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          tooBig = true;
          res.writeHead(413).end();
          req.destroy();
        } else chunks.push(c);
      });
      req.on("end", () => {
        if (tooBig) return;
        // Answer at once; the work happens afterwards.
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          log.warn("zalo webhook body is not JSON; ignored");
          return;
        }
        const update = parseZaloUpdate(body);
        if (!update) {
          log.warn("zalo webhook body is not an update; ignored");
          return;
        }
        enqueue(update);
      });
    });
    return new Promise((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(hook.port, () => resolve());
    });
  }

  return {
    sender: createZaloSender(opts.client, opts.menus),
    async start() {
      running = true;
      if (opts.mode === "webhook" && opts.webhook) {
        await startWebhookServer(opts.webhook);
        await opts.client.setWebhook({ url: opts.webhook.url, secret_token: opts.webhook.secret });
        log.info({ mode: "webhook" }, "zalo receiving started");
        return;
      }
      // Polling and a webhook exclude each other: with a webhook set, getUpdates stays empty.
      await opts.client.deleteWebhook();
      abort = new AbortController();
      loop = poll();
      log.info({ mode: "polling" }, "zalo receiving started");
    },
    async stop() {
      running = false;
      abort?.abort();
      await loop;
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await Promise.all(inFlight);
    },
  };
}

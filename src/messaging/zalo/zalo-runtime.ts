/**
 * Receiving from Zalo: long polling (deleteWebhook first, one getUpdates at a
 * time, 408 = nothing yet) or a webhook server that checks the secret header in
 * constant time, caps the body size, answers 200 at once and handles afterwards.
 */
import type { Logger } from "../../logging/logger.ts";
import type { ChoiceMenuStore } from "../choice-menus.ts";
import type { IncomingEvent, MessageSender } from "../types.ts";
import { startWebhookServer, type WebhookServer } from "../webhook-server.ts";
import { parseZaloUpdate, type ZaloClient, type ZaloUpdate } from "./zalo-client.ts";
import { createZaloSender, zaloUpdateToEvent } from "./zalo-messages.ts";

export const ZALO_SECRET_HEADER = "x-bot-api-secret-token";

export interface ZaloRuntimeOptions {
  client: ZaloClient;
  menus: ChoiceMenuStore;
  logger: Logger;
  handle: (event: IncomingEvent) => Promise<void>;
  /** Command names accepted without "/". */
  commands: readonly string[];
  mode: "polling" | "webhook";
  webhook?: { url: string; secret: string; port: number; host: string };
  /** Long-poll length in seconds (default 30). */
  pollSeconds?: number;
}

export interface ZaloRuntime {
  sender: MessageSender;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Receiving: started, not stopped (the health check reads it). */
  running(): boolean;
}

export function createZaloRuntime(opts: ZaloRuntimeOptions): ZaloRuntime {
  const log = opts.logger.child({ channel: "zalo" });
  let running = false;
  let loop: Promise<void> | null = null;
  let abort: AbortController | null = null;
  let server: WebhookServer | null = null;
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

  return {
    sender: createZaloSender(opts.client, opts.menus),
    running: () => running,
    async start() {
      if (opts.mode === "webhook" && opts.webhook) {
        const hook = opts.webhook;
        server = await startWebhookServer({
          host: hook.host,
          port: hook.port,
          path: new URL(hook.url).pathname,
          secretHeader: ZALO_SECRET_HEADER,
          secret: hook.secret,
          logger: log,
          onBody(body) {
            const update = parseZaloUpdate(body);
            if (!update) {
              log.warn("zalo webhook body is not an update; ignored");
              return;
            }
            enqueue(update);
          },
        });
        try {
          await opts.client.setWebhook({ url: opts.webhook.url, secret_token: opts.webhook.secret });
        } catch (e) {
          // Zalo out of reach: the next try starts the server again.
          await server.close();
          server = null;
          throw e;
        }
        running = true;
        log.info({ mode: "webhook" }, "zalo receiving started");
        return;
      }
      // Polling and a webhook exclude each other: with a webhook set, getUpdates stays empty.
      await opts.client.deleteWebhook();
      running = true;
      abort = new AbortController();
      loop = poll();
      log.info({ mode: "polling" }, "zalo receiving started");
    },
    async stop() {
      running = false;
      abort?.abort();
      await loop;
      await server?.close();
      await Promise.all(inFlight);
    },
  };
}

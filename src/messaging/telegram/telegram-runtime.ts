/**
 * Receiving from Telegram with telegraf: long polling by default, or a webhook
 * received by our own small server (webhook-server.ts: secret, size limit,
 * timeouts, a JSON object or 400) that hands each update to telegraf. Updates go
 * to the bot core; callback queries are answered at once so the button stops spinning.
 */
import { Telegraf } from "telegraf";
import type { Logger } from "../../logging/logger.ts";
import type { Update } from "telegraf/types";
import type { IncomingEvent, MessageSender } from "../types.ts";
import { startWebhookServer, type WebhookServer } from "../webhook-server.ts";
import { createTelegramSender, telegramUpdateToEvent } from "./telegram-messages.ts";

export interface TelegramRuntimeOptions {
  token: string;
  apiRoot: string;
  logger: Logger;
  handle: (event: IncomingEvent) => Promise<void>;
  mode: "polling" | "webhook";
  webhook?: { url: string; secret: string; port: number; host: string };
  /** Commands shown in Telegram's menu (optional call; failures are logged). */
  commands?: { command: string; description: string }[];
  /** The chat's menu button opens the web console (a Mini App): its https address and label. */
  menuButton?: { text: string; url: string };
}

export interface TelegramRuntime {
  sender: MessageSender;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bot's username, from getMe. */
  username(): Promise<string>;
  /** Receiving: polling or the webhook server started and not ended (the health check reads it). */
  running(): boolean;
}

export function createTelegramRuntime(opts: TelegramRuntimeOptions): TelegramRuntime {
  const bot = new Telegraf(opts.token, { telegram: { apiRoot: opts.apiRoot }, handlerTimeout: 60_000 });
  const log = opts.logger.child({ channel: "telegram" });
  bot.use(async (ctx) => {
    const event = telegramUpdateToEvent(ctx.update);
    if (ctx.callbackQuery)
      await ctx.answerCbQuery().catch((e: unknown) => log.debug({ err: e }, "answerCallbackQuery failed"));
    if (!event) return;
    await opts.handle(event);
  });
  bot.catch((err) => log.error({ err }, "update handling failed"));
  let launched: Promise<void> | null = null;
  let receiving = false;
  let server: WebhookServer | null = null;
  let cachedUsername: string | null = null;

  return {
    sender: createTelegramSender(bot.telegram),
    async username() {
      cachedUsername ??= (await bot.telegram.getMe()).username;
      return cachedUsername;
    },
    async start() {
      if (opts.commands) {
        await bot.telegram
          .setMyCommands(opts.commands)
          .catch((e: unknown) => log.warn({ err: e }, "setMyCommands failed; the menu is not updated"));
      }
      if (opts.menuButton) {
        const { text, url } = opts.menuButton;
        await bot.telegram
          .setChatMenuButton({ menuButton: { type: "web_app", text, web_app: { url } } })
          .catch((e: unknown) => log.warn({ err: e }, "setChatMenuButton failed; the console button is not shown"));
      }
      if (opts.mode === "webhook" && opts.webhook) {
        const hook = opts.webhook;
        const url = new URL(hook.url);
        server = await startWebhookServer({
          host: hook.host,
          port: hook.port,
          path: url.pathname === "/" ? "/telegram" : url.pathname,
          secretHeader: "x-telegram-bot-api-secret-token",
          secret: hook.secret,
          logger: log,
          onBody(body) {
            if (typeof body.update_id !== "number") {
              log.warn("telegram webhook body is not an update; ignored");
              return;
            }
            void bot
              .handleUpdate(body as unknown as Update)
              .catch((e: unknown) => log.error({ err: e }, "update handling failed"));
          },
        });
        try {
          await bot.telegram.setWebhook(url.pathname === "/" ? `${url.origin}/telegram` : hook.url, {
            secret_token: hook.secret,
          });
        } catch (e) {
          // Telegram out of reach: the next try starts the server again.
          await server.close();
          server = null;
          throw e;
        }
        log.info({ mode: "webhook", path: url.pathname }, "telegram receiving started");
        receiving = true;
        return;
      }
      // With long polling launch() resolves only when polling stops: wait for its start signal.
      await new Promise<void>((resolve, reject) => {
        let receivingStarted = false;
        launched = bot.launch({ dropPendingUpdates: false }, () => {
          receivingStarted = true;
          log.info({ mode: "polling" }, "telegram receiving started");
          receiving = true;
          resolve();
        });
        // Polling has ended (stopped, or an error): no longer receiving.
        void launched.then(
          () => (receiving = false),
          () => (receiving = false),
        );
        launched.catch((e: unknown) => {
          // Before the start signal, the start failed: the caller says what happens next.
          if (receivingStarted) log.error({ err: e }, "telegram receiving stopped with an error");
          reject(e as Error);
        });
      });
    },
    running: () => receiving,
    async stop() {
      receiving = false;
      if (server) {
        await server.close();
        return;
      }
      if (!launched) return;
      let ended = false;
      void launched.then(
        () => (ended = true),
        () => (ended = true),
      );
      // launch() signals its start after getMe, before polling begins: a stop in between would find nothing to
      // stop and polling would then run on. Retry until polling is there to stop (or launch has ended).
      while (!ended) {
        try {
          bot.stop("shutdown");
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      await launched.catch(() => undefined);
    },
  };
}

/**
 * Receiving from Telegram with telegraf: long polling by default, or a webhook
 * whose secret token telegraf checks on every request. Updates go to the bot
 * core; callback queries are answered at once so the button stops spinning.
 */
import { Telegraf } from "telegraf";
import type { Logger } from "../../logging/logger.ts";
import type { IncomingEvent, MessageSender } from "../types.ts";
import { createTelegramSender, telegramUpdateToEvent } from "./telegram-messages.ts";

export interface TelegramRuntimeOptions {
  token: string;
  apiRoot: string;
  logger: Logger;
  handle: (event: IncomingEvent) => Promise<void>;
  mode: "polling" | "webhook";
  webhook?: { url: string; secret: string; port: number };
  /** Commands shown in Telegram's menu (optional call; failures are logged). */
  commands?: { command: string; description: string }[];
}

export interface TelegramRuntime {
  sender: MessageSender;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bot's username, from getMe. */
  username(): Promise<string>;
}

export function createTelegramRuntime(opts: TelegramRuntimeOptions): TelegramRuntime {
  const bot = new Telegraf(opts.token, { telegram: { apiRoot: opts.apiRoot }, handlerTimeout: 60_000 });
  const log = opts.logger.child({ channel: "telegram" });
  bot.use(async (ctx) => {
    const event = telegramUpdateToEvent(ctx.update);
    if (ctx.callbackQuery) await ctx.answerCbQuery().catch((e: unknown) => log.debug({ err: e }, "answerCallbackQuery failed"));
    if (!event) return;
    await opts.handle(event);
  });
  bot.catch((err) => log.error({ err }, "update handling failed"));
  let launched: Promise<void> | null = null;
  let cachedUsername: string | null = null;

  return {
    sender: createTelegramSender(bot.telegram),
    async username() {
      cachedUsername ??= (await bot.telegram.getMe()).username;
      return cachedUsername;
    },
    async start() {
      if (opts.commands) {
        await bot.telegram.setMyCommands(opts.commands).catch((e: unknown) => log.warn({ err: e }, "setMyCommands failed; the menu is not updated"));
      }
      if (opts.mode === "webhook" && opts.webhook) {
        const url = new URL(opts.webhook.url);
        // In webhook mode launch() resolves once setWebhook has succeeded.
        launched = bot.launch({
          webhook: { domain: url.origin, path: url.pathname === "/" ? "/telegram" : url.pathname, port: opts.webhook.port, secretToken: opts.webhook.secret },
        });
        await launched;
        log.info({ mode: "webhook", path: url.pathname }, "telegram receiving started");
        return;
      }
      // With long polling launch() resolves only when polling stops: wait for its start signal.
      await new Promise<void>((resolve, reject) => {
        launched = bot.launch({ dropPendingUpdates: false }, () => {
          log.info({ mode: "polling" }, "telegram receiving started");
          resolve();
        });
        launched.catch((e: unknown) => {
          log.error({ err: e }, "telegram receiving stopped with an error");
          reject(e as Error);
        });
      });
    },
    async stop() {
      try {
        bot.stop("shutdown");
      } catch {
        // not running
      }
      await launched?.catch(() => undefined);
    },
  };
}

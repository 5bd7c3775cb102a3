/**
 * End-to-end harness: a real Telegram Bot API emulator on loopback, the real
 * app (telegraf long polling, outbox, dispatcher) pointed at it, and chat users
 * that type, press buttons and read what the bot sent them.
 */
import { Writable } from "node:stream";
import { freePort } from "./ports.ts";
import TelegramServerModule from "telegram-test-api";
import type { TelegramServer as TelegramServerType } from "telegram-test-api/lib/telegramServer.js";
import type { TelegramClient } from "telegram-test-api/lib/modules/telegramClient.js";
import { loadBotConfig, type BotConfig } from "../../src/config/config.ts";
import type { Db } from "../../src/db/client.ts";
import { createApp, type App } from "../../src/app.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { freshDb } from "./db.ts";
import { testClock, type TestClock } from "./clock.ts";
import { startFaultProxy, type FaultProxy } from "./fault-proxy.ts";
import { startFakeZalo, type FakeZalo, type SentMessage } from "./fake-zalo-server.ts";

/** A person chatting with the bot on Zalo (through the fake Zalo server). */
export class ZaloUser {
  private read = 0;
  constructor(
    readonly fake: FakeZalo,
    readonly userId: string,
    private readonly settle: () => Promise<void>,
  ) {}

  say(text: string, opts: { messageId?: string } = {}): void {
    this.fake.userSays(this.userId, text, opts);
  }

  async expect(count: number, timeoutMs = 8000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.fake.messagesTo(this.userId).length < this.read + count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 30));
    const fresh = this.fake.messagesTo(this.userId).slice(this.read);
    if (fresh.length < count)
      throw new Error(
        `expected ${count} Zalo message(s) for ${this.userId}, got ` +
          `${fresh.length}: ${JSON.stringify(fresh.map((m) => m.text))}`,
      );
    this.read += count;
    return fresh.slice(0, count);
  }

  async expectOne(timeoutMs?: number): Promise<SentMessage> {
    const [m] = await this.expect(1, timeoutMs);
    return m!;
  }

  /** What arrived and was not read yet, once the bot is quiet (see Harness.settle). */
  async drain(): Promise<SentMessage[]> {
    await this.settle();
    const fresh = this.fake.messagesTo(this.userId).slice(this.read);
    this.read += fresh.length;
    return fresh;
  }
}

export const TEST_TOKEN = "123456789:TEST_token_for_the_emulator_abcdef";

export { freePort };

export interface BotMessage {
  text: string;
  buttons: { text: string; data: string }[];
  messageId: number;
  replyMarkup: unknown;
}

type RawBotMessage = {
  text: string;
  message_id?: number;
  reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] };
};

function toBotMessage(m: RawBotMessage, messageId?: number): BotMessage {
  const buttons = (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data }));
  return { text: m.text, buttons, messageId: messageId ?? m.message_id ?? 0, replyMarkup: m.reply_markup };
}

export class ChatUser {
  private seen: BotMessage[] = [];
  constructor(
    readonly client: TelegramClient,
    readonly userId: number,
    private readonly apiUrl: string,
    private readonly token: string,
    private readonly server: TelegramServerType,
    private readonly settle: () => Promise<void>,
  ) {}

  /** Waits until the bot has edited message `messageId` into one that satisfies `check`. */
  async edited(messageId: number, check: (m: BotMessage) => boolean, timeoutMs = 5000): Promise<BotMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = this.server.storage.botMessages.find(
        (u) => u.messageId === messageId && String(u.message.chat_id) === String(this.userId),
      );
      const m = stored ? toBotMessage(stored.message as never, messageId) : null;
      if (m && check(m)) return m;
      if (Date.now() > deadline)
        throw new Error(`message ${messageId} was not edited as expected: ${JSON.stringify(m)}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  async say(text: string): Promise<void> {
    if (text.startsWith("/")) await this.client.sendCommand(this.client.makeCommand(text));
    else await this.client.sendMessage(this.client.makeMessage(text));
  }

  async sendPhoto(fileId: string, caption: string): Promise<void> {
    await this.client.sendMessage(
      this.client.makeMessage("", {
        photo: [
          { file_id: `${fileId}-small`, width: 90, height: 90 },
          { file_id: fileId, width: 800, height: 800 },
        ],
        caption,
      } as never),
    );
  }

  async shareContact(phone: string, ownerUserId = this.userId): Promise<void> {
    await this.client.sendMessage(
      this.client.makeMessage("", { contact: { phone_number: phone, first_name: "X", user_id: ownerUserId } } as never),
    );
  }

  /** Presses a button whose label contains `label` on the latest message that has one. */
  async press(label: string, from?: BotMessage): Promise<void> {
    const source = from ?? [...this.seen].reverse().find((m) => m.buttons.some((b) => b.text.includes(label)));
    const button = source?.buttons.find((b) => b.text.includes(label));
    if (!source || !button)
      throw new Error(`no button "${label}" in: ${JSON.stringify(this.seen.map((m) => m.buttons.map((b) => b.text)))}`);
    await this.client.sendCallback(
      this.client.makeCallbackQuery(button.data, { message: { message_id: source.messageId } as never }),
    );
  }

  async pressData(data: string, messageId = 1): Promise<void> {
    await this.client.sendCallback(
      this.client.makeCallbackQuery(data, { message: { message_id: messageId } as never }),
    );
  }

  /** Messages received but not yet handed to the test. */
  private backlog: BotMessage[] = [];

  /**
   * Waits until `count` new messages have arrived (or the timeout), and returns exactly those; later ones wait for the
   * next call.
   */
  async expect(count: number, timeoutMs = 8000): Promise<BotMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.backlog.length < count && Date.now() < deadline) {
      this.backlog.push(...(await this.poll()));
      if (this.backlog.length < count) await new Promise((r) => setTimeout(r, 40));
    }
    if (this.backlog.length < count) {
      throw new Error(
        `expected ${count} message(s) for user ${this.userId}, got ` +
          `${this.backlog.length}: ${JSON.stringify(this.backlog.map((m) => m.text))}`,
      );
    }
    return this.backlog.splice(0, count);
  }

  async expectOne(timeoutMs?: number): Promise<BotMessage> {
    const [m] = await this.expect(1, timeoutMs);
    return m!;
  }

  /**
   * Everything that arrived and was not handed to the test yet, once the bot is quiet (every update handled, nothing
   * due in the outbox): an empty list proves nothing was sent.
   */
  async drain(): Promise<BotMessage[]> {
    await this.settle();
    return [...this.backlog.splice(0), ...(await this.poll())];
  }

  private async poll(): Promise<BotMessage[]> {
    // The emulator's own client keeps polling after its timeout and can swallow later
    // messages, so we ask the emulator once per call.
    const res = await fetch(`${this.apiUrl}/getUpdates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: this.token, chatId: this.userId }),
    });
    const updates = (await res.json()) as { result: { message: unknown; messageId: number }[] };
    const messages = updates.result.map((u) => toBotMessage(u.message as never, u.messageId));
    this.seen.push(...messages);
    return messages;
  }
}

export interface Harness {
  server: TelegramServerType;
  db: Db;
  dbUrl: string;
  clock: TestClock;
  config: BotConfig;
  /** Sits between the bot and the emulator; set a rule to inject errors. */
  proxy: FaultProxy;
  app: App;
  user(userId: number, firstName?: string): ChatUser;
  /** Present when started with { zalo: true }. */
  zalo: FakeZalo | null;
  zaloUser(userId: string): ZaloUser;
  /** Log lines at error level or above (a handled bad input must add none). */
  errors: string[];
  /**
   * Resolves when the bot is quiet: every update it was sent has been fetched and handled, and the outbox has nothing
   * due (no row being sent, no pending row due now on a configured channel). Rejects after `timeoutMs`.
   */
  settle(timeoutMs?: number): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(opts: {
  now: string;
  env?: Record<string, string>;
  zalo?: boolean;
}): Promise<Harness> {
  const zalo = opts.zalo ? await startFakeZalo({ longPollMs: 200 }) : null;
  const port = await freePort();
  const server: TelegramServerType = new (TelegramServerModule as unknown as typeof TelegramServerType)({
    port,
    host: "127.0.0.1",
    storeTimeout: 3600,
  });
  await server.start();
  const proxy = await startFaultProxy(server.config.apiURL);
  const { db, url } = await freshDb();
  const clock = testClock(opts.now);
  const config = loadBotConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: proxy.apiRoot,
    DATABASE_URL: url,
    ...(process.env.INVITE_CODE_SECRET ? { INVITE_CODE_SECRET: process.env.INVITE_CODE_SECRET } : {}),
    TELEGRAM_PER_CHAT_INTERVAL_MS: "0",
    TELEGRAM_MAX_PER_SECOND: "500",
    QUIET_HOURS: "off",
    // Many bots run at once in tests: each status server takes any free port.
    STATUS_PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "error",
    ...(zalo
      ? {
          ZALO_BOT_TOKEN: zalo.token,
          ZALO_API_BASE: zalo.baseUrl,
          ZALO_POLL_SECONDS: "1",
          ZALO_PER_CHAT_INTERVAL_MS: "0",
        }
      : {}),
    ...opts.env,
  });
  const errors: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      const line = String(chunk);
      if (((JSON.parse(line) as { level?: number }).level ?? 0) >= 50) errors.push(line);
      if (process.env.TEST_LOG_LEVEL) process.stdout.write(line);
      cb();
    },
  });
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: [TEST_TOKEN, zalo?.token ?? ""],
    destination: sink as never,
  });
  const build = () => createApp({ config, db, logger, clock, schedule: false });
  const firstUnclaimed = new Map<string, number>();
  const harness: Harness = {
    server,
    db,
    dbUrl: url,
    clock,
    config,
    proxy,
    zalo,
    errors,
    zaloUser: (userId) => {
      if (!zalo) throw new Error("harness started without zalo");
      return new ZaloUser(zalo, userId, () => harness.settle());
    },
    async settle(timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      const channels = zalo ? ["telegram", "zalo"] : ["telegram"];
      let quietChecks = 0;
      while (quietChecks < 2) {
        const mine = server.storage.userMessages.filter((u) => u.botToken === TEST_TOKEN);
        const unread = mine.filter((u) => !u.isRead).length;
        // An update the emulator handed out is on its way to the bot until the bot claims it: the bot's counter of
        // work in progress only starts once the answer to its poll has arrived. One the bot never claims (a kind it
        // ignores) stops counting after a second.
        const read = mine.filter((u) => u.isRead).map((u) => String(u.updateId));
        const claimed = new Set(
          (
            await db.inboundSeen.findMany({
              where: { channel: "telegram", updateKey: { in: read } },
              select: { updateKey: true },
            })
          ).map((r) => r.updateKey),
        );
        const now = Date.now();
        for (const key of read) if (!claimed.has(key) && !firstUnclaimed.has(key)) firstUnclaimed.set(key, now);
        const inFlight = read.filter((key) => !claimed.has(key) && now - firstUnclaimed.get(key)! < 1000).length;
        const due = await db.outbox.count({
          where: {
            OR: [
              { status: "sending" },
              {
                status: "pending",
                nextAttemptAt: { lte: clock() },
                channel: { in: channels as ("telegram" | "zalo")[] },
              },
            ],
          },
        });
        // Meetings whose members' reminders are decided but not yet written (the dispatcher writes them).
        const unwritten = await db.outboxFanout.count({ where: { status: "pending" } });
        const quiet =
          unread === 0 &&
          inFlight === 0 &&
          (zalo?.pending() ?? 0) === 0 &&
          harness.app.core.busy() === 0 &&
          due === 0 &&
          unwritten === 0;
        quietChecks = quiet ? quietChecks + 1 : 0;
        if (quietChecks >= 2) break;
        if (Date.now() > deadline)
          throw new Error(
            `the bot did not settle: ${unread} unread updates, ${due} messages due, ${unwritten} meetings unwritten`,
          );
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    app: build(),
    user: (userId, firstName = `User${userId}`) =>
      new ChatUser(
        server.getClient(TEST_TOKEN, { userId, chatId: userId, firstName, type: "private" }),
        userId,
        server.config.apiURL,
        TEST_TOKEN,
        server,
        () => harness.settle(),
      ),
    async restart() {
      await harness.app.stop();
      harness.app = build();
      await harness.app.start();
    },
    async stop() {
      await harness.app.stop();
      await proxy.close();
      await zalo?.close();
      await server.stop();
      await db.$disconnect();
    },
  };
  await harness.app.start();
  return harness;
}

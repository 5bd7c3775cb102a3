/**
 * The real dispatcher in its own process (so the benchmark can kill it). Args: db url, api root, per second, per-chat
 * ms.
 */
import { Telegram } from "telegraf";
import { openDb } from "../src/db/client.ts";
import { createDispatcher } from "../src/delivery/dispatcher.ts";
import { createLogger } from "../src/logging/logger.ts";
import { createTelegramSender } from "../src/messaging/telegram/telegram-messages.ts";

const [dbUrl, apiRoot, perSecond, perChatMs] = process.argv.slice(2);
const token = "100000001:BENCH_token_not_a_real_one_0123456789";
const db = await openDb(dbUrl!);
const dispatcher = createDispatcher({
  db,
  clock: () => new Date(),
  logger: createLogger({ level: "silent", secrets: [token] }),
  senders: { telegram: createTelegramSender(new Telegram(token, { apiRoot: apiRoot! })) },
  limits: {
    telegram: { perSecond: Number(perSecond), perChatIntervalMs: Number(perChatMs) },
    zalo: { perSecond: 1, perChatIntervalMs: 0 },
  },
  quietHours: null,
  timeZone: "Asia/Ho_Chi_Minh",
  maxAttempts: 50,
  maxInFlight: 32,
  idleMs: 100,
});
const recovered = await dispatcher.recover();
process.stdout.write(`${JSON.stringify({ recovered })}\n`);
dispatcher.start();
process.once(
  "SIGTERM",
  () =>
    void dispatcher
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0)),
);

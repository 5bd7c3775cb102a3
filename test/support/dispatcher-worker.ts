/**
 * A dispatcher in a process of its own, so a test can kill it mid-batch.
 * Usage: node --import tsx dispatcher-worker.ts <database url> <api root> <token>
 * Prints {"recovered":N} once started; stops gracefully on SIGTERM.
 */
import { Telegram } from "telegraf";
import { openDb } from "../../src/db/client.ts";
import { createDispatcher } from "../../src/delivery/dispatcher.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createTelegramSender } from "../../src/messaging/telegram/telegram-messages.ts";

const [dbUrl, apiRoot, token] = process.argv.slice(2);
if (!dbUrl || !apiRoot || !token) throw new Error("usage: dispatcher-worker <db url> <api root> <token>");
const db = await openDb(dbUrl);
const dispatcher = createDispatcher({
  db,
  clock: () => new Date(),
  logger: createLogger({ level: "silent", secrets: [token] }),
  senders: { telegram: createTelegramSender(new Telegram(token, { apiRoot })) },
  limits: { telegram: { perSecond: 1000, perChatIntervalMs: 0 }, zalo: { perSecond: 1, perChatIntervalMs: 0 } },
  quietHours: null,
  timeZone: "Asia/Ho_Chi_Minh",
  maxAttempts: 5,
  maxInFlight: 1,
});
const recovered = await dispatcher.recover();
process.stdout.write(`${JSON.stringify({ recovered })}\n`);
dispatcher.start();
process.once("SIGTERM", () => {
  void dispatcher.stop().then(async () => {
    await db.$disconnect();
    process.exit(0);
  });
});

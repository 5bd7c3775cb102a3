/**
 * The usual alternative: grammY with @grammyjs/transformer-throttler and
 * @grammyjs/auto-retry, sending an announcement from memory. Args: api root, count.
 */
import { Bot } from "grammy";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { autoRetry } from "@grammyjs/auto-retry";

const [apiRoot, count] = process.argv.slice(2);
const bot = new Bot("100000001:BENCH_token_not_a_real_one_0123456789", { client: { apiRoot: apiRoot! } });
bot.api.config.use(apiThrottler());
bot.api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 30 }));
const n = Number(count);
let failed = 0;
await Promise.all(Array.from({ length: n }, (_, i) => bot.api.sendMessage(100_000 + i, `Thông báo ${i}`).catch(() => void failed++)));
process.stdout.write(`${JSON.stringify({ failed })}\n`);
process.exit(0);

/**
 * The usual alternative: grammY with @grammyjs/transformer-throttler and
 * @grammyjs/auto-retry, sending a list of messages from memory.
 * Args: api root, a JSON file of [chatId, text] pairs ("-" for none: a restarted
 * worker, whose queue was in memory, has nothing to resume).
 */
import { readFileSync } from "node:fs";
import { Bot } from "grammy";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { autoRetry } from "@grammyjs/auto-retry";

const [apiRoot, file] = process.argv.slice(2);
const bot = new Bot("100000001:BENCH_token_not_a_real_one_0123456789", { client: { apiRoot: apiRoot! } });
bot.api.config.use(apiThrottler());
bot.api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 30 }));
const jobs = file && file !== "-" ? (JSON.parse(readFileSync(file, "utf8")) as [string, string][]) : [];
process.stdout.write(`${JSON.stringify({ started: jobs.length })}\n`);
let failed = 0;
await Promise.all(jobs.map(([chatId, text]) => bot.api.sendMessage(chatId, text).catch(() => void failed++)));
process.stdout.write(`${JSON.stringify({ failed })}\n`);
process.exit(0);

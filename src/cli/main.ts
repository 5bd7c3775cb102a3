/** `npm run cli -- <command>`: builds real dependencies and runs one admin command. */
import { existsSync } from "node:fs";
import { ConfigError, loadBaseConfig } from "../config/config.ts";
import { applyMigrations, openDb } from "../db/client.ts";
import { createOutbox } from "../delivery/outbox.ts";
import { runCli } from "./program.ts";

async function main(): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config;
  try {
    config = loadBaseConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`chibo: ${e.message}. See .env.example.\n`);
      return 1;
    }
    throw e;
  }
  await applyMigrations(config.DATABASE_URL);
  const db = await openDb(config.DATABASE_URL);
  const clock = () => new Date();
  try {
    return await runCli(
      {
        db, clock, outbox: createOutbox({ db, clock }), timeZone: config.TIME_ZONE, inviteTtlDays: config.INVITE_TTL_DAYS,
        maxPayment: config.FEE_MAX_PAYMENT, maxAdvanceMonths: config.FEE_MAX_ADVANCE_MONTHS,
        out: (line) => process.stdout.write(`${line}\n`),
        botUsername: async () => {
          if (config.TELEGRAM_BOT_USERNAME) return config.TELEGRAM_BOT_USERNAME;
          if (!config.TELEGRAM_BOT_TOKEN) return null;
          try {
            const res = await fetch(`${config.TELEGRAM_API_ROOT}/bot${config.TELEGRAM_BOT_TOKEN}/getMe`, { signal: AbortSignal.timeout(5000) });
            const body = (await res.json()) as { ok: boolean; result?: { username?: string } };
            return body.ok ? (body.result?.username ?? null) : null;
          } catch {
            return null;
          }
        },
      },
      process.argv.slice(2),
    );
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`chibo: ${e instanceof Error ? e.message.replace(/\d{5,}:[A-Za-z0-9_-]{20,}/g, "[redacted]") : String(e)}\n`);
    process.exit(1);
  },
);

/**
 * Entry point: the only place that builds real dependencies (configuration
 * from the environment, logger, database, clock) and handles signals.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "./paths.ts";
import { ConfigError, loadBotConfig } from "./config/config.ts";
import { applyMigrations, openDb, securePrivateFiles } from "./db/client.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { createLogger } from "./logging/logger.ts";
import { createApp } from "./app.ts";

async function main(): Promise<void> {
  // Everything this process creates (database, exports) is readable by its owner only.
  process.umask(0o077);
  const envFile = resolve(PROJECT_ROOT, ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let config;
  try {
    config = loadBotConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`chibo: ${e.message}. See .env.example.\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: [
      config.TELEGRAM_BOT_TOKEN ?? "",
      config.WEBHOOK_SECRET ?? "",
      config.ZALO_BOT_TOKEN ?? "",
      config.ZALO_WEBHOOK_SECRET ?? "",
    ],
  });
  for (const path of securePrivateFiles(config.DATABASE_URL))
    logger.warn({ path }, "tightened file permissions (owner only)");
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length > 0) logger.info({ applied }, "database migrated");
  const db = await openDb(config.DATABASE_URL);
  const checkpointer = await startCheckpointer(db, { logger });
  logger.info("database opened");
  const app = createApp({
    config,
    db,
    logger,
    clock: () => new Date(),
    // Lost the leader lease while leading: start again as a standby (systemd restarts the service).
    onLeadershipLost: () => {
      logger.error("exiting: this instance no longer leads");
      process.exit(75);
    },
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    timer.unref();
    await app.stop();
    await checkpointer.stop();
    await db.$disconnect();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await app.start();
  logger.info({ mode: config.BOT_MODE, timeZone: config.TIME_ZONE }, "chibo is running");
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  // Never print the token, even from an unexpected error.
  process.stderr.write(`chibo: start-up failed: ${message.replace(/\d{5,}:[A-Za-z0-9_-]{20,}/g, "[redacted]")}\n`);
  process.exit(1);
});

/**
 * `npm run cli -- <command>`: builds real dependencies and runs one admin command.
 * It never migrates the database on its own (the bot may be running on it):
 * `db migrate` does, and every other command stops when the schema is behind.
 * The commands that work on whole database files (`db migrate`, `db backup`,
 * `db copy`, `db restore`) do not open the configured database: it may not exist
 * yet (a new machine that a backup is restored onto) or be behind (a backup taken
 * before an upgrade's migrations run; copy checks its own source).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "../paths.ts";
import { ConfigError, loadBaseConfig, type BaseConfig } from "../config/config.ts";
import {
  applyMigrations,
  assertSchemaCurrent,
  databaseKind,
  openDb,
  SchemaBehindError,
  type Db,
} from "../db/client.ts";
import { copyDatabase, CopyError } from "../db/copy.ts";
import { createOutbox } from "../delivery/outbox.ts";
import { userInfo } from "node:os";
import { createServices, type Services } from "../services/application.ts";
import { operatorActor } from "../services/deps.ts";
import { cliTexts } from "../texts/cli.ts";
import { runCli } from "./program.ts";
import { BackupError, backupDatabase, restoreDatabase } from "../db/backup.ts";
import { CliError } from "./shared.ts";

/** A refused backup or restore, as one Vietnamese line. */
async function worded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof BackupError) throw new CliError(cliTexts.backupRefused[e.reason]!(e.path));
    if (e instanceof CopyError) throw new CliError(cliTexts.copyRefused[e.reason]!(e.detail));
    throw e;
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  process.umask(0o077);
  const envFile = resolve(PROJECT_ROOT, ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  // `npm run cli` runs in the project folder; file arguments are meant from where the command was typed.
  if (process.env.INIT_CWD && existsSync(process.env.INIT_CWD)) process.chdir(process.env.INIT_CWD);
  let config;
  try {
    config = loadBaseConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`chibo: ${cliTexts.badSetting(e.message)}\n`);
      return 1;
    }
    throw e;
  }
  const onFiles = argv[0] === "db" && ["migrate", "backup", "copy", "restore"].includes(argv[1] ?? "");
  try {
    if (!onFiles) await assertSchemaCurrent(config.DATABASE_URL);
  } catch (e) {
    if (e instanceof SchemaBehindError) {
      process.stderr.write(`${cliTexts.schemaBehind(e.pending.length)}\n`);
      return 1;
    }
    throw e;
  }
  const url = config.DATABASE_URL;
  const db = onFiles ? null : await openDb(url);
  const clock = () => new Date();
  try {
    const services = db ? servicesOn(db, clock, config) : unopened();
    return await runCli(
      {
        services,
        actor: operatorActor(config.OPERATOR_NAME ?? userInfo().username),
        clock,
        timeZone: config.TIME_ZONE,
        out: print,
        migrate: () => applyMigrations(url),
        ...(databaseKind(url) === "sqlite"
          ? {
              backup: (file: string) => worded(backupDatabase(url, file)),
              restore: (file: string) => worded(restoreDatabase(url, file, clock())),
            }
          : {}),
        copy: (from, to) => worded(copyDatabase(from ?? url, to, clock())),
        botUsername: async () => {
          if (config.TELEGRAM_BOT_USERNAME) return config.TELEGRAM_BOT_USERNAME;
          if (!config.TELEGRAM_BOT_TOKEN) return null;
          try {
            const res = await fetch(`${config.TELEGRAM_API_ROOT}/bot${config.TELEGRAM_BOT_TOKEN}/getMe`, {
              signal: AbortSignal.timeout(5000),
            });
            const body = (await res.json()) as { ok: boolean; result?: { username?: string } };
            return body.ok ? (body.result?.username ?? null) : null;
          } catch {
            return null;
          }
        },
      },
      argv,
    );
  } finally {
    await db?.$disconnect();
  }
}

function servicesOn(db: Db, clock: () => Date, config: BaseConfig): Services {
  return createServices({
    db,
    clock,
    outbox: createOutbox({ db, clock }),
    settings: {
      timeZone: config.TIME_ZONE,
      attendanceThreshold: config.ATTENDANCE_THRESHOLD,
      inviteTtlDays: config.INVITE_TTL_DAYS,
      fees: {
        timeZone: config.TIME_ZONE,
        maxPayment: config.FEE_MAX_PAYMENT,
        maxAdvanceMonths: config.FEE_MAX_ADVANCE_MONTHS,
      },
      // The command line neither links accounts nor estimates delivery times.
      sendRates: { telegram: 30, zalo: 10 },
      linkMaxFailuresPerHour: 5,
    },
  });
}

/** The use cases of a command that has no database open: reaching for one is a mistake in the program. */
function unopened(): Services {
  return new Proxy({} as Services, {
    get(_, name) {
      throw new Error(`this command has no database open (services.${String(name)})`);
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `chibo: ${e instanceof Error ? e.message.replace(/\d{5,}:[A-Za-z0-9_-]{20,}/g, "[redacted]") : String(e)}\n`,
    );
    process.exit(1);
  },
);

/**
 * Wires the running bot from its dependencies: outbox and dispatcher, the bot
 * core with its features, the Telegram runtime, and the scheduled jobs.
 * main.ts builds the real dependencies; tests pass their own (clock, database).
 */
import { hostname } from "node:os";
import type { BotConfig } from "./config/config.ts";
import type { Db } from "./db/client.ts";
import type { Clock } from "./domain/time.ts";
import { createDispatcher, type Dispatcher } from "./delivery/dispatcher.ts";
import { createOutbox, type Outbox } from "./delivery/outbox.ts";
import { createBotCore, type BotCore } from "./bot/core.ts";
import { allFeatures } from "./bot/features/index.ts";
import { createSessionStore } from "./bot/session-store.ts";
import type { Logger } from "./logging/logger.ts";
import { createTelegramRuntime, type TelegramRuntime } from "./messaging/telegram/telegram-runtime.ts";
import type { IncomingEvent } from "./messaging/types.ts";
import { ZaloClient } from "./messaging/zalo/zalo-client.ts";
import { createZaloRuntime, type ZaloRuntime } from "./messaging/zalo/zalo-runtime.ts";
import { createChoiceMenuStore } from "./services/choice-menus.ts";
import { commandNames } from "./bot/feature.ts";
import { startScheduler, type Scheduler } from "./scheduling/cron.ts";
import { createUnreachableHandler, fallBackToOtherChannel } from "./services/unreachable.ts";
import { ensureFeeTable } from "./services/fees.ts";
import { createServices, type Services } from "./services/application.ts";
import { scheduledWork, type ScheduledWork } from "./services/scheduled/index.ts";
import { cronTable } from "./jobs/schedule.ts";
import { DEFAULT_MENU } from "./texts/menus.ts";
import { startWebServer, type OpenRoute, type WebServer } from "./web/server.ts";
import { webTexts } from "./texts/web.ts";
import { createMetrics, type Metrics } from "./observability/metrics.ts";
import { startStatusServer, type StatusServer } from "./observability/status-server.ts";
import { databaseAnswers, outboxFigures } from "./services/health.ts";

export interface AppDeps {
  config: BotConfig;
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Run the cron jobs (tests drive the jobs themselves). */
  schedule?: boolean;
  /** Pages that need no session (the demo's "sign in as"); never set by the real bot. */
  webOpenRoutes?: OpenRoute[];
}

export interface App {
  core: BotCore;
  services: Services;
  outbox: Outbox;
  dispatcher: Dispatcher;
  telegram: TelegramRuntime | null;
  zalo: ZaloRuntime | null;
  jobs: ScheduledWork;
  metrics: Metrics;
  /** The /healthz and /metrics port once started (null when STATUS_PORT is off). */
  statusPort(): number | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const { config, db, logger, clock } = deps;
  let dispatcher: Dispatcher | null = null;
  const outbox = createOutbox({ db, clock, onEnqueue: () => dispatcher?.wake() });
  const settings = {
    timeZone: config.TIME_ZONE,
    attendanceThreshold: config.ATTENDANCE_THRESHOLD,
    linkMaxFailuresPerHour: config.LINK_MAX_FAILURES_PER_HOUR,
    linkMaxFailuresAllPerHour: config.LINK_MAX_FAILURES_ALL_PER_HOUR,
    inviteTtlDays: config.INVITE_TTL_DAYS,
    fees: {
      timeZone: config.TIME_ZONE,
      maxPayment: config.FEE_MAX_PAYMENT,
      maxAdvanceMonths: config.FEE_MAX_ADVANCE_MONTHS,
    },
    sendRates: { telegram: config.TELEGRAM_MAX_PER_SECOND, zalo: config.ZALO_MAX_PER_SECOND },
    committeeOverviewMaxAgeMinutes: config.COMMITTEE_OVERVIEW_MAX_AGE_MINUTES,
  };
  const serviceDeps = { db, outbox, clock, settings };
  const services = createServices(serviceDeps);
  const sessions = createSessionStore(services);
  const core = createBotCore(
    {
      services,
      outbox,
      sessions,
      clock,
      logger,
      settings: {
        ...settings,
        maxInputLength: 4096,
        ...(config.WEB_PUBLIC_URL ? { webPublicUrl: config.WEB_PUBLIC_URL } : {}),
      },
    },
    allFeatures,
  );
  const handle = (event: IncomingEvent) => core.handle(event);
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramRuntime({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        logger,
        handle,
        mode: config.BOT_MODE,
        ...(config.WEBHOOK_URL && config.WEBHOOK_SECRET
          ? {
              webhook: {
                url: config.WEBHOOK_URL,
                secret: config.WEBHOOK_SECRET,
                port: config.WEBHOOK_PORT,
                host: config.WEBHOOK_HOST,
              },
            }
          : {}),
        commands: DEFAULT_MENU,
        // Telegram opens Mini Apps from https addresses only.
        ...(config.WEB_PUBLIC_URL?.startsWith("https://")
          ? { menuButton: { text: webTexts.openConsole, url: `${config.WEB_PUBLIC_URL}/` } }
          : {}),
      })
    : null;
  const zalo = config.ZALO_BOT_TOKEN
    ? createZaloRuntime({
        client: new ZaloClient({ token: config.ZALO_BOT_TOKEN, baseUrl: config.ZALO_API_BASE }),
        menus: createChoiceMenuStore(db, "zalo"),
        logger,
        handle,
        commands: commandNames(allFeatures),
        mode: config.ZALO_MODE,
        pollSeconds: config.ZALO_POLL_SECONDS,
        ...(config.ZALO_WEBHOOK_URL && config.ZALO_WEBHOOK_SECRET
          ? {
              webhook: {
                url: config.ZALO_WEBHOOK_URL,
                secret: config.ZALO_WEBHOOK_SECRET,
                port: config.ZALO_WEBHOOK_PORT,
                host: config.ZALO_WEBHOOK_HOST,
              },
            }
          : {}),
      })
    : null;
  const metrics = createMetrics(() => outboxFigures(db, clock()));
  dispatcher = createDispatcher({
    db,
    clock,
    logger,
    onOutcome: (channel, outcome) =>
      outcome === "sent"
        ? metrics.sent(channel)
        : outcome === "failed"
          ? metrics.failed(channel)
          : metrics.rateLimited(channel),
    senders: { ...(telegram ? { telegram: telegram.sender } : {}), ...(zalo ? { zalo: zalo.sender } : {}) },
    limits: {
      telegram: { perSecond: config.TELEGRAM_MAX_PER_SECOND, perChatIntervalMs: config.TELEGRAM_PER_CHAT_INTERVAL_MS },
      zalo: { perSecond: config.ZALO_MAX_PER_SECOND, perChatIntervalMs: config.ZALO_PER_CHAT_INTERVAL_MS },
    },
    quietHours: config.QUIET_HOURS,
    timeZone: config.TIME_ZONE,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    onUnreachable: createUnreachableHandler({ db, outbox, clock }),
    onNoSender: ({ outboxId, channel, memberId }) =>
      memberId === null
        ? Promise.resolve(false)
        : fallBackToOtherChannel({ db, outbox }, outboxId, memberId, channel, (c) =>
            c === "telegram" ? !!telegram : !!zalo,
          ),
  });
  const d = dispatcher;

  const jobs = scheduledWork(
    serviceDeps,
    {
      quietHours: config.QUIET_HOURS,
      leadTimes: config.REMINDER_LEAD_TIMES,
      nudge: config.NUDGE_LEAD_TIME,
      surveyReminders: config.SURVEY_REMINDERS,
      monthsAhead: config.SCHEDULE_MONTHS_AHEAD,
      feeCollectionDay: config.FEE_COLLECTION_DAY,
      feeOverdueDays: config.FEE_OVERDUE_DAYS,
      feeReminderTime: config.FEE_REMINDER_TIME,
      retention: { messageDays: config.MESSAGE_RETENTION_DAYS, graceMonths: config.PERSONAL_TEXT_GRACE_MONTHS },
    },
    logger,
  );
  let scheduler: Scheduler | null = null;
  let web: WebServer | null = null;
  let status: StatusServer | null = null;
  // "This bot is running", for a restore to refuse: written every 10 s, taken away at a clean stop.
  const holder = `${hostname()}:${process.pid}`;
  let heartbeat: NodeJS.Timeout | null = null;
  const beat = () =>
    db.heartbeat
      .upsert({ where: { holder }, create: { holder, seenAt: clock() }, update: { seenAt: clock() } })
      .catch((err: unknown) => logger.warn({ err }, "heartbeat not written"));
  const health = async () => {
    const [database, outbox] = await Promise.all([databaseAnswers(db), outboxFigures(db, clock())]);
    const receivers: Record<string, "running" | "stopped"> = {};
    if (telegram) receivers.telegram = telegram.running() ? "running" : "stopped";
    if (zalo) receivers.zalo = zalo.running() ? "running" : "stopped";
    const maxAgeSeconds = config.HEALTH_MAX_OUTBOX_AGE_SECONDS;
    return {
      ok:
        database && Object.values(receivers).every((r) => r === "running") && outbox.oldestDueSeconds <= maxAgeSeconds,
      database: database ? ("ok" as const) : ("unreachable" as const),
      receivers,
      outbox: { ...outbox, maxAgeSeconds },
    };
  };

  return {
    core,
    services,
    outbox,
    dispatcher: d,
    telegram,
    zalo,
    jobs,
    metrics,
    statusPort: () => status?.port ?? null,
    async start() {
      await ensureFeeTable(db);
      await beat();
      heartbeat = setInterval(() => void beat(), 10_000);
      heartbeat.unref();
      await d.recover();
      // Catch up on what fell due while the bot was down, before anything else is sent.
      await jobs.generateMeetings();
      const planned = await jobs.planReminders();
      const fees = await jobs.planFeeReminders();
      if (telegram) await jobs.syncCommandMenus();
      logger.info({ planned, fees }, "reminders planned at start");
      d.start();
      if (deps.schedule !== false)
        scheduler = startScheduler(
          cronTable({ ...jobs, refreshCommitteeOverviews: services.refreshCommitteeOverviews }),
          { timeZone: config.TIME_ZONE, logger, time: metrics.jobTimer },
        );
      if (config.STATUS_PORT !== "off")
        status = await startStatusServer({
          host: config.STATUS_HOST,
          port: config.STATUS_PORT,
          health,
          metrics,
          logger,
        });
      if (config.WEB_PUBLIC_URL)
        web = await startWebServer({
          services,
          logger,
          host: config.WEB_HOST,
          port: config.WEB_PORT,
          publicUrl: config.WEB_PUBLIC_URL,
          timeZone: config.TIME_ZONE,
          telegramToken: config.TELEGRAM_BOT_TOKEN ?? null,
          ...(deps.webOpenRoutes ? { openRoutes: deps.webOpenRoutes } : {}),
          botUsername: async () =>
            config.TELEGRAM_BOT_USERNAME ?? (telegram ? await telegram.username().catch(() => null) : null),
        });
      await telegram?.start();
      await zalo?.start();
    },
    async stop() {
      await web?.close();
      await status?.close();
      await telegram?.stop();
      await zalo?.stop();
      await scheduler?.stop();
      await d.stop();
      if (heartbeat) clearInterval(heartbeat);
      await db.heartbeat.deleteMany({ where: { holder } }).catch(() => undefined);
    },
  };
}

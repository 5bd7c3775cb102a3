/**
 * Wires the running bot from its dependencies: outbox and dispatcher, the bot
 * core with its features, the Telegram runtime, and the scheduled jobs.
 * main.ts builds the real dependencies; tests pass their own (clock, database).
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { BotConfig } from "./config/config.ts";
import type { Db } from "./db/client.ts";
import type { Clock } from "./domain/time.ts";
import { createDispatcher, type Dispatcher } from "./delivery/dispatcher.ts";
import { createFanoutFeeder } from "./delivery/fanout-feeder.ts";
import type { Channel } from "./messaging/types.ts";
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
import { createLeadership } from "./coordination/leadership.ts";

export interface AppDeps {
  config: BotConfig;
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Run the cron jobs (tests drive the jobs themselves). */
  schedule?: boolean;
  /** Pages that need no session (the demo's "sign in as"); never set by the real bot. */
  webOpenRoutes?: OpenRoute[];
  /**
   * This instance lost the leader lease while leading (its database was out of reach longer than the lease): the
   * real bot exits, to start again as a standby. Without it the leader's work just stops.
   */
  onLeadershipLost?: () => void;
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
  /** Whether this instance holds the leader lease (polls, sends, runs the scheduled jobs). */
  leading(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Receivers trying again to reach their platform, for one stint as leader. */
interface ReceiverRetries {
  stopped: boolean;
  /** Ends the wait before the next try. */
  wake: Set<() => void>;
}

/** The wait before a receiver's next try: doubled each time, at most a minute. */
const nextDelay = (ms: number) => Math.min(ms * 2, 60_000);

/** The platform answered that the token is wrong or the bot is gone (401, 403, 404): trying again cannot help. */
function refusedForGood(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "number" && [401, 403, 404].includes(code);
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
  const senders = {
    ...(telegram ? { telegram: telegram.sender } : {}),
    ...(zalo ? { zalo: zalo.sender } : {}),
  };
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
    senders,
    // `jobs` is made below; the dispatcher starts after it.
    refill: createFanoutFeeder({
      db,
      channels: Object.keys(senders) as Channel[],
      write: (meetings) => jobs.writeWaitingReminders(meetings),
    }),
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
  const polling = {
    telegram: config.BOT_MODE === "polling",
    zalo: config.ZALO_MODE === "polling",
  };
  const health = async () => {
    const [database, outbox] = await Promise.all([databaseAnswers(db), outboxFigures(db, clock())]);
    const leading = leadership.leading();
    // A standby does not poll: its polling receivers are waiting, not broken.
    const state = (r: { running(): boolean }, polls: boolean) =>
      polls && !leading ? ("standby" as const) : r.running() ? ("running" as const) : ("stopped" as const);
    const receivers: Record<string, "running" | "stopped" | "standby"> = {};
    if (telegram) receivers.telegram = state(telegram, polling.telegram);
    if (zalo) receivers.zalo = state(zalo, polling.zalo);
    const maxAgeSeconds = config.HEALTH_MAX_OUTBOX_AGE_SECONDS;
    // Stuck: a due message has waited too long and nothing has gone out for as long. A province's reminders keep the
    // oldest waiting for hours while the queue moves at the platforms' limits.
    const moving = outbox.lastSentSeconds !== null && outbox.lastSentSeconds <= maxAgeSeconds;
    return {
      ok:
        database &&
        Object.values(receivers).every((r) => r !== "stopped") &&
        (outbox.oldestDueSeconds <= maxAgeSeconds || moving),
      role: leading ? ("leader" as const) : ("standby" as const),
      database: database ? ("ok" as const) : ("unreachable" as const),
      receivers,
      outbox: { ...outbox, maxAgeSeconds },
    };
  };

  let receiving: ReceiverRetries = { stopped: false, wake: new Set() };

  /**
   * Starts a receiver. A platform out of reach (no network yet, a time-out, a 5xx) is tried again in the background,
   * after 1 s, 2 s, 4 s … up to a minute, while the rest of the leader's work goes on (the health check shows the
   * receiver stopped meanwhile); a platform that refuses the token fails the start, as before.
   */
  async function startReceiver(
    channel: string,
    receiver: { start(): Promise<void>; stop(): Promise<void> },
    retries: ReceiverRetries,
  ): Promise<void> {
    try {
      await receiver.start();
      return;
    } catch (err) {
      if (refusedForGood(err)) throw err;
      logger.warn({ err, channel }, "platform out of reach; receiving starts when it answers");
    }
    void (async () => {
      for (let delay = 1000; !retries.stopped; delay = nextDelay(delay)) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            retries.wake.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, delay);
          retries.wake.add(wake);
        });
        if (retries.stopped) return;
        try {
          await receiver.start();
          logger.info({ channel }, "platform reached again");
          if (retries.stopped) await receiver.stop();
          return;
        } catch (err) {
          if (refusedForGood(err)) {
            logger.error({ err, channel }, "the platform refuses the token: receiving does not start");
            return;
          }
          logger.warn({ err, channel, retryInSeconds: nextDelay(delay) / 1000 }, "platform out of reach");
        }
      }
    })();
  }

  /** The work only the leader does: catch up, send, run the jobs, poll. */
  const leaderWork = {
    async start(takenOver: boolean) {
      // Taking over from another instance: its last messages may be less than a rate window old, and the limits are
      // the bot's, not the instance's. Waiting out that window keeps the two together within them.
      if (takenOver) {
        const windowMs = Math.max(1000, config.TELEGRAM_PER_CHAT_INTERVAL_MS, config.ZALO_PER_CHAT_INTERVAL_MS);
        await new Promise((r) => setTimeout(r, windowMs));
      }
      await d.recover();
      // Catch up on what fell due while no instance was leading, before anything else is sent.
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
      receiving = { stopped: false, wake: new Set() };
      if (telegram && polling.telegram) await startReceiver("telegram", telegram, receiving);
      if (zalo && polling.zalo) await startReceiver("zalo", zalo, receiving);
    },
    async stop() {
      // A receiver still trying to reach its platform stops trying (and stops again if it got there meanwhile).
      receiving.stopped = true;
      for (const wake of receiving.wake) wake();
      if (telegram && polling.telegram) await telegram.stop();
      if (zalo && polling.zalo) await zalo.stop();
      await scheduler?.stop();
      scheduler = null;
      await d.stop();
    },
  };
  const leadership = createLeadership({
    db,
    logger,
    holder: `${holder}:${randomBytes(3).toString("hex")}`,
    ttlMs: config.LEADER_LEASE_SECONDS * 1000,
    onGain: (takenOver) => leaderWork.start(takenOver),
    onLose: async () => {
      await leaderWork.stop();
      deps.onLeadershipLost?.();
    },
  });

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
    leading: () => leadership.leading(),
    async start() {
      await ensureFeeTable(db);
      await beat();
      heartbeat = setInterval(() => void beat(), 10_000);
      heartbeat.unref();
      await leadership.start();
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
      // Webhooks are received by every instance (the update ids keep each one handled once); polling by the leader.
      if (telegram && !polling.telegram) await telegram.start();
      if (zalo && !polling.zalo) await zalo.start();
    },
    async stop() {
      await web?.close();
      await status?.close();
      if (telegram && !polling.telegram) await telegram.stop();
      if (zalo && !polling.zalo) await zalo.stop();
      await leadership.stop(() => leaderWork.stop());
      if (heartbeat) clearInterval(heartbeat);
      await db.heartbeat.deleteMany({ where: { holder } }).catch(() => undefined);
    },
  };
}

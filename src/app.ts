/**
 * Wires the running bot from its dependencies: outbox and dispatcher, the bot
 * core with its features, the Telegram runtime, and the scheduled jobs.
 * main.ts builds the real dependencies; tests pass their own (clock, database).
 */
import type { BotConfig } from "./config/config.ts";
import type { Db } from "./db/client.ts";
import type { Clock } from "./domain/time.ts";
import { createDispatcher, type Dispatcher } from "./delivery/dispatcher.ts";
import { createOutbox, type Outbox } from "./delivery/outbox.ts";
import { createBotCore, type BotCore } from "./bot/core.ts";
import { allFeatures } from "./bot/features/index.ts";
import { createSessionStore } from "./bot/session-store.ts";
import { generateScheduledMeetings } from "./jobs/generate-meetings.ts";
import { planReminders } from "./jobs/plan-reminders.ts";
import { warnMissingThematic } from "./jobs/thematic-warning.ts";
import { cleanupOldRows } from "./jobs/cleanup.ts";
import type { Logger } from "./logging/logger.ts";
import { createTelegramRuntime, type TelegramRuntime } from "./messaging/telegram/telegram-runtime.ts";
import { startScheduler, type CronJob, type Scheduler } from "./scheduling/cron.ts";
import { createUnreachableHandler } from "./services/unreachable.ts";

export interface AppDeps {
  config: BotConfig;
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Run the cron jobs (tests drive the jobs themselves). */
  schedule?: boolean;
}

export interface App {
  core: BotCore;
  outbox: Outbox;
  dispatcher: Dispatcher;
  telegram: TelegramRuntime;
  jobs: { planReminders(): Promise<unknown>; generateMeetings(): Promise<unknown>; warnMissingThematic(): Promise<unknown> };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const TELEGRAM_COMMANDS = [
  { command: "lichhop", description: "Lịch sinh hoạt sắp tới" },
  { command: "trogiup", description: "Hướng dẫn sử dụng" },
  { command: "huy", description: "Huỷ thao tác đang làm" },
  { command: "taohop", description: "Tạo buổi sinh hoạt (bí thư)" },
  { command: "suahop", description: "Sửa hoặc huỷ buổi sinh hoạt (bí thư)" },
  { command: "tinhhinh", description: "Tình hình trả lời (bí thư)" },
  { command: "diemdanh", description: "Điểm danh (bí thư)" },
];

export function createApp(deps: AppDeps): App {
  const { config, db, logger, clock } = deps;
  let dispatcher: Dispatcher | null = null;
  const outbox = createOutbox({ db, clock, onEnqueue: () => dispatcher?.wake() });
  const sessions = createSessionStore(db);
  const core = createBotCore(
    {
      db, outbox, sessions, clock, logger,
      settings: {
        timeZone: config.TIME_ZONE,
        attendanceThreshold: config.ATTENDANCE_THRESHOLD,
        linkMaxFailuresPerHour: config.LINK_MAX_FAILURES_PER_HOUR,
        maxInputLength: 2000,
      },
    },
    allFeatures,
  );
  const telegram = createTelegramRuntime({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    logger,
    handle: (event) => core.handle(event),
    mode: config.BOT_MODE,
    ...(config.WEBHOOK_URL && config.WEBHOOK_SECRET ? { webhook: { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET, port: config.WEBHOOK_PORT } } : {}),
    commands: TELEGRAM_COMMANDS,
  });
  dispatcher = createDispatcher({
    db, clock, logger,
    senders: { telegram: telegram.sender },
    limits: {
      telegram: { perSecond: config.TELEGRAM_MAX_PER_SECOND, perChatIntervalMs: config.TELEGRAM_PER_CHAT_INTERVAL_MS },
      zalo: { perSecond: 10, perChatIntervalMs: 1000 },
    },
    quietHours: config.QUIET_HOURS,
    timeZone: config.TIME_ZONE,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    onUnreachable: createUnreachableHandler({ db, outbox, clock }),
  });
  const d = dispatcher;

  const jobs = {
    planReminders: () =>
      planReminders({
        db, outbox, clock, timeZone: config.TIME_ZONE, quietHours: config.QUIET_HOURS,
        leadTimes: config.REMINDER_LEAD_TIMES, nudge: config.NUDGE_LEAD_TIME, nudgeEnabled: config.NUDGE_LEAD_TIME !== null,
      }),
    generateMeetings: () => generateScheduledMeetings({ db, clock, timeZone: config.TIME_ZONE, monthsAhead: config.SCHEDULE_MONTHS_AHEAD, logger }),
    warnMissingThematic: () => warnMissingThematic({ db, outbox, clock, timeZone: config.TIME_ZONE }),
  };
  const cronJobs: CronJob[] = [
    { name: "plan-reminders", schedule: "* * * * *", run: jobs.planReminders },
    { name: "generate-meetings", schedule: "5 0 * * *", run: jobs.generateMeetings },
    { name: "thematic-warning", schedule: "0 8 * * 1", run: jobs.warnMissingThematic },
    { name: "cleanup", schedule: "17 3 * * *", run: () => cleanupOldRows({ db, clock }) },
  ];
  let scheduler: Scheduler | null = null;

  return {
    core, outbox, dispatcher: d, telegram, jobs,
    async start() {
      await d.recover();
      // Catch up on what fell due while the bot was down, before anything else is sent.
      await jobs.generateMeetings();
      const planned = await jobs.planReminders();
      logger.info({ planned }, "reminders planned at start");
      d.start();
      if (deps.schedule !== false) scheduler = startScheduler(cronJobs, { timeZone: config.TIME_ZONE, logger });
      await telegram.start();
    },
    async stop() {
      await telegram.stop();
      await scheduler?.stop();
      await d.stop();
    },
  };
}

/**
 * Configuration: a pure function over the environment, checked by zod.
 * A bad setting stops start-up with one line naming the setting.
 */
import { z } from "zod";
import { DEFAULT_ZALO_BASE_URL } from "../messaging/zalo/zalo-client.ts";
import { parseLeadTimes, parseQuietHours, type LeadTime, type QuietHours } from "../domain/reminders.ts";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const leadTimes = z.string().transform((value, ctx): LeadTime[] => {
  try {
    return parseLeadTimes(value);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
});

const quietHours = z.string().transform((value, ctx): QuietHours | null => {
  try {
    return parseQuietHours(value);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
});

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "unknown time zone");

const baseSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, "must look like file:./data/chibo.db or postgresql://user@host/db")
    .default("file:./data/chibo.db"),
  TIME_ZONE: timeZone.default("Asia/Ho_Chi_Minh"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "must look like 123456:ABC... (from BotFather)")
    .optional(),
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{5,32}$/, "bot username without @")
    .optional(),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  INVITE_CODE_SECRET: z.string().min(16, "at least 16 characters").optional(),
  FEE_MAX_PAYMENT: z.coerce.number().int().min(1000).max(1_000_000_000).default(5_000_000),
  FEE_MAX_ADVANCE_MONTHS: z.coerce.number().int().min(0).max(36).default(12),
  ATTENDANCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.85),
  COMMITTEE_OVERVIEW_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** Who runs the command line, as its writes are audited (default: the system user's name). */
  OPERATOR_NAME: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\n\r:]+$/, "one line, no colon")
    .optional(),
});

const botSchema = baseSchema
  .extend({
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    WEBHOOK_URL: z
      .url()
      .refine((u) => u.startsWith("https://"), "must be an https:// URL")
      .optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A-Z a-z 0-9 _ -")
      .optional(),
    WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    WEBHOOK_HOST: z.string().min(1).default("127.0.0.1"),
    QUIET_HOURS: quietHours.default(parseQuietHours("21:00-07:00")),
    REMINDER_LEAD_TIMES: leadTimes.default(parseLeadTimes("3d@08:00,0d@07:00")),
    NUDGE_LEAD_TIME: z
      .string()
      .transform((v, ctx): LeadTime | null => {
        if (v === "off") return null;
        try {
          const [lead] = parseLeadTimes(v);
          return lead ?? null;
        } catch (e) {
          ctx.addIssue({ code: "custom", message: (e as Error).message });
          return z.NEVER;
        }
      })
      .default(parseLeadTimes("1d@18:00")[0] ?? null),
    /** Survey nudges to those who have not answered: days before the deadline at a local time. */
    SURVEY_REMINDERS: leadTimes.default(parseLeadTimes("3d@08:00,0d@08:00")),
    /** Where the bot's web pages are reached from outside (https); unset: no web server. */
    WEB_PUBLIC_URL: z
      .url()
      .refine(
        (u) => u.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u),
        "must be an https:// URL (http only on 127.0.0.1 or localhost)",
      )
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
    WEB_PORT: z.coerce.number().int().min(1).max(65535).default(8090),
    /** /healthz and /metrics: "off", or a port (0: any free port). */
    STATUS_PORT: z.union([z.literal("off"), z.coerce.number().int().min(0).max(65535)]).default(8092),
    STATUS_HOST: z.string().min(1).default("127.0.0.1"),
    /** /healthz answers 503 when a due message has waited longer than this and nothing was sent for as long. */
    HEALTH_MAX_OUTBOX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
    WEB_HOST: z.string().min(1).default("127.0.0.1"),
    SCHEDULE_MONTHS_AHEAD: z.coerce.number().int().min(1).max(12).default(2),
    LINK_MAX_FAILURES_PER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
    LINK_MAX_FAILURES_ALL_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(50),
    TELEGRAM_MAX_PER_SECOND: z.coerce.number().min(1).max(1000).default(30),
    TELEGRAM_PER_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    FEE_COLLECTION_DAY: z.coerce.number().int().min(1).max(28).default(10),
    MESSAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    PERSONAL_TEXT_GRACE_MONTHS: z.coerce.number().int().min(0).max(120).default(12),
    FEE_OVERDUE_DAYS: z.coerce.number().int().min(1).max(20).default(7),
    FEE_REMINDER_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:mm")
      .default("08:00"),
    ZALO_BOT_TOKEN: z
      .string()
      .regex(/^[^:\s]+:\S{8,}$/, "must look like <bot_id>:<secret> (from Zalo Bot Creator)")
      .optional(),
    ZALO_API_BASE: z.url().default(DEFAULT_ZALO_BASE_URL),
    ZALO_MODE: z.enum(["polling", "webhook"]).default("polling"),
    ZALO_WEBHOOK_URL: z
      .url()
      .refine((u) => u.startsWith("https://"), "must be an https:// URL")
      .optional(),
    ZALO_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,256}$/, "8–256 characters of A-Z a-z 0-9 _ -")
      .optional(),
    ZALO_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8081),
    ZALO_WEBHOOK_HOST: z.string().min(1).default("127.0.0.1"),
    ZALO_POLL_SECONDS: z.coerce.number().int().min(1).max(60).default(30),
    ZALO_MAX_PER_SECOND: z.coerce.number().min(1).max(1000).default(10),
    ZALO_PER_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    /** How long the leader lease lasts (renewed every second); a standby takes over once it has run out. */
    LEADER_LEASE_SECONDS: z.coerce.number().int().min(3).max(300).default(15),
  })
  .superRefine((c, ctx) => {
    if (!c.TELEGRAM_BOT_TOKEN && !c.ZALO_BOT_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_BOT_TOKEN"],
        message: "is required (or ZALO_BOT_TOKEN, or both)",
      });
    }
    if (c.ZALO_MODE === "webhook") {
      if (!c.ZALO_WEBHOOK_URL)
        ctx.addIssue({ code: "custom", path: ["ZALO_WEBHOOK_URL"], message: "required when ZALO_MODE=webhook" });
      if (!c.ZALO_WEBHOOK_SECRET)
        ctx.addIssue({ code: "custom", path: ["ZALO_WEBHOOK_SECRET"], message: "required when ZALO_MODE=webhook" });
    }
    if (c.TELEGRAM_BOT_TOKEN && c.BOT_MODE === "webhook") {
      if (!c.WEBHOOK_URL)
        ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "required when BOT_MODE=webhook" });
      if (!c.WEBHOOK_SECRET)
        ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "required when BOT_MODE=webhook" });
    }
  });

export type BaseConfig = z.infer<typeof baseSchema>;

/** Rules across settings that every command shares. */
function checkBase(c: BaseConfig): void {
  // Invite codes are HMACs under this secret: on PostgreSQL there is no file beside the database to keep it in, and
  // every instance must use the same one.
  if (/^postgres/.test(c.DATABASE_URL) && !c.INVITE_CODE_SECRET)
    throw new ConfigError("Invalid setting INVITE_CODE_SECRET: is required when DATABASE_URL is a PostgreSQL address");
}
export type BotConfig = z.infer<typeof botSchema>;

type Env = Record<string, string | undefined>;

function parseWith<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  // Empty strings in .env mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const first = result.error.issues[0];
    const name = first?.path.join(".") || "configuration";
    const problem = first?.code === "invalid_type" && first.input === undefined ? "is required" : first?.message;
    throw new ConfigError(`Invalid setting ${name}: ${problem}`);
  }
  return result.data;
}

/** Settings every command needs (database, zone, logging). */
export function loadBaseConfig(env: Env): BaseConfig {
  const config = parseWith(baseSchema, env);
  checkBase(config);
  return config;
}

/** Settings the running bot needs. */
export function loadBotConfig(env: Env): BotConfig {
  const config = parseWith(botSchema, env);
  checkBase(config);
  return config;
}

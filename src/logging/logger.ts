/**
 * Structured logging with pino. Secrets (bot tokens) are scrubbed from every
 * string that reaches a log line, including error messages and URLs.
 */
import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

const BOT_TOKEN_RE = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

export function makeScrubber(secrets: string[]): (s: string) => string {
  const known = secrets.filter((s) => s.length >= 8);
  return (s: string) => {
    let out = s;
    for (const secret of known) out = out.split(secret).join("[redacted]");
    return out.replace(BOT_TOKEN_RE, "[redacted]");
  };
}

function scrubDeep(value: unknown, scrub: (s: string) => string, depth = 0): unknown {
  if (depth > 6) return value;
  if (typeof value === "string") return scrub(value);
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message), stack: value.stack ? scrub(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub, depth + 1)]));
  }
  return value;
}

export function createLogger(options: { level: string; secrets: string[]; destination?: DestinationStream }): Logger {
  const scrub = makeScrubber(options.secrets);
  return pino(
    {
      level: options.level,
      base: { app: "chibo" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => scrubDeep(obj, scrub) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

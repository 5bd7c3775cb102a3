/**
 * The bot's metrics in Prometheus' format (prom-client), on a registry of its own
 * so that two bots in one process (tests) keep theirs apart: messages sent and
 * failed per channel, 429 answers, the outbox's depth and its oldest due row, the meetings whose reminders are not
 * yet written to it,
 * the scheduled jobs' durations, and Node's process figures.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export interface OutboxFigures {
  /** Rows waiting (pending or being sent). */
  depth: number;
  /** Age in seconds of the oldest row that is due and not sent, 0 with none (meetings' rows not yet written too). */
  oldestDueSeconds: number;
  /** Meetings whose members' reminders are decided but not yet written as rows (db/fanouts.ts). */
  unwrittenMeetings: number;
  /** Seconds since the last message was sent (null: none lately). */
  lastSentSeconds: number | null;
}

export interface Metrics {
  registry: Registry;
  sent(channel: string): void;
  failed(channel: string): void;
  rateLimited(channel: string): void;
  /** Times a job: call at its start, call the result at its end. */
  jobTimer(job: string): () => void;
}

export function createMetrics(outbox: () => Promise<OutboxFigures>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "chibo_" });
  const sent = new Counter({
    name: "chibo_messages_sent_total",
    help: "Messages the platforms accepted, per channel.",
    labelNames: ["channel"],
    registers: [registry],
  });
  const failed = new Counter({
    name: "chibo_messages_failed_total",
    help: "Messages given up (refused, unreachable, or out of attempts), per channel.",
    labelNames: ["channel"],
    registers: [registry],
  });
  const limited = new Counter({
    name: "chibo_rate_limited_total",
    help: "429 answers (too many requests) from the platforms, per channel.",
    labelNames: ["channel"],
    registers: [registry],
  });
  const jobs = new Histogram({
    name: "chibo_job_duration_seconds",
    help: "How long each scheduled job took.",
    labelNames: ["job"],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });
  // The outbox is read when Prometheus scrapes, once for both gauges.
  let reading: Promise<OutboxFigures> | null = null;
  const read = () => (reading ??= outbox().finally(() => setImmediate(() => (reading = null))));
  new Gauge({
    name: "chibo_outbox_depth",
    help: "Messages waiting in the outbox (pending or being sent).",
    registers: [registry],
    async collect() {
      this.set((await read()).depth);
    },
  });
  new Gauge({
    name: "chibo_outbox_oldest_due_seconds",
    help: "Age of the oldest message that is due and not yet sent (0 with none).",
    registers: [registry],
    async collect() {
      this.set((await read()).oldestDueSeconds);
    },
  });
  new Gauge({
    name: "chibo_outbox_unwritten_meetings",
    help: "Meetings whose members' reminders are decided but not yet written to the outbox (written as it drains).",
    registers: [registry],
    async collect() {
      this.set((await read()).unwrittenMeetings);
    },
  });
  return {
    registry,
    sent: (channel) => sent.inc({ channel }),
    failed: (channel) => failed.inc({ channel }),
    rateLimited: (channel) => limited.inc({ channel }),
    jobTimer: (job) => jobs.startTimer({ job }),
  };
}

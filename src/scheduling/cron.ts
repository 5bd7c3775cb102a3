/** The only module that touches node-cron: runs the jobs on their schedules and stops them on shutdown. */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logging/logger.ts";

export interface CronJob {
  name: string;
  /** Cron expression in the configured time zone. */
  schedule: string;
  run(): Promise<unknown>;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(
  jobs: CronJob[],
  opts: {
    timeZone: string;
    logger: Logger;
    /** Times each run (metrics): called at its start, the result at its end. */ time?: (job: string) => () => void;
  },
): Scheduler {
  const running = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        const done = opts.time?.(job.name) ?? (() => {});
        const p = job
          .run()
          .finally(done)
          .then(
            (result) => opts.logger.debug({ job: job.name, result }, "job done"),
            (err: unknown) => opts.logger.error({ job: job.name, err }, "job failed"),
          );
        running.add(p);
        await p;
        running.delete(p);
      },
      { timezone: opts.timeZone, name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(running);
    },
  };
}

/**
 * When the scheduled work runs (cron expressions in the configured time zone).
 * What each job does lives in src/services/scheduled.
 */
import type { CronJob } from "../scheduling/cron.ts";
import type { ScheduledWork } from "../services/scheduled/index.ts";

export function cronTable(work: ScheduledWork & { refreshCommitteeOverviews: () => Promise<number> }): CronJob[] {
  return [
    { name: "plan-reminders", schedule: "* * * * *", run: work.planReminders },
    { name: "generate-meetings", schedule: "5 0 * * *", run: work.generateMeetings },
    { name: "thematic-warning", schedule: "0 8 * * 1", run: work.warnMissingThematic },
    { name: "cleanup", schedule: "17 3 * * *", run: work.cleanup },
    // Fee reminders are checked every 15 minutes; each step goes out once (idempotency keys).
    { name: "fee-reminders", schedule: "*/15 * * * *", run: work.planFeeReminders },
    { name: "review-reminders", schedule: "5 8 * * *", run: work.planReviewReminders },
    // Party development clocks count whole days: once each morning.
    { name: "development-reminders", schedule: "10 8 * * *", run: work.planDevelopmentReminders },
    // Survey nudges are checked every 15 minutes; each step goes out once per member (idempotency keys).
    { name: "survey-reminders", schedule: "*/15 * * * *", run: work.planSurveyReminders },
    // Roles change through the command line (another process) too: menus follow within two minutes.
    { name: "command-menus", schedule: "*/2 * * * *", run: work.syncCommandMenus },
    // The committee's overview snapshots that visitors opened are recomputed before they grow old.
    { name: "committee-overview", schedule: "*/5 * * * *", run: work.refreshCommitteeOverviews },
  ];
}

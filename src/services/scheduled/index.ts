/**
 * The work the scheduler runs, bound to the database, outbox and clock: each
 * returns what it did so the scheduler can log it. src/jobs/schedule.ts says
 * when each runs.
 */
import type { LeadTime, QuietHours } from "../../domain/reminders.ts";
import type { Logger } from "../../logging/logger.ts";
import type { ServiceDeps } from "../deps.ts";
import { cleanupOldRows, type RetentionSettings } from "./cleanup.ts";
import { syncCommandMenus } from "./command-menus.ts";
import { planDevelopmentReminders } from "./development-reminders.ts";
import { planFeeReminders } from "./fee-reminders.ts";
import { generateScheduledMeetings } from "./generate-meetings.ts";
import { planReminders, writeWaitingReminders } from "./plan-reminders.ts";
import { planReviewReminders } from "./review-reminders.ts";
import { planSurveyReminders } from "./survey-reminders.ts";
import { warnMissingThematic } from "./thematic-warning.ts";

export interface ScheduledSettings {
  quietHours: QuietHours | null;
  leadTimes: LeadTime[];
  /** The nudge to members who have not answered, or null for none. */
  nudge: LeadTime | null;
  /** Survey nudges: days before the deadline at a local time. */
  surveyReminders: LeadTime[];
  monthsAhead: number;
  feeCollectionDay: number;
  feeOverdueDays: number;
  feeReminderTime: string;
  retention: RetentionSettings;
}

export function scheduledWork(deps: ServiceDeps, s: ScheduledSettings, logger: Logger) {
  const { db, outbox, clock } = deps;
  const timeZone = deps.settings.timeZone;
  /** When the last reminder planning that finished began (its meetings are not all looked at again). */
  let previousRun: Date | null = null;
  return {
    async planReminders() {
      const began = clock();
      const planned = await planReminders({
        db,
        outbox,
        clock,
        timeZone,
        quietHours: s.quietHours,
        leadTimes: s.leadTimes,
        nudge: s.nudge,
        nudgeEnabled: s.nudge !== null,
        previousRun,
      });
      previousRun = began;
      return planned;
    },
    /** The dispatcher's top-up: the members' rows of meetings planning left waiting (plan-reminders.ts). */
    writeWaitingReminders: (meetings: number) =>
      writeWaitingReminders(
        { db, clock, timeZone, leadTimes: s.leadTimes, nudge: s.nudge, nudgeEnabled: s.nudge !== null },
        meetings,
      ),
    generateMeetings: () => generateScheduledMeetings({ db, clock, timeZone, monthsAhead: s.monthsAhead, logger }),
    warnMissingThematic: () => warnMissingThematic({ db, outbox, clock, timeZone }),
    planFeeReminders: () =>
      planFeeReminders({
        db,
        outbox,
        clock,
        timeZone,
        quietHours: s.quietHours,
        collectionDay: s.feeCollectionDay,
        overdueDays: s.feeOverdueDays,
        time: s.feeReminderTime,
      }),
    planReviewReminders: () => planReviewReminders({ db, outbox, clock, timeZone }),
    planSurveyReminders: () =>
      planSurveyReminders({ db, outbox, clock, timeZone, quietHours: s.quietHours, steps: s.surveyReminders }),
    planDevelopmentReminders: () => planDevelopmentReminders(deps),
    syncCommandMenus: () => syncCommandMenus({ db, outbox }),
    cleanup: () => cleanupOldRows({ db, clock, retention: s.retention }),
  };
}

export type ScheduledWork = ReturnType<typeof scheduledWork>;

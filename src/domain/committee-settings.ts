/**
 * The committee's own settings, per organisation (đảng bộ): time limits of Party
 * development, what makes a meeting up to standard, the target of the committee
 * members in charge, the organisation rating. Each default is the rule as read in
 * docs (domain-committee.md); the ones marked UNCONFIRMED there are here so that a
 * committee that reads its own guidance can change them. A key a committee never
 * set takes its default.
 */
import { z } from "zod";

const wd = (def: number) => z.number().int().min(1).max(365).default(def);

export const committeeSettingsSchema = z.object({
  /** QĐ 232 §4.3.1: the committee decides admission within 60 working days of the branch's resolution. */
  admissionDecisionWorkingDays: wd(60),
  /** The extension in special cases (UNCONFIRMED in QĐ 232). */
  admissionExtensionWorkingDays: z.number().int().min(0).max(365).default(30),
  /** QĐ 232 §4.1: the ceremony within 30 working days of the branch receiving the decision. */
  ceremonyWorkingDays: wd(30),
  /** Reminder to write the self-review and the helper's comments, days before probation ends ("about a month"). */
  probationReviewLeadDays: z.number().int().min(1).max(120).default(30),
  /** QĐ 24 §4.2.1: the branch considers official status within 30 working days of the end of probation. */
  officialResolutionWorkingDays: wd(30),
  /** QĐ 29 §4.3.1: the committee decides official status within 30 working days of the branch's resolution. */
  officialDecisionWorkingDays: wd(30),
  /** Validity of the awareness class certificate, months (UNCONFIRMED: 60). */
  certificateValidityMonths: z.number().int().min(1).max(240).default(60),
  /** Warn the secretary and the helper when a clock has this many working days left. */
  clockWarningWorkingDays: z.number().int().min(0).max(60).default(5),
  /** HD 12-2018: a meeting is up to standard with attendance above this share. */
  meetingAttendanceAbove: z.number().min(0).max(1).default(0.85),
  /** HD 12-2018: and lasting at least this many minutes. */
  meetingMinMinutes: z.number().int().min(1).max(600).default(90),
  /** HD 12-2018: and no member absent with reason more than this many times in a row in the year. */
  meetingMaxConsecutiveExcused: z.number().int().min(1).max(12).default(3),
  /** HD 12-2018 asks that "many members speak" with no number: this many speakers at least (UNCONFIRMED). */
  meetingMinSpeakers: z.number().int().min(0).max(100).default(2),
  /** Meetings a committee member in charge attends in a year (UNCONFIRMED; Kon Tum QĐ 776: 6). */
  liaisonYearlyMeetings: z.number().int().min(0).max(24).default(6),
  /** QĐ 366 score bands for an organisation. */
  ratingExcellentFrom: z.number().min(0).max(100).default(90),
  ratingGoodFrom: z.number().min(0).max(100).default(70),
  ratingDoneFrom: z.number().min(0).max(100).default(50),
  /** Share of branches rated xuất sắc, against those rated tốt (UNCONFIRMED for organisations: 20%). */
  ratingExcellentQuota: z.number().min(0).max(1).default(0.2),
});

export type CommitteeSettings = z.infer<typeof committeeSettingsSchema>;
export type CommitteeSettingKey = keyof CommitteeSettings;

export const COMMITTEE_SETTING_KEYS = Object.keys(committeeSettingsSchema.shape) as CommitteeSettingKey[];

export const DEFAULT_COMMITTEE_SETTINGS: CommitteeSettings = committeeSettingsSchema.parse({});

export function isCommitteeSettingKey(key: string): key is CommitteeSettingKey {
  return (COMMITTEE_SETTING_KEYS as string[]).includes(key);
}

/** The settings from stored rows; a row that no longer parses (an old release's) falls back to its default. */
export function committeeSettingsFrom(rows: { key: string; value: string }[]): CommitteeSettings {
  const picked: Record<string, unknown> = {};
  for (const row of rows) {
    if (!isCommitteeSettingKey(row.key)) continue;
    try {
      const value: unknown = JSON.parse(row.value);
      if (committeeSettingsSchema.shape[row.key].safeParse(value).success) picked[row.key] = value;
    } catch {
      // Unreadable: the default stands.
    }
  }
  return committeeSettingsSchema.parse(picked);
}

/** A value typed by a person ("0,85", "60", "85%") for a key, or null when it is not acceptable. */
export function parseCommitteeSetting(key: CommitteeSettingKey, text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  const percent = trimmed.endsWith("%");
  const n = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === "" || !Number.isFinite(n)) return null;
  const value = percent ? n / 100 : n;
  return committeeSettingsSchema.shape[key].safeParse(value).success ? value : null;
}

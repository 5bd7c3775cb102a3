/**
 * A party organisation's yearly level (QĐ 366-QĐ/TW, Điều 11, for collectives):
 * a score out of 100 and conditions. Xuất sắc needs ≥ 90, every task done and at
 * least 30% exceeded, and no subordinate unit or member of the leadership
 * disciplined; tốt needs ≥ 70 and every task done; hoàn thành needs ≥ 50 (and at
 * most 20% of tasks late); below that, không hoàn thành. The bands come from the
 * committee's settings; the conditions are what the branch states and the
 * committee checks.
 */
import type { CommitteeSettings } from "./committee-settings.ts";
import type { Level } from "./rating.ts";

export interface RatingConditions {
  /** Every assigned task done on time, with quality. */
  allTasksDone: boolean;
  /** At least 30% of the tasks exceeded the requirement. */
  exceeded30: boolean;
  /** A subordinate unit or a member of the leadership was disciplined in the year. */
  disciplined: boolean;
  /** Tasks not on schedule are at most 20%. */
  lateAtMost20: boolean;
}

export const NO_CONDITIONS: RatingConditions = {
  allTasksDone: false,
  exceeded30: false,
  disciplined: false,
  lateAtMost20: false,
};

/** The highest level the score and the conditions allow. */
export function organisationLevel(score: number, c: RatingConditions, s: CommitteeSettings): Level {
  if (score >= s.ratingExcellentFrom && c.allTasksDone && c.exceeded30 && !c.disciplined) return "xuat_sac";
  if (score >= s.ratingGoodFrom && c.allTasksDone) return "tot";
  if (score >= s.ratingDoneFrom && (c.allTasksDone || c.lateAtMost20)) return "hoan_thanh";
  return "khong_hoan_thanh";
}

const ORDER: Level[] = ["khong_hoan_thanh", "hoan_thanh", "tot", "xuat_sac"];

/** A level may be decided at or below what the score and conditions allow, never above. */
export function levelAllowed(level: Level, highest: Level): boolean {
  return ORDER.indexOf(level) <= ORDER.indexOf(highest);
}

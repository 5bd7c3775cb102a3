/**
 * Yearly rating of party members (QĐ 366-QĐ/TW, HD 43-HD/BTCTW): the 100-point
 * score (30 general + 70 task results, split into sub-points set by the higher
 * committee), the levels a member may propose, and the quota on "xuất sắc".
 * The bot drafts and collects; the branch and the committee decide.
 */

export const LEVELS = ["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(v: unknown): v is Level {
  return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

export const LEVEL_LABELS: Record<Level, string> = {
  xuat_sac: "Hoàn thành xuất sắc nhiệm vụ",
  tot: "Hoàn thành tốt nhiệm vụ",
  hoan_thanh: "Hoàn thành nhiệm vụ",
  khong_hoan_thanh: "Không hoàn thành nhiệm vụ",
};

/** Any of these makes "Không hoàn thành nhiệm vụ" the only possible level. */
export interface Triggers {
  /** A concluded finding of decline (suy thoái, "tự diễn biến", "tự chuyển hóa"). */
  decline: boolean;
  /** Discipline at reprimand level or above in the year. */
  discipline: boolean;
  /** A breach of what members must not do, harming reputation. */
  breach: boolean;
  /** More than 50% of the year's tasks not done. */
  tasksUndone: boolean;
}

export interface ScoreSplit {
  /** Sub-points of the 30 general points, e.g. { "Chính trị tư tưởng": 10, … }. */
  general: Record<string, number>;
  /** Sub-points of the 70 task points. */
  tasks: Record<string, number>;
}

export const DEFAULT_SPLIT: ScoreSplit = {
  general: { "Chính trị tư tưởng": 10, "Đạo đức, lối sống": 10, "Ý thức tổ chức kỷ luật, đoàn kết": 10 },
  tasks: { "Thực hiện nhiệm vụ được giao": 50, "Thực hiện cam kết tu dưỡng, rèn luyện": 20 },
};

export class ScoreSplitError extends Error {
  override readonly name = "ScoreSplitError";
}

/** The sub-points must add up to exactly 30 and 70. */
export function checkSplit(split: ScoreSplit): ScoreSplit {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);
  if (Object.values({ ...split.general, ...split.tasks }).some((v) => !Number.isInteger(v) || v <= 0))
    throw new ScoreSplitError("Mỗi tiêu chí phải có số điểm nguyên dương.");
  if (sum(split.general) !== 30)
    throw new ScoreSplitError(`Các tiêu chí chung phải cộng lại 30 điểm (đang là ${sum(split.general)}).`);
  if (sum(split.tasks) !== 70)
    throw new ScoreSplitError(`Các tiêu chí về kết quả nhiệm vụ phải cộng lại 70 điểm (đang là ${sum(split.tasks)}).`);
  return split;
}

/** The level the score alone reaches: ≥ 90, 70–<90, 50–<70, < 50. */
export function levelForScore(total: number): Level {
  if (total >= 90) return "xuat_sac";
  if (total >= 70) return "tot";
  if (total >= 50) return "hoan_thanh";
  return "khong_hoan_thanh";
}

/**
 * Levels a member may propose: the one the score reaches and any lower one,
 * but "xuất sắc" also needs ≥ 30% of tasks done beyond requirement and last
 * year's shortcomings fixed; any trigger leaves only "không hoàn thành".
 */
export function allowedLevels(
  total: number,
  triggers: Triggers,
  excellence: { beyondRequirement: boolean; shortcomingsFixed: boolean },
): Level[] {
  if (Object.values(triggers).some(Boolean)) return ["khong_hoan_thanh"];
  const reached = LEVELS.indexOf(levelForScore(total));
  let allowed: Level[] = LEVELS.slice(reached);
  if (allowed[0] === "xuat_sac" && !(excellence.beyondRequirement && excellence.shortcomingsFixed))
    allowed = allowed.slice(1);
  // "Không hoàn thành" is proposed only when the score or a trigger says so.
  return allowed.length > 1 ? allowed.filter((l) => l !== "khong_hoan_thanh") : allowed;
}

export interface LevelCounts {
  xuat_sac: number;
  tot: number;
  hoan_thanh: number;
  khong_hoan_thanh: number;
}

export function countLevels(levels: Level[]): LevelCounts {
  const counts: LevelCounts = { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0 };
  for (const l of levels) counts[l]++;
  return counts;
}

/**
 * Quota: members rated "xuất sắc" may not exceed `share` (20%, or 25% for
 * outstanding units) of those rated "hoàn thành tốt". Returns the maximum and
 * whether the counts break it.
 */
export function quotaCheck(counts: LevelCounts, share = 0.2): { max: number; ok: boolean } {
  const max = Math.floor(counts.tot * share + 1e-9);
  return { max, ok: counts.xuat_sac <= max };
}

/** % rated "hoàn thành tốt nhiệm vụ trở lên" (good or above). */
export function goodOrAboveShare(counts: LevelCounts): number {
  const total = counts.xuat_sac + counts.tot + counts.hoan_thanh + counts.khong_hoan_thanh;
  return total === 0 ? 0 : (counts.xuat_sac + counts.tot) / total;
}

/** A meeting up to standard by HD 12-2018, each criterion failing on its own. */
import { describe, expect, test } from "vitest";
import { DEFAULT_COMMITTEE_SETTINGS as s } from "../../src/domain/committee-settings.ts";
import {
  excusedStreaks,
  meetingQuality,
  type MeetingRecordFacts,
  type Outcome,
} from "../../src/domain/meeting-quality.ts";

const at = (hhmm: string) => new Date(`2026-11-19T${hhmm}:00+07:00`);
const outcomes = (present: number, excused = 0, unexcused = 0) => {
  const m = new Map<number, Outcome>();
  let id = 1;
  for (let i = 0; i < present; i++) m.set(id++, "present");
  for (let i = 0; i < excused; i++) m.set(id++, "excused");
  for (let i = 0; i < unexcused; i++) m.set(id++, "unexcused");
  return m;
};
const good: MeetingRecordFacts = {
  startedAt: at("19:30"),
  endedAt: at("21:00"),
  chairName: "Bí thư",
  minutesBy: "Thư ký",
  content: "Diễn biến",
  resolution: "Nghị quyết",
  speakers: ["A", "B"],
  prepared: true,
  outcomes: outcomes(7, 1),
  excusedStreaks: new Map(),
};
const failing = (f: MeetingRecordFacts) =>
  meetingQuality(f, s)
    .criteria.filter((c) => !c.ok)
    .map((c) => c.id);

describe("meeting quality", () => {
  test("90 minutes, 7 of 8 present with leave, two speakers, a resolution: up to standard", () => {
    const q = meetingQuality(good, s);
    expect(q).toMatchObject({ judged: true, upToStandard: true, expected: 8, present: 7, minutes: 90 });
  });
  test("each criterion on its own", () => {
    expect(failing({ ...good, endedAt: at("20:59") })).toEqual(["duration"]);
    // 6 of 7 is 85.7%: above 85%. 17 of 20 is exactly 85%: not above.
    expect(failing({ ...good, outcomes: outcomes(6, 1) })).toEqual([]);
    expect(failing({ ...good, outcomes: outcomes(17, 3) })).toEqual(["attendance"]);
    expect(failing({ ...good, outcomes: outcomes(9, 0, 1) })).toEqual(["no_unexcused"]);
    expect(failing({ ...good, resolution: "  " })).toEqual(["resolution"]);
    expect(failing({ ...good, speakers: ["A"] })).toEqual(["speakers"]);
    expect(failing({ ...good, minutesBy: null })).toEqual(["minutes"]);
    expect(failing({ ...good, prepared: false })).toEqual(["prepared"]);
    expect(failing({ ...good, excusedStreaks: new Map([[8, 4]]) })).toEqual(["excused_streak"]);
  });
  test("without attendance or times it is not judged", () => {
    expect(meetingQuality({ ...good, outcomes: null }, s)).toMatchObject({ judged: false, upToStandard: false });
    expect(meetingQuality({ ...good, endedAt: null }, s)).toMatchObject({ judged: false, upToStandard: false });
  });
  test("a committee's own thresholds", () => {
    expect(failing({ ...good, endedAt: at("20:30") })).toEqual(["duration"]);
    expect(meetingQuality({ ...good, endedAt: at("20:30") }, { ...s, meetingMinMinutes: 60 }).upToStandard).toBe(true);
  });
  test("absences with reason in a row, broken by a meeting attended", () => {
    const e = (o: Outcome) => new Map<number, Outcome>([[1, o]]);
    expect(excusedStreaks([e("excused"), e("excused"), e("excused"), e("excused")]).get(1)).toBe(4);
    expect(excusedStreaks([e("excused"), e("excused"), e("present"), e("excused")]).get(1)).toBe(1);
    // Not expected at the last meeting: no streak counted for it.
    expect(excusedStreaks([e("excused"), new Map([[2, "present"]])]).has(1)).toBe(false);
  });
});

import { describe, expect, test } from "vitest";
import { occurrencesBetween, parseScheduleRule, ScheduleRuleError } from "../../src/domain/schedule.ts";
import { describeRule } from "../../src/texts/meetings.ts";
import { formatDateTime } from "../../src/domain/time.ts";

const TZ = "Asia/Ho_Chi_Minh";

describe("parseScheduleRule", () => {
  test.each([
    ["ngày 3", "FREQ=MONTHLY;BYMONTHDAY=3"],
    ["3", "FREQ=MONTHLY;BYMONTHDAY=3"],
    ["thứ ba đầu tiên", "FREQ=MONTHLY;BYDAY=+1TU"],
    ["thu 6 cuoi cung", "FREQ=MONTHLY;BYDAY=-1FR"],
    ["Chủ nhật thứ hai của tháng", "FREQ=MONTHLY;BYDAY=+2SU"],
    ["FREQ=MONTHLY;BYMONTHDAY=5", "FREQ=MONTHLY;BYMONTHDAY=5"],
  ])("%s", (input, rule) => {
    expect(parseScheduleRule(input)).toBe(rule);
  });

  test.each(["ngày 31", "hằng tuần", "FREQ=WEEKLY;BYDAY=MO", "FREQ=NONSENSE"])("rejects %s", (input) => {
    expect(() => parseScheduleRule(input)).toThrow(ScheduleRuleError);
  });

  test("describes rules in Vietnamese", () => {
    expect(describeRule("FREQ=MONTHLY;BYMONTHDAY=3")).toBe("ngày 3 hằng tháng");
    expect(describeRule("FREQ=MONTHLY;BYDAY=+1TU")).toBe("thứ Ba đầu tiên của tháng");
  });
});

describe("occurrencesBetween", () => {
  test("day 3 at 19:30, local time, for three months", () => {
    const occ = occurrencesBetween(
      "FREQ=MONTHLY;BYMONTHDAY=3",
      "19:30",
      new Date("2026-11-22T00:00:00Z"),
      new Date("2027-02-10T00:00:00Z"),
      TZ,
    );
    expect(occ.map((o) => formatDateTime(o.startsAt, TZ))).toEqual([
      "19:30 Thứ Năm, 03/12/2026",
      "19:30 Chủ nhật, 03/01/2027",
      "19:30 Thứ Tư, 03/02/2027",
    ]);
    expect(occ.map((o) => o.monthKey)).toEqual(["2026-12", "2027-01", "2027-02"]);
  });

  test("first Tuesday, including the current month when still ahead", () => {
    const occ = occurrencesBetween(
      "FREQ=MONTHLY;BYDAY=+1TU",
      "07:00",
      new Date("2026-12-01T00:00:00Z"),
      new Date("2027-01-31T00:00:00Z"),
      TZ,
    );
    // 01/12/2026 is a Tuesday; 07:00 local = 00:00Z, exactly `from`.
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual(["2026-12-01T00:00:00.000Z", "2027-01-05T00:00:00.000Z"]);
  });

  test("a meeting just after local midnight stays on its local day", () => {
    const occ = occurrencesBetween(
      "FREQ=MONTHLY;BYMONTHDAY=1",
      "00:15",
      new Date("2026-12-15T00:00:00Z"),
      new Date("2027-01-15T00:00:00Z"),
      TZ,
    );
    expect(occ.map((o) => o.startsAt.toISOString())).toEqual(["2026-12-31T17:15:00.000Z"]);
  });
});

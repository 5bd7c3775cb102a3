import { describe, expect, test } from "vitest";
import { parseDateTimeInput } from "../../src/domain/datetime-input.ts";

const TZ = "Asia/Ho_Chi_Minh";
// Sunday 22/11/2026 10:00 local.
const now = new Date("2026-11-22T03:00:00Z");
const iso = (input: string) => {
  const r = parseDateTimeInput(input, now, TZ);
  return r.ok ? r.instant.toISOString() : r.error;
};

describe("parseDateTimeInput", () => {
  test.each([
    ["03/12/2026 19:30", "2026-12-03T12:30:00.000Z"],
    ["3/12/2026 19h30", "2026-12-03T12:30:00.000Z"],
    ["19h30 3/12", "2026-12-03T12:30:00.000Z"],
    ["19:30 03/12/2026", "2026-12-03T12:30:00.000Z"],
    ["3-12-2026 19h", "2026-12-03T12:00:00.000Z"],
    ["ngày 3/12 lúc 19 giờ 30", "2026-12-03T12:30:00.000Z"],
    ["Ngày 3/12/26 lúc 7h", "2026-12-03T00:00:00.000Z"],
    ["thứ năm 3/12 19h30", "2026-12-03T12:30:00.000Z"],
    ["8h 22/11", "2027-11-22T01:00:00.000Z"], // today 08:00 has passed: next year
    ["11h 22/11", "2026-11-22T04:00:00.000Z"],
  ])("%s", (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  test.each([
    ["tối mai", "format"],
    ["3/12/2026", "format"],
    ["19:30", "format"],
    ["31/11/2026 19:30", "invalid_date"],
    ["29/2/2027 19:30", "invalid_date"],
    ["3/12/2026 25:00", "invalid_time"],
    ["3/12/2026 19:75", "invalid_time"],
    ["20/11/2026 19:30", "past"],
    ["3/12/2028 19:30", "too_far"],
    ["3/12/2026 19:30 abc", "format"],
  ])("rejects %s as %s", (input, error) => {
    expect(iso(input)).toBe(error);
  });

  test("does not depend on the machine's zone", () => {
    expect(process.env.TZ).toBe("America/New_York");
    expect(iso("1/3/2027 00:30")).toBe("2027-02-28T17:30:00.000Z");
  });
});

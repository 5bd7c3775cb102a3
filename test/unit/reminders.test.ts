import { describe, expect, test } from "vitest";
import {
  chooseDueStep,
  inQuietHours,
  outsideQuietHours,
  parseLeadTimes,
  parseQuietHours,
  reminderDueAt,
  LeadTimeError,
} from "../../src/domain/reminders.ts";

const TZ = "Asia/Ho_Chi_Minh";
const meeting = new Date("2026-12-03T12:30:00Z"); // 19:30 local, 03/12

describe("lead times", () => {
  test("parses and orders steps", () => {
    expect(parseLeadTimes("0d@07:00, 3d@8:00").map((l) => l.step)).toEqual(["3d@08:00", "0d@07:00"]);
  });
  test.each(["", "3d", "3d@25:00", "x@08:00", "3h@08:00"])("rejects %j", (spec) => {
    expect(() => parseLeadTimes(spec)).toThrow(LeadTimeError);
  });
  test("three days before at 08:00 local", () => {
    const [lead] = parseLeadTimes("3d@08:00");
    expect(reminderDueAt(meeting, lead!, TZ)?.toISOString()).toBe("2026-11-30T01:00:00.000Z");
  });
  test("the morning of the meeting", () => {
    const [lead] = parseLeadTimes("0d@07:00");
    expect(reminderDueAt(meeting, lead!, TZ)?.toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });
  test("a step at or after the meeting's start is dropped", () => {
    const [lead] = parseLeadTimes("0d@07:00");
    expect(reminderDueAt(new Date("2026-12-03T00:00:00Z"), lead!, TZ)).toBeNull();
  });
  test("crossing a month boundary", () => {
    const [lead] = parseLeadTimes("3d@08:00");
    expect(reminderDueAt(new Date("2027-03-01T12:30:00Z"), lead!, TZ)?.toISOString()).toBe("2027-02-26T01:00:00.000Z");
  });
});

describe("quiet hours 21:00–07:00", () => {
  const quiet = parseQuietHours("21:00-07:00");
  test.each([
    ["2026-12-01T13:59:00Z", false], // 20:59
    ["2026-12-01T14:00:00Z", true], // 21:00
    ["2026-12-01T19:00:00Z", true], // 02:00
    ["2026-12-01T23:59:00Z", true], // 06:59
    ["2026-12-02T00:00:00Z", false], // 07:00
  ])("%s quiet=%s", (at, expected) => {
    expect(inQuietHours(new Date(at), quiet, TZ)).toBe(expected);
  });
  test("a message due at 22:00 waits until 07:00 the next day", () => {
    expect(outsideQuietHours(new Date("2026-12-01T15:00:00Z"), quiet, TZ).toISOString()).toBe(
      "2026-12-02T00:00:00.000Z",
    );
  });
  test("a message due at 05:00 waits until 07:00 the same day", () => {
    expect(outsideQuietHours(new Date("2026-12-01T22:00:00Z"), quiet, TZ).toISOString()).toBe(
      "2026-12-02T00:00:00.000Z",
    );
  });
  test("outside quiet hours nothing moves", () => {
    const at = new Date("2026-12-01T05:00:00Z");
    expect(outsideQuietHours(at, quiet, TZ)).toBe(at);
  });
  test("off", () => {
    expect(parseQuietHours("off")).toBeNull();
    expect(inQuietHours(new Date("2026-12-01T19:00:00Z"), null, TZ)).toBe(false);
  });
  test("a daytime window", () => {
    const noon = parseQuietHours("11:30-13:30");
    expect(inQuietHours(new Date("2026-12-01T05:00:00Z"), noon, TZ)).toBe(true); // 12:00
    expect(inQuietHours(new Date("2026-12-01T07:00:00Z"), noon, TZ)).toBe(false); // 14:00
  });
});

describe("which overdue reminder to send", () => {
  const at = (iso: string) => ({ at: new Date(iso), name: iso });
  test("none due before the meeting got its time; of the rest only the latest", () => {
    const r = chooseDueStep(
      [at("2026-11-30T01:00:00Z"), at("2026-12-03T00:00:00Z"), at("2026-12-02T11:00:00Z")],
      new Date("2026-12-01T00:00:00Z"),
    );
    expect(r.send?.name).toBe("2026-12-03T00:00:00Z");
    expect(r.skip.map((s) => [s.step.name, s.why])).toEqual([
      ["2026-11-30T01:00:00Z", "before_scheduled"],
      ["2026-12-02T11:00:00Z", "superseded"],
    ]);
    expect(chooseDueStep([at("2026-11-30T01:00:00Z")], new Date("2026-12-01T00:00:00Z")).send).toBeNull();
    expect(chooseDueStep([], new Date()).send).toBeNull();
  });
});

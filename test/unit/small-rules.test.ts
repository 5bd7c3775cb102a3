import { describe, expect, test } from "vitest";
import { normalisePhone } from "../../src/domain/phone.ts";
import { fold, formatMoney, formatPercent } from "../../src/domain/text.ts";
import { isExemptAt, summariseAttendance, type AttendanceRow } from "../../src/domain/attendance.ts";
import { splitText } from "../../src/messaging/split-text.ts";
import { HELD_UNTIL, splitItem } from "../../src/delivery/outbox.ts";
import { createBotCore } from "../../src/bot/core.ts";
import { allFeatures } from "../../src/bot/features/index.ts";
import { decodeButton, button } from "../../src/bot/buttons.ts";
import { hashInviteCode, looksLikeInviteCode, generateInviteCode } from "../../src/services/linking.ts";

describe("phone numbers", () => {
  test.each([
    ["0912345678", "0912345678"],
    ["0912 345 678", "0912345678"],
    ["+84912345678", "0912345678"],
    ["84912345678", "0912345678"],
    ["912345678", "0912345678"],
    ["091.234.5678", "0912345678"],
  ])("%s", (input, expected) => expect(normalisePhone(input)).toBe(expected));
  test.each(["", "12345", "09123456789", "abc", "+1 555 0100"])("rejects %j", (input) =>
    expect(normalisePhone(input)).toBeNull(),
  );
});

describe("text", () => {
  test("fold strips diacritics and đ", () => expect(fold("  Đảng  Viên CHÍNH thức ")).toBe("dang vien chinh thuc"));
  test("money", () => expect(formatMoney(15930)).toBe("15.930 đ"));
  test("percent", () => expect(formatPercent(6 / 7)).toBe("85,7%"));
  test("split at line boundaries", () => {
    const parts = splitText(["a".repeat(6), "b".repeat(6), "c".repeat(3)].join("\n"), 10);
    expect(parts).toEqual(["aaaaaa", "bbbbbb\nccc"]);
    expect(splitText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });
  test("split prefers paragraphs, then sentences, then words; never cuts an emoji in two", () => {
    expect(splitText("Một hai ba.\n\nBốn năm sáu bảy.", 20)).toEqual(["Một hai ba.", "Bốn năm sáu bảy."]);
    expect(splitText("Câu thứ nhất dài. Câu thứ hai dài hơn chút.", 25)).toEqual([
      "Câu thứ nhất dài.",
      "Câu thứ hai dài hơn chút.",
    ]);
    expect(splitText("một hai ba bốn năm sáu", 12)).toEqual(["một hai ba", "bốn năm sáu"]);
    const emoji = `${"x".repeat(9)}📣${"y".repeat(5)}`;
    const parts = splitText(emoji, 10);
    expect(parts.join("")).toBe(emoji);
    expect(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
  test("a long message becomes ordered parts with their own keys; the choices go with the last", () => {
    const text = Array.from({ length: 5 }, (_, i) => `Đoạn ${i}. ${"chữ ".repeat(150)}`).join("\n\n");
    const parts = splitItem({
      key: "ann:1:7",
      channel: "zalo",
      chatId: "c",
      priority: "bulk",
      kind: "announcement",
      message: { text, choices: [[{ data: "ack:1", label: "Đã nhận" }]] },
    });
    expect(parts.map((p) => p.key)).toEqual(["ann:1:7", "ann:1:7#2"]);
    expect(parts[0]!.message.choices).toBeUndefined();
    expect(parts[1]!.message.choices).toEqual([[{ data: "ack:1", label: "Đã nhận" }]]);
    expect(parts[0]!.notBefore).toBeUndefined();
    expect(parts[1]!.notBefore).toEqual(HELD_UNTIL);
    expect(parts.every((p) => p.message.text.length <= 2000)).toBe(true);
    expect(
      splitItem({ key: "k", channel: "telegram", chatId: "c", priority: "bulk", kind: "x", message: { text } }),
    ).toHaveLength(1);
  });
});

describe("invite codes", () => {
  test("8 unambiguous characters, hashed case-insensitively", () => {
    const code = generateInviteCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(looksLikeInviteCode(code.toLowerCase())).toBe(true);
    const key = Buffer.from("a secret of the installation");
    expect(hashInviteCode(code.toLowerCase(), key)).toBe(hashInviteCode(code, key));
    // Keyed: the same code under another installation's secret gives another hash.
    expect(hashInviteCode(code, Buffer.from("another secret"))).not.toBe(hashInviteCode(code, key));
    expect(looksLikeInviteCode("xin chao")).toBe(false);
  });
});

describe("exemption and attendance", () => {
  const at = new Date("2026-12-03T12:30:00Z");
  test("tạm miễn applies only within its period; miễn always", () => {
    expect(
      isExemptAt(
        { exemption: "temporary", exemptFrom: new Date("2026-06-01"), exemptUntil: new Date("2027-06-01") },
        at,
      ),
    ).toBe(true);
    expect(
      isExemptAt(
        { exemption: "temporary", exemptFrom: new Date("2026-06-01"), exemptUntil: new Date("2026-11-30") },
        at,
      ),
    ).toBe(false);
    expect(isExemptAt({ exemption: "full", exemptFrom: null, exemptUntil: null }, at)).toBe(true);
    expect(isExemptAt({ exemption: "none", exemptFrom: null, exemptUntil: null }, at)).toBe(false);
  });

  const row = (
    id: number,
    attendance: AttendanceRow["attendance"],
    answer: AttendanceRow["answer"] = null,
  ): AttendanceRow => ({ memberId: id, fullName: `M${id}`, attendance, answer, reason: null });

  test("absence with an accepted leave is not 'without reason'", () => {
    const s = summariseAttendance(
      [row(1, "present"), row(2, "absent", "leave_accepted"), row(3, "absent", "leave_refused"), row(4, "absent")],
      0.85,
    );
    expect(s.present).toBe(1);
    expect(s.absentWithReason.map((r) => r.memberId)).toEqual([2]);
    expect(s.absentWithoutReason.map((r) => r.memberId)).toEqual([3, 4]);
    expect(s.rate).toBe(0.25);
    expect(s.meetsThreshold).toBe(false);
  });

  test("the rate must be above the threshold, with nobody absent without reason", () => {
    const seven = [1, 2, 3, 4, 5, 6].map((i) => row(i, "present"));
    expect(summariseAttendance([...seven, row(7, "absent", "leave_accepted")], 0.85).meetsThreshold).toBe(true); // 85.7%
    expect(
      summariseAttendance([...seven.slice(0, 5), row(6, "absent", "leave_accepted"), row(7, "present")], 0.9)
        .meetsThreshold,
    ).toBe(false);
    expect(summariseAttendance([...seven, row(7, "absent")], 0.5).meetsThreshold).toBe(false);
  });
});

describe("Vietnamese name order", () => {
  test("by given name, then full name, with diacritics collated properly", async () => {
    const { sortByName } = await import("../../src/domain/text.ts");
    const names = ["Vũ Thị Em", "Đặng Văn Dũng", "Nguyễn Văn An", "Lê Văn An", "Trần Thị Bình", "Hoàng Văn Cường"];
    expect(sortByName(names.map((fullName) => ({ fullName }))).map((m) => m.fullName)).toEqual([
      "Lê Văn An",
      "Nguyễn Văn An",
      "Trần Thị Bình",
      "Hoàng Văn Cường",
      "Đặng Văn Dũng",
      "Vũ Thị Em",
    ]);
  });
});

describe("calendar year in the configured zone", () => {
  test("starts and ends at local midnight", async () => {
    const { yearRange } = await import("../../src/domain/time.ts");
    const { from, to } = yearRange(2026, "Asia/Ho_Chi_Minh");
    expect([from.toISOString(), to.toISOString()]).toEqual(["2025-12-31T17:00:00.000Z", "2026-12-31T17:00:00.000Z"]);
  });
});

describe("the bot core's registry", () => {
  const deps = {} as Parameters<typeof createBotCore>[0];
  const run = async () => undefined;
  test("two features claiming one command, button or dialog fail at start-up", () => {
    expect(() =>
      createBotCore(deps, [
        { commands: { lichhop: { access: "member", run } } },
        { commands: { lichhop: { access: "member", run } } },
      ]),
    ).toThrow('command "lichhop" is registered twice');
    expect(() => createBotCore(deps, [{ commands: { huy: { access: "anyone", run } } }])).toThrow(
      'command "huy" is registered twice',
    );
    expect(() =>
      createBotCore(deps, [
        { choices: { ack: { access: "member", run } } },
        { choices: { ack: { access: "member", run } } },
      ]),
    ).toThrow('button "ack" is registered twice');
    expect(() => createBotCore(deps, allFeatures)).not.toThrow();
  });
  test("button data is decoded by its schema", () => {
    expect(decodeButton("rsvp:yes:12")).toEqual({ prefix: "rsvp", args: ["yes", 12] });
    expect(decodeButton("feeok:report:abc-1")).toEqual({ prefix: "feeok", args: ["report", "abc-1"] });
    for (const bad of ["annr:1e309", "rsvp:yes", "rsvp:yes:1:2", "nope:1", "ack:01", "ack:1;DROP", ""])
      expect(decodeButton(bad), bad).toBeNull();
  });
  test("buttons carry readable names, built and read by one codec; former short names still work", () => {
    expect(button("ann-status", "7")).toBe("ann-status:7");
    expect(decodeButton(button("report", "audit"))).toEqual({ prefix: "report", args: ["audit"] });
    expect(() => button("review-form", "0")).toThrow("bad arguments");
    // Buttons already in members' chats before the rename.
    expect(decodeButton("anni:7")).toEqual({ prefix: "ann-status", args: [7] });
    expect(decodeButton("rep:members")).toEqual({ prefix: "report", args: ["members"] });
    expect(decodeButton("rvw:doc")).toEqual({ prefix: "my-review", args: ["doc"] });
  });
});

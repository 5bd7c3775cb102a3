/**
 * Meetings that move or are cancelled, reminders missed while the bot was down,
 * and what the platform answers: blocked users (403) and 429 retry_after.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { blocked, tooMany } from "../support/fault-proxy.ts";
import { cli } from "../support/cli.ts";

let h: Harness;
let sec: ChatUser, an: ChatUser, binh: ChatUser;

beforeEach(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z", env: { NUDGE_LEAD_TIME: "off" } });
  const { members } = await seedBranch(h.db, {
    code: "tdp1",
    members: [
      { fullName: "Bí Thư", role: "secretary" },
      { fullName: "Nguyễn An" },
      { fullName: "Trần Bình" },
      { fullName: "Lê Miễn", exemption: "full" },
    ],
  });
  await linkTelegram(h.db, members[0]!.id, 3001);
  await linkTelegram(h.db, members[1]!.id, 3002);
  await linkTelegram(h.db, members[2]!.id, 3003);
  await linkTelegram(h.db, members[3]!.id, 3004);
  sec = h.user(3001);
  an = h.user(3002);
  binh = h.user(3003);
});
afterEach(async () => h?.stop());

const deps = () => ({ db: h.db, clock: h.clock, outbox: h.app.outbox });

describe("a meeting that moves", () => {
  test("members are told, and reminders follow the new time only", async () => {
    const created = await cli(
      deps(),
      "meeting",
      "create",
      "--branch",
      "tdp1",
      "--at",
      "10/12/2026 19:30",
      "--place",
      "Nhà văn hoá",
    );
    expect(created.lines[0]).toContain("sẽ báo cho 3 đảng viên"); // the fully exempted member is left out
    for (const u of [sec, an, binh]) expect((await u.expectOne()).text).toContain("10/12/2026");
    expect(await h.user(3004).drain()).toEqual([]);

    h.clock.set("2026-12-07T01:01:00Z"); // 07/12 08:01: the 3-day reminder for 10/12
    await h.app.jobs.planReminders();
    expect((await an.expectOne()).text).toContain("19:30 Thứ Năm, 10/12/2026");
    await sec.expectOne();
    await binh.expectOne();

    await sec.say("/suahop");
    await sec.expectOne();
    await sec.press("10/12/2026");
    await sec.expectOne();
    await sec.press("Đổi ngày giờ");
    await sec.expectOne();
    await sec.say("12/12/2026 19:30");
    expect((await sec.expectOne()).text).toContain("19:30 Thứ Bảy, 12/12/2026");
    await sec.press("Xác nhận");
    const secTexts = (await sec.expect(2)).map((m) => m.text).join("\n");
    expect(secTexts).toContain("Đã cập nhật và báo cho 3 đảng viên");
    const changed = await an.expectOne();
    expect(changed.text).toContain("Lịch sinh hoạt đã thay đổi");
    // Old and new time, so nobody has to guess what moved.
    expect(changed.text).toContain("🕖 Thời gian: 19:30 Thứ Năm, 10/12/2026 → 19:30 Thứ Bảy, 12/12/2026");
    expect(changed.text).not.toContain("📍 Địa điểm:");
    await binh.expectOne();

    h.clock.set("2026-12-09T01:01:00Z"); // 3 days before the new date
    await h.app.jobs.planReminders();
    expect((await an.expectOne()).text).toContain("19:30 Thứ Bảy, 12/12/2026");
    await sec.expectOne();
    await binh.expectOne();

    h.clock.set("2026-12-10T00:01:00Z"); // the morning of the old date: nothing
    await h.app.jobs.planReminders();
    expect(await an.drain()).toEqual([]);
    const oldKeys = await h.db.outbox.count({
      where: { idempotencyKey: { contains: "2026-12-10T12:30:00.000Z" }, status: { in: ["pending", "sent"] } },
    });
    expect(oldKeys).toBe(3); // only the 3-day reminders sent before the change
  });

  test("a cancelled meeting: members are told, and its old buttons answer politely", async () => {
    await cli(deps(), "meeting", "create", "--branch", "tdp1", "--at", "12/12/2026 19:30", "--place", "Nhà văn hoá");
    for (const u of [sec, an, binh]) expect((await u.expectOne()).text).toContain("12/12/2026");
    await sec.say("/suahop");
    await sec.expectOne();
    await sec.press("12/12/2026");
    await sec.expectOne();
    await sec.press("Huỷ buổi họp");
    expect((await sec.expectOne()).text).toContain("Huỷ buổi sinh hoạt");
    await sec.press("Xác nhận");
    await sec.expect(2);
    expect((await an.expectOne()).text).toContain("đã được huỷ");
    await binh.expectOne();
    await an.press("Có mặt");
    expect((await an.expectOne()).text).toContain("Buổi sinh hoạt này đã được huỷ");
    h.clock.set("2026-12-12T00:01:00Z");
    await h.app.jobs.planReminders();
    expect(await an.drain()).toEqual([]);
  });
});

describe("downtime", () => {
  test("reminders due while the bot was down: sent if the meeting is ahead, skipped if it has begun", async () => {
    h.clock.set("2026-12-14T03:00:00Z"); // 14/12 10:00
    await cli(deps(), "meeting", "create", "--branch", "tdp1", "--at", "20/12/2026 19:30", "--place", "A");
    await cli(
      deps(),
      "meeting",
      "create",
      "--branch",
      "tdp1",
      "--kind",
      "thematic",
      "--at",
      "17/12/2026 08:30",
      "--place",
      "B",
    );
    for (const u of [sec, an, binh]) await u.expect(2);
    await h.app.stop();
    // Down from 14/12 10:00 until 17/12 09:00: the 3-day reminder of the 20/12 meeting
    // (17/12 08:00) and the morning reminder of the 17/12 meeting (07:00) fell due meanwhile.
    h.clock.set("2026-12-17T02:00:00Z");
    await h.restart();
    const got = await an.expect(1);
    expect(got[0]!.text).toContain("20/12/2026");
    expect(await an.drain()).toEqual([]);
    const skipped = await h.db.outbox.findMany({
      where: { status: "skipped", idempotencyKey: { startsWith: "meeting-reminder:" } },
    });
    const started = skipped.filter((r) => r.idempotencyKey.includes("2026-12-17T01:30:00.000Z"));
    // Both of its steps (14/12 08:00 was before it was even created) are recorded as skipped.
    expect(started.map((r) => r.idempotencyKey.split(":")[3]).sort()).toEqual([
      "0d@07",
      "0d@07",
      "0d@07",
      "3d@08",
      "3d@08",
      "3d@08",
    ]);
    await sec.expect(1);
    await binh.expect(1);
  });
});

describe("platform answers", () => {
  test("429 with retry_after: the message waits and then arrives once", async () => {
    let refused = 0;
    h.proxy.setRule((method, body) => {
      if (method === "sendMessage" && String(body.chat_id) === "3002" && refused === 0) {
        refused++;
        return tooMany(1);
      }
      return null;
    });
    await an.say("/trogiup");
    const started = Date.now();
    const help = await an.expectOne(5000);
    expect(help.text).toContain("/lichhop");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await an.drain()).toEqual([]);
    const row = await h.db.outbox.findFirstOrThrow({
      where: { chatId: "3002", kind: "reply" },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    h.proxy.setRule(() => null);
  });

  test("a member who blocked the bot is marked unreachable and the secretary is told", async () => {
    h.proxy.setRule((method, body) => (method === "sendMessage" && String(body.chat_id) === "3003" ? blocked : null));
    await cli(deps(), "meeting", "create", "--branch", "tdp1", "--at", "28/12/2026 19:30", "--place", "C");
    await an.expectOne();
    const notices = await sec.expect(2);
    expect(notices.map((m) => m.text).join("\n")).toContain(
      "Không gửi được tin nhắn tới đồng chí Trần Bình qua Telegram",
    );
    const account = await h.db.channelAccount.findFirstOrThrow({ where: { externalId: "3003" } });
    expect(account.unreachableAt).not.toBeNull();
    await sec.say("/tinhhinh");
    const statuses = (await sec.expect(1)).map((m) => m.text).join("\n");
    expect(statuses).toContain("Không gửi được tin (1): Trần Bình");
    // He writes to the bot again: reachable again.
    h.proxy.setRule(() => null);
    await binh.say("/lichhop");
    await binh.expect(1);
    expect((await h.db.channelAccount.findFirstOrThrow({ where: { externalId: "3003" } })).unreachableAt).toBeNull();
  });
});

describe("a channel that is not configured", () => {
  test(
    "a notice for a member last seen on Zalo goes to his Telegram when this " + "installation runs no Zalo bot",
    async () => {
      const an2 = await h.db.member.findFirstOrThrow({ where: { fullName: "Nguyễn An" } });
      await h.db.channelAccount.create({
        data: {
          channel: "zalo",
          externalId: "z-an",
          chatId: "z-an",
          memberId: an2.id,
          lastSeenAt: new Date("2030-01-01T00:00:00Z"),
        },
      });
      h.clock.set("2026-12-20T03:00:00Z");
      await cli(deps(), "meeting", "create", "--branch", "tdp1", "--at", "30/12/2026 19:30", "--place", "D");
      expect((await an.expectOne()).text).toContain("30/12/2026");
      await sec.expectOne();
      await binh.drain();
      const rows = await h.db.outbox.findMany({
        where: { memberId: an2.id, idempotencyKey: { startsWith: "meeting-announced" } },
        orderBy: { id: "desc" },
        take: 2,
      });
      expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
        ["telegram", "sent"],
        ["zalo", "failed"],
      ]);
    },
  );
});

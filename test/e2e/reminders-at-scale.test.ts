/**
 * A committee with more meetings due at once than planning writes in one go (500): the bot writes their reminders as
 * its queue drains, and every member still gets exactly one. Through the real bot and the Telegram
 * emulator; the status server's metrics show what waits to be written.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { startHarness, type Harness } from "../support/telegram-harness.ts";

let h: Harness;
const BRANCHES = 520;
const PER_BRANCH = 5;

beforeEach(async () => {
  // Tuesday 01/12/2026 07:59 in Hà Nội: a minute before the 3-day reminders of Friday's meetings fall due.
  h = await startHarness({ now: "2026-12-01T00:59:00Z" });
});
afterEach(async () => h?.stop());

const metric = async (name: string) => {
  const text = await (await fetch(`http://127.0.0.1:${h.app.statusPort()}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : NaN;
};

test("520 branches' meetings due at once: written as the queue drains, each member reminded once, in order", async () => {
  const { db } = h;
  const org = await db.organisation.create({ data: { name: "Đảng bộ xã Lớn" } });
  const branches = await db.branch.createManyAndReturn({
    data: Array.from({ length: BRANCHES }, (_, i) => ({ organisationId: org.id, code: `x${i}`, name: `Chi bộ ${i}` })),
  });
  const members = await db.member.createManyAndReturn({
    data: Array.from({ length: BRANCHES * PER_BRANCH }, (_, i) => ({
      branchId: branches[Math.floor(i / PER_BRANCH)]!.id,
      fullName: `Đảng viên ${i}`,
    })),
  });
  await db.channelAccount.createMany({
    data: members.map((m, i) => ({
      channel: "telegram" as const,
      externalId: String(100_000 + i),
      chatId: String(100_000 + i),
      memberId: m.id,
    })),
  });
  const setAt = new Date("2026-11-24T01:00:00Z");
  await db.meeting.createMany({
    data: branches.map((b) => ({
      branchId: b.id,
      kind: "regular" as const,
      startsAt: new Date("2026-12-04T07:00:00Z"),
      place: "Hội trường xã",
      createdAt: setAt,
      updatedAt: setAt,
    })),
  });

  // 08:00. Sending held while we look at what planning left.
  await h.app.dispatcher.stop();
  h.clock.set("2026-12-01T01:00:05Z");
  expect(await h.app.jobs.planReminders()).toEqual({ queued: 0, skipped: 0, waiting: BRANCHES });
  expect(await metric("chibo_outbox_unwritten_meetings")).toBe(BRANCHES);
  expect(await metric("chibo_outbox_depth")).toBe(0);

  h.app.dispatcher.start();
  await h.settle(90_000);
  const reminders = h.server.storage.botMessages
    .map((m) => m.message as { chat_id: number | string; text?: string })
    .filter((m) => m.text?.startsWith("🔔 Nhắc lịch sinh hoạt chi bộ."));
  const perChat = new Map<string, number>();
  for (const m of reminders) perChat.set(String(m.chat_id), (perChat.get(String(m.chat_id)) ?? 0) + 1);
  expect(perChat.size).toBe(BRANCHES * PER_BRANCH);
  expect([...perChat.values()].every((n) => n === 1)).toBe(true);
  // Meeting by meeting: the last branch's members, written last, were reminded after the first's.
  const position = (chatId: number) => reminders.findIndex((m) => String(m.chat_id) === String(chatId));
  expect(position(100_000 + BRANCHES * PER_BRANCH - 1)).toBeGreaterThan(position(100_000));
  expect(await metric("chibo_outbox_unwritten_meetings")).toBe(0);
  expect(await metric("chibo_outbox_depth")).toBe(0);
  expect(await db.outbox.count({ where: { kind: "meeting_reminder", status: "sent" } })).toBe(BRANCHES * PER_BRANCH);
}, 120_000);

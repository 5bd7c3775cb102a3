/**
 * A province's reminders are decided when they fall due but written as the queue drains (db/fanouts.ts): with more
 * meetings waiting than planning writes at once, it stores them and the dispatcher has their rows written when its
 * queue runs low. What members get must be what planning at once would have given them, from the roster and answers
 * as they are when the rows are written; a cancelled meeting gets nothing more; nothing is written twice.
 */
import pg from "pg";
import { afterEach, beforeEach, expect, test } from "vitest";
import { postgresqlPool, type Db } from "../../src/db/client.ts";
import { createDispatcher } from "../../src/delivery/dispatcher.ts";
import { createFanoutFeeder } from "../../src/delivery/fanout-feeder.ts";
import { createOutbox, splitItem, type Outbox } from "../../src/delivery/outbox.ts";
import { rsvpChoices } from "../../src/services/meeting-notices.ts";
import { parseLeadTimes } from "../../src/domain/reminders.ts";
import { createLogger } from "../../src/logging/logger.ts";
import type { MessageSender } from "../../src/messaging/types.ts";
import { outboxFigures } from "../../src/services/health.ts";
import {
  planReminders,
  shapesAsPlanned,
  SURELY_FITS,
  writeWaitingReminders,
} from "../../src/services/scheduled/plan-reminders.ts";
import { writeFanouts } from "../../src/db/fanouts.ts";
import { freshDb, onPostgresql } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { STAFF } from "../support/given.ts";
import { testServices } from "../support/services.ts";

const TZ = "Asia/Ho_Chi_Minh";
const logger = createLogger({ level: "silent", secrets: [] });
let db: Db;
let url: string;
let clock: TestClock;
let outbox: Outbox;
/** Branch i's meeting and its members' Telegram user ids (1000·(i+1) + k). */
let meetings: number[];
let branches: number[];

beforeEach(async () => {
  ({ db, url } = await freshDb());
  clock = testClock("2026-12-01T01:00:00Z"); // 08:00 in Hà Nội: the 3-day reminders of the 04/12 meetings fall due
  outbox = createOutbox({ db, clock });
  meetings = [];
  branches = [];
  for (let i = 0; i < 5; i++) {
    const { branch, members } = await seedBranch(db, {
      code: `cb${i}`,
      name: `Chi bộ ${i + 1}`,
      members: [0, 1, 2].map((k) => ({ fullName: `Đảng viên ${i + 1}.${k + 1}` })),
    });
    for (const [k, m] of members.entries()) await linkTelegram(db, m.id, 1000 * (i + 1) + k);
    const meeting = await db.meeting.create({
      data: {
        branchId: branch.id,
        kind: "regular",
        startsAt: new Date("2026-12-04T07:00:00Z"),
        place: `Nhà văn hoá ${i + 1}`,
        createdAt: new Date("2026-11-24T01:00:00Z"),
        updatedAt: new Date("2026-11-24T01:00:00Z"),
      },
    });
    meetings.push(meeting.id);
    branches.push(branch.id);
  }
});
afterEach(async () => db.$disconnect());

const RULES = { timeZone: TZ, leadTimes: parseLeadTimes("3d@08:00,0d@07:00"), nudge: null, nudgeEnabled: false };
const plan = (extra: { previousRun?: Date | null } = {}) =>
  planReminders({ ...RULES, db, outbox, clock, quietHours: null, writeAtOnce: 2, ...extra });
/** The dispatcher's writer: the rows of up to this many waiting meetings. */
const write = (meetings: number) => writeWaitingReminders({ ...RULES, db, clock }, meetings);

/** A dispatcher at test speed that records what each chat got, fed one meeting at a time. */
function sending(lowWater = 2000) {
  const got: { chatId: string; text: string }[] = [];
  const sender: MessageSender = {
    channel: "telegram",
    async send(chatId, message) {
      got.push({ chatId, text: message.text });
      return { type: "sent", messageId: String(got.length) };
    },
  };
  const dispatcher = createDispatcher({
    db,
    clock,
    logger,
    senders: { telegram: sender },
    limits: { telegram: { perSecond: 1000, perChatIntervalMs: 0 }, zalo: { perSecond: 10, perChatIntervalMs: 0 } },
    quietHours: null,
    timeZone: TZ,
    maxAttempts: 3,
    refill: createFanoutFeeder({ db, write, channels: ["telegram"], lowWater, meetings: 1 }),
  });
  const drain = async () => {
    for (let i = 0; i < 50; i++) if ((await dispatcher.runOnce()) === 0) return;
    throw new Error("the dispatcher did not drain");
  };
  return { got, dispatcher, drain };
}

const rowsOwner = (chatId: string) => db.channelAccount.findFirstOrThrow({ where: { chatId } });
const rowsOf = async (meetingId: number) =>
  db.outbox.findMany({ where: { groupKey: `meeting:${meetingId}` }, orderBy: { id: "asc" } });

test("more meetings waiting than planning writes at once: the dispatcher writes them, from the roster as it is then", async () => {
  const first = await plan();
  expect(first).toEqual({ queued: 0, skipped: 0, waiting: 5 });
  expect(await db.outbox.count()).toBe(0);
  expect(await outboxFigures(db, clock())).toEqual({
    depth: 0,
    unwrittenMeetings: 5,
    oldestDueSeconds: 0,
    lastSentSeconds: null,
  });
  clock.advance(10 * 60_000);
  const { oldestDueSeconds } = await outboxFigures(db, clock());
  expect(oldestDueSeconds).toBeGreaterThanOrEqual(600);
  expect(oldestDueSeconds).toBeLessThan(660);

  // Before the rows are written: a member of branch 3 answers, another joins branch 4 and links, and branch 5's
  // meeting is called off (its members are told so, and get no reminder).
  const answering = await db.channelAccount.findFirstOrThrow({ where: { chatId: "3001" } });
  await db.response.create({
    data: { meetingId: meetings[2]!, memberId: answering.memberId, answer: "attending", answeredAt: clock() },
  });
  const joined = await db.member.create({ data: { branchId: branches[3]!, fullName: "Đảng viên mới" } });
  await linkTelegram(db, joined.id, 4999);
  await testServices(db, clock, outbox).callOffMeeting(STAFF, meetings[4]!);
  expect(await db.outboxFanout.count({ where: { status: "cancelled" } })).toBe(1);

  const { got, drain } = sending();
  await drain();
  const reminders = got.filter((m) => m.text.startsWith("🔔"));
  // Everyone of the four meetings held, once; branch 4's new member too; branch 5's members none.
  expect(reminders.map((m) => m.chatId).sort()).toEqual(
    ["1000", "1001", "1002", "2000", "2001", "2002", "3000", "3001", "3002", "4000", "4001", "4002", "4999"].sort(),
  );
  expect(got.filter((m) => m.chatId.startsWith("5")).map((m) => m.text)).toEqual([
    expect.stringContaining("đã được huỷ"),
    expect.stringContaining("đã được huỷ"),
    expect.stringContaining("đã được huỷ"),
  ]);
  // The one who answered before the rows were written is reminded with his/her answer, not asked again.
  expect(reminders.find((m) => m.chatId === "3001")!.text).toContain("Trả lời của đồng chí: Có mặt");
  expect(reminders.find((m) => m.chatId === "3000")!.text).toContain("Xin đồng chí xác nhận tham dự:");
  expect(reminders.find((m) => m.chatId === "3000")!.text).toContain("Nhà văn hoá 3");
  // Meeting by meeting, in the order they were planned.
  const order = reminders.map((m) => Math.floor(Number(m.chatId) / 1000));
  expect(order).toEqual([...order].sort());
  expect(await db.outboxFanout.count({ where: { status: "pending" } })).toBe(0);
  const drained = await outboxFigures(db, clock());
  expect(drained).toMatchObject({ depth: 0, unwrittenMeetings: 0, oldestDueSeconds: 0 });
  expect(drained.lastSentSeconds).toBeLessThanOrEqual(2);

  // The scheduler's next run: nothing new; a quarter of an hour later every meeting has been looked at again, and
  // a member linked since in branch 1 (written at once) gets the reminder the others had.
  clock.advance(60_000);
  expect(await plan({ previousRun: new Date(clock().getTime() - 60_000) })).toEqual({
    queued: 0,
    skipped: 0,
    waiting: 0,
  });
  const late = await db.member.create({ data: { branchId: branches[0]!, fullName: "Đảng viên liên kết muộn" } });
  await linkTelegram(db, late.id, 1999);
  clock.advance(20 * 60_000);
  expect(await plan()).toEqual({ queued: 0, skipped: 0, waiting: 4 });
  await drain();
  expect(got.filter((m) => m.chatId === "1999").map((m) => m.text)).toEqual([expect.stringContaining("🔔")]);
  expect(got.filter((m) => m.text.startsWith("🔔"))).toHaveLength(14);
});

test("a meeting moved before its rows are written is reminded at its new time only", async () => {
  expect(await plan()).toMatchObject({ waiting: 5 });
  await testServices(db, clock, outbox).rescheduleMeeting(STAFF, meetings[3]!, {
    startsAt: new Date("2026-12-04T09:00:00Z"),
  });
  expect(await db.outboxFanout.findFirstOrThrow({ where: { groupKey: `meeting:${meetings[3]}` } })).toMatchObject({
    status: "cancelled",
  });
  // Planned again: the moved meeting's steps before the move were told by the change notice, so nothing is due.
  clock.advance(60_000);
  await plan({ previousRun: new Date(clock().getTime() - 60_000) });
  const { got, drain } = sending();
  await drain();
  const toBranch4 = got.filter((m) => m.chatId.startsWith("4"));
  expect(toBranch4.map((m) => m.text)).toEqual([
    expect.stringContaining("thay đổi"),
    expect.stringContaining("thay đổi"),
    expect.stringContaining("thay đổi"),
  ]);
  expect((await rowsOf(meetings[3]!)).filter((r) => r.kind === "meeting_reminder" && r.status === "pending")).toEqual(
    [],
  );
});

test("a meeting cancelled while its rows are being written keeps no reminder to send", async () => {
  await plan();
  const cancelled = meetings[0]!;
  let cancelling: Promise<unknown> | undefined;
  const written = await writeFanouts(db, 5, clock(), async (waiting) => {
    // The writer has read the waiting meetings; the secretary calls the first off before its rows are in.
    cancelling = testServices(db, clock, outbox).callOffMeeting(STAFF, cancelled);
    await new Promise((r) => setTimeout(r, 200));
    return shapesAsPlanned({ ...RULES, db })(waiting);
  });
  await cancelling;
  // SQLite: the writer finds the meeting changed and leaves it; PostgreSQL: the cancellation waits for the writer and
  // then cancels the rows it wrote. Either way nothing is left to send for it, and the others are written.
  expect(written.meetings).toBeGreaterThanOrEqual(4);
  const left = await rowsOf(cancelled);
  expect(left.filter((r) => r.kind === "meeting_reminder" && r.status === "pending")).toEqual([]);
  expect(await db.outbox.count({ where: { kind: "meeting_reminder", status: "pending" } })).toBe(12);
  expect(await db.outboxFanout.count({ where: { status: "pending" } })).toBe(0);
});

test("planning makes no text for a meeting whose place and agenda are short enough to fit: at the longest, they do", async () => {
  // As many characters of place and agenda together as planning takes on trust, on the longest kind of meeting.
  await db.meeting.update({
    where: { id: meetings[1]! },
    data: { kind: "thematic", place: "P".repeat(SURELY_FITS - 1000), agenda: "A".repeat(1000) },
  });
  await db.response.create({
    data: { meetingId: meetings[1]!, memberId: (await rowsOwner("2002")).memberId, answer: "leave_refused" },
  });
  await plan();
  const { drain, got } = sending();
  await drain();
  const toBranch2 = got.filter((m) => m.chatId.startsWith("2"));
  expect(toBranch2).toHaveLength(3);
  for (const m of toBranch2) {
    expect(m.text).toContain("A".repeat(1000));
    // One message on Zalo too, the tightest channel (its limit less the room its numbered choices take).
    const asZalo = { key: "k", channel: "zalo" as const, chatId: "z", priority: "bulk" as const, kind: "" };
    expect(splitItem({ ...asZalo, message: { text: m.text, choices: rsvpChoices(meetings[1]!) } })).toHaveLength(1);
  }
  const rows = await rowsOf(meetings[1]!);
  expect(rows.every((r) => !r.payload.includes('"part"'))).toBe(true);
});

test("the queue is topped up only while a sending channel runs low; a channel that cannot send holds none back", async () => {
  await plan();
  expect(await write(2)).toEqual({ meetings: 2, pending: 6, skipped: 0 });
  // Ten bulk messages wait on Zalo, which this bot does not send on; Telegram has six.
  await outbox.enqueue(
    Array.from({ length: 10 }, (_, i) => ({
      key: `zalo-${i}`,
      channel: "zalo" as const,
      chatId: `z${i}`,
      priority: "bulk" as const,
      kind: "announcement",
      message: { text: "Thông báo" },
    })),
  );
  const atSix = createFanoutFeeder({ db, write, channels: ["telegram"], lowWater: 6, meetings: 1 });
  expect(await atSix()).toBe(0);
  const atSeven = createFanoutFeeder({ db, write, channels: ["telegram"], lowWater: 7, meetings: 1 });
  expect(await atSeven()).toBe(3);
  expect(await db.outboxFanout.count({ where: { status: "pending" } })).toBe(2);
});

test("a meeting another instance is writing is stepped over, and written once", async (ctx) => {
  if (!onPostgresql()) ctx.skip(); // SQLite writes one transaction at a time
  await plan();
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query("BEGIN");
    const locked = await other.query<{ id: number }>(
      `SELECT "id" FROM "OutboxFanout" WHERE "status" = 'pending' ORDER BY "id" LIMIT 1 FOR UPDATE`,
    );
    const written = await write(1);
    expect(written).toEqual({ meetings: 1, pending: 3, skipped: 0 });
    const stillPending = await db.outboxFanout.findMany({ where: { status: "pending" }, orderBy: { id: "asc" } });
    expect(stillPending.map((f) => f.id)).toContain(locked.rows[0]!.id);
    await other.query("COMMIT");
  } finally {
    await other.end();
  }
  expect(postgresqlPool(db)).toBeDefined();
  // The rest, by two writers at once: every member once.
  await Promise.all([write(5), write(5)]);
  const rows = await db.outbox.findMany({ where: { kind: "meeting_reminder" } });
  expect(rows).toHaveLength(15);
  expect(new Set(rows.map((r) => r.chatId)).size).toBe(15);
});

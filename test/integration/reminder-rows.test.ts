/**
 * Meeting reminders for a branch's members are made by the database from a few shapes (db/member-rows.ts), or all in
 * process where it cannot. Both must store the very same rows: who is reminded, on which chat, which step is sent or
 * skipped and why, the text by the member's answer, and the key that keeps planning idempotent. One branch holds every
 * case the rules tell apart; it is planned both ways, on copies of the same data, at three moments.
 */
import { afterEach, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createOutbox } from "../../src/delivery/outbox.ts";
import { parseLeadTimes } from "../../src/domain/reminders.ts";
import { planReminders } from "../../src/services/scheduled/plan-reminders.ts";
import { freshDb } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";

const TZ = "Asia/Ho_Chi_Minh";
const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.$disconnect();
});

/** The branch, its meetings and a guest; returns nothing the comparison needs (rows are compared by content). */
async function seed(db: Db): Promise<void> {
  const { org, branch, members } = await seedBranch(db, {
    code: "rows",
    members: [
      { fullName: "Chưa trả lời" },
      { fullName: "Có mặt" },
      { fullName: "Xin vắng" },
      { fullName: "Được nghỉ" },
      { fullName: "Không được nghỉ" },
      { fullName: "Miễn hẳn", exemption: "full" },
      { fullName: "Miễn tạm, đã hết", exemption: "temporary" },
      { fullName: "Miễn tạm, đang miễn", exemption: "temporary" },
      { fullName: "Đã chuyển đi" },
      { fullName: "Chưa liên kết" },
      { fullName: "Hai tài khoản, ưa Zalo" },
      { fullName: "Hai tài khoản" },
      { fullName: "Bị chặn" },
    ],
  });
  const [none, attending, requested, accepted, refused, , ended, exempt, left, , twoZalo, two, blocked] = members;
  for (const [i, m] of members.entries()) if (m.fullName !== "Chưa liên kết") await linkTelegram(db, m.id, 700 + i);
  await db.member.update({ where: { id: left!.id }, data: { leftAt: new Date("2026-11-01T00:00:00Z") } });
  await db.member.update({
    where: { id: ended!.id },
    data: { exemptFrom: new Date("2026-06-01T00:00:00Z"), exemptUntil: new Date("2026-09-30T00:00:00Z") },
  });
  await db.member.update({
    where: { id: exempt!.id },
    data: { exemptFrom: new Date("2026-11-01T00:00:00Z"), exemptUntil: new Date("2027-03-31T00:00:00Z") },
  });
  // Zalo preferred: its account wins although Telegram was seen later; without a preference the later one wins.
  await db.member.update({ where: { id: twoZalo!.id }, data: { preferredChannel: "zalo" } });
  await db.channelAccount.create({
    data: {
      channel: "zalo",
      externalId: "z-a",
      chatId: "z-a",
      memberId: twoZalo!.id,
      lastSeenAt: new Date("2026-11-01T00:00:00Z"),
    },
  });
  await db.channelAccount.create({
    data: { channel: "zalo", externalId: "z-b", chatId: "z-b", memberId: two!.id, lastSeenAt: new Date("2027-01-01") },
  });
  await db.channelAccount.updateMany({ where: { memberId: blocked!.id }, data: { unreachableAt: new Date() } });
  const created = new Date("2026-11-20T03:00:00Z");
  const meeting = await db.meeting.create({
    data: {
      branchId: branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T12:30:00Z"),
      place: "Nhà văn hoá",
      createdAt: created,
    },
  });
  // Moved on 02/12 at 12:00: the steps due before that were told by the change notice.
  const moved = await db.meeting.create({
    data: {
      branchId: branch.id,
      kind: "thematic",
      startsAt: new Date("2026-12-04T12:30:00Z"),
      place: "Hội trường",
      agenda: "Chuyên đề",
      status: "changed",
      createdAt: created,
    },
  });
  await db.meeting.update({ where: { id: moved.id }, data: { updatedAt: new Date("2026-12-02T05:00:00Z") } });
  // A long agenda: a reminder in several parts, made in process whichever way the rest is made.
  await db.meeting.create({
    data: {
      branchId: branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T13:30:00Z"),
      place: "Nhà văn hoá",
      agenda: "Nội dung sinh hoạt. ".repeat(150),
      createdAt: created,
    },
  });
  for (const [member, answer] of [
    [attending, "attending"],
    [requested, "leave_requested"],
    [accepted, "leave_accepted"],
    [refused, "leave_refused"],
  ] as const)
    await db.response.create({ data: { meetingId: meeting.id, memberId: member!.id, answer, answeredAt: created } });
  // A response row with no answer yet counts as no answer.
  await db.response.create({ data: { meetingId: meeting.id, memberId: none!.id, attendance: null } });
  // A branch with its own lead times, both due only once its meeting has begun: the later one is stored as skipped
  // (the meeting had started), the earlier as superseded.
  const late = await seedBranch(db, {
    code: "rows2",
    name: "Chi bộ Tổ dân phố 2",
    members: [{ fullName: "Tổ 2, chưa trả lời" }, { fullName: "Tổ 2, có mặt" }],
  });
  await db.branch.update({ where: { id: late.branch.id }, data: { reminderLeads: "0d@18:00,0d@19:00" } });
  for (const [i, m] of late.members.entries()) await linkTelegram(db, m.id, 780 + i);
  const lateMeeting = await db.meeting.create({
    data: {
      branchId: late.branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T12:15:00Z"),
      place: "Nhà văn hoá",
      createdAt: created,
    },
  });
  await db.response.create({
    data: { meetingId: lateMeeting.id, memberId: late.members[1]!.id, answer: "attending", answeredAt: created },
  });
  // A committee member in charge, from another branch, gets the reminders as a guest.
  const other = await db.branch.create({ data: { organisationId: org.id, code: "cq", name: "Chi bộ Cơ quan" } });
  const guest = await db.member.create({ data: { branchId: other.id, fullName: "Cấp ủy viên" } });
  await linkTelegram(db, guest.id, 799);
  await db.branchLiaison.create({ data: { branchId: branch.id, memberId: guest.id, since: created } });
}

type Way = "database" | "process";

/** A clock that stands where it is set (the test clock runs on in real time): both ways see the very same instants. */
function standingClock(start: string): TestClock {
  let at = new Date(start);
  const clock = (() => new Date(at)) as TestClock;
  clock.set = (to) => (at = new Date(to));
  clock.advance = (ms) => (at = new Date(at.getTime() + ms));
  return clock;
}

async function plannedRows(way: Way, moments: string[]) {
  const { db } = await freshDb();
  opened.push(db);
  await seed(db);
  const clock = standingClock(moments[0]!);
  const outbox = createOutbox({ db, clock });
  const counts = [];
  for (const at of moments) {
    clock.set(at);
    counts.push(
      await planReminders({
        db,
        outbox,
        clock,
        timeZone: TZ,
        quietHours: { startMinute: 21 * 60, endMinute: 7 * 60 },
        leadTimes: parseLeadTimes("3d@08:00,0d@07:00"),
        nudge: parseLeadTimes("1d@18:00")[0]!,
        nudgeEnabled: true,
        memberRowsIn: way,
      }),
    );
  }
  const rows = await db.outbox.findMany();
  const names = new Map((await db.member.findMany()).map((m) => [m.id, m.fullName]));
  const meetings = new Map((await db.meeting.findMany()).map((m) => [m.id, m.startsAt.toISOString()]));
  return {
    counts,
    rows: rows
      .map((r) => ({
        // Ids differ between the two databases' runs only if the seed differs; name them by content instead.
        key: r.idempotencyKey.replace(/:(\d+):(\d+):/, (_, meeting: string, member: string) => {
          return `:${meetings.get(Number(meeting))}:${names.get(Number(member))}:`;
        }),
        channel: r.channel,
        chatId: r.chatId,
        member: names.get(r.memberId!),
        priority: r.priority,
        kind: r.kind,
        payload: r.payload,
        status: r.status,
        lastError: r.lastError,
        nextAttemptAt: r.nextAttemptAt.toISOString(),
        expiresAt: r.expiresAt?.toISOString(),
        groupKey: r.groupKey === null ? null : "meeting",
      }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  };
}

test("the database makes the same reminder rows as the planner would, step by step", async () => {
  const moments = [
    "2026-11-30T01:05:00Z", // 30/11 08:05: the 3-day reminders of the first two meetings
    "2026-12-02T14:30:00Z", // 02/12 21:30: the nudge, in quiet hours: not before 07:00
    "2026-12-03T00:05:00Z", // 03/12 07:05: the morning reminders
    "2026-12-03T13:00:00Z", // 03/12 20:00: the first meeting has started, a catch-up is stored as skipped
  ];
  const inDatabase = await plannedRows("database", moments);
  const inProcess = await plannedRows("process", moments);
  expect(inDatabase.counts).toEqual(inProcess.counts);
  expect(inDatabase.rows).toEqual(inProcess.rows);

  // And the cases are there: not a comparison of two empty lists.
  const rows = inDatabase.rows;
  const people = new Set(rows.map((r) => r.member));
  expect([...people].sort()).toEqual(
    [
      "Chưa trả lời",
      "Có mặt",
      "Xin vắng",
      "Được nghỉ",
      "Không được nghỉ",
      "Miễn tạm, đã hết",
      "Hai tài khoản, ưa Zalo",
      "Hai tài khoản",
      "Cấp ủy viên",
      "Tổ 2, chưa trả lời",
      "Tổ 2, có mặt",
    ].sort(),
  );
  expect(new Set(rows.filter((r) => r.member === "Hai tài khoản, ưa Zalo").map((r) => r.chatId))).toEqual(
    new Set(["z-a"]),
  );
  expect(new Set(rows.filter((r) => r.member === "Hai tài khoản").map((r) => r.chatId))).toEqual(new Set(["z-b"]));
  // The first meeting's nudge goes only to those who have not answered it.
  const first = rows.filter((r) => r.expiresAt === "2026-12-03T12:30:00.000Z");
  expect(
    first
      .filter((r) => r.kind === "meeting_nudge")
      .map((r) => r.member)
      .sort(),
  ).toEqual(["Chưa trả lời", "Hai tài khoản", "Hai tài khoản, ưa Zalo", "Miễn tạm, đã hết"].sort());
  expect(rows.some((r) => r.payload.includes("Trả lời của đồng chí: Có mặt"))).toBe(true);
  expect(rows.some((r) => r.key.includes("#2"))).toBe(true); // the long agenda's reminder in parts
  expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["pending", "skipped"]));
  expect(new Set(rows.map((r) => r.lastError))).toEqual(
    new Set([
      null,
      "due before the meeting was set for this time",
      "a later reminder was due as well; only that one is sent",
      "meeting had started when the reminder could be sent",
    ]),
  );
  // The first meeting's nudge, planned at 21:30, waits for the end of the quiet hours.
  const nudges = first.filter((r) => r.kind === "meeting_nudge");
  expect(nudges.length).toBeGreaterThan(0);
  expect(nudges.every((r) => r.nextAttemptAt === "2026-12-03T00:00:00.000Z")).toBe(true);
});

test("a meeting already planned is looked at again when a step falls due, when it changes, or in its turn", async () => {
  const { db } = await freshDb();
  opened.push(db);
  const { branch, members } = await seedBranch(db, {
    code: "again",
    members: [{ fullName: "Đã liên kết" }, { fullName: "Liên kết sau" }],
  });
  await linkTelegram(db, members[0]!.id, 901);
  const meeting = await db.meeting.create({
    data: {
      branchId: branch.id,
      kind: "regular",
      startsAt: new Date("2026-12-03T12:30:00Z"),
      place: "X",
      createdAt: new Date("2026-11-20T03:00:00Z"),
      updatedAt: new Date("2026-11-20T03:00:00Z"),
    },
  });
  const clock = testClock("2026-11-30T01:05:00Z"); // 30/11 08:05: the 3-day reminder is due
  const outbox = createOutbox({ db, clock });
  let previousRun: Date | null = null;
  const plan = async (at: string) => {
    clock.set(at);
    const began = clock();
    const r = await planReminders({
      db,
      outbox,
      clock,
      timeZone: TZ,
      quietHours: null,
      leadTimes: parseLeadTimes("3d@08:00,0d@07:00"),
      nudge: null,
      nudgeEnabled: false,
      previousRun,
    });
    previousRun = began;
    return r.queued;
  };
  expect(await plan("2026-11-30T01:05:00Z")).toBe(1);
  // A member links his account a minute later: the meeting is not looked at again every minute, but within
  // a quarter of an hour, once.
  await linkTelegram(db, members[1]!.id, 902);
  const minutes: number[] = [];
  for (let m = 6; m <= 21; m++) minutes.push(await plan(`2026-11-30T01:${String(m).padStart(2, "0")}:00Z`));
  expect(minutes.reduce((a, b) => a + b, 0)).toBe(1);
  // Its turn: the minute at which (minute + id mod 15) is a multiple of 15 (REVISIT_MS, staggered by id).
  const turn = [...Array(16).keys()].map((i) => i + 6).find((m) => (m + (meeting.id % 15)) % 15 === 0)!;
  expect(turn).toBeGreaterThan(6); // so that the first minute after the link tells "every minute" from "in its turn"
  expect(minutes.findIndex((n) => n === 1) + 6).toBe(turn);
  const late = await db.outbox.findFirstOrThrow({ where: { memberId: members[1]!.id } });
  expect(late.idempotencyKey).toMatch(/^meeting-reminder:\d+:\d+:3d@08:00:/);
  // The morning step falls due: planned at once, for both.
  expect(await plan("2026-12-02T23:59:00Z")).toBe(0); // 06:59: nothing new yet (the gap is long: all looked at)
  expect(await plan("2026-12-03T00:00:30Z")).toBe(2); // 07:00:30

  // The meeting moves: its reminders for the new time are looked at in the next run.
  await db.meeting.update({
    where: { id: meeting.id },
    data: {
      startsAt: new Date("2026-12-03T13:00:00Z"),
      status: "changed",
      updatedAt: new Date("2026-12-03T00:01:30Z"),
    },
  });
  expect(await plan("2026-12-03T00:02:00Z")).toBe(0); // both steps fell due before it was moved: stored as skipped
  expect(await db.outbox.count({ where: { status: "skipped", memberId: members[1]!.id } })).toBe(2);
});

test("the rows go meeting by meeting, each meeting's members in turn, as the dispatcher should meet them", async () => {
  // The dispatcher takes rows in id order and a chat gets one message a second: one member's reminders of several
  // meetings in a row would hold back every other chat.
  const { db } = await freshDb();
  opened.push(db);
  const { branch, members } = await seedBranch(db, {
    code: "order",
    members: [{ fullName: "Một" }, { fullName: "Hai" }, { fullName: "Ba" }],
  });
  for (const [i, m] of members.entries()) await linkTelegram(db, m.id, 950 + i);
  for (let k = 0; k < 3; k++)
    await db.meeting.create({
      data: {
        branchId: branch.id,
        kind: "regular",
        startsAt: new Date(Date.UTC(2026, 11, 3, 12, k)),
        place: "X",
        createdAt: new Date("2026-11-20T00:00:00Z"),
      },
    });
  const clock = testClock("2026-11-30T01:05:00Z");
  await planReminders({
    db,
    outbox: createOutbox({ db, clock }),
    clock,
    timeZone: TZ,
    quietHours: null,
    leadTimes: parseLeadTimes("3d@08:00"),
    nudge: null,
    nudgeEnabled: false,
  });
  const rows = await db.outbox.findMany({ orderBy: { id: "asc" } });
  expect(rows.map((r) => r.chatId).join(",")).toBe("950,951,952,950,951,952,950,951,952");
});

/**
 * The prepared statements of the update path answer exactly what the same
 * queries through Prisma answer (types included), and what they write reads
 * back through Prisma as if Prisma had written it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { directConnection, postgresqlPool, type Db } from "../../src/db/client.ts";
import {
  hotQueries,
  postgresqlHotQueries,
  prismaHotQueries,
  sqliteHotQueries,
  TYPED_COLUMNS,
  type HotQueries,
} from "../../src/db/hot-queries.ts";
import { freshDb, onPostgresql } from "../support/db.ts";
import { seedBranch } from "../support/fixtures.ts";

let db: Db;
let fast: HotQueries;
let prisma: HotQueries;

beforeEach(async () => {
  ({ db } = await freshDb());
  // The statements of the database the suite runs on: SQLite's connection or PostgreSQL's pool.
  const connection = directConnection(db);
  const pool = postgresqlPool(db);
  if (onPostgresql() ? !pool : !connection) throw new Error("no direct connection");
  fast = pool ? postgresqlHotQueries(pool) : sqliteHotQueries(connection!);
  expect(hotQueries(db)).toBe(fast);
  prisma = prismaHotQueries(db);
});
afterEach(async () => db.$disconnect());

async function seed() {
  const { branch, members } = await seedBranch(db, {
    members: [
      { fullName: "Nguyễn Văn An" },
      { fullName: "Trần Thị Bình", role: "secretary" },
      { fullName: "Lê Văn Cường" },
    ],
  });
  await db.branch.update({
    where: { id: branch.id },
    data: { nudgeEnabled: true, scheduleRule: "FREQ=MONTHLY;BYMONTHDAY=3", feeCollectionDay: 5 },
  });
  const [an, binh, cuong] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
  await db.member.update({
    where: { id: an.id },
    data: {
      exemption: "temporary",
      exemptFrom: new Date("2026-01-01T00:00:00Z"),
      exemptUntil: new Date("2026-06-30T16:59:59.999Z"),
      admittedAt: new Date("2001-05-19T00:00:00Z"),
      suspended: true,
      feeBase: 8_500_000,
      phone: "0912345678",
    },
  });
  await db.member.update({ where: { id: cuong.id }, data: { leftAt: new Date("2026-10-01T03:00:00Z") } });
  await db.channelAccount.create({ data: { channel: "telegram", externalId: "111", chatId: "111", memberId: an.id } });
  await db.channelAccount.create({
    data: {
      channel: "zalo",
      externalId: "ab12cd",
      chatId: "ab12cd",
      memberId: binh.id,
      unreachableAt: new Date("2026-11-01T01:02:03.456Z"),
    },
  });
  const at = (iso: string) => new Date(iso);
  const meetings = [];
  for (const [startsAt, status] of [
    ["2026-12-03T12:30:00Z", "planned"],
    ["2026-12-10T12:30:00Z", "cancelled"],
    ["2026-12-17T12:30:00Z", "changed"],
    ["2026-11-03T12:30:00Z", "held"],
    ["2026-12-17T12:30:00Z", "planned"],
    ["2027-01-03T12:30:00Z", "planned"],
  ] as const) {
    meetings.push(
      await db.meeting.create({
        data: {
          branchId: branch.id,
          kind: "regular",
          startsAt: at(startsAt),
          place: "Nhà văn hoá",
          status,
          agenda: "Nghị quyết",
        },
      }),
    );
  }
  await db.response.create({
    data: {
      meetingId: meetings[0]!.id,
      memberId: an.id,
      answer: "leave_accepted",
      reason: "Đi công tác",
      answeredAt: at("2026-11-20T02:00:00Z"),
      decidedAt: at("2026-11-20T03:00:00Z"),
      decidedById: binh.id,
    },
  });
  await db.response.create({
    data: { meetingId: meetings[2]!.id, memberId: an.id, answer: "attending", answeredAt: at("2026-11-21T02:00:00Z") },
  });
  await db.chatSession.create({
    data: {
      channel: "telegram",
      chatId: "111",
      dialog: "leave_reason",
      data: JSON.stringify({ dialog: "leave_reason", meetingId: meetings[0]!.id }),
    },
  });
  return { branch, an, binh, cuong, meetings };
}

describe("reads: the statements answer what Prisma answers", () => {
  test("account with member and branch, members, meetings, responses, sessions", async () => {
    const { an, binh, cuong, meetings } = await seed();
    const both = async <T>(q: (h: HotQueries) => Promise<T>) => {
      const [a, b] = await Promise.all([q(fast), q(prisma)]);
      expect(a).toEqual(b);
      return a;
    };
    const found = await both((h) => h.accountWithMember("telegram", "111"));
    expect(found?.member).toMatchObject({ fullName: "Nguyễn Văn An", suspended: true, feeBase: 8_500_000 });
    expect(found?.member.exemptFrom).toBeInstanceOf(Date);
    expect(found?.member.branch.nudgeEnabled).toBe(true);
    expect((await both((h) => h.accountWithMember("zalo", "ab12cd")))?.account.unreachableAt).toEqual(
      new Date("2026-11-01T01:02:03.456Z"),
    );
    expect(await both((h) => h.accountWithMember("zalo", "111"))).toBeNull();
    expect((await both((h) => h.member(cuong.id)))?.leftAt).toEqual(new Date("2026-10-01T03:00:00Z"));
    expect((await both((h) => h.member(binh.id)))?.suspended).toBe(false);
    expect(await both((h) => h.member(999_999))).toBeNull();
    expect((await both((h) => h.meeting(meetings[1]!.id)))?.status).toBe("cancelled");
    expect(await both((h) => h.meeting(999_999))).toBeNull();

    const upcoming = await both((h) => h.upcomingMeetings(an.branchId, new Date("2026-11-22T00:00:00Z"), 3));
    expect(upcoming.map((m) => m.id)).toEqual([meetings[0]!.id, meetings[2]!.id, meetings[4]!.id]);
    // Strictly after: a meeting starting at the instant asked is not upcoming.
    expect(
      (await both((h) => h.upcomingMeetings(an.branchId, new Date("2026-12-03T12:30:00Z"), 10))).map((m) => m.id),
    ).toEqual([meetings[2]!.id, meetings[4]!.id, meetings[5]!.id]);

    const answered = await both((h) => h.meetingWithResponse(meetings[0]!.id, an.id));
    expect(answered?.meeting).toEqual(await db.meeting.findUnique({ where: { id: meetings[0]!.id } }));
    expect(answered?.response?.decidedAt).toEqual(new Date("2026-11-20T03:00:00Z"));
    expect(answered?.response?.reason).toBe("Đi công tác");
    const unanswered = await both((h) => h.meetingWithResponse(meetings[0]!.id, binh.id));
    expect(unanswered?.meeting.id).toBe(meetings[0]!.id);
    expect(unanswered?.response).toBeNull();
    expect(await both((h) => h.meetingWithResponse(999_999, an.id))).toBeNull();
    // The member's upcoming meetings with his/her own answers (Bình's are not An's).
    const mine = await both((h) => h.upcomingWithAnswers(an.branchId, an.id, new Date("2026-11-22T00:00:00Z"), 10));
    expect(mine.map((m) => [m.id, m.answer])).toEqual([
      [meetings[0]!.id, "leave_accepted"],
      [meetings[2]!.id, "attending"],
      [meetings[4]!.id, null],
      [meetings[5]!.id, null],
    ]);
    expect(mine[0]).toMatchObject({ ...meetings[0], answer: "leave_accepted" });
    expect(
      (await both((h) => h.upcomingWithAnswers(an.branchId, binh.id, new Date("2026-11-22T00:00:00Z"), 2))).map((m) => [
        m.id,
        m.answer,
      ]),
    ).toEqual([
      [meetings[0]!.id, null],
      [meetings[2]!.id, null],
    ]);
    expect((await both((h) => h.session("telegram", "111")))?.dialog).toBe("leave_reason");
    expect(await both((h) => h.session("zalo", "111"))).toBeNull();

    // The message a button was pressed on: the latest sent row with that platform id in that chat.
    await db.outbox.createMany({
      data: [
        {
          idempotencyKey: "p1",
          channel: "telegram",
          chatId: "111",
          payload: '{"text":"old"}',
          status: "sent",
          externalId: "42",
        },
        {
          idempotencyKey: "p2",
          channel: "telegram",
          chatId: "111",
          payload: '{"text":"new"}',
          status: "sent",
          externalId: "42",
        },
        {
          idempotencyKey: "p3",
          channel: "telegram",
          chatId: "222",
          payload: '{"text":"other chat"}',
          status: "sent",
          externalId: "42",
        },
        {
          idempotencyKey: "p4",
          channel: "zalo",
          chatId: "111",
          payload: '{"text":"zalo"}',
          status: "sent",
          externalId: "43",
        },
      ],
    });
    expect(await both((h) => h.sentPayload("telegram", "111", "42"))).toBe('{"text":"new"}');
    expect(await both((h) => h.sentPayload("telegram", "111", "43"))).toBeNull();
  });

  test("the start of an update: claimed once, with the account, member, branch and dialog state", async () => {
    await seed();
    const at = new Date("2026-11-22T01:00:00.123Z");
    const start = (h: HotQueries, updateKey: string, externalId: string, chatId: string, channel = "telegram") =>
      h.beginUpdate({ channel: channel as "telegram" | "zalo", updateKey, at, externalId, chatId });
    // Each pair of claims uses its own update keys, so both paths claim afresh.
    const [a, b] = [await start(fast, "u1", "111", "111"), await start(prisma, "u2", "111", "111")];
    expect(a).toEqual(b);
    expect(a.fresh && a.found?.member.fullName).toBe("Nguyễn Văn An");
    expect(a.fresh && a.found?.member.branch.nudgeEnabled).toBe(true);
    expect(a.fresh && a.session?.dialog).toBe("leave_reason");
    expect(a).toEqual({
      fresh: true,
      found: await prisma.accountWithMember("telegram", "111"),
      session: await prisma.session("telegram", "111"),
    });
    // Seen before: nothing else is read.
    expect(await start(fast, "u1", "111", "111")).toEqual({ fresh: false });
    expect(await start(prisma, "u1", "111", "111")).toEqual({ fresh: false });
    // An unknown sender in a chat with no dialog; a known sender in a chat with none.
    const [c, d] = [await start(fast, "u3", "999", "999"), await start(prisma, "u4", "999", "999")];
    expect(c).toEqual({ fresh: true, found: null, session: null });
    expect(d).toEqual(c);
    const [e, f] = [
      await start(fast, "u5", "ab12cd", "ab12cd", "zalo"),
      await start(prisma, "u6", "ab12cd", "ab12cd", "zalo"),
    ];
    expect(e).toEqual(f);
    expect(e.fresh && e.found?.account.unreachableAt).toEqual(new Date("2026-11-01T01:02:03.456Z"));
    expect(e.fresh && e.session).toBeNull();
    expect(await db.inboundSeen.count()).toBe(6);
    expect((await db.inboundSeen.findFirstOrThrow({ where: { updateKey: "u1" } })).at).toEqual(at);
  });

  test(
    "planning reads: meetings in a window with their branch settings, " + "members, reachable accounts, answers",
    async () => {
      const { branch, an, binh, cuong, meetings } = await seed();
      const other = await seedBranch(db, { code: "cb2", name: "Chi bộ 2", members: [{ fullName: "Phạm Thị Dung" }] });
      const dung = other.members[0]!;
      await db.member.update({ where: { id: dung.id }, data: { preferredChannel: "zalo" } });
      // Dung has two accounts; Zalo is older but preferred. Cường has left: nothing of his is read.
      await db.channelAccount.create({
        data: {
          channel: "telegram",
          externalId: "444",
          chatId: "444",
          memberId: dung.id,
          lastSeenAt: new Date("2026-11-20T00:00:00Z"),
        },
      });
      await db.channelAccount.create({
        data: {
          channel: "zalo",
          externalId: "dd44",
          chatId: "dd44",
          memberId: dung.id,
          lastSeenAt: new Date("2026-11-01T00:00:00Z"),
        },
      });
      await db.channelAccount.create({
        data: { channel: "telegram", externalId: "333", chatId: "333", memberId: cuong.id },
      });
      await db.meeting.create({
        data: {
          branchId: other.branch.id,
          kind: "thematic",
          startsAt: new Date("2026-12-05T01:00:00Z"),
          place: "Trường",
        },
      });
      await db.response.create({
        data: { meetingId: meetings[0]!.id, memberId: binh.id, answer: null, attendance: "present" },
      });
      const both = async <T>(q: (h: HotQueries) => Promise<T>) => {
        const [a, b] = await Promise.all([q(fast), q(prisma)]);
        expect(a).toEqual(b);
        return a;
      };
      const window = await both((h) =>
        h.meetingsStartingIn(new Date("2026-12-01T00:00:00Z"), new Date("2026-12-17T12:30:00Z")),
      );
      expect(window.map((m) => [m.id, m.branch])).toEqual([
        [meetings[0]!.id, { reminderLeads: null, nudgeEnabled: true }],
        [meetings[2]!.id, { reminderLeads: null, nudgeEnabled: true }],
        [meetings[4]!.id, { reminderLeads: null, nudgeEnabled: true }],
        [expect.any(Number), { reminderLeads: null, nudgeEnabled: null }],
      ]);
      expect(window[0]!.startsAt).toEqual(new Date("2026-12-03T12:30:00Z"));
      const members = await both((h) => h.branchMembers([branch.id, other.branch.id]));
      expect(members.map((m) => m.id)).toEqual([an.id, binh.id, dung.id]);
      expect(members[0]).toEqual({
        id: an.id,
        branchId: branch.id,
        exemption: "temporary",
        exemptFrom: new Date("2026-01-01T00:00:00Z"),
        exemptUntil: new Date("2026-06-30T16:59:59.999Z"),
      });
      // Binh's Zalo account is unreachable; the most recently used first (An's was linked just now).
      expect(await both((h) => h.reachableAccounts([branch.id, other.branch.id]))).toEqual([
        { memberId: an.id, channel: "telegram", chatId: "111", preferredChannel: null },
        { memberId: dung.id, channel: "telegram", chatId: "444", preferredChannel: "zalo" },
        { memberId: dung.id, channel: "zalo", chatId: "dd44", preferredChannel: "zalo" },
      ]);
      expect(await both((h) => h.answers(meetings.map((m) => m.id)))).toEqual([
        { meetingId: meetings[0]!.id, memberId: an.id, answer: "leave_accepted" },
        { meetingId: meetings[2]!.id, memberId: an.id, answer: "attending" },
      ]);
      // Long lists go in slices and still answer in full.
      const many = [...Array.from({ length: 1200 }, (_, i) => 100_000 + i), branch.id];
      expect((await both((h) => h.branchMembers(many))).map((m) => m.id)).toEqual([an.id, binh.id]);
    },
  );

  test('a date written by a column default ("YYYY-MM-DD HH:MM:SS", UTC) reads as that UTC instant', async () => {
    const { an } = await seed();
    await db.$executeRawUnsafe(
      `UPDATE "Member" SET "admittedAt" = '2001-05-19 07:30:00' WHERE "id" = ${onPostgresql() ? "$1" : "?"}`,
      an.id,
    );
    expect((await fast.member(an.id))?.admittedAt).toEqual(new Date("2001-05-19T07:30:00Z"));
  });
});

describe("writes: what the statements store reads back through Prisma", () => {
  test("an update is claimed once, at the time the caller's clock gives", async () => {
    const at = new Date("2026-11-23T08:00:00Z");
    for (const h of [fast, prisma]) {
      const key = h === fast ? "fast:1" : "prisma:1";
      expect(await h.claimUpdate("telegram", key, at)).toBe(true);
      expect(await h.claimUpdate("telegram", key, at)).toBe(false);
      expect(await h.claimUpdate("zalo", key, at)).toBe(true);
    }
    const rows = await db.inboundSeen.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => `${r.channel}/${r.updateKey}`)).toEqual([
      "telegram/fast:1",
      "zalo/fast:1",
      "telegram/prisma:1",
      "zalo/prisma:1",
    ]);
    for (const r of rows) expect(r.at).toEqual(at);
  });

  test("sessions are created, replaced and deleted", async () => {
    const at = new Date("2026-11-23T08:00:00Z");
    await fast.saveSession("telegram", "7", "create_meeting", '{"dialog":"create_meeting","step":1}', at);
    const created = await db.chatSession.findUniqueOrThrow({
      where: { channel_chatId: { channel: "telegram", chatId: "7" } },
    });
    expect(created).toMatchObject({ dialog: "create_meeting", data: '{"dialog":"create_meeting","step":1}' });
    expect(created.updatedAt).toEqual(at);
    await fast.saveSession("telegram", "7", "leave_reason", '{"dialog":"leave_reason","meetingId":3}', at);
    expect(await db.chatSession.findMany()).toEqual([
      expect.objectContaining({
        id: created.id,
        dialog: "leave_reason",
        data: '{"dialog":"leave_reason","meetingId":3}',
      }),
    ]);
    await fast.deleteSession("telegram", "7");
    await fast.deleteSession("telegram", "7"); // nothing there: no error
    expect(await db.chatSession.count()).toBe(0);
  });

  test("an answer is stored, and a new answer clears the earlier decision", async () => {
    const { an, binh, meetings } = await seed();
    const at = new Date("2026-11-22T05:00:00Z");
    // Member An's decided leave request for meeting 0 becomes "attending": the decision goes.
    const id = await fast.saveAnswer({
      meetingId: meetings[0]!.id,
      memberId: an.id,
      answer: "attending",
      reason: null,
      at,
    });
    const row = await db.response.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      answer: "attending",
      reason: null,
      answeredAt: at,
      decidedAt: null,
      decidedById: null,
      meetingId: meetings[0]!.id,
      memberId: an.id,
    });
    // A first answer creates the row.
    const newId = await fast.saveAnswer({
      meetingId: meetings[0]!.id,
      memberId: binh.id,
      answer: "leave_requested",
      reason: "Ốm",
      at,
    });
    expect(newId).not.toBe(id);
    expect(await db.response.findUniqueOrThrow({ where: { id: newId } })).toMatchObject({
      answer: "leave_requested",
      reason: "Ốm",
      answeredAt: at,
    });
    // The Prisma path stores the same.
    const viaPrisma = await prisma.saveAnswer({
      meetingId: meetings[2]!.id,
      memberId: binh.id,
      answer: "leave_requested",
      reason: "Ốm",
      at,
    });
    const a = await db.response.findUniqueOrThrow({ where: { id: newId } });
    const b = await db.response.findUniqueOrThrow({ where: { id: viaPrisma } });
    expect({ ...a, id: 0, meetingId: 0 }).toEqual({ ...b, id: 0, meetingId: 0 });
  });

  test("touching an account makes it reachable again from the chat it wrote from", async () => {
    await seed();
    const before = await db.channelAccount.findFirstOrThrow({ where: { channel: "zalo" } });
    const at = new Date("2026-11-22T06:07:08.009Z");
    await fast.touchAccount(before.id, "new-chat", at);
    expect(await db.channelAccount.findUniqueOrThrow({ where: { id: before.id } })).toEqual({
      ...before,
      lastSeenAt: at,
      unreachableAt: null,
      chatId: "new-chat",
    });
  });
});

test("after the client is closed the queries go through Prisma, which opens a new connection", async () => {
  await seed();
  const direct = () => directConnection(db) ?? postgresqlPool(db);
  await db.$disconnect();
  expect(direct()).toBeUndefined();
  expect((await hotQueries(db).accountWithMember("telegram", "111"))?.member.fullName).toBe("Nguyễn Văn An");
  // The reconnect gave the statements a connection again.
  expect(direct()).toBeDefined();
});

test("the statements know every date and yes/no column of the models they read (checked against the schema)", () => {
  const schema = readFileSync(resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  for (const [model, known] of Object.entries(TYPED_COLUMNS)) {
    const body = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, "m").exec(schema)?.[1];
    expect(body, model).toBeDefined();
    const fields = (type: string) =>
      [...body!.matchAll(new RegExp(`^\\s+(\\w+)\\s+${type}\\??(\\s|$)`, "gm"))].map((m) => m[1]).sort();
    expect(fields("DateTime"), `${model} dates`).toEqual([...known.dates].sort());
    expect(fields("Boolean"), `${model} booleans`).toEqual([...known.booleans].sort());
  }
});

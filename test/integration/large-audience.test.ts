/**
 * A committee addresses thousands of members at once: SQLite takes at most 999
 * parameters in one statement, so every list of members is read in slices. A
 * survey and an announcement to 1,200 members, their status and results.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.ts";
import { questionsFromDrafts, surveyQuestionnaire } from "../../src/domain/survey.ts";
import { freshDb } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { testServices } from "../support/services.ts";
import { STAFF } from "../support/given.ts";

let db: Db;
let clock: TestClock;
let outbox: Outbox;
const MEMBERS = 1200;

beforeEach(async () => {
  ({ db } = await freshDb());
  clock = testClock("2026-11-22T03:00:00Z");
  outbox = createOutbox({ db, clock });
  const org = await db.organisation.create({ data: { name: "Đảng bộ phường Lớn" } });
  const branches = await db.branch.createManyAndReturn({
    data: Array.from({ length: 12 }, (_, i) => ({ organisationId: org.id, code: `l${i}`, name: `Chi bộ ${i + 1}` })),
  });
  const members = await db.member.createManyAndReturn({
    data: Array.from({ length: MEMBERS }, (_, i) => ({
      branchId: branches[i % 12]!.id,
      fullName: `Đảng viên ${i + 1}`,
    })),
  });
  await db.channelAccount.createMany({
    data: members.map((m, i) => ({
      channel: "telegram",
      externalId: String(10_000 + i),
      chatId: String(10_000 + i),
      memberId: m.id,
    })),
  });
});
afterEach(async () => db.$disconnect());

test("a survey to 1,200 members is sent to all, and its named results name all who answered", async () => {
  const s = testServices(db, clock, outbox);
  const branchIds = (await db.branch.findMany()).map((b) => b.id);
  const q = questionsFromDrafts([{ kind: "yes_no", text: "Đồng ý?" }]);
  if (!q.ok) throw new Error("questions");
  const r = await s.createSurvey(STAFF, {
    title: "Lấy ý kiến",
    definition: surveyQuestionnaire("Lấy ý kiến", [{ title: "", questions: q.questions }]),
    anonymous: false,
    audience: { branchIds, audience: "all" },
    deadline: new Date("2026-11-30T10:00:00Z"),
    senderLabel: "Đảng ủy",
  });
  expect(r).toMatchObject({ recipients: MEMBERS, queued: MEMBERS, unreachable: 0 });
  await db.surveyRecipient.updateMany({
    where: { surveyId: r.survey.id },
    data: { status: "answered", state: JSON.stringify({ answers: { q1: true }, current: null, history: ["q1"] }) },
  });
  const results = await s.surveyResults(STAFF, r.survey.id);
  expect(results.status).toMatchObject({ recipients: MEMBERS, answered: MEMBERS });
  expect(results.sheets.filter((x) => x.name?.startsWith("Đảng viên "))).toHaveLength(MEMBERS);
  expect(results.results.branches).toHaveLength(12);
});

test("an announcement to 1,200 members: its per-recipient status", async () => {
  const s = testServices(db, clock, outbox);
  const branchIds = (await db.branch.findMany()).map((b) => b.id);
  const sent = await s.sendAnnouncement(STAFF, {
    text: "Thông báo lịch học Nghị quyết",
    attachment: null,
    audience: { branchIds, audience: "all" },
    sendAt: null,
    senderLabel: "Đảng ủy",
  });
  expect(sent.queued).toBe(MEMBERS);
  const status = await s.announcementStatus(STAFF, sent.announcement.id);
  expect(status.recipients).toHaveLength(MEMBERS);
  expect(status.counts.queued).toBe(MEMBERS);
});

/** The review's reminders, the command line (custom split, member form data, lock, export, committee figures). */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { createOutbox, type Outbox } from "../../src/delivery/outbox.ts";
import { planReviewReminders, reviewReminderStep } from "../../src/services/scheduled/review-reminders.ts";
import {
  openCampaign,
  reviewForMember,
  reviewState,
  saveReviewState,
  submitReview,
  reopenReview,
} from "../../src/services/self-review.ts";
import { buildSelfReviewForm } from "../../src/domain/forms/self-review.ts";
import { DEFAULT_SPLIT } from "../../src/domain/rating.ts";
import { freshDb } from "../support/db.ts";
import { testClock, type TestClock } from "../support/clock.ts";
import { cli } from "../support/cli.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";

const TZ = "Asia/Ho_Chi_Minh";
let db: Db;
let clock: TestClock;
let outbox: Outbox;
beforeEach(async () => {
  ({ db } = await freshDb());
  clock = testClock("2026-11-10T03:00:00Z");
  outbox = createOutbox({ db, clock });
});
afterEach(async () => db.$disconnect());
const run = (...a: string[]) => cli({ db, clock, outbox }, ...a);

describe("review reminders", () => {
  test("weekly after opening, then 3 days and 1 day before the deadline at 08:00", () => {
    const opened = new Date("2026-11-10T03:00:00Z");
    const deadline = new Date("2026-12-05T10:00:00Z"); // 17:00 on 05/12
    expect(reviewReminderStep(opened, deadline, new Date("2026-11-12T03:00:00Z"), TZ)).toBeNull();
    expect(reviewReminderStep(opened, deadline, new Date("2026-11-17T03:00:00Z"), TZ)).toBe("w1");
    expect(reviewReminderStep(opened, deadline, new Date("2026-12-02T00:59:00Z"), TZ)).toBe("w3");
    expect(reviewReminderStep(opened, deadline, new Date("2026-12-02T01:00:00Z"), TZ)).toBe("d-3");
    expect(reviewReminderStep(opened, deadline, new Date("2026-12-04T01:00:00Z"), TZ)).toBe("d-1");
    expect(reviewReminderStep(opened, deadline, new Date("2026-12-05T10:00:00Z"), TZ)).toBeNull();
  });

  test("only members taking part who have not submitted are reminded, once per step", async () => {
    const { members } = await seedBranch(db, {
      code: "r",
      members: [{ fullName: "Đã Nộp" }, { fullName: "Chưa Nộp" }, { fullName: "Được Miễn", exemption: "full" }],
    });
    for (const [i, m] of members.entries()) await linkTelegram(db, m.id, 100 + i);
    expect(
      (await run("review", "open", "--branch", "r", "--year", "2026", "--deadline", "05/12/2026 17:00")).code,
    ).toBe(0);
    const done = await reviewForMember(db, clock, { ...members[0]!, formKind: "2C" });
    if (done.type !== "ok") throw new Error("no review");
    await fillScores(done.review, 0.8);
    await submitReview(db, clock, done.review.id, "tot");
    clock.set("2026-12-02T01:05:00Z");
    expect(await planReviewReminders({ db, outbox, clock, timeZone: TZ })).toBe(1);
    expect(await planReviewReminders({ db, outbox, clock, timeZone: TZ })).toBe(0);
    const row = await db.outbox.findFirstOrThrow({ where: { kind: "review_reminder" } });
    expect(row.chatId).toBe("101");
    expect(JSON.parse(row.payload).text).toContain("hạn nộp bản kiểm điểm là 17:00 Thứ Bảy, 05/12/2026");
  });
});

test("the deadline must come before 31/12 in the branch's time zone", async () => {
  const { branch } = await seedBranch(db, { code: "tz", members: [] });
  const admin = { id: null, branchId: branch.id, role: "admin", isAdmin: true, label: "cli" } as const;
  const open = (deadline: string, timeZone = TZ) =>
    openCampaign(db, clock, admin, { branchId: branch.id, year: 2026, deadline: new Date(deadline), timeZone });
  // 31/12 00:00 in Hà Nội is 30/12 17:00 UTC.
  await expect(open("2026-12-30T17:00:00Z")).rejects.toThrow("phải trước ngày 31/12/2026");
  // The same instant is still 30/12 (12:00) in New York.
  expect((await open("2026-12-30T17:00:00Z", "America/New_York")).deadline).toEqual(new Date("2026-12-30T17:00:00Z"));
  await db.reviewCampaign.deleteMany();
  expect((await open("2026-12-30T16:59:00Z")).deadline).toEqual(new Date("2026-12-30T16:59:00Z"));
});

/** Gives every score question the same share of its maximum, and answers "no" to every trigger. */
async function fillScores(review: { id: number; form: string; state: string }, share: number): Promise<void> {
  const def = buildSelfReviewForm(review.form as "2A" | "2B" | "2C", DEFAULT_SPLIT);
  const scores = def.sections
    .flatMap((sec) => sec.questions)
    .flatMap((q) => (q.type === "number" ? [[q.id, Math.round(q.max * share)] as const] : []));
  await saveReviewState(db, review.id, {
    ...reviewState(review),
    answers: {
      ...Object.fromEntries(scores),
      t_decline: false,
      t_discipline: false,
      t_breach: false,
      t_undone: false,
      beyond: false,
    },
  });
}

describe("the command line", () => {
  test("a custom split must add up to 30 and 70; the quota share is kept", async () => {
    await seedBranch(db, { code: "c", members: [] });
    const bad = await run(
      "review",
      "open",
      "--branch",
      "c",
      "--year",
      "2026",
      "--deadline",
      "05/12/2026 17:00",
      "--general",
      "A=10; B=10",
      "--tasks",
      "C=70",
    );
    expect(bad.lines.at(-1)).toBe("Lỗi: Các tiêu chí chung phải cộng lại 30 điểm (đang là 20).");
    const late = await run("review", "open", "--branch", "c", "--year", "2026", "--deadline", "02/01/2027 17:00");
    expect(late.lines.at(-1)).toContain("phải trước ngày 31/12/2026");
    const ok = await run(
      "review",
      "open",
      "--branch",
      "c",
      "--year",
      "2026",
      "--deadline",
      "05/12/2026 17:00",
      "--general",
      "Chính trị=15; Đạo đức=15",
      "--tasks",
      "Nhiệm vụ=70",
      "--quota",
      "0.25",
    );
    expect(ok.code).toBe(0);
    const c = await db.reviewCampaign.findFirstOrThrow();
    expect(JSON.parse(c.split)).toEqual({ general: { "Chính trị": 15, "Đạo đức": 15 }, tasks: { "Nhiệm vụ": 70 } });
    expect(c.quotaShare).toBe(0.25);
  });

  test("members' form data; a locked review cannot be reopened; export and the organisation's figures", async () => {
    const { members } = await seedBranch(db, {
      code: "d",
      name: "Chi bộ D",
      members: [{ fullName: "Người Mới" }, { fullName: "Lãnh Đạo" }],
    });
    expect((await run("member", "review-info", "--branch", "d", "--member", "Lãnh Đạo", "--form", "2A")).code).toBe(0);
    expect(
      (await run("member", "review-info", "--branch", "d", "--member", "Người Mới", "--admitted", "01/09/2026")).code,
    ).toBe(0);
    await run("review", "open", "--branch", "d", "--year", "2026", "--deadline", "05/12/2026 17:00");
    expect(await reviewForMember(db, clock, { ...members[0]!, formKind: "2C" })).toMatchObject({
      type: "not_taking",
      reason: "new",
    });
    const leader = await db.member.findFirstOrThrow({ where: { fullName: "Lãnh Đạo" } });
    const access = await reviewForMember(db, clock, leader);
    if (access.type !== "ok") throw new Error("no review");
    expect(access.review.form).toBe("2A");
    // 80 points and no trigger: "hoàn thành tốt" is allowed, "xuất sắc" is not, whoever submits.
    await fillScores(access.review, 0.8);
    await expect(submitReview(db, clock, access.review.id, "xuat_sac")).rejects.toThrow(
      'Mức "Hoàn thành xuất sắc nhiệm vụ" không phù hợp',
    );
    expect((await db.selfReview.findUniqueOrThrow({ where: { id: access.review.id } })).status).toBe("in_progress");
    await submitReview(db, clock, access.review.id, "tot");
    await db.selfReview.update({ where: { id: access.review.id }, data: { finalLevel: "tot" } });
    expect((await run("review", "lock", "--branch", "d", "--year", "2026")).code).toBe(0);
    await expect(reopenReview(db, clock, access.review.id)).rejects.toThrow("Bí thư đã khoá đợt kiểm điểm");
    const file = join(tmpdir(), `review-${process.pid}.csv`);
    expect((await run("review", "export", "--branch", "d", "--year", "2026", "--out", file)).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("Lãnh Đạo,2A,Đã nộp");
    await seedBranch(db, { code: "e", name: "Chi bộ E", members: [] });
    const all = await run(
      "review",
      "open",
      "--org",
      "Đảng bộ phường Test",
      "--year",
      "2026",
      "--deadline",
      "05/12/2026 17:00",
    );
    expect(all.lines).toContain("d: đợt kiểm điểm năm 2026 đã mở (giữ nguyên)");
    expect(all.lines).toContain(
      "Đã mở đợt kiểm điểm năm 2026 của chi bộ e, hạn nộp 17:00 Thứ Bảy, 05/12/2026; đã báo cho 0 đảng viên",
    );
    const org = await run("review", "organisation", "--org", "Đảng bộ phường Test", "--year", "2026");
    expect(org.lines[0]).toContain("Chi bộ D\tđã nộp 1");
    expect(org.lines.at(-1)).toContain("Hoàn thành tốt nhiệm vụ 1");
    expect(org.lines.at(-1)).toContain("hoàn thành tốt trở lên 100%");
  });
});

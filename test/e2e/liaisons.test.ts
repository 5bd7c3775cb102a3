/**
 * A committee member in charge of a branch (cấp ủy viên phụ trách) as he lives
 * it in chat: assigned on the command line, he gets the branch's meeting notice
 * and reminder as a guest, answers with the same buttons, is recorded present
 * apart from the branch's members (whose attendance rate does not change), is
 * named in the minutes, and the committee's report says whether he keeps up
 * with the yearly target. When he cannot come, the secretary is told.
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { cli } from "../support/cli.ts";
import { forget, givenBranch, STAFF, type World } from "../support/given.ts";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { docText, unzipEntry } from "../support/zip.ts";

let h: Harness;
let branch: World;
let hung: ChatUser, lan: ChatUser, uy: ChatUser;
const run = (...argv: string[]) => cli({ db: h.db, clock: h.clock, outbox: h.app.outbox }, ...argv);

beforeEach(async () => {
  // Monday 16/11/2026 09:00 in Hà Nội.
  h = await startHarness({ now: "2026-11-16T02:00:00Z" });
  [hung, lan, uy] = [h.user(7301), h.user(7302), h.user(7303)];
  branch = await givenBranch(h, {
    people: [
      { fullName: "Phạm Văn Hùng", post: "Bí thư", user: hung },
      { fullName: "Lê Thị Lan", user: lan },
      { fullName: "Nguyễn Văn Bốn" },
    ],
  });
  await givenBranch(h, {
    code: "cqdu",
    name: "Chi bộ Cơ quan Đảng ủy",
    people: [{ fullName: "Đỗ Văn Ủy", post: "Đảng ủy", user: uy }],
  });
  await forget(h, [hung, lan, uy]);
});
afterEach(async () => h.stop());

test("the committee member in charge is invited, reminded, answers, is recorded apart, and counted against his target", async () => {
  const assigned = await run(
    "liaison",
    "assign",
    "--branch",
    "tdp5",
    "--member",
    "Đỗ Văn Ủy",
    "--member-branch",
    "cqdu",
  );
  expect(assigned.lines).toEqual(["Đã phân công đồng chí Đỗ Văn Ủy phụ trách Chi bộ Tổ dân phố 5."]);

  const { meeting } = await h.app.services.scheduleMeeting(branch.actor("Phạm Văn Hùng"), {
    branchId: branch.branch.id,
    kind: "regular",
    startsAt: new Date("2026-11-26T12:30:00Z"),
    place: "Nhà văn hoá tổ 5",
    agenda: "",
  });
  await h.settle();
  const invite = await uy.expectOne();
  expect(invite.text).toContain(
    "Đồng chí là cấp ủy viên phụ trách Chi bộ Tổ dân phố 5. Mời đồng chí dự buổi sinh hoạt:",
  );
  expect(invite.text).toContain("Nhà văn hoá tổ 5");
  expect(invite.buttons.map((b) => b.text)).toEqual(["✅ Có mặt", "🙋 Xin vắng"]);
  await lan.expectOne();
  await uy.press("✅ Có mặt", invite);
  expect((await uy.expectOne()).text).toContain("Cảm ơn đồng chí đã xác nhận có mặt");
  expect(await h.db.guestResponse.findMany({ select: { memberId: true, answer: true } })).toEqual([
    { memberId: (await h.db.member.findFirstOrThrow({ where: { fullName: "Đỗ Văn Ủy" } })).id, answer: "attending" },
  ]);
  // He is not one of the branch's members in its status.
  await hung.say("/tinhhinh");
  const status = (await hung.expect(1))[0]!.text;
  expect(status).not.toContain("Đỗ Văn Ủy");

  // Three days before, at 08:00: the reminder reaches him too, with his answer.
  h.clock.set("2026-11-23T01:30:00Z");
  await h.app.jobs.planReminders();
  await h.settle();
  const reminder = await uy.expectOne();
  expect(reminder.text).toContain("cấp ủy viên phụ trách Chi bộ Tổ dân phố 5");
  expect(reminder.text).toContain("19:30");

  // After the meeting: the branch's 3 members, Bốn absent; the guest present on his own list.
  h.clock.set("2026-11-26T15:00:00Z");
  const bon = branch.member("Nguyễn Văn Bốn").id;
  const { summary } = await h.app.services.recordAttendance(branch.actor("Phạm Văn Hùng"), meeting.id, [bon], 0.85);
  expect(summary).toMatchObject({ present: 2, expected: 3 });
  const uyId = (await h.db.member.findFirstOrThrow({ where: { fullName: "Đỗ Văn Ủy" } })).id;
  // The office records it on the command line, as the secretary would on the meeting's grid.
  const guests = await run("meeting", "guests", String(meeting.id), "--present", String(uyId));
  expect(guests.lines).toEqual([`#${uyId} Đỗ Văn Ủy: có mặt`]);
  await h.app.services.saveMeetingRecord(branch.actor("Phạm Văn Hùng"), meeting.id, {
    startedAt: new Date("2026-11-26T12:30:00Z"),
    endedAt: new Date("2026-11-26T14:00:00Z"),
    chairName: "Phạm Văn Hùng",
    minutesBy: "Lê Thị Lan",
    content: "Nội dung",
    resolution: "Nghị quyết",
    speakers: ["Lê Thị Lan", "Đỗ Văn Ủy"],
    prepared: true,
  });
  const { buffer } = await h.app.services.meetingMinutes(STAFF, meeting.id);
  const doc = docText(await unzipEntry(buffer, "word/document.xml")).split("\n");
  expect(doc).toContain("- Tổng số đảng viên phải dự: 3; có mặt: 2; vắng: 1 (có lý do: 0; không lý do: 1).");
  expect(doc).toContain("- Cấp ủy viên phụ trách chi bộ dự: Đỗ Văn Ủy.");

  // Target 6 a year; by 26 November, 6 × (10 + 26/31) / 12 = 5 due: one attended is behind.
  const report = await run("liaison", "report", "--year", "2026");
  expect(report.lines).toEqual([
    "Cấp ủy viên phụ trách chi bộ, năm 2026: họ tên | chi bộ | đã dự/buổi chi bộ họp | chỉ tiêu năm (đến nay)",
    "Đỗ Văn Ủy | Chi bộ Tổ dân phố 5 | 1/1 | 6 (5) | CHẬM",
  ]);
  // In chat, committee staff read the branches' 4 tốt ranking so far (no criteria set yet: 0 each).
  await uy.say("/bontot");
  const ranking = (await uy.expect(1))[0]!.text;
  expect(ranking).toContain("Chi bộ 4 tốt từ đầu năm 2026:");
  expect(ranking).toContain("Chi bộ Tổ dân phố 5: 0 điểm");
  // A committee that asks for 1 a year sees him on track.
  await run("committee", "set", "liaisonYearlyMeetings", "1");
  expect((await run("liaison", "report", "--year", "2026")).lines[1]).toBe(
    "Đỗ Văn Ủy | Chi bộ Tổ dân phố 5 | 1/1 | 1 (0)",
  );
});

test("when he cannot come, the secretary is told; after the assignment ends he is no longer invited", async () => {
  await run("liaison", "assign", "--branch", "tdp5", "--member", "Đỗ Văn Ủy", "--member-branch", "cqdu");
  const { meeting } = await h.app.services.scheduleMeeting(branch.actor("Phạm Văn Hùng"), {
    branchId: branch.branch.id,
    kind: "thematic",
    startsAt: new Date("2026-11-26T12:30:00Z"),
    place: "Nhà văn hoá tổ 5",
    agenda: "",
  });
  await h.settle();
  const invite = await uy.expectOne();
  await hung.drain();
  await uy.press("🙋 Xin vắng", invite);
  await uy.expectOne();
  await uy.say("Họp Đảng ủy cùng giờ");
  await uy.expectOne();
  await h.settle();
  const told = await hung.expectOne();
  expect(told.text).toContain("Đồng chí Đỗ Văn Ủy (cấp ủy viên phụ trách chi bộ) báo không dự được buổi sinh hoạt");
  expect(told.text).toContain("Lý do: Họp Đảng ủy cùng giờ");
  expect(told.buttons).toEqual([]);
  // The branch's leave requests to decide do not include him.
  expect(await h.app.services.pendingLeaveRequests(branch.actor("Phạm Văn Hùng"), meeting.id)).toEqual([]);

  expect((await run("liaison", "end", "--branch", "tdp5")).lines).toEqual([
    "Đã thôi phân công phụ trách Chi bộ Tổ dân phố 5.",
  ]);
  await h.app.services.scheduleMeeting(branch.actor("Phạm Văn Hùng"), {
    branchId: branch.branch.id,
    kind: "regular",
    startsAt: new Date("2026-12-03T12:30:00Z"),
    place: "Nhà văn hoá tổ 5",
    agenda: "",
  });
  await h.settle();
  await lan.drain();
  expect(await uy.drain()).toEqual([]);
  // A member of another organisation, or one who left, cannot be assigned.
  const refused = await run("liaison", "assign", "--branch", "tdp5", "--member", "Lê Thị Lan");
  expect(refused.code).toBe(0);
  expect((await run("liaison", "assign", "--branch", "tdp5", "--member", "Lê Thị Lan")).lines.join()).toContain(
    "Đồng chí Lê Thị Lan đang phụ trách chi bộ này.",
  );
});

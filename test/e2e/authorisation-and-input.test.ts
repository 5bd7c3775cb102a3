/** Who may do what, and how the bot answers bad input, stale buttons and restarts. */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { issueInvites } from "../../src/services/linking.ts";

let h: Harness;
let secA: ChatUser, memA: ChatUser, secB: ChatUser, memB: ChatUser;
let meetingA: number;
let leaveResponseId: number;

beforeEach(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z" });
  const a = await seedBranch(h.db, {
    code: "a",
    name: "Chi bộ A",
    members: [{ fullName: "Bí Thư A", role: "secretary" }, { fullName: "Đảng Viên A" }, { fullName: "Đảng Viên A2" }],
  });
  const b = await seedBranch(h.db, {
    code: "b",
    name: "Chi bộ B",
    members: [{ fullName: "Bí Thư B", role: "secretary" }, { fullName: "Đảng Viên B" }],
  });
  await linkTelegram(h.db, a.members[0]!.id, 2001);
  await linkTelegram(h.db, a.members[1]!.id, 2002);
  await linkTelegram(h.db, b.members[0]!.id, 2101);
  await linkTelegram(h.db, b.members[1]!.id, 2102);
  secA = h.user(2001);
  memA = h.user(2002);
  secB = h.user(2101);
  memB = h.user(2102);
  const meeting = await h.db.meeting.create({
    data: { branchId: a.branch.id, kind: "regular", startsAt: new Date("2026-12-03T12:30:00Z"), place: "Hội trường A" },
  });
  meetingA = meeting.id;
  const response = await h.db.response.create({
    data: {
      meetingId: meeting.id,
      memberId: a.members[1]!.id,
      answer: "leave_requested",
      reason: "Ốm",
      answeredAt: new Date(),
    },
  });
  leaveResponseId = response.id;
});
afterEach(async () => h?.stop());

describe("authorisation", () => {
  test.each(["/taohop", "/suahop", "/tinhhinh", "/diemdanh", "/golienket"])(
    "a member cannot use %s",
    async (command) => {
      await memA.say(command);
      expect((await memA.expectOne()).text).toContain("không có quyền");
    },
  );

  test("an unlinked user is asked to link first", async () => {
    const stranger = h.user(2999);
    await stranger.say("/lichhop");
    expect((await stranger.expectOne()).text).toContain("chưa được liên kết");
  });

  test("a member cannot decide a leave request by forging the button", async () => {
    await memA.pressData(`leave:ok:${leaveResponseId}`);
    expect((await memA.expectOne()).text).toContain("không có quyền");
    expect((await h.db.response.findUniqueOrThrow({ where: { id: leaveResponseId } })).answer).toBe("leave_requested");
  });

  test("another branch's secretary cannot decide it either", async () => {
    await secB.pressData(`leave:ok:${leaveResponseId}`);
    expect((await secB.expectOne()).text).toContain("không có quyền");
    expect((await h.db.response.findUniqueOrThrow({ where: { id: leaveResponseId } })).answer).toBe("leave_requested");
    const audit = await h.db.auditLog.count({ where: { action: "leave.accept" } });
    expect(audit).toBe(0);
  });

  test("a member of another branch cannot answer this branch's meeting, nor see it", async () => {
    await memB.pressData(`rsvp:yes:${meetingA}`);
    expect((await memB.expectOne()).text).toContain("không thuộc danh sách");
    expect(await h.db.response.count({ where: { meetingId: meetingA } })).toBe(1);
    await memB.say("/lichhop");
    expect((await memB.expectOne()).text).toContain("chưa có buổi sinh hoạt");
    await secB.say("/tinhhinh");
    const [status] = await secB.expect(2);
    expect(status!.text).toContain("Không có buổi sinh hoạt nào sắp tới");
  });
});

describe("bad input", () => {
  test("unknown commands, garbage buttons and oversized messages get a clear answer", async () => {
    await memA.say("/xoahet");
    expect((await memA.expectOne()).text).toContain("chưa hiểu lệnh");
    await memA.pressData("zzz:1:2");
    expect((await memA.expectOne()).text).toContain("không còn hiệu lực");
    await memA.pressData("d:attendance:save");
    expect((await memA.expectOne()).text).toContain("không còn hiệu lực");
    // Forged or garbled button data: one decoder refuses it, nothing reaches a service, nothing is logged as an error.
    for (const data of [
      "annr:1e309",
      "annr:-1",
      "ack:0x10",
      "rsvp:yes:1.5",
      "rsvp:maybe:1",
      "leave:ok:99999999999",
      "ack:",
      "d:attendance:toggle:1e309",
      "x".repeat(70),
      "anns:1:2",
    ]) {
      await memA.pressData(data);
      expect((await memA.expectOne()).text, data).toBe("Nút này không còn hiệu lực.");
    }
    expect(h.errors).toEqual([]);
    await memA.say("a".repeat(4097));
    expect((await memA.expectOne()).text).toContain("quá dài");
    await memA.say("xin chào");
    expect((await memA.expectOne()).text).toContain("chưa hiểu tin nhắn");
  });

  test("free text where a button is expected re-asks; /huy leaves the dialog", async () => {
    await secA.say("/taohop");
    await secA.expectOne();
    await secA.say("họp thường kỳ");
    expect((await secA.expectOne()).text).toContain("chọn một trong các nút");
    await secA.say("/huy");
    expect((await secA.expectOne()).text).toContain("Đã huỷ");
    await secA.say("/huy");
    expect((await secA.expectOne()).text).toContain("Không có thao tác nào");
    expect(await h.db.chatSession.count()).toBe(0);
  });

  test("the Huỷ button of a dialog's last step cancels it like /huy: nothing is created", async () => {
    const meetingsBefore = await h.db.meeting.count();
    await secA.say("/taohop");
    await secA.expectOne();
    await secA.press("Sinh hoạt chuyên đề");
    await secA.expectOne();
    await secA.say("15/12/2026 08:00");
    await secA.expectOne();
    await secA.say("Hội trường A");
    await secA.expectOne();
    await secA.say("Chuyên đề về chuyển đổi số");
    const confirm = await secA.expectOne();
    expect(confirm.text).toContain("Sinh hoạt chuyên đề");
    await secA.press("✖ Huỷ", confirm);
    expect((await secA.expectOne()).text).toBe("Đã huỷ thao tác đang làm.");
    expect(await h.db.chatSession.count()).toBe(0);
    expect(await h.db.meeting.count()).toBe(meetingsBefore);
    // The same button pressed again belongs to no dialog any more.
    await secA.press("✖ Huỷ", confirm);
    expect((await secA.expectOne()).text).not.toContain("Đã huỷ");
  });

  test("wrong invite codes are slowed down after 5 tries in an hour", async () => {
    const guesser = h.user(2998);
    for (let i = 0; i < 5; i++) {
      await guesser.say(`/start WRONG${i}AB`);
      expect((await guesser.expectOne()).text).toContain("Mã mời không đúng");
    }
    const [invite] = await issueInvites(h.db, {
      branchId: (await h.db.branch.findFirstOrThrow({ where: { code: "a" } })).id,
      memberIds: [(await h.db.member.findFirstOrThrow({ where: { fullName: "Đảng Viên A2" } })).id],
      ttlDays: 30,
      clock: h.clock,
      actor: "test",
    });
    await guesser.say(`/start ${invite!.code}`);
    expect((await guesser.expectOne()).text).toContain("sai quá nhiều lần");
    expect(await h.db.channelAccount.count({ where: { externalId: "2998" } })).toBe(0);
    h.clock.advance(3_600_000 + 1000);
    await guesser.say(`/start ${invite!.code}`);
    expect((await guesser.expectOne()).text).toContain("Đảng Viên A2");
    h.clock.advance(-(3_600_000 + 1000));
  });

  test("an expired invite code is refused", async () => {
    const branch = await h.db.branch.findFirstOrThrow({ where: { code: "b" } });
    const member = await h.db.member.create({ data: { branchId: branch.id, fullName: "Người Mới" } });
    const [invite] = await issueInvites(h.db, {
      branchId: branch.id,
      memberIds: [member.id],
      ttlDays: 1,
      clock: () => new Date("2026-11-01T00:00:00Z"),
      actor: "test",
    });
    const u = h.user(2997);
    await u.say(`/start ${invite!.code}`);
    expect((await u.expectOne()).text).toContain("hết hạn");
  });
});

describe("dialogs survive a restart", () => {
  test("a secretary half-way through /taohop continues after the bot restarts", async () => {
    await secA.say("/taohop");
    await secA.expectOne();
    await secA.press("Sinh hoạt chuyên đề");
    expect((await secA.expectOne()).text).toContain("Nhập ngày giờ họp");
    await h.restart();
    await secA.say("15/12/2026 08:00");
    expect((await secA.expectOne()).text).toContain("địa điểm");
    await secA.say("Hội trường A");
    expect((await secA.expectOne()).text).toContain("chủ đề sinh hoạt chuyên đề");
    await secA.say("Chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh");
    const confirm = await secA.expectOne();
    expect(confirm.text).toContain("Sinh hoạt chuyên đề");
    expect(confirm.text).toContain("08:00 Thứ Ba, 15/12/2026");
    await secA.press("Xác nhận");
    // The secretary gets the confirmation and, as a member of the branch, the announcement too.
    const texts = (await secA.expect(2)).map((m) => m.text);
    expect(texts.some((t) => t.includes("Đã tạo buổi sinh hoạt và gửi thông báo tới 2 đảng viên"))).toBe(true);
    expect(texts.some((t) => t.includes("Chi bộ thông báo lịch sinh hoạt"))).toBe(true);
    const created = await h.db.meeting.findFirstOrThrow({ where: { kind: "thematic" } });
    expect(created.agenda).toContain("Hồ Chí Minh");
    await memA.expectOne(); // the announcement
  });
});

describe("unlinking", () => {
  test("a member unlinks himself; the bot no longer knows him", async () => {
    const u = h.user(2002);
    await u.say("/huylienket");
    expect((await u.expectOne()).text).toContain("Đã huỷ liên kết");
    await u.say("/lichhop");
    expect((await u.expectOne()).text).toContain("chưa được liên kết");
    expect(await h.db.auditLog.count({ where: { action: "account.unlink" } })).toBe(1);
  });

  test("a secretary unlinks a member of the branch", async () => {
    await secB.say("/golienket");
    const list = await secB.expectOne();
    expect(list.buttons.map((b) => b.text)).toContain("Đảng Viên B");
    expect(list.buttons.map((b) => b.text)).not.toContain("Đảng Viên A");
    await secB.press("Đảng Viên B", list);
    expect((await secB.expectOne()).text).toContain("Đã gỡ liên kết tài khoản của đồng chí Đảng Viên B");
    expect((await memB.expectOne()).text).toContain("Bí thư chi bộ đã gỡ liên kết");
    expect(await h.db.channelAccount.count({ where: { externalId: "2102" } })).toBe(0);
  });
});

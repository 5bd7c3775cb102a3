/**
 * Announcements end to end: compose → preview → send → members acknowledge →
 * status; re-remind; a scheduled one stopped in time; stopping mid-send; the
 * committee to all branches with a photo; other branches never receive a
 * branch's announcement; a plain member cannot send.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { startHarness, type ChatUser, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { acceptDocuments } from "../support/fault-proxy.ts";

let h: Harness;
let sec: ChatUser, m1: ChatUser, m2: ChatUser, committee: ChatUser, secB: ChatUser, mB: ChatUser;

// Each test starts from the same two branches in a database of its own.
beforeEach(async () => {
  h = await startHarness({ now: "2026-11-22T03:00:00Z" });
  h.proxy.setRule(acceptDocuments);
  const a = await seedBranch(h.db, {
    code: "a",
    name: "Chi bộ Tổ dân phố 1",
    members: [
      { fullName: "Bí Thư Một", role: "secretary" },
      { fullName: "Nguyễn Văn Một" },
      { fullName: "Trần Thị Hai" },
      { fullName: "Cán Bộ Đảng Ủy", role: "committee" },
      { fullName: "Chưa Liên Kết" },
    ],
  });
  const b = await seedBranch(h.db, {
    code: "b",
    name: "Chi bộ Tổ dân phố 2",
    members: [{ fullName: "Bí Thư Hai", role: "secretary" }, { fullName: "Lê Văn Ba" }],
  });
  for (const [i, m] of a.members.slice(0, 4).entries()) await linkTelegram(h.db, m.id, 7101 + i);
  await linkTelegram(h.db, b.members[0]!.id, 7201);
  await linkTelegram(h.db, b.members[1]!.id, 7202);
  [sec, m1, m2, committee, secB, mB] = [
    h.user(7101),
    h.user(7102),
    h.user(7103),
    h.user(7104),
    h.user(7201),
    h.user(7202),
  ];
});
afterEach(async () => h?.stop());

/** The secretary's announcement to the whole branch, already delivered (as the compose test sends it). */
async function sentToBranch(text: string): Promise<number> {
  const secretary = await h.db.member.findFirstOrThrow({ where: { fullName: "Bí Thư Một" } });
  const r = await h.app.services.sendAnnouncement(
    { id: secretary.id, branchId: secretary.branchId, role: "secretary", label: `member:${secretary.id}` },
    {
      text,
      attachment: null,
      audience: { branchIds: [secretary.branchId], audience: "all" },
      sendAt: null,
      senderLabel: "Chi bộ Tổ dân phố 1",
    },
  );
  await h.settle();
  for (const u of [sec, m1, m2, committee, secB, mB]) await u.drain();
  return r.announcement.id;
}

describe("a branch announcement", () => {
  test("a member cannot send one", async () => {
    await m1.say("/thongbao");
    expect((await m1.expectOne()).text).toContain("không có quyền");
  });

  test("compose, preview with count and estimate, send; only this branch receives it", async () => {
    await sec.say("/thongbao");
    await sec.press("Tất cả đảng viên", await sec.expectOne());
    expect((await sec.expectOne()).text).toContain("Nhập nội dung thông báo");
    await sec.say("   ");
    expect((await sec.expectOne()).text).toContain("chưa có nội dung");
    await sec.say("Chủ nhật này 7h00 tổng vệ sinh khu phố, đề nghị các đồng chí tham gia.");
    await sec.press("Gửi ngay", await sec.expectOne());
    const preview = await sec.expectOne();
    expect(preview.text).toContain("Chủ nhật này 7h00 tổng vệ sinh khu phố");
    expect(preview.text).toContain("Người nhận: 5 đảng viên; gửi được 4.");
    expect(preview.text).toContain("Không gửi được (chưa liên kết hoặc đã chặn bot): Chưa Liên Kết");
    expect(preview.text).toMatch(/Thời gian gửi ước tính: khoảng \d+ giây/);
    await sec.press("Gửi", preview);
    const texts = (await sec.expect(2)).map((m) => m.text);
    expect(texts.some((t) => t.includes("Thông báo #1 đang được gửi tới 4 đảng viên"))).toBe(true);
    for (const u of [m1, m2, committee]) {
      const got = await u.expectOne();
      expect(got.text).toContain("📣 Thông báo của Chi bộ Tổ dân phố 1");
      expect(got.buttons.map((b) => b.text)).toEqual(["✅ Đã nhận"]);
    }
    expect(await mB.drain()).toEqual([]);
    expect(await secB.drain()).toEqual([]);
  });

  test("members acknowledge; the sender sees each recipient's state and re-reminds the others", async () => {
    const id = await sentToBranch("Chủ nhật này 7h00 tổng vệ sinh khu phố, đề nghị các đồng chí tham gia.");
    await m1.pressData(`ack:${id}`);
    expect((await m1.expectOne()).text).toContain("Đã ghi nhận");
    await m1.pressData(`ack:${id}`);
    expect((await m1.expectOne()).text).toContain("trước đó");
    // Someone who was not addressed cannot acknowledge it.
    await mB.pressData(`ack:${id}`);
    expect((await mB.expectOne()).text).toContain("không còn hiệu lực");

    await sec.say("/tinhtrangtb");
    const status = await sec.expectOne();
    expect(status.text).toContain("Đã nhận: 1 · Đã gửi, chưa bấm nhận: 3 · Không liên lạc được: 1");
    expect(status.text).toContain("Không liên lạc được: Chưa Liên Kết");
    await sec.press("Nhắc người chưa bấm nhận", status);
    const replies = (await sec.expect(2)).map((m) => m.text);
    expect(replies.some((t) => t.includes("Đã gửi nhắc lại tới 3 đảng viên"))).toBe(true);
    expect((await m2.expectOne()).text).toContain("(Nhắc lại) Chủ nhật này");
    await committee.expectOne();
    expect(await m1.drain()).toEqual([]);
  });

  test("a scheduled announcement can be stopped before its time", async () => {
    await sentToBranch("Thông báo tuần trước.");
    await sec.say("/thongbao");
    await sec.press("Tất cả đảng viên", await sec.expectOne());
    await sec.expectOne();
    await sec.say("Nhắc họp chi bộ tháng 12.");
    await sec.press("Hẹn giờ gửi", await sec.expectOne());
    await sec.expectOne();
    await sec.say("25/11/2026 07:30");
    const preview = await sec.expectOne();
    expect(preview.text).toContain("Gửi: 07:30 Thứ Tư, 25/11/2026");
    await sec.press("Gửi", preview);
    expect((await sec.expectOne()).text).toContain("sẽ được gửi lúc 07:30 Thứ Tư, 25/11/2026 tới 4 đảng viên");
    await sec.say("/tinhtrangtb");
    const list = await sec.expectOne();
    const scheduled = await h.db.announcement.findFirstOrThrow({ where: { status: "scheduled" } });
    await sec.press(`#${scheduled.id}`, list);
    const status = await sec.expectOne();
    expect(status.text).toContain("Đang chờ gửi: 4");
    await sec.press("Dừng gửi", status);
    expect((await sec.expectOne()).text).toContain("4 tin chưa gửi đã được huỷ");
    h.clock.set("2026-11-25T00:31:00Z");
    h.app.dispatcher.wake();
    expect(await m1.drain()).toEqual([]);
    expect((await h.db.announcement.findUniqueOrThrow({ where: { id: scheduled.id } })).status).toBe("cancelled");
  });
});

describe("the committee", () => {
  test("sends to all branches with a photo; every branch receives it once", async () => {
    await committee.say("/thongbao");
    const scope = await committee.expectOne();
    expect(scope.buttons.map((b) => b.text)).toEqual(["Chi bộ của tôi", "Tất cả chi bộ", "Chọn chi bộ…"]);
    await committee.press("Tất cả chi bộ", scope);
    await committee.press("Tất cả đảng viên", await committee.expectOne());
    await committee.expectOne();
    await committee.sendPhoto("PHOTO-NQ-12", "Kế hoạch triển khai Nghị quyết Đại hội");
    await committee.press("Gửi ngay", await committee.expectOne());
    const preview = await committee.expectOne();
    expect(preview.text).toContain("(kèm ảnh)");
    expect(preview.text).toContain("Người nhận: 7 đảng viên; gửi được 6.");
    await committee.press("Gửi", preview);
    await committee.expect(2);
    const got = await mB.expectOne();
    expect(got.text).toContain("📣 Thông báo của Đảng ủy");
    expect(got.text).toContain("Kế hoạch triển khai Nghị quyết Đại hội");
    const photos = h.proxy.calls.filter((c) => c.method === "sendPhoto");
    expect(photos.length).toBe(6);
    expect(photos.every((c) => c.body.photo === "PHOTO-NQ-12")).toBe(true);
    await secB.expectOne();
  });

  test("a branch secretary cannot address another branch", async () => {
    const { sendAnnouncement } = await import("../../src/services/announcements.ts");
    await expect(
      sendAnnouncement(
        { db: h.db, outbox: h.app.outbox, clock: h.clock },
        { id: 6, branchId: 2, role: "secretary", label: "member:6" },
        {
          text: "x",
          attachment: null,
          audience: { branchIds: [1], audience: "all" },
          sendAt: null,
          senderLabel: "B",
        },
      ),
    ).rejects.toMatchObject({ code: "not_authorised" });
  });
});

describe("stopping while sending", () => {
  let slow: Harness;
  afterAll(async () => slow?.stop());

  test("what is not sent yet is not sent", async () => {
    // Two messages a second: most of the announcement is still waiting when it is stopped.
    slow = await startHarness({ now: "2026-11-22T03:00:00Z", env: { TELEGRAM_MAX_PER_SECOND: "2" } });
    const { members } = await seedBranch(slow.db, {
      members: Array.from({ length: 6 }, (_, i) => ({
        fullName: `Đảng Viên ${i + 1}`,
        role: i === 0 ? "secretary" : "member",
      })),
    });
    for (const [i, m] of members.entries()) await linkTelegram(slow.db, m.id, 7300 + i);
    const { sendAnnouncement, cancelAnnouncement, announcementStatus } =
      await import("../../src/services/announcements.ts");
    const actor = {
      id: members[0]!.id,
      branchId: members[0]!.branchId,
      role: "secretary",
      label: `member:${members[0]!.id}`,
    };
    const deps = { db: slow.db, outbox: slow.app.outbox, clock: slow.clock };
    const r = await sendAnnouncement(deps, actor, {
      text: "Thông báo đang gửi",
      attachment: null,
      audience: { branchIds: [members[0]!.branchId], audience: "all" },
      sendAt: null,
      senderLabel: "Chi bộ",
    });
    await new Promise((res) => setTimeout(res, 700));
    const stopped = await cancelAnnouncement(deps, actor, r.announcement.id);
    await new Promise((res) => setTimeout(res, 1500));
    const delivered = slow.server.storage.botMessages.filter((m) =>
      String(m.message.text).includes("Thông báo đang gửi"),
    ).length;
    expect(stopped).toBeGreaterThanOrEqual(2);
    expect(delivered + stopped).toBe(6);
    const status = await announcementStatus(slow.db, actor, r.announcement.id);
    expect(status.counts.cancelled).toBe(stopped);
    expect(status.counts.sent).toBe(delivered);
  });
});

/**
 * Zalo end to end, against a local fake Zalo Bot API: linking by code, commands
 * without "/", numbered choices answered by number or text, xin vắng decided by
 * a secretary on Telegram, one reminder for a member on both channels, fallback
 * to Telegram when Zalo fails, and the webhook's secret check.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freePort, startHarness, type ChatUser, type Harness, type ZaloUser } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { cli } from "../support/cli.ts";
import { issueInvites } from "../../src/services/linking.ts";
import { forget, STAFF } from "../support/given.ts";

describe("Zalo with long polling", () => {
  let h: Harness;
  let sec: ChatUser;
  let hoa: ZaloUser, namZ: ZaloUser, lan: ZaloUser;
  let namT: ChatUser;
  const code = new Map<string, string>();

  beforeEach(async () => {
    h = await startHarness({
      now: "2026-11-22T03:00:00Z",
      zalo: true,
      env: { OUTBOX_MAX_ATTEMPTS: "2", NUDGE_LEAD_TIME: "off" },
    });
    const { branch, members } = await seedBranch(h.db, {
      code: "z1",
      members: [
        { fullName: "Bí Thư Tâm", role: "secretary" },
        { fullName: "Phạm Thị Hoa" },
        { fullName: "Đỗ Văn Nam" },
        { fullName: "Vũ Thị Lan" },
      ],
    });
    await linkTelegram(h.db, members[0]!.id, 6001);
    for (const i of await issueInvites(h.db, { branchId: branch.id, ttlDays: 30, clock: h.clock, actor: "test" }))
      code.set(i.fullName, i.code);
    sec = h.user(6001);
    namT = h.user(6003);
    hoa = h.zaloUser("a1b2c3d4e5");
    namZ = h.zaloUser("0f0f0f0f0f");
    lan = h.zaloUser("ffee00112233");
  });
  afterEach(async () => h?.stop());

  /** Hoa, Lan and Nam linked on Zalo; Nam then on Telegram too (so Telegram is the one he used last). */
  async function linked(): Promise<void> {
    const s = h.app.services;
    const link = async (channel: "zalo" | "telegram", id: string, fullName: string, fresh = false) => {
      let invite = code.get(fullName)!;
      if (fresh) {
        const member = await h.db.member.findFirstOrThrow({ where: { fullName } });
        const [again] = await s.issueInvites(STAFF, { branchId: member.branchId, memberIds: [member.id] });
        invite = again!.code;
      }
      const r = await s.linkWithCode({ channel, externalId: id, chatId: id }, invite);
      expect(r.type).toBe("linked");
    };
    await link("zalo", "a1b2c3d4e5", "Phạm Thị Hoa");
    await link("zalo", "ffee00112233", "Vũ Thị Lan");
    await link("zalo", "0f0f0f0f0f", "Đỗ Văn Nam");
    h.clock.advance(1000);
    await link("telegram", "6003", "Đỗ Văn Nam", true);
    h.clock.advance(-1000);
  }

  /** The meeting of 03/12 19:30, announced; the notices are read. */
  async function meetingAnnounced(): Promise<void> {
    await cli(
      { db: h.db, clock: h.clock, outbox: h.app.outbox },
      "meeting",
      "create",
      "--branch",
      "z1",
      "--at",
      "03/12/2026 19:30",
      "--place",
      "Nhà văn hoá",
    );
    await h.settle();
    for (const u of [hoa, namZ, lan]) await u.drain();
    await forget(h, [sec, namT]);
  }

  test("members link on Zalo by sending the code, with or without /start", async () => {
    hoa.say("xin chào");
    expect((await hoa.expectOne()).text).toContain("Tài khoản Zalo này chưa được liên kết");
    hoa.say(code.get("Phạm Thị Hoa")!);
    expect((await hoa.expectOne()).text).toContain("Đã liên kết tài khoản với đồng chí Phạm Thị Hoa");
    lan.say(`/start ${code.get("Vũ Thị Lan")}`);
    expect((await lan.expectOne()).text).toContain("Vũ Thị Lan");
    namZ.say(`start ${code.get("Đỗ Văn Nam")}`);
    expect((await namZ.expectOne()).text).toContain("Đỗ Văn Nam");
    // Nam also links Telegram with a fresh code.
    const nam = await h.db.member.findFirstOrThrow({ where: { fullName: "Đỗ Văn Nam" } });
    const [again] = await issueInvites(h.db, {
      branchId: nam.branchId,
      memberIds: [nam.id],
      ttlDays: 30,
      clock: h.clock,
      actor: "test",
    });
    await namT.say(`/start ${again!.code}`);
    expect((await namT.expectOne()).text).toContain("Đỗ Văn Nam");
    expect(await h.db.channelAccount.count({ where: { channel: "zalo" } })).toBe(3);
  });

  test("commands work without the slash", async () => {
    await linked();
    hoa.say("trogiup");
    expect((await hoa.expectOne()).text).toContain("/lichhop");
    hoa.say("lichhop");
    expect((await hoa.expectOne()).text).toContain("chưa có buổi sinh hoạt");
    // A member's own data is a file; Zalo cannot carry one, and it never goes out as chat text.
    hoa.say("dulieu");
    const data = (await hoa.expectOne()).text;
    expect(data).toContain("Họ và tên: Phạm Thị Hoa");
    expect(data).toContain("Zalo không gửi được tệp");
    expect(data).not.toContain("{");
  });

  test("a meeting notice arrives as a numbered list; '2' asks leave, the secretary accepts on Telegram", async () => {
    await linked();
    await cli(
      { db: h.db, clock: h.clock, outbox: h.app.outbox },
      "meeting",
      "create",
      "--branch",
      "z1",
      "--at",
      "03/12/2026 19:30",
      "--place",
      "Nhà văn hoá",
    );
    const notice = await hoa.expectOne();
    expect(notice.text).toContain("Chi bộ thông báo lịch sinh hoạt");
    expect(notice.text).toContain("1. Có mặt\n2. Xin vắng\n(Trả lời bằng số từ 1 đến 2.)");
    await sec.expectOne();
    await lan.expectOne();
    // Nam is linked on both: one notice, on the channel he used last (Telegram).
    await namT.expectOne();
    expect(await namZ.drain()).toEqual([]);

    h.clock.set("2026-11-30T01:01:00Z");
    await h.app.jobs.planReminders();
    const reminder = await hoa.expectOne();
    expect(reminder.text).toContain("Nhắc lịch sinh hoạt chi bộ");
    expect(reminder.text).toContain("2. Xin vắng");
    await sec.expectOne();
    await lan.expectOne();
    await namT.expectOne();
    expect(await namZ.drain()).toEqual([]);

    hoa.say("2");
    expect((await hoa.expectOne()).text).toContain("lý do xin vắng");
    hoa.say("Chăm mẹ ốm ở quê");
    expect((await hoa.expectOne()).text).toContain("Đã gửi đơn xin vắng");
    const request = await sec.expectOne();
    expect(request.text).toContain("Đồng chí Phạm Thị Hoa xin vắng");
    expect(request.text).toContain("Lý do: Chăm mẹ ốm ở quê");
    await sec.press("Chấp thuận");
    await sec.expectOne();
    expect((await hoa.expectOne()).text).toContain("Bí thư đã chấp thuận cho đồng chí vắng");
    const response = await h.db.response.findFirstOrThrow({ where: { member: { fullName: "Phạm Thị Hoa" } } });
    expect(response).toMatchObject({ answer: "leave_accepted", reason: "Chăm mẹ ốm ở quê" });
  });

  test("an option typed as text, without diacritics, is understood; a number out of range is not", async () => {
    await linked();
    await meetingAnnounced();
    lan.say("lichhop");
    const [, meeting] = await lan.expect(2);
    expect(meeting!.text).toContain("1. Có mặt");
    lan.say("7");
    expect((await lan.expectOne()).text).toContain("chưa hiểu tin nhắn");
    lan.say("lichhop");
    await lan.expect(2);
    lan.say("co mat");
    expect((await lan.expectOne()).text).toContain("Cảm ơn đồng chí đã xác nhận có mặt");
    const response = await h.db.response.findFirstOrThrow({ where: { member: { fullName: "Vũ Thị Lan" } } });
    expect(response.answer).toBe("attending");
  });

  test("a repeated update is handled once; echoes, unknown events and malformed updates are dropped", async () => {
    await linked();
    hoa.say("trogiup", { messageId: "dup-1" });
    hoa.say("trogiup", { messageId: "dup-1" });
    await hoa.expectOne();
    h.zalo!.push({
      event_name: "message.text.received",
      message: {
        message_id: "e1",
        date: Date.now(),
        chat: { id: "a1b2c3d4e5", chat_type: "PRIVATE" },
        from: { id: "bot1", display_name: "bot", is_bot: true },
        text: "trogiup",
      },
    });
    h.zalo!.push({
      event_name: "user.joined",
      message: {
        message_id: "e2",
        date: Date.now(),
        chat: { id: "a1b2c3d4e5", chat_type: "PRIVATE" },
        from: { id: "a1b2c3d4e5", display_name: "Hoa", is_bot: false },
      },
    });
    h.zalo!.push({ garbage: true });
    h.zalo!.push("not even an object");
    expect(await hoa.drain()).toEqual([]);
    hoa.say("trogiup");
    expect((await hoa.expectOne()).text).toContain("/lichhop");
  });

  test(
    "a member on both channels chooses Zalo; when Zalo fails he gets it on " + "Telegram and the secretary is told",
    async () => {
      await linked();
      await namT.say("/kenh");
      const menu = await namT.expectOne();
      expect(menu.buttons.map((b) => b.text).sort()).toEqual([
        "Nhận qua Telegram",
        "Nhận qua Zalo",
        "Tự động (kênh dùng gần nhất)",
      ]);
      await namT.press("Nhận qua Zalo");
      expect((await namT.expectOne()).text).toContain("sẽ gửi qua Zalo");

      h.clock.set("2026-12-01T03:00:00Z");
      await cli(
        { db: h.db, clock: h.clock, outbox: h.app.outbox },
        "meeting",
        "create",
        "--branch",
        "z1",
        "--kind",
        "thematic",
        "--at",
        "15/12/2026 19:30",
        "--place",
        "Hội trường",
      );
      expect((await namZ.expectOne()).text).toContain("15/12/2026");
      expect(await namT.drain()).toEqual([]);
      await Promise.all([sec.expectOne(), hoa.expectOne(), lan.expectOne()]);

      // Zalo is down for Nam: retried, then delivered through Telegram instead.
      h.zalo!.failChat("0f0f0f0f0f", { kind: "status", code: 500, description: "Internal Server Error" });
      await cli(
        { db: h.db, clock: h.clock, outbox: h.app.outbox },
        "meeting",
        "create",
        "--branch",
        "z1",
        "--at",
        "20/12/2026 19:30",
        "--place",
        "Nhà văn hoá",
      );
      await Promise.all([sec.expectOne(), hoa.expectOne(), lan.expectOne()]);
      const fallback = await namT.expectOne(10_000);
      expect(fallback.text).toContain("20/12/2026");
      expect(await namZ.drain()).toEqual([]);
      const told = await sec.expectOne(5000);
      expect(told.text).toContain("Không gửi được tin nhắn tới đồng chí Đỗ Văn Nam qua Zalo");
      const zaloAccount = await h.db.channelAccount.findFirstOrThrow({
        where: { channel: "zalo", externalId: "0f0f0f0f0f" },
      });
      expect(zaloAccount.unreachableAt).not.toBeNull();
      h.zalo!.failChat("0f0f0f0f0f", null);
    },
  );

  test(
    "a 3,000-character announcement: whole on Telegram, in two parts on " +
      "Zalo, in order; a 429 after part 1 repeats nothing",
    async () => {
      await linked();
      const paragraphs = Array.from(
        { length: 6 },
        (_, i) =>
          `Đoạn ${i + 1}. ${"Chi bộ triển khai nghị quyết, phân công đảng viên phụ trách từng việc cụ thể. ".repeat(7).trim()}`,
      );
      const text = paragraphs.join("\n\n");
      expect(text.length).toBeGreaterThan(3000);
      expect(text.length).toBeLessThanOrEqual(3500);
      // Part 2 to Hoa meets a 429 on its first try; it alone is retried.
      h.zalo!.failText("a1b2c3d4e5", "Đoạn 4", { kind: "status", code: 429, description: "Too Many Requests" });
      await sec.say("/thongbao");
      await sec.press("Tất cả đảng viên", await sec.expectOne());
      expect((await sec.expectOne()).text).toContain("tối đa 3500 ký tự");
      await sec.say(text);
      await sec.press("Gửi ngay", await sec.expectOne());
      const preview = await sec.expectOne();
      expect(preview.text).toContain("Xem trước thông báo");
      await sec.press("Gửi", preview);
      await sec.expect(2); // "sending…" and the secretary's own copy
      const part1 = await hoa.expectOne();
      const part2 = await hoa.expectOne(10_000);
      // The message reaches the chat a moment before its row is marked sent.
      let retried = await h.db.outbox.findFirstOrThrow({
        where: { chatId: "a1b2c3d4e5", idempotencyKey: { endsWith: "#2" } },
      });
      for (let i = 0; i < 100 && retried.status !== "sent"; i++) {
        await new Promise((r) => setTimeout(r, 30));
        retried = await h.db.outbox.findFirstOrThrow({ where: { id: retried.id } });
      }
      expect(retried).toMatchObject({ status: "sent", attempts: 2 });
      expect(await hoa.drain()).toEqual([]);
      for (const part of [part1, part2]) expect(part.text.length).toBeLessThanOrEqual(2000);
      // Cut between paragraphs; the choice ("Đã nhận") comes with the last part.
      expect(part1.text.endsWith(paragraphs[2]!) || part1.text.endsWith(paragraphs[3]!)).toBe(true);
      expect(part2.text.startsWith("Đoạn ")).toBe(true);
      expect(part2.text).toContain("1. Đã nhận");
      expect(`${part1.text}\n\n${part2.text}`).toContain(paragraphs.join("\n\n"));
      const lanParts = await lan.expect(2);
      expect(lanParts[1]!.text).toContain(paragraphs[5]!);
      // Telegram takes 4,096 characters: one message.
      const whole = await namT.expectOne();
      expect(whole.text).toContain(paragraphs.join("\n\n"));
    },
  );
});

describe("Zalo webhook", () => {
  let h: Harness;
  let port: number;
  const SECRET = "zalo_webhook_secret_1";
  beforeEach(async () => {
    port = await freePort();
    h = await startHarness({
      now: "2026-11-22T03:00:00Z",
      zalo: true,
      env: {
        ZALO_MODE: "webhook",
        ZALO_WEBHOOK_URL: "https://chibo.example.org/zalo-hook",
        ZALO_WEBHOOK_SECRET: SECRET,
        ZALO_WEBHOOK_PORT: String(port),
      },
    });
  });
  afterEach(async () => h?.stop());

  const update = (id: string) => ({
    event_name: "message.text.received",
    message: {
      message_id: id,
      date: Date.now(),
      chat: { id: "cafe01", chat_type: "PRIVATE" },
      from: { id: "cafe01", display_name: "K", is_bot: false },
      text: "trogiup",
    },
  });
  const post = (body: unknown, secret?: string) =>
    fetch(`http://127.0.0.1:${port}/zalo-hook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret !== undefined ? { "X-Bot-Api-Secret-Token": secret } : {}),
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  test("the webhook was registered with its secret", () => {
    expect(h.zalo!.webhook).toEqual({ url: "https://chibo.example.org/zalo-hook", secret: SECRET });
  });

  test("a wrong or missing secret gets 401 and nothing happens", async () => {
    expect((await post(update("w1"))).status).toBe(401);
    expect((await post(update("w2"), "zalo_webhook_secret_2")).status).toBe(401);
    expect((await post(update("w3"), "")).status).toBe(401);
    await h.settle();
    expect(h.zalo!.messagesTo("cafe01")).toEqual([]);
  });

  test("an oversized body is refused; a good call is answered 200 and handled, bare or wrapped", async () => {
    expect((await post({ padding: "x".repeat(1_100_000) }, SECRET).catch(() => ({ status: 413 }))).status).toBe(413);
    expect((await post("{not json", SECRET)).status).toBe(400);
    expect((await post("null", SECRET)).status).toBe(400);
    expect((await post(update("w4"), SECRET)).status).toBe(200);
    expect((await post({ ok: true, result: update("w5") }, SECRET)).status).toBe(200);
    const deadline = Date.now() + 5000;
    while (h.zalo!.messagesTo("cafe01").length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 30));
    expect(h.zalo!.messagesTo("cafe01").map((m) => m.text)).toEqual([
      expect.stringContaining("chưa được liên kết"),
      expect.stringContaining("chưa được liên kết"),
    ]);
  });
});

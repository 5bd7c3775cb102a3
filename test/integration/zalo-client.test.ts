/** The Zalo Bot API client against a local fake server. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseZaloUpdate, ZaloApiError, ZaloClient, ZaloHttpError } from "../../src/messaging/zalo/zalo-client.ts";
import type { ChoiceMenuStore } from "../../src/messaging/choice-menus.ts";
import type { Choice } from "../../src/messaging/types.ts";
import { createZaloSender, zaloUpdateToEvent } from "../../src/messaging/zalo/zalo-messages.ts";
import { startFakeZalo, type FakeZalo } from "../support/fake-zalo-server.ts";

let fake: FakeZalo;
let client: ZaloClient;
beforeAll(async () => {
  fake = await startFakeZalo({ longPollMs: 200 });
  client = new ZaloClient({ token: fake.token, baseUrl: fake.baseUrl, timeoutMs: 1000 });
});
afterAll(async () => fake.close());

describe("ZaloClient", () => {
  test("a hanging long poll is cut off by its timeout every time, with and without a stop signal", async () => {
    for (const kind of ["hang", "hangBody"] as const) {
      for (const withSignal of [true, false]) {
        fake.fail("getUpdates", { kind });
        const started = performance.now();
        const signal = withSignal ? new AbortController().signal : undefined;
        const error = await client.getUpdates(1, signal).catch((e: unknown) => e);
        const took = performance.now() - started;
        expect(error, `${kind} ${withSignal}`).toBeInstanceOf(ZaloHttpError);
        expect(String((error as Error).message)).toContain("no answer within 2000 ms");
        expect(took).toBeGreaterThan(1900);
        expect(took).toBeLessThan(4000);
      }
    }
  });

  test("stopping aborts a pending long poll at once", async () => {
    fake.fail("getUpdates", { kind: "hang" });
    const stop = new AbortController();
    const pending = client.getUpdates(30, stop.signal).catch((e: unknown) => e);
    setTimeout(() => stop.abort(), 100);
    const started = performance.now();
    expect(await pending).toBeInstanceOf(ZaloHttpError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("getMe returns the typed bot info", async () => {
    expect(await client.getMe()).toMatchObject({ id: "bot1", account_name: "chibo_zalo" });
  });

  test("a bad token (HTTP 200, ok:false, 401) is an API error that does not show the token", async () => {
    const bad = new ZaloClient({ token: "999:definitely-wrong-token-value", baseUrl: fake.baseUrl });
    const error = await bad.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error).toMatchObject({ code: 401, method: "getMe" });
    expect(String((error as Error).message)).not.toContain("definitely-wrong-token-value");
  });

  test("getUpdates: 408 means nothing yet; an update arrives bare or wrapped; ids stay strings", async () => {
    expect(await client.getUpdates(1)).toBeNull();
    fake.userSays("a1b2c3d4", "xin chào");
    const update = await client.getUpdates(1);
    expect(update?.message.from.id).toBe("a1b2c3d4");
    expect(update?.message.text).toBe("xin chào");
    fake.userSays("00ff", "hai", { wrapped: true });
    expect((await client.getUpdates(1))?.message.chat.id).toBe("00ff");
  });

  test("a malformed update is dropped, not thrown", async () => {
    fake.push({ event_name: "message.text.received", message: { weird: true } });
    expect(await client.getUpdates(1)).toBeNull();
    expect(parseZaloUpdate({ ok: true, result: { nope: 1 } })).toBeNull();
  });

  test("sendMessage normalises to NFC", async () => {
    const decomposed = "Đảng viên".normalize("NFD");
    await client.sendMessage({ chat_id: "c1", text: decomposed });
    expect(fake.messagesTo("c1")[0]!.text).toBe("Đảng viên".normalize("NFC"));
  });

  test("long texts are split at line boundaries under 2000 UTF-16 units", async () => {
    const line = "Nội dung thông báo của chi bộ, dòng dài vừa phải để thử chia tin nhắn. ".repeat(4);
    const text = Array.from({ length: 20 }, (_, i) => `${i + 1}. ${line}`).join("\n");
    expect(text.length).toBeGreaterThan(4000);
    const sent = await client.sendLongText("c2", text);
    const got = fake.messagesTo("c2");
    expect(sent.length).toBe(got.length);
    expect(got.length).toBeGreaterThanOrEqual(3);
    expect(got.every((m) => m.text.length <= 2000)).toBe(true);
    expect(got.map((m) => m.text).join("\n")).toBe(text);
    expect(got.every((m) => /^\d+\. /.test(m.text))).toBe(true); // each part starts at a line
  });

  test("429 and server errors are API errors with their code", async () => {
    fake.fail("sendMessage", { kind: "status", code: 429, description: "Quota exceeded" });
    await expect(client.sendMessage({ chat_id: "c3", text: "x" })).rejects.toMatchObject({
      name: "ZaloApiError",
      code: 429,
    });
    fake.fail("sendMessage", { kind: "status", code: 403, description: "Internal server error" });
    await expect(client.sendMessage({ chat_id: "c3", text: "x" })).rejects.toMatchObject({ code: 403 });
  });

  test("a slow answer times out as an HTTP error; a non-JSON answer too", async () => {
    fake.fail("getMe", { kind: "slow", ms: 1500 });
    const slow = await client.getMe().catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(ZaloHttpError);
    expect(String((slow as Error).message)).toContain("no answer within 1000 ms");
    fake.fail("getMe", { kind: "garbage" });
    const garbage = await client.getMe().catch((e: unknown) => e);
    expect(garbage).toBeInstanceOf(ZaloHttpError);
    expect(garbage).toMatchObject({ status: 502 });
  });

  test("network failure is an HTTP error without the token", async () => {
    const offline = new ZaloClient({ token: fake.token, baseUrl: "http://127.0.0.1:9", timeoutMs: 500 });
    const error = await offline.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloHttpError);
    expect(String((error as Error).message)).not.toContain(fake.token);
  });

  test("an injected fetch is used", async () => {
    const seen: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await new ZaloClient({ token: fake.token, baseUrl: fake.baseUrl, fetch: spy }).getWebhookInfo();
    expect(seen).toEqual([`${fake.baseUrl}/bot${fake.token}/getWebhookInfo`]);
  });

  test("webhook set, read and deleted", async () => {
    expect(await client.setWebhook({ url: "https://x.example/zalo", secret_token: "abcdefgh12" })).toMatchObject({
      url: "https://x.example/zalo",
    });
    expect((await client.getWebhookInfo()).url).toBe("https://x.example/zalo");
    expect((await client.deleteWebhook()).url).toBe("");
  });
});

describe("numbered choices on Zalo", () => {
  test("the list is stored before the message leaves, and a message that does not leave keeps the list shown before", async () => {
    const chat = "c0ffee01";
    const stored = new Map<string, Choice[]>();
    const deliveredAtSave: number[] = [];
    const menus: ChoiceMenuStore = {
      async save(chatId, list) {
        deliveredAtSave.push(fake.messagesTo(chatId).length);
        stored.set(chatId, list);
      },
      async clear(chatId) {
        stored.delete(chatId);
      },
      async load(chatId) {
        return stored.get(chatId) ?? null;
      },
    };
    const sender = createZaloSender(client, menus);
    const yesNo = [[{ label: "✅ Có", data: "a:yes" }], [{ label: "Không", data: "a:no" }]];
    expect(await sender.send(chat, { text: "Đồng chí dự họp chứ?", choices: yesNo })).toMatchObject({ type: "sent" });
    expect(deliveredAtSave).toEqual([0]); // stored while nothing had reached the chat yet
    expect(fake.messagesTo(chat).at(-1)?.text).toContain("1. Có\n2. Không");
    const answer = (text: string) => zaloUpdateToEvent(parseZaloUpdate(fake.userSays(chat, text))!, menus, []);
    expect(await answer("1")).toMatchObject({ event: { kind: "choice", data: "a:yes" } });

    fake.failText(chat, "Chọn hình thức", { kind: "status", code: 400, description: "Bad Request" });
    const other = [
      [
        { label: "Trực tiếp", data: "b:1" },
        { label: "Trực tuyến", data: "b:2" },
      ],
    ];
    expect(await sender.send(chat, { text: "Chọn hình thức", choices: other })).toMatchObject({ type: "failed" });
    expect(await answer("2")).toMatchObject({ event: { kind: "choice", data: "a:no" } });

    expect(await sender.send(chat, { text: "Cảm ơn đồng chí." })).toMatchObject({ type: "sent" });
    expect(await answer("2")).toMatchObject({ event: { kind: "text", text: "2" } });
  });
});

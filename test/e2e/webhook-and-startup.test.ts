/** Webhook mode checks Telegram's secret token; start-up refuses bad settings with one clear line. */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freePort, startHarness, TEST_TOKEN, type Harness } from "../support/telegram-harness.ts";
import { linkTelegram, seedBranch } from "../support/fixtures.ts";
import { createLogger } from "../../src/logging/logger.ts";

const SECRET = "s3cret_for_the_webhook_test";

describe("webhook mode", () => {
  let h: Harness;
  let port: number;
  beforeEach(async () => {
    port = await freePort();
    h = await startHarness({
      now: "2026-11-22T03:00:00Z",
      env: {
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://chibo.example.org/tg-hook",
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_PORT: String(port),
      },
    });
    const { members } = await seedBranch(h.db, { members: [{ fullName: "Nguyễn Văn Webhook" }] });
    await linkTelegram(h.db, members[0]!.id, 4001);
  });
  afterEach(async () => h?.stop());

  const update = (id: number, text: string) => ({
    update_id: id,
    message: {
      message_id: id,
      date: 1,
      text,
      chat: { id: 4001, type: "private", first_name: "W" },
      from: { id: 4001, is_bot: false, first_name: "W" },
      entities: text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] : [],
    },
  });
  const post = (body: unknown, secret?: string, raw = false) =>
    fetch(`http://127.0.0.1:${port}/tg-hook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: raw ? (body as string) : JSON.stringify(body),
    });
  const repliesTo = (chat: number) =>
    h.server.storage.botMessages.filter((m) => String(m.message.chat_id) === String(chat));

  test("registers the webhook with its secret", async () => {
    const calls = h.proxy.calls.filter((c) => c.method === "setWebhook");
    expect(calls[0]?.body).toMatchObject({ url: "https://chibo.example.org/tg-hook", secret_token: SECRET });
  });

  test("a request without the secret, or with a wrong one, is refused and not handled", async () => {
    expect((await post(update(1, "/trogiup"))).status).toBe(401);
    expect((await post(update(2, "/trogiup"), "wrong-secret-value")).status).toBe(401);
    await h.settle();
    expect(repliesTo(4001)).toHaveLength(0);
    expect(await h.db.inboundSeen.count()).toBe(0);
  });

  test(
    "with the right secret, a body that is not an update object is refused " + "with 400 and the bot goes on",
    async () => {
      for (const body of ["null", "[]", '"x"', "42", "{not json"])
        expect((await post(body, SECRET, true)).status, body).toBe(400);
      expect((await post({ not: "an update" }, SECRET)).status).toBe(200); // an object: accepted, then ignored
      // More than 1 MB is refused before it is read whole.
      const big = JSON.stringify({ update_id: 99, padding: "x".repeat(2 * 1024 * 1024) });
      expect((await post(big, SECRET, true).catch(() => ({ status: 413 }))).status).toBe(413);
      expect(h.errors).toEqual([]);
    },
  );

  test("the webhook server listens on loopback unless told otherwise", () => {
    expect(h.config.WEBHOOK_HOST).toBe("127.0.0.1");
    expect(h.config.ZALO_WEBHOOK_HOST).toBe("127.0.0.1");
  });

  test("a request with the secret is handled, once even if Telegram repeats it", async () => {
    expect((await post(update(3, "/trogiup"), SECRET)).status).toBe(200);
    expect((await post(update(3, "/trogiup"), SECRET)).status).toBe(200);
    for (let i = 0; i < 100 && repliesTo(4001).length === 0; i++) await new Promise((r) => setTimeout(r, 30));
    await h.settle();
    expect(repliesTo(4001).map((m) => m.message.text)).toHaveLength(1);
    expect(repliesTo(4001)[0]!.message.text).toContain("/lichhop");
  });
});

describe("start-up", () => {
  const run = promisify(execFile);
  const main = resolve(import.meta.dirname, "../../src/main.ts");
  async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
    try {
      await run(process.execPath, ["--import", "tsx", main], {
        env: { PATH: process.env.PATH ?? "", ...env },
        cwd: resolve(import.meta.dirname, "../.."),
        timeout: 20_000,
      });
      return { code: 0, stderr: "" };
    } catch (e) {
      const err = e as { code: number; stderr: string };
      return { code: err.code, stderr: err.stderr };
    }
  }

  test.each([
    [{}, "Invalid setting TELEGRAM_BOT_TOKEN: is required"],
    [{ TELEGRAM_BOT_TOKEN: "nonsense" }, "Invalid setting TELEGRAM_BOT_TOKEN: must look like 123456:ABC"],
    [{ TELEGRAM_BOT_TOKEN: TEST_TOKEN, QUIET_HOURS: "9pm-7am" }, "Invalid setting QUIET_HOURS: bad quiet hours"],
    [{ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TIME_ZONE: "Asia/Hanoi_City" }, "Invalid setting TIME_ZONE: unknown time zone"],
    [
      { TELEGRAM_BOT_TOKEN: TEST_TOKEN, BOT_MODE: "webhook" },
      "Invalid setting WEBHOOK_URL: required when BOT_MODE=webhook",
    ],
    [
      { TELEGRAM_BOT_TOKEN: TEST_TOKEN, REMINDER_LEAD_TIMES: "3 days" },
      "Invalid setting REMINDER_LEAD_TIMES: bad lead time",
    ],
  ])("%j is refused with one line naming the setting", async (env, message) => {
    const { code, stderr } = await start({ ...env, DATABASE_URL: "file:./.tmp/test/startup.db" });
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toContain("    at ");
    expect(stderr).not.toContain(TEST_TOKEN);
  });
});

describe("logging", () => {
  test("tokens never reach a log line, even inside error messages and URLs", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = createLogger({ level: "info", secrets: [TEST_TOKEN, SECRET], destination: sink as never });
    logger.error(
      {
        err: new Error(`request to https://api.telegram.org/bot${TEST_TOKEN}/sendMessage failed`),
        url: `https://x/bot${TEST_TOKEN}/getMe`,
      },
      `failed with ${SECRET}`,
    );
    logger.info(`another bot 987654321:AAFakeTokenThatLooksReal_abcdefghij`);
    const all = lines.join("");
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("AAFakeTokenThatLooksReal");
    expect(all).toContain("[redacted]");
  });
});

/**
 * A dispatcher process killed in the middle of a batch, then started again:
 * nothing is lost, and nothing is sent twice except a message whose request was
 * in flight at the instant of the kill (the Bot API cannot tell us whether it
 * went through); that window is one message, since requests go one at a time here.
 * A graceful stop (SIGTERM) finishes the message in flight: no duplicate at all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import TelegramServerModule from "telegram-test-api";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import type { Db } from "../../src/db/client.ts";
import { createOutbox } from "../../src/delivery/outbox.ts";
import { freshDb } from "../support/db.ts";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy.ts";
import { freePort, TEST_TOKEN } from "../support/telegram-harness.ts";

const CHATS = 40;
let server: TelegramServer;
let proxy: FaultProxy;
let db: Db;
let dbUrl: string;

beforeEach(async () => {
  server = new (TelegramServerModule as unknown as typeof TelegramServer)({
    port: await freePort(),
    host: "127.0.0.1",
    storeTimeout: 3600,
  });
  await server.start();
  proxy = await startFaultProxy(server.config.apiURL);
  proxy.setRule((method) => (method === "sendMessage" ? { delayMs: 25 } : null));
  ({ db, url: dbUrl } = await freshDb());
  const outbox = createOutbox({ db, clock: () => new Date() });
  await outbox.enqueue(
    Array.from({ length: CHATS }, (_, i) => ({
      key: `reminder:${i}`,
      channel: "telegram" as const,
      chatId: String(5000 + i),
      priority: "bulk" as const,
      kind: "meeting_reminder",
      message: { text: `Nhắc lịch ${i}` },
    })),
  );
});
afterEach(async () => {
  await db.$disconnect();
  await proxy.close();
  await server.stop();
});

function startWorker(): { child: ChildProcess; recovered: Promise<number> } {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      resolve(import.meta.dirname, "../support/dispatcher-worker.ts"),
      dbUrl,
      proxy.apiRoot,
      TEST_TOKEN,
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const recovered = new Promise<number>((resolveRecovered, reject) => {
    child.stdout!.once("data", (d: Buffer) =>
      resolveRecovered((JSON.parse(d.toString()) as { recovered: number }).recovered),
    );
    child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
  return { child, recovered };
}

const delivered = () => server.storage.botMessages.length;

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

function perChat(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of server.storage.botMessages) {
    const chat = String(m.message.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}

const allDone = async () => (await db.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) === 0;

test("killed with SIGKILL mid-batch and restarted: no loss, at most the in-flight message twice", async () => {
  const first = startWorker();
  await first.recovered;
  const killAt = 8 + Math.floor(Math.random() * 20);
  await waitFor(() => delivered() >= killAt);
  first.child.kill("SIGKILL");
  await new Promise((r) => first.child.once("exit", r));
  const before = delivered();
  expect(before).toBeLessThan(CHATS);

  const second = startWorker();
  const recovered = await second.recovered;
  expect(recovered).toBeLessThanOrEqual(1);
  await waitFor(allDone);
  second.child.kill("SIGTERM");
  await new Promise((r) => second.child.once("exit", r));

  const counts = perChat();
  expect(counts.size).toBe(CHATS); // nothing lost
  const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
  expect(duplicates).toBeLessThanOrEqual(recovered);
  expect(await db.outbox.count({ where: { status: "sent" } })).toBe(CHATS);
});

test("stopped with SIGTERM mid-batch and restarted: every message exactly once", async () => {
  const first = startWorker();
  await first.recovered;
  await waitFor(() => delivered() >= 10);
  first.child.kill("SIGTERM");
  const code = await new Promise((r) => first.child.once("exit", r));
  expect(code).toBe(0);

  const second = startWorker();
  expect(await second.recovered).toBe(0);
  await waitFor(allDone);
  second.child.kill("SIGTERM");
  await new Promise((r) => second.child.once("exit", r));

  const counts = perChat();
  expect(counts.size).toBe(CHATS);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
});

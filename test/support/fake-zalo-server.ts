/**
 * A local fake of the Zalo Bot API, on loopback, for tests: the envelope,
 * 401 with HTTP 200 for a bad token, 408 long-poll time-outs, 429 and 5xx on
 * demand, slow answers, malformed and duplicate updates, and a webhook mode
 * that posts updates with the secret header.
 */
import { createServer, type Server } from "node:http";

export interface SentMessage {
  method: string;
  chat_id: string;
  text: string;
  at: number;
}

type Fault =
  | { kind: "status"; code: number; description: string; http?: number }
  | { kind: "slow"; ms: number }
  | { kind: "garbage" }
  /** Never answers; or answers the headers and never the body. */
  | { kind: "hang" }
  | { kind: "hangBody" };

export interface FakeZalo {
  baseUrl: string;
  token: string;
  sent: SentMessage[];
  calls: string[];
  /** Queue a raw update (any JSON) for getUpdates or the webhook. */
  push(update: unknown): void;
  /** A user writes text to the bot. Returns the update it queued. */
  userSays(
    userId: string,
    text: string,
    opts?: { messageId?: string; displayName?: string; wrapped?: boolean },
  ): unknown;
  /** The next `count` calls of `method` answer with the fault. */
  fail(method: string, fault: Fault, count?: number): void;
  /** While set, every sendMessage to this chat fails like this. */
  failChat(chatId: string, fault: Fault | null): void;
  /** The next `count` messages to this chat whose text starts with `prefix` fail like this. */
  failText(chatId: string, prefix: string, fault: Fault, count?: number): void;
  webhook: { url: string; secret: string } | null;
  messagesTo(chatId: string): SentMessage[];
  /** Updates queued for getUpdates that the bot has not fetched yet. */
  pending(): number;
  close(): Promise<void>;
}

export async function startFakeZalo(opts: { token?: string; longPollMs?: number } = {}): Promise<FakeZalo> {
  const token = opts.token ?? "1234567890:zalo-fake-secret-abcdefghijklmnop";
  const queue: unknown[] = [];
  const waiters: (() => void)[] = [];
  const faults = new Map<string, { fault: Fault; left: number }>();
  const chatFaults = new Map<string, Fault>();
  const textFaults: { chatId: string; prefix: string; fault: Fault; left: number }[] = [];
  let messageSeq = 1;
  const longPollMs = opts.longPollMs ?? 300;

  const fake: FakeZalo = {
    baseUrl: "",
    token,
    sent: [],
    calls: [],
    webhook: null,
    push(update) {
      if (fake.webhook) {
        void fetch(fake.webhook.url, {
          method: "POST",
          headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": fake.webhook.secret },
          body: JSON.stringify(update),
        }).catch(() => undefined);
        return;
      }
      queue.push(update);
      waiters.shift()?.();
    },
    userSays(userId, text, o = {}) {
      const update = {
        event_name: "message.text.received",
        message: {
          message_id: o.messageId ?? `m${messageSeq++}`,
          date: Date.now(),
          chat: { id: userId, chat_type: "PRIVATE" },
          from: { id: userId, display_name: o.displayName ?? `Người dùng ${userId}`, is_bot: false },
          text,
        },
      };
      fake.push(o.wrapped ? { ok: true, result: update } : update);
      return update;
    },
    fail(method, fault, count = 1) {
      faults.set(method, { fault, left: count });
    },
    failText(chatId, prefix, fault, count = 1) {
      textFaults.push({ chatId, prefix, fault, left: count });
    },
    failChat(chatId, fault) {
      if (fault) chatFaults.set(chatId, fault);
      else chatFaults.delete(chatId);
    },
    messagesTo: (chatId) => fake.sent.filter((m) => m.chat_id === chatId),
    pending: () => queue.length,
    close: () =>
      new Promise((resolve) => {
        for (const w of waiters.splice(0)) w();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const reply = (res: import("node:http").ServerResponse, body: unknown, http = 200) => {
    res.writeHead(http, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const fault = (res: import("node:http").ServerResponse, f: Fault) => {
    if (f.kind === "hang") return;
    if (f.kind === "hangBody") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"ok":true,');
      return;
    }
    if (f.kind === "garbage") {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>Bad gateway</html>");
    } else if (f.kind === "status")
      reply(res, { ok: false, error_code: f.code, description: f.description }, f.http ?? 200);
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    if (!m || req.method !== "POST") return reply(res, { ok: false, error_code: 404, description: "Not Found" }, 404);
    const [, reqToken, method] = m as unknown as [string, string, string];
    fake.calls.push(method);
    if (reqToken !== token) return reply(res, { ok: false, error_code: 401, description: "Unauthorized" });
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
    } catch {
      return reply(res, { ok: false, error_code: 400, description: "Bad Request" });
    }
    const planned = faults.get(method);
    if (planned && planned.left > 0) {
      planned.left--;
      if (planned.fault.kind === "slow") await new Promise((r) => setTimeout(r, (planned.fault as { ms: number }).ms));
      else return fault(res, planned.fault);
    }
    switch (method) {
      case "getMe":
        return reply(res, {
          ok: true,
          result: { id: "bot1", account_name: "chibo_zalo", account_type: "BASIC", can_join_groups: false },
        });
      case "getUpdates": {
        if (queue.length === 0) {
          const wait = Math.min(longPollMs, Number(body.timeout ?? 30) * 1000);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        const next = queue.shift();
        if (next === undefined) return reply(res, { ok: false, error_code: 408, description: "Request Timeout" });
        // Updates come wrapped in the envelope, or already wrapped by the test.
        const isWrapped = typeof next === "object" && next !== null && "ok" in next;
        return reply(res, isWrapped ? next : { ok: true, result: next });
      }
      case "setWebhook":
        fake.webhook = { url: String(body.url), secret: String(body.secret_token) };
        return reply(res, { ok: true, result: { url: fake.webhook.url, updated_at: Date.now() } });
      case "deleteWebhook":
        fake.webhook = null;
        return reply(res, { ok: true, result: { url: "", updated_at: Date.now() } });
      case "getWebhookInfo":
        return reply(res, { ok: true, result: { url: fake.webhook?.url ?? "", updated_at: Date.now() } });
      case "sendMessage":
      case "sendPhoto": {
        const chatId = String(body.chat_id ?? "");
        const text = String(body.text ?? body.caption ?? "");
        const chatFault = chatFaults.get(chatId);
        if (chatFault) return fault(res, chatFault);
        const textFault = textFaults.find((f) => f.left > 0 && f.chatId === chatId && text.startsWith(f.prefix));
        if (textFault) {
          textFault.left--;
          return fault(res, textFault.fault);
        }
        if (!chatId || (method === "sendMessage" && (text.length === 0 || text.length > 2000))) {
          return reply(res, { ok: false, error_code: 400, description: "Bad Request: text must be 1-2000 characters" });
        }
        fake.sent.push({ method, chat_id: chatId, text, at: Date.now() });
        return reply(res, { ok: true, result: { message_id: `out${fake.sent.length}`, date: Date.now() } });
      }
      case "sendChatAction":
        return reply(res, { ok: true, result: true });
      default:
        return reply(res, { ok: false, error_code: 400, description: `Unknown method ${method}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  fake.baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return fake;
}

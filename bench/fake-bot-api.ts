/**
 * A fake Telegram Bot API for the benchmark, on loopback: answers sendMessage
 * like Telegram and, when asked, enforces its limits (messages per second
 * overall, one per second per chat) with 429 retry_after answers, plus random
 * 429s. It records every accepted message so duplicates and losses can be counted.
 */
import { createServer, type Server } from "node:http";

export interface FakeLimits {
  /** Overall messages per second; 0 = unlimited. */
  perSecond: number;
  /** Minimum gap per chat in ms; 0 = none. */
  perChatMs: number;
  /** Probability of a random 429 (retry_after 1). */
  random429: number;
  /** Time the fake takes to answer a sendMessage it accepted, in ms (a request is "in flight" meanwhile). */
  latencyMs?: number;
}

export interface FakeBotApi {
  apiRoot: string;
  accepted: { chatId: string; text: string; at: number }[];
  rejected429: number;
  /** sendMessage requests accepted but not answered yet: a kill now leaves them unconfirmed. */
  inFlight: number;
  /** Distinct (chat, text) pairs accepted, kept as they arrive so a check costs nothing. */
  unique: Set<string>;
  /** Why each 429 was given (for a reader checking the figures). */
  why: string[];
  setLimits(limits: FakeLimits): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeBotApi(
  initial: FakeLimits = { perSecond: 0, perChatMs: 0, random429: 0 },
): Promise<FakeBotApi> {
  let limits = initial;
  let window: number[] = [];
  const lastPerChat = new Map<string, number>();
  let messageId = 1;
  const api: FakeBotApi = {
    apiRoot: "",
    accepted: [],
    rejected429: 0,
    inFlight: 0,
    unique: new Set(),
    why: [],
    setLimits: (l) => {
      limits = l;
    },
    reset: () => {
      api.accepted = [];
      api.rejected429 = 0;
      api.why = [];
      api.unique = new Set();
      window = [];
      lastPerChat.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const tooMany = (res: import("node:http").ServerResponse) => {
    api.rejected429++;
    res.writeHead(429, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      }),
    );
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        body = {};
      }
      if (method === "getUpdates") {
        // Long polling with nothing to deliver: hold the request a while, then an empty list.
        const timer = setTimeout(
          () => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ ok: true, result: [] }));
          },
          Math.min(2000, Number(body.timeout ?? 0) * 1000),
        );
        res.once("close", () => clearTimeout(timer));
        return;
      }
      if (method === "getMe") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ ok: true, result: { id: 1, is_bot: true, first_name: "bench", username: "bench_bot" } }),
        );
        return;
      }
      if (method !== "sendMessage") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, result: true }));
        return;
      }
      const now = performance.now();
      const chatId = String(body.chat_id);
      if (limits.random429 > 0 && Math.random() < limits.random429) return tooMany(res);
      if (limits.perSecond > 0) {
        window = window.filter((t) => t > now - 1000);
        if (window.length >= limits.perSecond) {
          api.why.push(`window ${(now - window[0]!).toFixed(1)}`);
          return tooMany(res);
        }
      }
      if (limits.perChatMs > 0 && now - (lastPerChat.get(chatId) ?? -Infinity) < limits.perChatMs) {
        api.why.push(`chat ${chatId} ${(now - lastPerChat.get(chatId)!).toFixed(1)}`);
        return tooMany(res);
      }
      window.push(now);
      lastPerChat.set(chatId, now);
      api.accepted.push({ chatId, text: String(body.text), at: now });
      api.unique.add(`${chatId}\u0000${String(body.text)}`);
      const answer = () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            ok: true,
            result: {
              message_id: messageId++,
              date: Math.floor(Date.now() / 1000),
              chat: { id: Number(chatId), type: "private" },
              text: body.text,
            },
          }),
        );
      };
      if (!limits.latencyMs) return answer();
      api.inFlight++;
      setTimeout(() => {
        api.inFlight--;
        answer();
      }, limits.latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  api.apiRoot = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return api;
}

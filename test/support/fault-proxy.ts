/**
 * A loopback proxy in front of the Telegram emulator that can answer some Bot
 * API calls itself: 403 for a blocked user, 429 with retry_after, 5xx, or a
 * delay. Everything else passes through unchanged.
 */
import { createServer, type Server } from "node:http";

export type Fault = { status: number; body: unknown } | { delayMs: number } | null;
export type FaultRule = (method: string, body: Record<string, unknown>) => Fault;

export interface FaultProxy {
  apiRoot: string;
  calls: { method: string; body: Record<string, unknown>; status: number; raw: Buffer; contentType: string }[];
  setRule(rule: FaultRule): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetRoot: string): Promise<FaultProxy> {
  let rule: FaultRule = () => null;
  const calls: FaultProxy["calls"] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const method = (req.url ?? "").split("/").pop()?.split("?")[0] ?? "";
    let body: Record<string, unknown> = {};
    try {
      body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    let fault = rule(method, body) ?? emulatorGaps(method);
    if (fault && "delayMs" in fault) {
      await new Promise((r) => setTimeout(r, fault && "delayMs" in fault ? fault.delayMs : 0));
      fault = null;
    }
    if (fault) {
      calls.push({ method, body, status: fault.status, raw, contentType: req.headers["content-type"] ?? "" });
      res.writeHead(fault.status, { "content-type": "application/json" });
      res.end(JSON.stringify(fault.body));
      return;
    }
    const upstream = await fetch(`${targetRoot}${req.url}`, {
      method: req.method ?? "POST",
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: raw }),
    });
    const text = await upstream.text();
    calls.push({ method, body, status: upstream.status, raw, contentType: req.headers["content-type"] ?? "" });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    setRule: (r) => {
      rule = r;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Methods the emulator lacks, answered here as Telegram would (the calls are recorded). */
function emulatorGaps(method: string): Fault {
  return ["setMyCommands", "deleteMyCommands", "setChatMenuButton"].includes(method)
    ? { status: 200, body: { ok: true, result: true } }
    : null;
}

export const blocked = {
  status: 403,
  body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
};
export const tooMany = (retryAfter: number) => ({
  status: 429,
  body: {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  },
});

/** The emulator has no sendDocument: answer it here, like Telegram would. */
export const acceptDocuments: FaultRule = (method) =>
  method === "sendDocument" || method === "sendPhoto"
    ? {
        status: 200,
        body: {
          ok: true,
          result: {
            message_id: 900_000 + Math.floor(Math.random() * 99_999),
            date: 0,
            chat: { id: 0, type: "private" },
          },
        },
      }
    : null;

/** The file a sendDocument call carried. */
export async function documentOf(call: {
  raw: Buffer;
  contentType: string;
}): Promise<{ chatId: string; filename: string; data: Buffer; caption: string }> {
  const form = await new Response(new Uint8Array(call.raw), {
    headers: { "content-type": call.contentType },
  }).formData();
  const file = form.get("document") as File;
  return {
    chatId: String(form.get("chat_id")),
    filename: file.name,
    data: Buffer.from(await file.arrayBuffer()),
    caption: String(form.get("caption") ?? ""),
  };
}

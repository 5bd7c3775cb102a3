/**
 * A small typed client for the Zalo Bot API (Zalo Bot Platform).
 *
 * - Every method is a POST with a JSON body to `<baseUrl>/bot<token>/<method>`.
 * - Replies are `{ ok, result }` or `{ ok: false, error_code, description }`;
 *   `ok` decides, not the HTTP status (a bad token answers HTTP 200, ok:false, 401).
 * - Two error types: ZaloApiError (the API said no: code, method) and
 *   ZaloHttpError (the network or HTTP layer failed). Neither carries the token.
 * - Both the success and the error envelope are checked with zod.
 */
import { z } from "zod";
import { splitText } from "../split-text.ts";

export const DEFAULT_ZALO_BASE_URL = "https://bot-api.zaloplatforms.com";
export const ZALO_TEXT_LIMIT = 2000;

export interface ZaloClientOptions {
  /** Bot token "<bot_id>:<secret>". */
  token: string;
  /** Default https://bot-api.zaloplatforms.com; tests point it at a local fake. */
  baseUrl?: string;
  /** Injectable fetch (default: the global one). */
  fetch?: typeof fetch;
  /** Per-request timeout in ms for ordinary calls (default 10 000). getUpdates adds its long-poll time. */
  timeoutMs?: number;
}

/** The API answered ok:false. */
export class ZaloApiError extends Error {
  override readonly name = "ZaloApiError";
  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed: ${code} ${description}`);
  }
}

/** The request did not produce an API answer: network failure, timeout, non-JSON or unexpected body. */
export class ZaloHttpError extends Error {
  override readonly name = "ZaloHttpError";
  constructor(
    readonly method: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(`Zalo ${method}: ${message}`);
  }
}

const errorEnvelope = z.object({
  ok: z.literal(false),
  error_code: z.number().int(),
  description: z.string().default(""),
});
const okEnvelope = <T extends z.ZodType>(result: T) => z.object({ ok: z.literal(true), result });

export const zaloMe = z
  .object({ id: z.string(), account_name: z.string(), account_type: z.string(), can_join_groups: z.boolean() })
  .loose();
export const zaloSent = z.object({ message_id: z.string(), date: z.number() }).loose();
export const zaloWebhookInfo = z.object({ url: z.string(), updated_at: z.number().optional() }).loose();

export const zaloUpdate = z
  .object({
    event_name: z.string(),
    message: z
      .object({
        message_id: z.string(),
        date: z.number(),
        chat: z.object({ id: z.string(), chat_type: z.string() }).loose(),
        from: z
          .object({ id: z.string(), display_name: z.string().default(""), is_bot: z.boolean().default(false) })
          .loose(),
        text: z.string().optional(),
      })
      .loose(),
  })
  .loose();
export type ZaloUpdate = z.infer<typeof zaloUpdate>;

/** Updates arrive bare or wrapped as { ok, result: {...} }: accept both. Returns null for anything else. */
export function parseZaloUpdate(body: unknown): ZaloUpdate | null {
  const direct = zaloUpdate.safeParse(body);
  if (direct.success) return direct.data;
  const wrapped = z.object({ ok: z.boolean(), result: zaloUpdate }).safeParse(body);
  return wrapped.success ? wrapped.data.result : null;
}

export class ZaloClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: ZaloClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_ZALO_BASE_URL).replace(/\/+$/, "");
    this.fetchFn = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Calls a method and checks the envelope and the result's shape. */
  async call<T extends z.ZodType>(
    method: string,
    params: Record<string, unknown>,
    result: T,
    timeoutMs = this.timeoutMs,
    signal?: AbortSignal,
  ): Promise<z.infer<T>> {
    // One controller with a plain timer covers the request and the body: a server that
    // answers the headers and then hangs is cut off too. (AbortSignal.any over
    // AbortSignal.timeout could be collected and never fire on some Node versions.)
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const stop = () => controller.abort();
    if (signal?.aborted) controller.abort();
    else signal?.addEventListener("abort", stop, { once: true });
    let body: unknown;
    let status = 0;
    try {
      let response: Response;
      try {
        response = await this.fetchFn(`${this.baseUrl}/bot${this.options.token}/${method}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(params),
          signal: controller.signal,
        });
        status = response.status;
      } catch (e) {
        throw new ZaloHttpError(
          method,
          this.scrub(timedOut ? `no answer within ${timeoutMs} ms` : (e as Error).message),
        );
      }
      try {
        body = await response.json();
      } catch {
        if (timedOut) throw new ZaloHttpError(method, `no answer within ${timeoutMs} ms`, status);
        throw new ZaloHttpError(method, `HTTP ${status} with a body that is not JSON`, status);
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
    }
    const failed = errorEnvelope.safeParse(body);
    if (failed.success) throw new ZaloApiError(method, failed.data.error_code, this.scrub(failed.data.description));
    const ok = okEnvelope(result).safeParse(body);
    if (ok.success) return (ok.data as { result: z.infer<T> }).result;
    throw new ZaloHttpError(method, `HTTP ${status} with an unexpected body`, status);
  }

  private scrub(text: string): string {
    return text.split(this.options.token).join("[redacted]");
  }

  getMe() {
    return this.call("getMe", {}, zaloMe);
  }

  /**
   * Long-polls for one update. Returns null when none arrived in `timeoutSeconds`
   * (the API's 408), and for an update whose shape is not understood.
   */
  async getUpdates(timeoutSeconds = 30, signal?: AbortSignal): Promise<ZaloUpdate | null> {
    try {
      const raw = await this.call(
        "getUpdates",
        { timeout: timeoutSeconds },
        z.unknown(),
        timeoutSeconds * 1000 + this.timeoutMs,
        signal,
      );
      return parseZaloUpdate(raw) ?? parseZaloUpdate({ ok: true, result: raw });
    } catch (e) {
      if (e instanceof ZaloApiError && e.code === 408) return null;
      throw e;
    }
  }

  setWebhook(params: { url: string; secret_token: string }) {
    return this.call("setWebhook", params, zaloWebhookInfo);
  }

  deleteWebhook() {
    return this.call("deleteWebhook", {}, zaloWebhookInfo);
  }

  getWebhookInfo() {
    return this.call("getWebhookInfo", {}, zaloWebhookInfo);
  }

  sendMessage(params: { chat_id: string; text: string }) {
    return this.call("sendMessage", { chat_id: params.chat_id, text: params.text.normalize("NFC") }, zaloSent);
  }

  sendPhoto(params: { chat_id: string; photo: string; caption?: string }) {
    return this.call(
      "sendPhoto",
      { ...params, ...(params.caption ? { caption: params.caption.normalize("NFC") } : {}) },
      zaloSent,
    );
  }

  sendChatAction(params: { chat_id: string; action: "typing" }) {
    return this.call("sendChatAction", params, z.unknown());
  }

  /** Sends a text of any length as several messages split at line boundaries (≤ 2000 UTF-16 units each). */
  async sendLongText(chatId: string, text: string): Promise<z.infer<typeof zaloSent>[]> {
    const sent = [];
    for (const part of splitText(text.normalize("NFC"), ZALO_TEXT_LIMIT))
      sent.push(await this.sendMessage({ chat_id: chatId, text: part }));
    return sent;
  }
}

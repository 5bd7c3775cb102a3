/**
 * Zalo rendering and parsing: choices become numbered lists (no buttons on
 * Zalo), answers by number or text become choice events, commands are accepted
 * with or without "/", and API errors become send outcomes.
 */
import { fold, nfc } from "../../domain/text.ts";
import { matchChoice, renderNumberedChoices, type ChoiceMenuStore } from "../choice-menus.ts";
import type { Choice, IncomingEvent, MessageSender, SendOutcome } from "../types.ts";
import { ZaloApiError, type ZaloClient, type ZaloUpdate } from "./zalo-client.ts";

export function classifyZaloError(e: unknown): SendOutcome {
  if (e instanceof ZaloApiError) {
    if (e.code === 429) return { type: "retry", afterMs: 0, error: e.message, global: false };
    if (e.code === 403 || e.code >= 500) return { type: "retry", afterMs: 0, error: e.message, global: false }; // 403 is Zalo's server-side error
    if (e.code === 404) return { type: "unreachable", error: e.message };
    return { type: "failed", error: e.message };
  }
  return { type: "retry", afterMs: 0, error: (e as Error).message ?? String(e), global: false };
}

export function createZaloSender(client: ZaloClient, menus: ChoiceMenuStore): MessageSender {
  return {
    channel: "zalo",
    async send(chatId, message) {
      // Zalo has no command menu.
      if (message.menu) return { type: "sent", messageId: "" };
      const { text, menu } = renderNumberedChoices(message);
      // Numbers always refer to the choices of the bot's latest message. The list
      // is stored before the message goes out: a reply typed the moment it arrives
      // must find it. If the message does not go out, the list shown before stays.
      const shown = await menus.load(chatId);
      await keep(menus, chatId, menu);
      try {
        const sent = await client.sendLongText(chatId, text);
        return { type: "sent", messageId: sent.at(-1)?.message_id ?? "" };
      } catch (e) {
        await keep(menus, chatId, shown);
        return classifyZaloError(e);
      }
    },
  };
}

async function keep(menus: ChoiceMenuStore, chatId: string, menu: Choice[] | null): Promise<void> {
  if (menu) await menus.save(chatId, menu);
  else await menus.clear(chatId);
}

export type ZaloEventResult = { event: IncomingEvent } | { ignored: string };

/** Turns a Zalo update into an event for the bot core, or says why it is ignored. */
export async function zaloUpdateToEvent(
  update: ZaloUpdate,
  menus: ChoiceMenuStore,
  commands: readonly string[],
): Promise<ZaloEventResult> {
  const m = update.message;
  if (m.from.is_bot) return { ignored: "echo from a bot" };
  if (m.chat.chat_type !== "PRIVATE") return { ignored: "not a private chat" };
  if (!update.event_name.startsWith("message.")) return { ignored: `unknown event ${update.event_name}` };
  const base = {
    channel: "zalo" as const,
    updateKey: `${m.chat.id}:${m.message_id}:${update.event_name}`,
    chatId: m.chat.id,
    userId: m.from.id,
    displayName: m.from.display_name,
  };
  if (update.event_name !== "message.text.received") {
    if (
      /^message\.(image|sticker|voice|unsupported|file|video|link|location)\./.test(update.event_name) ||
      update.event_name.endsWith(".received")
    ) {
      return { event: { ...base, kind: "text", text: "" } };
    }
    return { ignored: `unknown event ${update.event_name}` };
  }
  const text = nfc(m.text ?? "");
  const menu = await menus.load(m.chat.id);
  if (menu && !text.startsWith("/")) {
    const choice = matchChoice(text, menu);
    if (choice) return { event: { ...base, kind: "choice", data: choice.data, messageId: null } };
  }
  // Commands typed without the slash: "lichhop", "start ABCD2345", "Trợ giúp" is not one.
  const first = fold(text).split(" ")[0] ?? "";
  if (!text.startsWith("/") && commands.includes(first))
    return { event: { ...base, kind: "text", text: `/${text.trim()}` } };
  return { event: { ...base, kind: "text", text } };
}

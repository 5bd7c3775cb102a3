/**
 * Telegram rendering and parsing: OutgoingMessage -> Bot API call,
 * Telegram update -> IncomingEvent, Bot API errors -> SendOutcome.
 */
import type { Telegram } from "telegraf";
import type { Update } from "telegraf/types";
import type { IncomingEvent, MessageSender, OutgoingMessage, SendOutcome } from "../types.ts";
import { splitText } from "../split-text.ts";

export const TELEGRAM_TEXT_LIMIT = 4096;

function replyMarkup(message: OutgoingMessage): Record<string, unknown> | undefined {
  const webApp = message.webApp ? [[{ text: message.webApp.label, web_app: { url: message.webApp.url } }]] : [];
  if ((message.choices && message.choices.length > 0) || webApp.length > 0) {
    return {
      inline_keyboard: [
        ...webApp,
        ...(message.choices ?? []).map((row) => row.map((c) => ({ text: c.label, callback_data: c.data }))),
      ],
    };
  }
  if (message.askContact) {
    return {
      keyboard: [[{ text: message.askContact, request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    };
  }
  if (message.removeKeyboard) return { remove_keyboard: true };
  return undefined;
}

interface ApiError {
  code?: number;
  description?: string;
  response?: { error_code?: number; description?: string; parameters?: { retry_after?: number } };
  message?: string;
}

/** Maps a failed Bot API call to what the dispatcher should do. */
export function classifyTelegramError(e: unknown): SendOutcome {
  const err = e as ApiError;
  const code = err.response?.error_code ?? err.code;
  const description = err.response?.description ?? err.description ?? err.message ?? String(e);
  if (code === 429) {
    const after = err.response?.parameters?.retry_after ?? 1;
    return { type: "retry", afterMs: after * 1000, error: description, global: true };
  }
  if (code === 403) return { type: "unreachable", error: description };
  if (code === 400 && /chat not found|user is deactivated|bot was blocked/i.test(description))
    return { type: "unreachable", error: description };
  if (code === 400 && /message is not modified/i.test(description)) return { type: "sent", messageId: "" };
  if (typeof code === "number" && code >= 400 && code < 500)
    return { type: "failed", error: `${code}: ${description}` };
  return { type: "retry", afterMs: 0, error: description, global: false };
}

export function createTelegramSender(
  telegram: Pick<Telegram, "callApi" | "sendDocument" | "sendPhoto">,
): MessageSender {
  return {
    channel: "telegram",
    async send(chatId, message) {
      const markup = replyMarkup(message);
      try {
        if (message.menu) {
          const scope = { type: "chat", chat_id: Number(chatId) };
          if (message.menu.length > 0)
            await telegram.callApi("setMyCommands", { commands: message.menu, scope } as never);
          else await telegram.callApi("deleteMyCommands", { scope } as never);
          return { type: "sent", messageId: "" };
        }
        if (message.document) {
          const sent = await telegram.sendDocument(
            chatId,
            { source: Buffer.from(message.document.base64, "base64"), filename: message.document.filename },
            { caption: message.text.slice(0, 1024) },
          );
          return { type: "sent", messageId: String(sent.message_id) };
        }
        if (message.editMessageId) {
          const result = await telegram.callApi("editMessageText", {
            chat_id: chatId,
            message_id: Number(message.editMessageId),
            text: message.text.slice(0, TELEGRAM_TEXT_LIMIT),
            // An edit without choices takes the buttons away (said explicitly: no client keeps stale buttons).
            reply_markup: markup && "inline_keyboard" in markup ? markup : { inline_keyboard: [] },
          } as never);
          const edited = result as { message_id?: number } | true | null;
          return {
            type: "sent",
            messageId: String((edited && typeof edited === "object" && edited.message_id) || message.editMessageId),
          };
        }
        if (message.attachment) {
          if (message.attachment.kind === "photo") await telegram.sendPhoto(chatId, message.attachment.fileId);
          else await telegram.sendDocument(chatId, message.attachment.fileId);
        }
        const parts = splitText(message.text, TELEGRAM_TEXT_LIMIT);
        let lastId = "";
        for (const [i, part] of parts.entries()) {
          const last = i === parts.length - 1;
          const result = await telegram.callApi("sendMessage", {
            chat_id: chatId,
            text: part,
            ...(last && markup ? { reply_markup: markup } : {}),
          } as never);
          lastId = String((result as { message_id: number }).message_id);
        }
        return { type: "sent", messageId: lastId };
      } catch (e) {
        return classifyTelegramError(e);
      }
    },
  };
}

/** Only private chats are served; anything else yields null. */
export function telegramUpdateToEvent(update: Update): IncomingEvent | null {
  const updateKey = String(update.update_id);
  if ("callback_query" in update && update.callback_query) {
    const q = update.callback_query;
    const msg = q.message;
    if (!msg || msg.chat.type !== "private" || !("data" in q) || typeof q.data !== "string") return null;
    return {
      channel: "telegram",
      updateKey,
      chatId: String(msg.chat.id),
      userId: String(q.from.id),
      displayName: [q.from.first_name, q.from.last_name].filter(Boolean).join(" "),
      kind: "choice",
      data: q.data,
      messageId: String(msg.message_id),
    };
  }
  if ("message" in update && update.message) {
    const m = update.message;
    if (m.chat.type !== "private" || !m.from || m.from.is_bot) return null;
    const base = {
      channel: "telegram" as const,
      updateKey,
      chatId: String(m.chat.id),
      userId: String(m.from.id),
      displayName: [m.from.first_name, m.from.last_name].filter(Boolean).join(" "),
    };
    if ("contact" in m && m.contact) {
      return {
        ...base,
        kind: "contact",
        phone: m.contact.phone_number,
        contactUserId: m.contact.user_id === undefined ? null : String(m.contact.user_id),
      };
    }
    const caption = "caption" in m && typeof m.caption === "string" ? m.caption : "";
    if ("photo" in m && Array.isArray(m.photo) && m.photo.length > 0) {
      return { ...base, kind: "text", text: caption, attachment: { kind: "photo", fileId: m.photo.at(-1)!.file_id } };
    }
    if ("document" in m && m.document) {
      return {
        ...base,
        kind: "text",
        text: caption,
        attachment: {
          kind: "document",
          fileId: m.document.file_id,
          ...(m.document.file_name ? { filename: m.document.file_name } : {}),
        },
      };
    }
    if ("text" in m && typeof m.text === "string") return { ...base, kind: "text", text: m.text };
    return { ...base, kind: "text", text: "" };
  }
  return null;
}

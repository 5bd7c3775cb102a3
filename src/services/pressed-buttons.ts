/**
 * Telegram convention: a pressed button's message shows the choice and loses
 * its keyboard, so it cannot be pressed again and a chat does not fill with
 * answers to old buttons. The message is found in the outbox by the platform
 * message id it was sent as.
 */
import type { Db } from "../db/client.ts";
import { hotQueries } from "../db/hot-queries.ts";
import type { OutgoingMessage } from "../messaging/types.ts";
import { t } from "../texts/vi.ts";

const TELEGRAM_LIMIT = 4096;

export async function markPressed(
  db: Db,
  input: { chatId: string; messageId: string; data: string },
): Promise<OutgoingMessage | null> {
  // Every button press asks this: a prepared statement on the hot path.
  const payload = await hotQueries(db).sentPayload("telegram", input.chatId, input.messageId);
  if (!payload) return null;
  const sent = JSON.parse(payload) as OutgoingMessage;
  const label = sent.choices?.flat().find((c) => c.data === input.data)?.label;
  if (!label || sent.document) return null;
  const suffix = `\n\n${t.pressed(label)}`;
  return { text: `${sent.text.slice(0, TELEGRAM_LIMIT - suffix.length)}${suffix}`, editMessageId: input.messageId };
}

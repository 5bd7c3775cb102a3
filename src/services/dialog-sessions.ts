/** Dialog state per chat, stored so a dialog survives a restart (the bot parses and checks it). */
import type { Db } from "../db/client.ts";
import { hotQueries } from "../db/hot-queries.ts";
import type { Channel } from "../messaging/types.ts";
import type { Clock } from "../domain/time.ts";

export async function loadSession(db: Db, channel: Channel, chatId: string): Promise<string | null> {
  return (await hotQueries(db).session(channel, chatId))?.data ?? null;
}

export async function saveSession(
  db: Db,
  clock: Clock,
  channel: Channel,
  chatId: string,
  dialog: string,
  data: string,
) {
  await hotQueries(db).saveSession(channel, chatId, dialog, data, clock());
}

export async function clearSession(db: Db, channel: Channel, chatId: string) {
  await hotQueries(db).deleteSession(channel, chatId);
}

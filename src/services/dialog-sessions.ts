/** Dialog state per chat, stored so a dialog survives a restart (read with the update: see inbound.ts). */
import type { Db } from "../db/client.ts";
import { hotQueries } from "../db/hot-queries.ts";
import type { Channel } from "../messaging/types.ts";
import type { Clock } from "../domain/time.ts";

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

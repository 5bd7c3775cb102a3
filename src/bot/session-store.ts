/** Dialog state per chat, stored in the database so a dialog survives a restart. */
import type { Db } from "../db/client.ts";
import { hotQueries } from "../db/hot-queries.ts";
import { dialogState, type DialogState } from "./dialog-state.ts";
import type { Channel } from "../messaging/types.ts";

export interface SessionStore {
  get(channel: Channel, chatId: string): Promise<DialogState | null>;
  set(channel: Channel, chatId: string, state: DialogState): Promise<void>;
  clear(channel: Channel, chatId: string): Promise<void>;
}

export function createSessionStore(db: Db): SessionStore {
  return {
    async get(channel, chatId) {
      const row = await hotQueries(db).session(channel, chatId);
      if (!row) return null;
      let raw: unknown;
      try {
        raw = JSON.parse(row.data);
      } catch {
        return null;
      }
      const parsed = dialogState.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    async set(channel, chatId, state) {
      await hotQueries(db).saveSession(channel, chatId, state.dialog, JSON.stringify(state));
    },
    async clear(channel, chatId) {
      await hotQueries(db).deleteSession(channel, chatId);
    },
  };
}

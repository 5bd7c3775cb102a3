/** Dialog state per chat, stored in the database so a dialog survives a restart. */
import type { Services } from "../services/application.ts";
import { dialogState, type DialogState } from "./dialog-state.ts";
import type { Channel } from "../messaging/types.ts";

export interface SessionStore {
  get(channel: Channel, chatId: string): Promise<DialogState | null>;
  set(channel: Channel, chatId: string, state: DialogState): Promise<void>;
  clear(channel: Channel, chatId: string): Promise<void>;
}

export function createSessionStore(services: Services): SessionStore {
  return {
    async get(channel, chatId) {
      const data = await services.loadSession(channel, chatId);
      if (data === null) return null;
      let raw: unknown;
      try {
        raw = JSON.parse(data);
      } catch {
        return null;
      }
      const parsed = dialogState.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    async set(channel, chatId, state) {
      await services.saveSession(channel, chatId, state.dialog, JSON.stringify(state));
    },
    async clear(channel, chatId) {
      await services.clearSession(channel, chatId);
    },
  };
}

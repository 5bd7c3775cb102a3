/** Dialog state per chat, stored in the database so a dialog survives a restart. */
import type { Services } from "../services/application.ts";
import { dialogState, type DialogState } from "./dialog-state.ts";
import type { Channel } from "../messaging/types.ts";

export interface SessionStore {
  /** The state out of its stored text (read with the update): null when there is none or it no longer parses. */
  parse(data: string | null): DialogState | null;
  set(channel: Channel, chatId: string, state: DialogState): Promise<void>;
  clear(channel: Channel, chatId: string): Promise<void>;
}

function parse(data: string | null): DialogState | null {
  if (data === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = dialogState.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function createSessionStore(services: Services): SessionStore {
  return {
    parse,
    async set(channel, chatId, state) {
      await services.saveSession(channel, chatId, state.dialog, JSON.stringify(state));
    },
    async clear(channel, chatId) {
      await services.clearSession(channel, chatId);
    },
  };
}

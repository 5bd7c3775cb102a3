/** The database behind numbered choices (see messaging/choice-menus.ts). */
import { z } from "zod";
import type { Db } from "../db/client.ts";
import type { ChoiceMenuStore } from "../messaging/choice-menus.ts";
import type { Channel } from "../messaging/types.ts";

const choices = z.array(z.object({ data: z.string(), label: z.string() }));

export function createChoiceMenuStore(db: Db, channel: Channel): ChoiceMenuStore {
  return {
    async save(chatId, list) {
      const data = JSON.stringify(list);
      await db.choiceMenu.upsert({
        where: { channel_chatId: { channel, chatId } },
        create: { channel, chatId, choices: data },
        update: { choices: data },
      });
    },
    async clear(chatId) {
      await db.choiceMenu.deleteMany({ where: { channel, chatId } });
    },
    async load(chatId) {
      const row = await db.choiceMenu.findUnique({ where: { channel_chatId: { channel, chatId } } });
      if (!row) return null;
      const parsed = choices.safeParse(JSON.parse(row.choices));
      return parsed.success ? parsed.data : null;
    },
  };
}

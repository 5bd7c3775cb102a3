/**
 * Keeps each Telegram chat's command menu in step with the member's role: a
 * secretary, deputy, collector or committee member gets his/her commands in the
 * menu (BotCommandScopeChat); someone who lost the role goes back to the default
 * menu. Each setting goes through the outbox once per (chat, role, change of the
 * member's record), so re-running the job sends nothing new.
 */
import type { Db } from "../../db/client.ts";
import type { Outbox, OutboxItem } from "../../delivery/outbox.ts";
import { menuForRole } from "../../texts/menus.ts";
import type { Role } from "../members.ts";

const ELEVATED: Role[] = ["secretary", "deputy", "collector", "committee"];

export async function syncCommandMenus(deps: { db: Db; outbox: Outbox }): Promise<number> {
  const { db } = deps;
  const menuChats = (
    await db.outbox.findMany({
      where: { channel: "telegram", kind: "menu" },
      distinct: ["chatId"],
      select: { chatId: true },
    })
  ).map((r) => r.chatId);
  const accounts = await db.channelAccount.findMany({
    where: {
      channel: "telegram",
      member: { leftAt: null },
      OR: [{ member: { role: { in: ELEVATED } } }, { chatId: { in: menuChats } }],
    },
    select: { chatId: true, member: { select: { id: true, role: true, updatedAt: true } } },
  });
  const items: OutboxItem[] = accounts.map((a) => ({
    key: `menu:${a.chatId}:${a.member.role}:${a.member.updatedAt.getTime()}`,
    channel: "telegram",
    chatId: a.chatId,
    memberId: a.member.id,
    priority: "bulk",
    kind: "menu",
    message: { text: "", menu: menuForRole(a.member.role) ?? [] },
  }));
  return deps.outbox.enqueue(items);
}

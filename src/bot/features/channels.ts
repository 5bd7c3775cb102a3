/** /kenh: a member linked on both Telegram and Zalo chooses where reminders go. */
import { audit } from "../../services/audit.ts";
import { t } from "../../texts/vi.ts";
import type { Feature } from "../feature.ts";

const LABEL: Record<string, string> = { telegram: "Telegram", zalo: "Zalo" };

export const channelsFeature: Feature = {
  commands: {
    kenh: {
      access: "member",
      async run(ctx) {
        const accounts = await ctx.deps.db.channelAccount.findMany({ where: { memberId: ctx.member.id } });
        const current = ctx.member.preferredChannel;
        ctx.reply({
          text: t.channelChoose(
            accounts.map((a) => LABEL[a.channel] ?? a.channel),
            current ? (LABEL[current] ?? current) : null,
          ),
          choices: [
            ...accounts.map((a) => [{ data: `pref:${a.channel}`, label: `Nhận qua ${LABEL[a.channel] ?? a.channel}` }]),
            [{ data: "pref:auto", label: "Tự động (kênh dùng gần nhất)" }],
          ],
        });
      },
    },
  },
  choices: {
    pref: {
      access: "member",
      async run(ctx, [value]) {
        const { db } = ctx.deps;
        if (value !== "auto" && value !== "telegram" && value !== "zalo") {
          ctx.reply(t.staleButton);
          return;
        }
        if (
          value !== "auto" &&
          !(await db.channelAccount.findFirst({ where: { memberId: ctx.member.id, channel: value } }))
        ) {
          ctx.reply(t.channelNotLinked(LABEL[value] ?? value));
          return;
        }
        await db.member.update({
          where: { id: ctx.member.id },
          data: { preferredChannel: value === "auto" ? null : value },
        });
        await audit(db, {
          actor: ctx.actor.label,
          action: "member.preferred_channel",
          branchId: ctx.member.branchId,
          targetMemberId: ctx.member.id,
          details: { value },
        });
        ctx.reply(value === "auto" ? t.channelAuto : t.channelSet(LABEL[value] ?? value));
      },
    },
  },
};

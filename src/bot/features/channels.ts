/** /kenh: a member linked on both Telegram and Zalo chooses where reminders go. */
import { t } from "../../texts/vi.ts";
import type { Feature } from "../feature.ts";

const LABEL: Record<string, string> = { telegram: "Telegram", zalo: "Zalo" };

export const channelsFeature: Feature = {
  commands: {
    kenh: {
      access: "member",
      async run(ctx) {
        const accounts = await ctx.deps.services.accountsOf(ctx.actor, ctx.member.id);
        const current = ctx.member.preferredChannel;
        ctx.reply({
          text: t.channelChoose(
            accounts.map((a) => LABEL[a.channel] ?? a.channel),
            current ? (LABEL[current] ?? current) : null,
          ),
          choices: [
            ...accounts.map((a) => [
              { data: `pref:${a.channel}`, label: t.btnReceiveVia(LABEL[a.channel] ?? a.channel) },
            ]),
            [{ data: "pref:auto", label: t.btnReceiveAuto }],
          ],
        });
      },
    },
  },
  choices: {
    pref: {
      access: "member",
      async run(ctx, [value]) {
        if (value !== "auto" && value !== "telegram" && value !== "zalo") {
          ctx.reply(t.staleButton);
          return;
        }
        const result = await ctx.deps.services.setPreferredChannel(ctx.actor, value === "auto" ? null : value);
        if (result === "not_linked") {
          ctx.reply(t.channelNotLinked(LABEL[value] ?? value));
          return;
        }
        ctx.reply(value === "auto" ? t.channelAuto : t.channelSet(LABEL[value] ?? value));
      },
    },
  },
};

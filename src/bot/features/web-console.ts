/** /web: a one-time link that signs the member in to the web console (Telegram and Zalo alike). */
import { webTexts as w } from "../../texts/web.ts";
import type { Feature } from "../feature.ts";

export const webConsoleFeature: Feature = {
  commands: {
    web: {
      access: "member",
      async run(ctx) {
        const base = ctx.deps.settings.webPublicUrl;
        if (!base) {
          ctx.reply(w.noWeb);
          return;
        }
        const link = await ctx.deps.services.issueSignInLink(ctx.actor);
        // On Telegram behind https the console also opens inside the chat (a Mini App, signed in by Telegram).
        const inside = ctx.event.channel === "telegram" && base.startsWith("https://");
        // The stored copy keeps no text once sent: the link is not left in the database.
        ctx.reply({
          text: w.linkIntro(`${base}/s/${link.token}`),
          private: true,
          ...(inside ? { webApp: { label: w.openConsole, url: `${base}/` } } : {}),
        });
      },
    },
  },
};

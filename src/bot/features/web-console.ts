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
        // The stored copy keeps no text once sent: the link is not left in the database.
        ctx.reply({ text: w.linkIntro(`${base}/s/${link.token}`), private: true });
      },
    },
  },
};

/** /trogiup: the commands this person may use. */
import { isLeader } from "../../services/members.ts";
import { t } from "../../texts/vi.ts";
import type { Feature } from "../feature.ts";

export const helpFeature: Feature = {
  commands: {
    trogiup: {
      access: "anyone",
      async run(ctx) {
        if (!ctx.member) {
          ctx.reply({ text: t.notLinked, askContact: t.shareContact });
          return;
        }
        ctx.reply(isLeader(ctx.member) ? `${t.helpMember}\n${t.helpLeader}` : t.helpMember);
      },
    },
  },
};

/** /trogiup: the commands this person may use. */
import { isLeader } from "../../services/members.ts";
import { notLinkedReply, t } from "../../texts/vi.ts";
import type { Feature } from "../feature.ts";

export const helpFeature: Feature = {
  commands: {
    trogiup: {
      access: "anyone",
      async run(ctx) {
        if (!ctx.member) {
          ctx.reply(notLinkedReply(ctx.event.channel));
          return;
        }
        const leader = isLeader(ctx.member);
        const treasurer = leader || ctx.member.role === "collector";
        ctx.reply([t.helpMember, leader ? t.helpLeader : "", treasurer ? t.helpFees : ""].filter(Boolean).join("\n"));
      },
    },
  },
};

/** Linking a chat to a member: /start <code>, a pasted code, a shared contact; unlinking. */
import { buttonId } from "../buttons.ts";
import { looksLikeInviteCode, type LinkResult } from "../../services/linking.ts";
import { notLinkedReply, t } from "../../texts/vi.ts";
import type { BotContext } from "../context.ts";
import { dialogChoice, type Feature } from "../feature.ts";

function linkReply(ctx: BotContext, result: LinkResult): void {
  switch (result.type) {
    case "linked":
      ctx.reply({ text: t.linked(result.fullName, result.branchName), removeKeyboard: true });
      return;
    case "already_linked":
      ctx.reply(t.alreadyLinked(result.fullName));
      return;
    case "invalid":
      ctx.reply(t.linkInvalid);
      return;
    case "used":
      ctx.reply(t.linkUsed);
      return;
    case "expired":
      ctx.reply(t.linkExpired);
      return;
    case "throttled":
      ctx.reply(t.linkThrottled);
      return;
    case "not_own_contact":
      ctx.reply({ text: t.linkNotOwnContact, askContact: t.shareContact });
      return;
    case "no_match":
      ctx.reply(t.linkNoMatch);
      return;
    case "ambiguous":
      ctx.reply(t.linkAmbiguous);
      return;
    case "bad_phone":
      ctx.reply(t.linkBadPhone);
      return;
  }
}

function accountOf(ctx: BotContext) {
  return { channel: ctx.event.channel, externalId: ctx.event.userId, chatId: ctx.event.chatId };
}

async function linkWithCode(ctx: BotContext, code: string): Promise<void> {
  linkReply(ctx, await ctx.deps.services.linkWithCode(accountOf(ctx), code));
}

export const linkingFeature: Feature = {
  commands: {
    start: {
      access: "anyone",
      async run(ctx, args) {
        if (args) return linkWithCode(ctx, args);
        if (ctx.member) ctx.reply(t.welcomeLinked(ctx.member.fullName));
        else ctx.reply(notLinkedReply(ctx.event.channel));
      },
    },
    huylienket: {
      access: "member",
      async run(ctx) {
        const done = await ctx.deps.services.unlinkSelf(ctx.actor, ctx.event.channel);
        ctx.reply(done ? t.unlinked : t.nothingToUnlink);
      },
    },
    golienket: {
      access: "leader",
      async run(ctx) {
        const member = ctx.member!;
        const linked = await ctx.deps.services.branchMembers(ctx.actor, member.branchId, {
          linkedOnly: true,
          take: 90,
        });
        if (linked.length === 0) {
          ctx.reply(t.unlinkNone);
          return;
        }
        await ctx.setDialog({ dialog: "unlink_member" });
        ctx.reply({
          text: t.unlinkChoose,
          choices: [
            ...linked.map((m) => [{ data: dialogChoice("unlink_member", m.id), label: m.fullName }]),
            [{ data: dialogChoice("unlink_member", "cancel"), label: t.btnCancel }],
          ],
        });
      },
    },
    __contact: {
      access: "anyone",
      async run(ctx) {
        if (ctx.event.kind !== "contact") return;
        linkReply(ctx, await ctx.deps.services.linkWithPhone(accountOf(ctx), ctx.event.phone, ctx.event.contactUserId));
      },
    },
    __text: {
      access: "anyone",
      async run(ctx, text) {
        if (!ctx.member && looksLikeInviteCode(text)) return linkWithCode(ctx, text);
        if (!ctx.member) ctx.reply(notLinkedReply(ctx.event.channel));
        else ctx.reply(t.unknownText);
      },
    },
  },
  dialogs: {
    unlink_member: {
      async onText(ctx) {
        ctx.reply(t.chooseButton);
      },
      async onChoice(ctx, [value]) {
        await ctx.clearDialog();
        if (value === "cancel" || value === undefined) {
          ctx.reply(t.cancelled);
          return;
        }
        const target = await ctx.deps.services.unlinkMember(ctx.actor, buttonId(value), ctx.event.updateKey);
        ctx.reply(t.unlinkDone(target.fullName));
      },
    },
  },
};

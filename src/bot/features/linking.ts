/** Linking a chat to a member: /start <code>, a pasted code, a shared contact; unlinking. */
import { buttonId } from "../buttons.ts";
import { linkByCode, linkByPhone, looksLikeInviteCode, unlink, type LinkResult } from "../../services/linking.ts";
import { deliveryTargets } from "../../services/members.ts";
import { notLinkedReply, t } from "../../texts/vi.ts";
import { sortByName } from "../../domain/text.ts";
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
  const { db, clock, settings } = ctx.deps;
  linkReply(
    ctx,
    await linkByCode(db, {
      account: accountOf(ctx),
      code,
      clock,
      maxFailuresPerHour: settings.linkMaxFailuresPerHour,
      ...(settings.linkMaxFailuresAllPerHour
        ? { maxFailuresPerHourEverywhere: settings.linkMaxFailuresAllPerHour }
        : {}),
    }),
  );
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
        const done =
          ctx.member &&
          (await unlink(ctx.deps.db, {
            memberId: ctx.member.id,
            channel: ctx.event.channel,
            actor: `member:${ctx.member.id}`,
          }));
        ctx.reply(done ? t.unlinked : t.nothingToUnlink);
      },
    },
    golienket: {
      access: "leader",
      async run(ctx) {
        const member = ctx.member!;
        const linked = sortByName(
          await ctx.deps.db.member.findMany({
            where: { branchId: member.branchId, leftAt: null, accounts: { some: {} } },
            take: 90,
          }),
        );
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
        const { db, clock, settings } = ctx.deps;
        linkReply(
          ctx,
          await linkByPhone(db, {
            account: accountOf(ctx),
            phone: ctx.event.phone,
            contactUserId: ctx.event.contactUserId,
            clock,
            maxFailuresPerHour: settings.linkMaxFailuresPerHour,
          }),
        );
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
        const { db, outbox } = ctx.deps;
        const target = await db.member.findFirst({ where: { id: buttonId(value), branchId: ctx.member.branchId } });
        if (!target) {
          ctx.reply(t.staleButton);
          return;
        }
        const before = await deliveryTargets(db, [target.id]);
        const accounts = await db.channelAccount.findMany({ where: { memberId: target.id } });
        for (const a of accounts)
          await unlink(db, { memberId: target.id, channel: a.channel as "telegram", actor: ctx.actor.label });
        const was = before.get(target.id);
        if (was) {
          await outbox.enqueue([
            {
              key: `unlinked-by-leader:${target.id}:${ctx.event.updateKey}`,
              channel: was.channel,
              chatId: was.chatId,
              priority: "reply",
              kind: "notice",
              message: { text: t.unlinkedByLeader },
            },
          ]);
        }
        ctx.reply(t.unlinkDone(target.fullName));
      },
    },
  },
};

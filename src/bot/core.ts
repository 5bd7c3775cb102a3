/**
 * The platform-free bot: takes an IncomingEvent, finds the member and the
 * dialog, runs the matching feature, and queues the replies in the outbox with
 * keys derived from the update, so an update handled twice replies once.
 */
import { nfc } from "../domain/text.ts";
import type { IncomingEvent, OutgoingMessage } from "../messaging/types.ts";
import { ServiceError } from "../services/errors.ts";
import { errorText } from "../texts/errors.ts";
import { isLeader } from "../services/members.ts";
import { memberAsActor } from "../services/meetings.ts";
import { notLinkedReply, t } from "../texts/vi.ts";
import type { BotContext, BotDeps, MemberContext } from "./context.ts";
import type { DialogState } from "./dialog-state.ts";
import type { Access, ChoiceHandler, DialogHandler, Feature } from "./feature.ts";
import { decodeButton, StaleButtonError, wellFormed } from "./buttons.ts";

export interface BotCore {
  handle(event: IncomingEvent): Promise<void>;
  /** Updates being handled right now (graceful stop, tests waiting for quiet). */
  busy(): number;
}

function allowed(access: Access, ctx: BotContext): "ok" | "not_linked" | "not_leader" | "not_treasurer" {
  if (access === "anyone") return "ok";
  if (!ctx.member) return "not_linked";
  if (access === "leader" && !isLeader(ctx.member)) return "not_leader";
  if (access === "treasurer" && !isLeader(ctx.member) && ctx.member.role !== "collector") return "not_treasurer";
  return "ok";
}

/** Two features claiming one command, button prefix or dialog is a start-up error, not a silent override. */
export class FeatureConflictError extends Error {
  override readonly name = "FeatureConflictError";
}

function mergeOnce(kind: string, parts: object[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (name in merged || (kind === "command" && name === "huy"))
        throw new FeatureConflictError(`${kind} "${name}" is registered twice`);
      merged[name] = handler;
    }
  }
  return merged;
}

export function createBotCore(deps: BotDeps, features: Feature[]): BotCore {
  const commands = mergeOnce(
    "command",
    features.map((f) => f.commands ?? {}),
  ) as NonNullable<Feature["commands"]>;
  const choices = mergeOnce(
    "button",
    features.map((f) => f.choices ?? {}),
  ) as NonNullable<Feature["choices"]>;
  const dialogs = mergeOnce(
    "dialog",
    features.map((f) => f.dialogs ?? {}),
  ) as Record<string, DialogHandler | undefined>;
  const { services, sessions, logger } = deps;

  async function denied(ctx: BotContext, why: "not_linked" | "not_leader" | "not_treasurer"): Promise<void> {
    if (why === "not_leader") ctx.reply(t.notAuthorised);
    else if (why === "not_treasurer") ctx.reply(t.notAuthorisedFees);
    else ctx.reply(notLinkedReply(ctx.event.channel));
  }

  async function route(ctx: BotContext): Promise<void> {
    const { event } = ctx;
    const asMember = ctx as MemberContext;
    if (ctx.member) asMember.actor = memberAsActor(ctx.member);

    if (event.kind === "contact") {
      const handler = commands["__contact"];
      if (handler) await handler.run(asMember, "");
      return;
    }

    if (event.kind === "choice") {
      // Every button's data is decoded in one place (buttons.ts); a malformed or forged one goes no further.
      if (!wellFormed(event.data)) {
        ctx.reply(t.staleButton);
        return;
      }
      const [prefix, ...parts] = event.data.split(":");
      if (prefix === "d") {
        const [dialogName, ...rest] = parts;
        const handler = dialogName ? dialogs[dialogName] : undefined;
        if (!ctx.member) return denied(ctx, "not_linked");
        const state = ctx.dialog;
        if (!handler || !state || state.dialog !== dialogName) {
          ctx.reply(t.staleButton);
          return;
        }
        if (rest[0] === "cancel") {
          // Every dialog's "Huỷ" button does what /huy does.
          await ctx.clearDialog();
          ctx.reply(t.cancelled);
          return;
        }
        await handler.onChoice(asMember, rest, state);
        return;
      }
      const decoded = decodeButton(event.data);
      const handler = decoded ? (choices[decoded.prefix] as ChoiceHandler | undefined) : undefined;
      if (!decoded || !handler) {
        ctx.reply(t.staleButton);
        return;
      }
      const access = allowed(handler.access, ctx);
      if (access !== "ok") return denied(ctx, access);
      await handler.run(asMember, decoded.args as never);
      return;
    }

    const text = nfc(event.text);
    if (text.length > deps.settings.maxInputLength) {
      ctx.reply(t.tooLong(deps.settings.maxInputLength));
      return;
    }
    const command = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text);
    if (command) {
      const name = (command[1] ?? "").toLowerCase();
      const args = (command[2] ?? "").trim();
      if (name === "huy") {
        if (ctx.dialog) {
          await ctx.clearDialog();
          ctx.reply(t.cancelled);
        } else ctx.reply(t.nothingToCancel);
        return;
      }
      const handler = commands[name];
      if (!handler) {
        ctx.reply(t.unknownCommand);
        return;
      }
      const access = allowed(handler.access, ctx);
      if (access !== "ok") return denied(ctx, access);
      if (ctx.dialog && ctx.dialog.dialog !== handler.resumes) {
        await ctx.clearDialog();
        ctx.reply(t.dialogAbandoned);
      }
      await handler.run(asMember, args);
      return;
    }
    if (ctx.dialog && ctx.member) {
      const handler = dialogs[ctx.dialog.dialog];
      if (handler) {
        await handler.onText(asMember, text, ctx.dialog);
        return;
      }
    }
    const fallback = commands["__text"];
    if (fallback) await fallback.run(asMember, text);
  }

  let inProgress = 0;
  /**
   * The updates of one chat are handled one after the other, in the order they came: telegraf hands a polled batch
   * over at once, and two quick taps in one dialog would otherwise both read the same state and one would be lost.
   * Different chats still run side by side.
   */
  const chats = new Map<string, Promise<void>>();
  return {
    busy: () => inProgress,
    async handle(event) {
      inProgress++;
      const key = `${event.channel}:${event.chatId}`;
      const before = chats.get(key) ?? Promise.resolve();
      const mine = before.then(() => handleOne(event));
      const settled = mine.catch(() => undefined);
      chats.set(key, settled);
      try {
        await mine;
      } finally {
        if (chats.get(key) === settled) chats.delete(key);
        inProgress--;
      }
    },
  };

  async function handleOne(event: IncomingEvent): Promise<void> {
    // Claim the update first: a platform that delivers it again (after a restart,
    // a webhook retry) finds it taken, so it is handled once.
    const begun = await services.beginUpdate(event);
    if (!begun.fresh) return;
    const found = begun.member ? { member: begun.member } : null;
    const replies: OutgoingMessage[] = [];
    let dialog: DialogState | null = sessions.parse(begun.session);
    const ctx: BotContext = {
      deps,
      event,
      member: found?.member ?? null,
      get dialog() {
        return dialog;
      },
      reply: (m) => replies.push(typeof m === "string" ? { text: m } : m),
      setDialog: async (s) => {
        dialog = s;
        await sessions.set(event.channel, event.chatId, s);
      },
      clearDialog: async () => {
        dialog = null;
        await sessions.clear(event.channel, event.chatId);
      },
    };
    try {
      await route(ctx);
    } catch (e) {
      if (e instanceof StaleButtonError) {
        logger.debug({ channel: event.channel, data: e.data }, "malformed button data");
        replies.push({ text: t.staleButton });
      } else if (e instanceof ServiceError) {
        replies.push({ text: errorText(e) });
      } else {
        logger.error({ err: e, channel: event.channel, kind: event.kind }, "handler failed");
        replies.push({ text: t.internalError });
      }
    }
    if (
      event.kind === "choice" &&
      event.channel === "telegram" &&
      event.messageId &&
      !replies.some((r) => r.editMessageId === event.messageId)
    ) {
      // The pressed message shows the choice and loses its buttons (unless the feature redrew it itself).
      const marked = await services
        .markPressed({
          chatId: event.chatId,
          messageId: event.messageId,
          data: event.data,
        })
        .catch((e: unknown) => {
          logger.warn({ err: e }, "could not mark the pressed button");
          return null;
        });
      if (marked) replies.unshift(marked);
    }
    await deps.outbox.enqueue(
      replies.map((message, i) => ({
        key: `in:${event.channel}:${event.updateKey}:${i}`,
        channel: event.channel,
        chatId: event.chatId,
        memberId: found?.member.id ?? null,
        priority: "reply" as const,
        kind: "reply",
        message,
      })),
    );
  }
}

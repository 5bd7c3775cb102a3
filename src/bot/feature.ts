/** How a feature plugs into the bot: its commands, its buttons, its dialogs. */
import type { BotContext, MemberContext } from "./context.ts";
import type { DialogName, DialogState } from "./dialog-state.ts";
import type { ButtonArgs, ButtonPrefix } from "./buttons.ts";

/** leader: secretary or deputy; treasurer: fee collector, secretary or deputy. */
export type Access = "anyone" | "member" | "leader" | "treasurer";

export type CommandHandler = (
  | { access: "anyone"; run(ctx: BotContext, args: string): Promise<void> }
  | { access: "member" | "leader" | "treasurer"; run(ctx: MemberContext, args: string): Promise<void> }
) & {
  /** The dialog this command continues: typing it again inside that dialog does not abandon it. */
  resumes?: DialogName;
};

export interface ChoiceHandler<P extends ButtonPrefix = ButtonPrefix> {
  access: Access;
  /** args: the button's data after its prefix, decoded by its schema in buttons.ts. */
  run(ctx: MemberContext, args: ButtonArgs<P>): Promise<void>;
}

export interface DialogHandler<S extends DialogState = DialogState> {
  onText(ctx: MemberContext, text: string, state: S): Promise<void>;
  /** A pressed button of this dialog; the core answers "cancel" itself (as /huy). */
  onChoice(ctx: MemberContext, parts: string[], state: S): Promise<void>;
}

export interface Feature {
  commands?: Record<string, CommandHandler>;
  choices?: { [P in ButtonPrefix]?: ChoiceHandler<P> };
  dialogs?: { [K in DialogName]?: DialogHandler<Extract<DialogState, { dialog: K }>> };
}

/** Button data for a dialog step: "d:<dialog>:<value…>". */
export const dialogChoice = (dialog: DialogName, ...values: (string | number)[]) => ["d", dialog, ...values].join(":");

/** Names of the commands users may type (internal hooks start with "__"). */
export function commandNames(features: Feature[]): string[] {
  return ["huy", ...features.flatMap((f) => Object.keys(f.commands ?? {}))].filter((n) => !n.startsWith("__"));
}

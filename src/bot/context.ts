/** What a feature handler receives for one incoming event. */
import type { Clock } from "../domain/time.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { Services } from "../services/application.ts";
import type { Logger } from "../logging/logger.ts";
import type { Channel, IncomingEvent, OutgoingMessage } from "../messaging/types.ts";
import type { MemberWithBranch } from "../services/members.ts";
import type { Actor } from "../services/meetings.ts";
import type { FeeSettings } from "../services/fees.ts";
import type { DialogState } from "./dialog-state.ts";
import type { SessionStore } from "./session-store.ts";

export interface BotSettings {
  timeZone: string;
  attendanceThreshold: number;
  linkMaxFailuresPerHour: number;
  /** Longest text accepted from a user. */
  maxInputLength: number;
  /** Wrong invite codes from all accounts together per hour before everyone is slowed down. */
  linkMaxFailuresAllPerHour?: number;
  fees: FeeSettings;
  /** Messages per second per channel, for delivery-time estimates. */
  sendRates: Record<Channel, number>;
  /** Where the bot's web pages are reached (one-time links), or undefined when there is no web server. */
  webPublicUrl?: string;
}

export interface BotDeps {
  /** The use cases: the only way a feature reads or writes data. */
  services: Services;
  outbox: Outbox;
  sessions: SessionStore;
  clock: Clock;
  logger: Logger;
  settings: BotSettings;
}

export interface BotContext {
  deps: BotDeps;
  event: IncomingEvent;
  /** The linked member writing, or null. */
  member: MemberWithBranch | null;
  /** Current dialog of this chat, or null. */
  dialog: DialogState | null;
  reply(message: OutgoingMessage | string): void;
  setDialog(state: DialogState): Promise<void>;
  clearDialog(): Promise<void>;
}

/** A linked member, as required by most handlers. */
export interface MemberContext extends BotContext {
  member: MemberWithBranch;
  actor: Actor;
}

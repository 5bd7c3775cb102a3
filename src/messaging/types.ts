/**
 * The one messaging interface. Dialogs produce OutgoingMessages and consume
 * IncomingEvents; each platform (Telegram now, Zalo next) renders and parses them.
 */

export type Channel = "telegram" | "zalo";

/** A choice the user can pick: an inline button on Telegram, a numbered line on Zalo. */
export interface Choice {
  /** Opaque data returned when chosen (≤ 64 bytes: Telegram's callback limit). */
  data: string;
  label: string;
}

export interface OutgoingMessage {
  text: string;
  /** Rows of choices. */
  choices?: Choice[][];
  /** Ask the user to share his/her phone number (Telegram contact button). */
  askContact?: string;
  /** A button that opens the web console inside Telegram (a Mini App; https only). Zalo shows no button. */
  webApp?: { label: string; url: string };
  /** Take away an earlier contact button. */
  removeKeyboard?: boolean;
  /** Replace an earlier message of the bot (where the platform allows it). */
  editMessageId?: string;
  /** A file to send with the text as its caption (Telegram only). */
  document?: { filename: string; base64: string };
  /** A photo or file already on the platform, sent before the text (Telegram only). */
  attachment?: { kind: "photo" | "document"; fileId: string };
  /**
   * Not a message: sets this chat's command menu (Telegram only; the text is
   * not sent). An empty list returns the chat to the default menu.
   */
  menu?: { command: string; description: string }[];
  /**
   * Holds what must not stay in the database (what a member wrote in an anonymous survey, a one-time link): once
   * sent, the stored row keeps only its key, recipient and status.
   */
  private?: boolean;
}

export type SendOutcome =
  | { type: "sent"; messageId: string }
  /** Try again later; afterMs from the platform (retry_after) or 0 for "use back-off". */
  | { type: "retry"; afterMs: number; error: string; global: boolean }
  /** The user blocked the bot or the chat is gone. */
  | { type: "unreachable"; error: string }
  /** The platform refused this message for good (bad request). */
  | { type: "failed"; error: string };

export interface MessageSender {
  readonly channel: Channel;
  send(chatId: string, message: OutgoingMessage): Promise<SendOutcome>;
}

interface IncomingBase {
  channel: Channel;
  /** Unique per platform update; used to process each update once. */
  updateKey: string;
  chatId: string;
  userId: string;
  displayName: string;
}

export type IncomingEvent = IncomingBase &
  (
    | { kind: "text"; text: string; attachment?: { kind: "photo" | "document"; fileId: string; filename?: string } }
    | { kind: "choice"; data: string; messageId: string | null }
    | { kind: "contact"; phone: string; contactUserId: string | null }
  );

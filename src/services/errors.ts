/**
 * What a use case refuses, as a value: a code and the data the message needs.
 * Services never word the message; src/texts/errors.ts does, for chat, the
 * command line and the web console alike.
 */
import { errorText, type ErrorCode } from "../texts/errors.ts";

export type { ErrorCode } from "../texts/errors.ts";

export class ServiceError extends Error {
  override readonly name: string = "ServiceError";
  constructor(
    readonly code: ErrorCode,
    readonly data: Record<string, string | number | boolean | null | undefined> = {},
  ) {
    // The message is the Vietnamese sentence (for logs and tests); surfaces word it from the code themselves.
    super(errorText({ code, data }));
  }
}

/** The actor's role or branch does not allow the action. */
export class NotAuthorisedError extends ServiceError {
  override readonly name = "NotAuthorisedError";
  constructor(action: string) {
    super("not_authorised", { action });
  }
}

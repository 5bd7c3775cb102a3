/**
 * What a use case refuses, as a value: a code and the data the message needs.
 * Services never word the message; src/texts/errors.ts does, for chat, the
 * command line and the web console alike.
 */
import type { ErrorCode } from "../texts/errors.ts";

export type { ErrorCode } from "../texts/errors.ts";

export class ServiceError extends Error {
  override readonly name: string = "ServiceError";
  constructor(
    readonly code: ErrorCode,
    readonly data: Record<string, string | number | boolean | null | undefined> = {},
  ) {
    super(code);
  }
}

/** The actor's role or branch does not allow the action. */
export class NotAuthorisedError extends ServiceError {
  override readonly name = "NotAuthorisedError";
  constructor(action: string) {
    super("not_authorised", { action });
  }
}

/**
 * A refusal whose message was already worded (older use cases and domain checks
 * that return their own text); new code throws ServiceError with a code.
 */
export class UserFacingError extends ServiceError {
  override readonly name = "UserFacingError";
  constructor(
    readonly userMessage: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super("worded", { message: userMessage });
    this.message = userMessage;
  }
}

export class NotFoundError extends UserFacingError {}

/** Typed errors that carry what a user should be told. */

export class UserFacingError extends Error {
  override readonly name = "UserFacingError";
  /** Vietnamese text safe to show to the user. */
  constructor(
    readonly userMessage: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(userMessage);
  }
}

export class NotAuthorisedError extends UserFacingError {
  constructor(action: string) {
    super("Đồng chí không có quyền thực hiện thao tác này.", { action });
  }
}

export class NotFoundError extends UserFacingError {}

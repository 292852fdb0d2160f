/**
 * The closed set of application error codes. Services throw AppError with one of these; the tRPC
 * layer maps each to one transport code (server/errors.ts); the UI shows the message catalogue's
 * `errors.<code>` text. Messages never carry identity or narrative data.
 */
export const APP_ERROR_CODES = [
  "UNAUTHENTICATED", // no valid session
  "FORBIDDEN", // the role may not do this at all
  "NOT_FOUND", // no such record, or not in the caller's scope (deliberately indistinguishable)
  "STALE_VERSION", // someone else saved the record since it was read
  "VALIDATION", // input breaks a business rule (fields in `fieldErrors`)
  "CONFLICT", // unique value already taken (e.g. email, office code)
  "WEAK_PASSWORD", // password refused by the policy
  "INVALID_STATE", // transition not allowed from the record's current state
  "CONSENT_REQUIRED", // the person has not given (or has withdrawn) the consent this needs
  "RATE_LIMITED",
  "KEY_UNAVAILABLE", // a sealed value's vault key is not configured on this server (decision 0022)
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: Record<string, string>;
  constructor(code: AppErrorCode, message?: string, fieldErrors?: Record<string, string>) {
    super(message ?? code);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

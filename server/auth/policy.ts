/** Session and lockout limits, in one place (issue 2; docs/SECURITY.md). */
export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
export const SESSION_TOUCH_MS = 30_000;
/** A session that has passed the password but not yet the second factor lasts at most this long. */
export const SECOND_STEP_MS = 10 * 60_000;
/** Recovery codes issued at enrolment (each usable once). */
export const RECOVERY_CODE_COUNT = 10;

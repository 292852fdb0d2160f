/** Session and lockout limits, in one place (issue 2; docs/SECURITY.md). */
export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
export const SESSION_TOUCH_MS = 30_000;

import "server-only";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { AppErrorCode } from "@/lib/errors";

/** The one place AppError codes become transport codes. */
export const APP_ERROR_TO_TRPC: Readonly<Record<AppErrorCode, TRPC_ERROR_CODE_KEY>> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  STALE_VERSION: "CONFLICT",
  VALIDATION: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  WEAK_PASSWORD: "BAD_REQUEST",
  INVALID_STATE: "PRECONDITION_FAILED",
  CONSENT_REQUIRED: "PRECONDITION_FAILED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  KEY_UNAVAILABLE: "PRECONDITION_FAILED",
};

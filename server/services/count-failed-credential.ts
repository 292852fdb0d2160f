import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/server/audit/record";
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from "@/server/auth/policy";

/**
 * Counts one wrong credential (password or second factor) against an account, inside the caller's
 * write transaction, with its audit event: the MAX_FAILED_LOGINS-th failure in a row locks the
 * account for LOCKOUT_MS. Returns whether this failure locked it.
 */
export function countFailedCredential(
  tx: Db,
  user: { id: number; failedLogins: number; lockedUntil: number | null },
  input: { now: number; ip: string | null; reason: string },
): boolean {
  // A lock that has run out starts a fresh count.
  const previous = user.lockedUntil !== null ? 0 : user.failedLogins;
  const failures = previous + 1;
  const lockNow = failures >= MAX_FAILED_LOGINS;
  tx.update(users)
    .set({ failedLogins: lockNow ? 0 : failures, lockedUntil: lockNow ? input.now + LOCKOUT_MS : null })
    .where(eq(users.id, user.id))
    .run();
  recordAudit(tx, {
    action: lockNow ? "auth.login.locked" : "auth.login.failure",
    actorUserId: user.id,
    entityType: "user",
    entityId: user.id,
    ip: input.ip,
    details: lockNow ? { reason: "locked_after_failures", failures } : { reason: input.reason, failures },
  });
  return lockNow;
}

import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { findCredentialOfUser, markSessionCredential, revokeOtherSessionsOfUser } from "@/db/queries/own-sessions";
import { updateUserRow } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import type { TChangeOwnPassword } from "@/lib/schemas/account";
import { recordAudit } from "@/server/audit/record";
import { hashPassword, passwordProblem, verifyPassword } from "@/server/auth/password";
import type { SessionUser } from "@/server/auth/session-user";
import { countFailedCredential } from "../count-failed-credential";

function refused(field: "currentPassword" | "newPassword", key: string): never {
  throw new AppError("VALIDATION", "own password change refused", { [field]: key });
}

/**
 * A signed-in user changes their own password (issue 15 item 11, decision 0031). The current
 * password is verified with argon2 exactly as at sign-in, and a wrong one counts against the lockout
 * like a wrong password at sign-in (countFailedCredential), so a session left open cannot be used to
 * guess it. The new password is held to the usual policy. On success every other session of the
 * user ends; the current one stays, because it has just proved the new password (credentialAt). One
 * transaction with its audit event.
 */
export async function changeOwnPassword(db: Db, actor: SessionUser, input: TChangeOwnPassword, ip: string | null = null) {
  const now = Date.now();
  const user = findCredentialOfUser(db, actor.id);
  if (!user) throw new AppError("UNAUTHENTICATED");
  // A locked account gets no guess at all (and costs no argon2 work) until the lock runs out.
  if (user.lockedUntil !== null && user.lockedUntil > now) refused("currentPassword", "account.errors.locked");
  const currentOk = await verifyPassword(user.passwordHash, input.currentPassword);
  if (!currentOk) {
    const locked = writeTransaction(db, (tx) => countFailedCredential(tx, user, { now, ip, reason: "wrong_current_password" }));
    refused("currentPassword", locked ? "account.errors.locked" : "account.errors.currentWrong");
  }
  // Checked before the (slow) hash, so a refused password costs no argon2 work.
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw new AppError("WEAK_PASSWORD", `password refused: ${problem}`, { newPassword: `validation.password.${problem}` });
  if (input.newPassword === input.currentPassword) refused("newPassword", "account.errors.samePassword");
  const passwordHash = await hashPassword(input.newPassword);
  return writeTransaction(db, (tx) => {
    const at = Date.now();
    updateUserRow(tx, actor.id, { passwordHash, passwordChangedAt: at, failedLogins: 0, lockedUntil: null });
    markSessionCredential(tx, actor.id, actor.sessionId, at);
    const sessionsEnded = revokeOtherSessionsOfUser(tx, actor.id, actor.sessionId, at);
    recordAudit(tx, {
      action: "auth.password.changed",
      actorUserId: actor.id,
      entityType: "user",
      entityId: actor.id,
      ip,
      details: { sessionsRevoked: sessionsEnded },
    });
    return { sessionsEnded };
  });
}

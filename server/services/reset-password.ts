import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { revokeUserSessions, updateUserRow } from "@/db/queries/users";
import type { TResetPassword } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import type { SessionUser } from "@/server/auth/session-user";
import { assertPasswordAllowed } from "./create-user";
import { assertNotSelf, loadManagedUser } from "./load-managed-user";

/**
 * An administrator sets a new password for another user, held to the same policy as any password.
 * Every existing session of that user ends (passwordChangedAt moves past them, and they are revoked
 * outright), and any lockout is cleared. Administrators change their own password elsewhere, with
 * their current one: this path would let a hijacked session take the account over.
 */
export async function resetPassword(db: Db, actor: SessionUser, input: TResetPassword, ip: string | null = null) {
  assertNotSelf(actor.id, input.id, "password", "admin.validation.selfReset");
  const target = loadManagedUser(db, input.id);
  assertPasswordAllowed(input.password, target.email);
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, (tx) => {
    loadManagedUser(tx, input.id);
    const now = Date.now();
    updateUserRow(tx, input.id, { passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null });
    const sessionsRevoked = revokeUserSessions(tx, input.id, now);
    recordAudit(tx, {
      action: "user.password.reset",
      actorUserId: actor.id,
      entityType: "user",
      entityId: input.id,
      ip,
      details: { sessionsRevoked },
    });
    return { id: input.id, sessionsRevoked };
  });
}

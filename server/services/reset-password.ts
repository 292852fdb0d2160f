import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { revokeUserSessions, suspendMemberships, updateUserRow } from "@/db/queries/users";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { issueSetupLink, unusablePasswordHash } from "./issue-setup-link";
import { assertNotSelf, loadManagedUser } from "./load-managed-user";

/**
 * An administrator resets another user's password (decision 0020). The administrator never sets or
 * learns the new password: the old one stops working at once, every session of the user ends, any
 * lockout clears, and a one-time set-up link (returned once) lets the person choose a new one.
 * Because whoever holds that link could redeem it, a reset also puts the user's office memberships
 * back to waiting: case access returns only when a supervisor of the office confirms it again.
 * Administrators change their own password elsewhere, with their current one.
 */
export async function resetPassword(db: Db, actor: SessionUser, input: { id: number }, ip: string | null = null) {
  assertNotSelf(actor.id, input.id, "password", "admin.validation.selfReset");
  loadManagedUser(db, input.id);
  const passwordHash = await unusablePasswordHash();
  return writeTransaction(db, (tx) => {
    loadManagedUser(tx, input.id);
    const now = Date.now();
    updateUserRow(tx, input.id, { passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null });
    const sessionsRevoked = revokeUserSessions(tx, input.id, now);
    const suspendedOfficeIds = suspendMemberships(tx, input.id, actor.id, now);
    const link = issueSetupLink(tx, input.id, "reset", actor.id, now);
    recordAudit(tx, {
      action: "user.password.reset",
      actorUserId: actor.id,
      entityType: "user",
      entityId: input.id,
      ip,
      details: { sessionsRevoked, setupLink: true, suspendedOfficeIds },
    });
    for (const officeId of suspendedOfficeIds) {
      recordAudit(tx, { action: "access.requested", actorUserId: actor.id, entityType: "user", entityId: input.id, officeId, ip, details: { reason: "password_reset" } });
    }
    return { id: input.id, sessionsRevoked, setupToken: link.token, expiresAt: link.expiresAt };
  });
}

import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { revokeUserSessions, updateUserRow } from "@/db/queries/users";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { assertNotSelf, loadManagedUser } from "./load-managed-user";

/**
 * Deactivates an account and revokes all its sessions at once (the resolver would also refuse them
 * because the account is inactive; revoking records when they ended). An administrator cannot
 * deactivate their own account. Deactivating an inactive account changes nothing.
 */
export function deactivateUser(db: Db, actor: SessionUser, id: number, ip: string | null = null) {
  assertNotSelf(actor.id, id, "id", "admin.validation.selfDeactivate");
  return writeTransaction(db, (tx) => {
    const user = loadManagedUser(tx, id);
    if (!user.active) return { id, active: false, sessionsRevoked: 0 };
    const now = Date.now();
    updateUserRow(tx, id, { active: false });
    const sessionsRevoked = revokeUserSessions(tx, id, now);
    recordAudit(tx, {
      action: "user.deactivated",
      actorUserId: actor.id,
      entityType: "user",
      entityId: id,
      ip,
      details: { sessionsRevoked },
    });
    return { id, active: false, sessionsRevoked };
  });
}

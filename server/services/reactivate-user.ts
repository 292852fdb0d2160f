import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { updateUserRow } from "@/db/queries/users";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { loadManagedUser } from "./load-managed-user";

/** Lets a deactivated account sign in again (with its existing password; sessions stay revoked). */
export function reactivateUser(db: Db, actor: SessionUser, id: number, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const user = loadManagedUser(tx, id);
    if (user.active) return { id, active: true };
    updateUserRow(tx, id, { active: true, failedLogins: 0, lockedUntil: null });
    recordAudit(tx, { action: "user.reactivated", actorUserId: actor.id, entityType: "user", entityId: id, ip });
    return { id, active: true };
  });
}

import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { updateUserRow } from "@/db/queries/users";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { loadManagedUser } from "./load-managed-user";

/** Clears a lockout (and the failure count) before it runs out. */
export function unlockUser(db: Db, actor: SessionUser, id: number, ip: string | null = null) {
  return writeTransaction(db, (tx) => {
    const user = loadManagedUser(tx, id);
    updateUserRow(tx, id, { failedLogins: 0, lockedUntil: null });
    recordAudit(tx, {
      action: "user.unlocked",
      actorUserId: actor.id,
      entityType: "user",
      entityId: id,
      ip,
      details: { wasLocked: user.lockedUntil !== null && user.lockedUntil > Date.now(), failedLogins: user.failedLogins },
    });
    return { id };
  });
}

import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { recordAudit, verifyAuditTrail } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * Recomputes the whole hash chain and records that it was checked, with the outcome (and the first
 * broken event, if any), as an event of the chain itself.
 */
export function verifyAuditChain(db: Db, actor: SessionUser, ip: string | null = null) {
  const result = verifyAuditTrail(db);
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "audit.verified",
      actorUserId: actor.id,
      ip,
      details: result.ok
        ? { ok: true, checked: result.checked }
        : { ok: false, checked: result.checked, brokenEventId: result.brokenEventId },
    }),
  );
  return { ...result, verifiedAt: Date.now() };
}

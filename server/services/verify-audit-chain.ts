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
        ? { ok: true, checked: result.checked, anchored: result.anchor.status === "ok" }
        : { ok: false, checked: result.checked, brokenEventId: result.brokenEventId, anchored: result.anchor.status === "ok" },
    }),
  );
  const { anchor, ...rest } = result;
  const anchored = anchor.status === "ok";
  return rest.ok
    ? { ...rest, anchored, verifiedAt: Date.now() }
    : { ...rest, anchored, reasonCode: reasonCode(rest.reason), verifiedAt: Date.now() };
}

/** A stable code for the UI's message catalogue (server/audit/ words its reasons in English). */
function reasonCode(reason: string): "link" | "content" | "cut" | "anchor" | "other" {
  if (reason.startsWith("newest events")) return "cut";
  if (reason.startsWith("anchor")) return "anchor";
  if (reason.includes("link")) return "link";
  if (reason.includes("content")) return "content";
  return "other";
}

import "server-only";
import { desc } from "drizzle-orm";
import { iterateAuditEvents } from "@/db/queries/audit";
import { afterCommit, type Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { advanceAnchor, checkAnchor, type AnchorCheck } from "./anchor";
import { canonicalJson, chainHash, GENESIS_HASH, verifyChain, type VerifyResult } from "./chain";
import type { AuditAction } from "@/lib/audit-actions";

export type AuditInput = {
  action: AuditAction;
  actorUserId?: number | null;
  entityType?: string | null;
  entityId?: string | number | null;
  officeId?: number | null;
  ip?: string | null;
  /** Codes, ids and field names only: never identity or narrative text. */
  details?: Record<string, unknown>;
};

/**
 * Appends one event to the chain. Call it inside the write transaction of the change it records
 * (writeTransaction starts BEGIN IMMEDIATE, so reading the last hash cannot race another writer).
 */
export function recordAudit(tx: Db, input: AuditInput): void {
  const last = tx
    .select({ id: auditEvents.id, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1)
    .get();
  const fields = {
    id: (last?.id ?? 0) + 1,
    at: Date.now(),
    actorUserId: input.actorUserId ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    officeId: input.officeId ?? null,
    ip: input.ip ?? null,
    details: canonicalJson(input.details ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(fields, prevHash);
  tx.insert(auditEvents)
    .values({ ...fields, prevHash, hash })
    .run();
  // Once committed, the anchor outside the database moves to this event (the last one of the
  // transaction wins); a rollback leaves it where it was.
  afterCommit(tx, "audit-anchor", () => advanceAnchor(tx, { seq: fields.id, hash, at: fields.at }));
}

export type TrailResult = VerifyResult & { anchor: AnchorCheck };

/**
 * Recomputes the whole chain, streaming rows so that memory stays flat on large trails, then
 * compares its end with the anchor (server/audit/anchor.ts): an intact chain whose anchored event
 * is gone or changed fails, naming the anchored event.
 */
export function verifyAuditTrail(db: Db): TrailResult {
  const chain = verifyChain(iterateAuditEvents(db));
  const anchor = checkAnchor(db);
  if (!chain.ok) return { ...chain, anchor };
  switch (anchor.status) {
    case "off":
    case "ok":
      return { ...chain, anchor };
    case "cut":
      return { ok: false, checked: chain.checked, brokenEventId: anchor.anchoredSeq, reason: "newest events removed: the anchored event is missing", anchor };
    case "mismatch":
      return { ok: false, checked: chain.checked, brokenEventId: anchor.anchoredSeq, reason: "newest events replaced: the anchored event differs", anchor };
    case "missing":
    case "invalid":
      return { ok: false, checked: chain.checked, brokenEventId: chain.checked, reason: `anchor ${anchor.status}: the end of the trail cannot be confirmed`, anchor };
  }
}

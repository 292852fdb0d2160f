import "server-only";
import { desc } from "drizzle-orm";
import { iterateAuditEvents } from "@/db/queries/audit";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
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
  tx.insert(auditEvents)
    .values({ ...fields, prevHash, hash: chainHash(fields, prevHash) })
    .run();
}

/** Recomputes the whole chain, streaming rows so that memory stays flat on large trails. */
export function verifyAuditTrail(db: Db): VerifyResult {
  return verifyChain(iterateAuditEvents(db));
}

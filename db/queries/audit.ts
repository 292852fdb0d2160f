import "server-only";
import type { Db } from "@/db/client";

type AuditRow = {
  id: number;
  at: number;
  actorUserId: number | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  officeId: number | null;
  ip: string | null;
  details: string;
  prevHash: string;
  hash: string;
};

/** Every audit event in id order, streamed one row at a time (constant memory on large trails). */
export function iterateAuditEvents(db: Db): IterableIterator<AuditRow> {
  return db.$client
    .prepare(
      `SELECT id, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId,
              office_id AS officeId, ip, details, prev_hash AS prevHash, hash
         FROM audit_events ORDER BY id`,
    )
    .iterate() as IterableIterator<AuditRow>;
}

import "server-only";
import { aliasedTable, and, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { scopeOf } from "@/lib/permissions";
import type { SessionUser } from "@/lib/session-user";
import { auditEvents, offices, users } from "../schema";

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
  return iterateAuditRows(db.$client);
}

/** The same on a plain connection (a backup copy examined before a restore). */
export function iterateAuditRows(client: Database.Database): IterableIterator<AuditRow> {
  return client
    .prepare(
      `SELECT id, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId,
              office_id AS officeId, ip, details, prev_hash AS prevHash, hash
         FROM audit_events ORDER BY id`,
    )
    .iterate() as IterableIterator<AuditRow>;
}

/** Events `viewer` may read: all (audit:read:all) or those recorded against one of their offices. */
export function auditScopeWhere(viewer: SessionUser): SQL {
  const scope = scopeOf(viewer.role, "audit:read");
  if (scope === "all") return sql`1`;
  if (scope === null || viewer.officeIds.length === 0) return sql`0`;
  return inArray(auditEvents.officeId, viewer.officeIds);
}

export type AuditListFilters = {
  scope: SQL;
  action?: string;
  actorUserId?: number;
  officeId?: number;
  entityId?: string;
  /** Inclusive lower and exclusive upper bound on `at` (ms since the epoch). */
  fromAt?: number;
  toAt?: number;
  /** Events with an id below this (keyset pagination, newest first). */
  beforeId?: number;
  limit: number;
};

const actor = aliasedTable(users, "actor");

function conditionsOf(f: Omit<AuditListFilters, "limit">): SQL[] {
  const conditions: SQL[] = [f.scope];
  if (f.action) conditions.push(eq(auditEvents.action, f.action));
  if (f.actorUserId) conditions.push(eq(auditEvents.actorUserId, f.actorUserId));
  if (f.officeId) conditions.push(eq(auditEvents.officeId, f.officeId));
  if (f.entityId) conditions.push(eq(auditEvents.entityId, f.entityId));
  if (f.fromAt !== undefined) conditions.push(gte(auditEvents.at, f.fromAt));
  if (f.toAt !== undefined) conditions.push(lt(auditEvents.at, f.toAt));
  if (f.beforeId) conditions.push(lt(auditEvents.id, f.beforeId));
  return conditions;
}

/** How many events match the filters (for the audit event of an export). */
export function countAuditEvents(db: Db, f: Omit<AuditListFilters, "limit" | "beforeId">): number {
  return db.select({ n: count() }).from(auditEvents).where(and(...conditionsOf(f))).get()?.n ?? 0;
}

/** One page of the trail, newest first. The actor's display name comes from users; never identity. */
export function listAuditEvents(db: Db, f: AuditListFilters) {
  const conditions = conditionsOf(f);
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorUserId: auditEvents.actorUserId,
      actorName: actor.name,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      officeId: auditEvents.officeId,
      officeCode: offices.code,
      ip: auditEvents.ip,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(offices, eq(offices.id, auditEvents.officeId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(f.limit)
    .all();
}

/** The newest event of the chain (its sequence number is its id), or null for an empty trail. */
export function auditHead(db: Db): { seq: number; hash: string; at: number } | null {
  const row = db.$client.prepare("SELECT id AS seq, hash, at FROM audit_events ORDER BY id DESC LIMIT 1").get() as
    | { seq: number; hash: string; at: number }
    | undefined;
  return row ?? null;
}

/** The hash of event `id`, or undefined when there is no such event. */
export function auditEventHash(db: Db, id: number): string | undefined {
  const row = db.$client.prepare("SELECT hash FROM audit_events WHERE id = ?").get(id) as { hash: string } | undefined;
  return row?.hash;
}

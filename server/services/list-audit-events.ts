import "server-only";
import type { Db } from "@/db/client";
import { auditScopeWhere, listAuditEvents } from "@/db/queries/audit";
import { normaliseCode } from "@/lib/codes";
import { scopeOf } from "@/lib/permissions";
import { AUDIT_PAGE_SIZE, type TAuditListQuery } from "@/lib/schemas/admin";
import type { SessionUser } from "@/server/auth/session-user";
import { flattenDetails } from "./format-audit-details";

const DAY_MS = 86_400_000;
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * One page (50 events, newest first) of the audit trail the viewer may read: all of it for
 * audit:read:all, events recorded against the viewer's offices for audit:read:office (in the
 * WHERE). Details come back as key/value pairs. The client address is shown to administrators only.
 */
export function listAuditEventsFor(db: Db, viewer: SessionUser, query: TAuditListQuery) {
  const entity = query.entity ? (normaliseCode(query.entity) ?? query.entity) : undefined;
  const rows = listAuditEvents(db, {
    scope: auditScopeWhere(viewer),
    action: query.action,
    actorUserId: query.actorUserId,
    officeId: query.officeId,
    entityId: entity,
    fromAt: query.from ? dayStart(query.from) : undefined,
    toAt: query.to ? dayStart(query.to) + DAY_MS : undefined,
    beforeId: query.cursor,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const showIp = scopeOf(viewer.role, "audit:read") === "all";
  return {
    rows: page.map(({ details, ip, ...row }) => ({
      ...row,
      ip: showIp ? ip : null,
      details: flattenDetails(details),
    })),
    nextCursor: rows.length > AUDIT_PAGE_SIZE ? (page[page.length - 1]?.id ?? null) : null,
  };
}

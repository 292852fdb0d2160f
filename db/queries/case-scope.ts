import "server-only";
import { and, eq, exists, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { scopeOf, type PermissionBase } from "@/lib/permissions";
import type { SessionUser } from "@/lib/session-user";
import type { Db } from "@/db/client";
import { caseAssignments, cases, userOffices } from "../schema";

/**
 * The WHERE clause that limits `cases` to those `user` may act on for `action` (e.g. "case:read").
 * Scope is part of the query, never a filter applied afterwards:
 * "The user's offices" are their *confirmed* memberships, read here from user_offices (decision 0020:
 * an office added by an administrator counts only once a supervisor of that office confirmed it), so
 * the scope holds even for a SessionUser built from stale or hand-made office ids.
 *   own    -> in one of the user's offices AND (owner OR assigned)
 *   office -> in one of the user's offices
 *   all    -> every case
 *   none   -> no rows
 */
export function caseScopeWhere(db: Db, user: SessionUser, action: PermissionBase): SQL {
  const scope = scopeOf(user.role, action);
  if (scope === null || (scope !== "all" && user.officeIds.length === 0)) return sql`0`;
  if (scope === "all") return sql`1`;
  // The session's (confirmed) office list keeps the planner's ordered walk of cases_office_id_idx for
  // one office; the EXISTS re-reads the confirmation itself (for one office SQLite checks it once).
  const inOffices = and(
    inArray(cases.officeId, user.officeIds),
    exists(
      db
        .select({ one: sql`1` })
        .from(userOffices)
        .where(
          and(eq(userOffices.userId, user.id), eq(userOffices.officeId, cases.officeId), isNotNull(userOffices.confirmedAt)),
        ),
    ),
  ) as SQL;
  if (scope === "office") return inOffices;
  const assigned = exists(
    db
      .select({ one: sql`1` })
      .from(caseAssignments)
      .where(and(eq(caseAssignments.caseId, cases.id), eq(caseAssignments.userId, user.id))),
  );
  return and(inOffices, or(eq(cases.ownerId, user.id), assigned)) as SQL;
}

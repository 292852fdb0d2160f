import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { cases } from "@/db/schema";
import { scopeOf, type PermissionBase } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";

/** Whether `user` may perform `action` on the case (scope in the query, like loadCaseInScope). */
export function mayActOnCase(db: Db, user: SessionUser, caseId: number, action: PermissionBase): boolean {
  if (scopeOf(user.role, action) === null) return false;
  return Boolean(db.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), caseScopeWhere(db, user, action))).get());
}

/** Whether `user` holds `action` at office scope (or wider) for one of their offices `officeId`. */
export function actsForOffice(user: SessionUser, action: PermissionBase, officeId: number): boolean {
  const scope = scopeOf(user.role, action);
  if (scope === "all") return true;
  return scope === "office" && user.officeIds.includes(officeId);
}

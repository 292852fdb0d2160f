import "server-only";
import type { Db } from "@/db/client";
import { pendingMemberships } from "@/db/queries/users";
import { can } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * The access requests a supervisor decides (decision 0020): memberships of their own offices, as
 * confirmed members, that wait for confirmation. Never their own (they could not hold a confirmed
 * membership of an office they wait for, but the rule is stated, not inferred).
 */
export function listAccessRequests(db: Db, viewer: SessionUser) {
  if (!can(viewer.role, "access:confirm:office")) return [];
  return pendingMemberships(db, viewer.officeIds).filter((r) => r.userId !== viewer.id);
}

import "server-only";
import type { Db } from "@/db/client";
import { listUsers, officesOfUsers, userScopeWhere } from "@/db/queries/users";
import type { TUserListQuery } from "@/lib/schemas/admin";
import type { SessionUser } from "@/server/auth/session-user";

/** Staff lists are short; this many rows is a ceiling, not a page. */
const MAX_ROWS = 1000;

/**
 * Users the viewer may see (administrators: all; supervisors: those of their offices, in the WHERE),
 * with their offices and lockout state. Never the password hash.
 */
export function listUsersFor(db: Db, viewer: SessionUser, query: TUserListQuery, now = Date.now()) {
  const rows = listUsers(db, {
    scope: userScopeWhere(db, viewer),
    role: query.role,
    officeId: query.officeId,
    active: query.active,
    search: query.search || undefined,
    sort: query.sort,
    direction: query.direction,
    limit: MAX_ROWS + 1,
  });
  const page = rows.slice(0, MAX_ROWS);
  const memberships = officesOfUsers(
    db,
    page.map((u) => u.id),
  );
  return {
    rows: page.map((u) => ({
      ...u,
      locked: u.lockedUntil !== null && u.lockedUntil > now,
      offices: memberships.filter((m) => m.userId === u.id).map(({ userId: _u, ...office }) => office),
    })),
    truncated: rows.length > MAX_ROWS,
  };
}

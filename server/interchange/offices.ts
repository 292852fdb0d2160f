import "server-only";
import type { Db } from "@/db/client";
import { allOffices } from "@/db/queries/interchange";
import { can } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";

export type InterchangeOffice = { code: string; name: string };

/** Offices the user may import into: every active office (administrators), or their own. */
export function importableOffices(db: Db, user: SessionUser): InterchangeOffice[] {
  if (!can(user.role, "import:write:office")) return [];
  const all = can(user.role, "import:write:all");
  return allOffices(db)
    .filter((o) => o.active === 1 && (all || user.officeIds.includes(o.id)))
    .map((o) => ({ code: o.code, name: o.name }));
}

/** Offices whose cases the user may export: their own offices. */
export function exportableOffices(db: Db, user: SessionUser): InterchangeOffice[] {
  if (!can(user.role, "export:cases:office")) return [];
  return allOffices(db)
    .filter((o) => user.officeIds.includes(o.id))
    .map((o) => ({ code: o.code, name: o.name }));
}

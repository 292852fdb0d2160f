import "server-only";
import type { Db } from "@/db/client";
import { listOffices, officeScopeWhere } from "@/db/queries/offices";
import type { TOfficeListQuery } from "@/lib/schemas/admin";
import type { SessionUser } from "@/server/auth/session-user";

/** Offices the viewer may list: all for office:read:all (administrators, data officers), otherwise
 * their own offices (scope in the WHERE). */
export function listOfficesFor(db: Db, viewer: SessionUser, query: TOfficeListQuery) {
  return listOffices(db, { scope: officeScopeWhere(viewer), active: query.active });
}

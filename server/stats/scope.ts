import "server-only";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { scopeOf } from "@/lib/permissions";
import type { TStatsFilters } from "@/lib/stats/filters";
import type { SessionUser } from "@/server/auth/session-user";

/**
 * Which offices' cases a statistic may count. Part of the query's WHERE clause, never a filter
 * applied afterwards:
 *   all      every office (a data officer; the command line)
 *   region   every office of one statistical region (a data officer with users.region_scope)
 *   offices  the user's own offices (a supervisor, `stats:read:office`)
 *   none     nothing
 */
export type StatsScope =
  | { kind: "all" }
  | { kind: "region"; region: string }
  | { kind: "offices"; officeIds: readonly number[] }
  | { kind: "none" };

export function statsScopeFor(user: SessionUser): StatsScope {
  const scope = scopeOf(user.role, "stats:read");
  if (scope === "all") return user.regionScope ? { kind: "region", region: user.regionScope } : { kind: "all" };
  if (scope === "office" && user.officeIds.length > 0) return { kind: "offices", officeIds: [...user.officeIds] };
  return { kind: "none" };
}

type OfficeRow = { id: number; code: string; name: string; countryIso2: string; region: string };

/** The offices inside a scope, for filter menus. */
export function officesInScope(db: Db, scope: StatsScope): OfficeRow[] {
  const base = "SELECT id, code, name, country_iso2 AS countryIso2, region FROM offices";
  const order = " ORDER BY region, code";
  switch (scope.kind) {
    case "all":
      return db.$client.prepare(base + order).all() as OfficeRow[];
    case "region":
      return db.$client.prepare(`${base} WHERE region = ?${order}`).all(scope.region) as OfficeRow[];
    case "offices":
      if (scope.officeIds.length === 0) return [];
      return db.$client
        .prepare(`${base} WHERE id IN (${scope.officeIds.map(() => "?").join(",")})${order}`)
        .all(...scope.officeIds) as OfficeRow[];
    case "none":
      return [];
  }
}

/**
 * Checks that the requested filters stay inside the scope: an office or region outside it is
 * NOT_FOUND (indistinguishable from one that does not exist).
 */
export function assertFiltersInScope(db: Db, scope: StatsScope, filters: TStatsFilters): void {
  if (scope.kind === "none") throw new AppError("FORBIDDEN");
  if (scope.kind === "region" && filters.region && filters.region !== scope.region) throw new AppError("NOT_FOUND");
  if (filters.officeCode) {
    const visible = officesInScope(db, scope).some((o) => o.code === filters.officeCode);
    if (!visible) throw new AppError("NOT_FOUND");
  }
}

/** Registration years that have cases inside the scope (for the year menu), newest first. */
export function yearsInScope(db: Db, scope: StatsScope): number[] {
  const where =
    scope.kind === "all"
      ? ""
      : scope.kind === "region"
        ? "WHERE c.office_id IN (SELECT id FROM offices WHERE region = ?)"
        : scope.kind === "offices" && scope.officeIds.length > 0
          ? `WHERE c.office_id IN (${scope.officeIds.map(() => "?").join(",")})`
          : "WHERE 0";
  const params = scope.kind === "region" ? [scope.region] : scope.kind === "offices" ? [...scope.officeIds] : [];
  // DISTINCT on the indexed registration_year column: an index scan, not a table scan.
  const rows = db.$client
    .prepare(`SELECT DISTINCT c.registration_year AS y FROM cases c ${where} ORDER BY y DESC`)
    .all(...params) as { y: number }[];
  return rows.map((r) => r.y);
}

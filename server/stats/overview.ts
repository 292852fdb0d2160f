import "server-only";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases, offices } from "@/db/schema";
import type { SessionUser } from "@/server/auth/session-user";
import { scopeOf } from "@/lib/permissions";

/** Cases by office and registration year, in one GROUP BY over indexed columns, limited to the
 * offices the user may see statistics for (all, a region, or their own). */
export function casesByOfficeAndYear(db: Db, user: SessionUser) {
  const scope = scopeOf(user.role, "stats:read");
  const where =
    scope === "all"
      ? user.regionScope
        ? eq(offices.region, user.regionScope)
        : undefined
      : scope === "office" && user.officeIds.length > 0
        ? inArray(offices.id, user.officeIds)
        : sql`0`;
  const rows = db
    .select({ code: offices.code, name: offices.name, year: cases.registrationYear, n: count() })
    .from(cases)
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .where(and(where))
    .groupBy(offices.code, offices.name, cases.registrationYear)
    .orderBy(offices.code, cases.registrationYear)
    .all();
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const byOffice = new Map<string, { code: string; name: string; byYear: Record<number, number>; total: number }>();
  for (const r of rows) {
    const o = byOffice.get(r.code) ?? { code: r.code, name: r.name, byYear: {}, total: 0 };
    o.byYear[r.year] = r.n;
    o.total += r.n;
    byOffice.set(r.code, o);
  }
  const officeRows = [...byOffice.values()];
  return { years, offices: officeRows, total: officeRows.reduce((s, o) => s + o.total, 0) };
}

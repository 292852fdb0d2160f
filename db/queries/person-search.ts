import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases, offices } from "../schema";

/**
 * The cases of some persons held by some offices (the search by name shows a person's cases in the
 * user's offices only), oldest first, each marked with whether it is inside `readScope` (the
 * caller may open it). Pseudonymous columns only.
 */
export function casesOfPersonsInOffices(db: Db, personIds: readonly number[], officeIds: readonly number[], readScope: SQL) {
  if (personIds.length === 0 || officeIds.length === 0) return [];
  return db
    .select({
      personId: cases.personId,
      code: cases.code,
      status: cases.status,
      registeredOn: cases.registeredOn,
      officeCode: offices.code,
      officeName: offices.name,
      readable: sql<number>`${readScope}`,
    })
    .from(cases)
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .where(and(inArray(cases.personId, [...personIds]), inArray(cases.officeId, [...officeIds])))
    .orderBy(asc(cases.id))
    .all()
    .map((r) => ({ ...r, readable: Boolean(r.readable) }));
}

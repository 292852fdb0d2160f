import "server-only";
import { count, desc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cases, offices, persons } from "@/db/schema";
import { blindIndex } from "@/server/crypto/blind-index";
import { blindIndexKeys } from "@/server/crypto/keys";

export type ProbableDuplicate = {
  personCode: string;
  officeCode: string;
  officeName: string;
  /** "strong": names and birth date agree; "names": names agree and a birth date is missing on one side. */
  match: "strong" | "names";
  caseCount: number;
};

/**
 * Finds persons whose blind index equals the one of the names (and birth date) being registered.
 * Nothing is decrypted and nothing identifying is returned: only the person's code and the office
 * that registered them, so the caseworker can decide to link.
 */
export function findProbableDuplicates(
  db: Db,
  input: { familyName: string; givenName: string; birthDate?: string | null },
): ProbableDuplicate[] {
  // During a key rotation (decision 0022) a person's index is under the new key or the previous one.
  const keys = blindIndexKeys();
  const fulls = input.birthDate ? keys.map((key) => blindIndex(key, input)).filter((v) => v !== null) : [];
  const namesAll = keys.map((key) => blindIndex(key, { ...input, birthDate: null })).filter((v) => v !== null);
  if (namesAll.length === 0) return [];
  const full = fulls.length > 0 ? fulls : null;
  const rows = db
    .select({
      id: persons.id,
      personCode: persons.code,
      blindIndex: persons.blindIndex,
      blindIndexNames: persons.blindIndexNames,
      officeCode: offices.code,
      officeName: offices.name,
    })
    .from(persons)
    .innerJoin(offices, eq(offices.id, persons.registeredOfficeId))
    .where(full ? or(inArray(persons.blindIndex, full), inArray(persons.blindIndexNames, namesAll)) : inArray(persons.blindIndexNames, namesAll))
    .orderBy(desc(persons.id))
    .limit(10)
    .all();
  return rows
    .filter((r) => {
      if (full && r.blindIndex !== null && full.includes(r.blindIndex)) return true;
      // Names agree: a probable match only if one side lacks a birth date.
      return !input.birthDate || r.blindIndex === r.blindIndexNames;
    })
    .map((r) => ({
      personCode: r.personCode,
      officeCode: r.officeCode,
      officeName: r.officeName,
      match: full && r.blindIndex !== null && full.includes(r.blindIndex) ? ("strong" as const) : ("names" as const),
      caseCount: db.select({ n: count() }).from(cases).where(eq(cases.personId, r.id)).get()?.n ?? 0,
    }));
}

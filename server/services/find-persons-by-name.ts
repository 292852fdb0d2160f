import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { caseScopeWhere } from "@/db/queries/case-scope";
import { casesOfPersonsInOffices } from "@/db/queries/person-search";
import type { CASE_STATUSES } from "@/db/schema";
import type { SessionUser } from "@/server/auth/session-user";
import { recordAudit } from "@/server/audit/record";
import { blindIndexCandidates, type MatchStrength } from "./find-probable-duplicates";

export type FoundPersonCase = {
  code: string;
  status: (typeof CASE_STATUSES)[number];
  registeredOn: string;
  officeCode: string;
  officeName: string;
  /** Whether the caller may open the case (their own, or their office's for a supervisor). */
  readable: boolean;
};

export type FoundPerson = {
  personCode: string;
  /** "strong": names and birth date agree; "names": names agree, a birth date missing on one side. */
  match: MatchStrength;
  registeredOfficeCode: string;
  registeredOfficeName: string;
  cases: FoundPersonCase[];
};

/**
 * Persons of the user's offices whose names (and birth date, if given) match, found through the
 * blind index exactly as the duplicate check finds them (the same normalisation and lookup,
 * previous key included during a rotation). Nothing is decrypted, and a person of another office
 * is not found at all: not even "exists elsewhere". Each person comes with their cases in the
 * user's offices (code, office, status), never a name: revealing the identity stays on the case
 * page. Audited as a search (`person.searched`) with the number of persons found, no names.
 */
export function findPersonsByName(
  db: Db,
  user: SessionUser,
  input: { familyName: string; givenName: string; birthDate?: string | null },
  ip: string | null = null,
): { persons: FoundPerson[] } {
  const candidates = blindIndexCandidates(db, user.officeIds, input, { onlyOfOffices: true }).filter((c) => c.inOffices);
  const caseRows = casesOfPersonsInOffices(
    db,
    candidates.map((c) => c.id),
    user.officeIds,
    caseScopeWhere(db, user, "case:read"),
  );
  const found = candidates.map((c) => ({
    personCode: c.code,
    match: c.match,
    registeredOfficeCode: c.officeCode,
    registeredOfficeName: c.officeName,
    cases: caseRows.filter((r) => r.personId === c.id).map(({ personId: _personId, ...r }) => r),
  }));
  // Strong matches first; within each, the order of the lookup (newest person first).
  found.sort((a, b) => (a.match === b.match ? 0 : a.match === "strong" ? -1 : 1));
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "person.searched",
      actorUserId: user.id,
      officeId: user.officeIds[0] ?? null,
      ip,
      details: { resultCount: found.length, withBirthDate: Boolean(input.birthDate) },
    }),
  );
  return { persons: found };
}

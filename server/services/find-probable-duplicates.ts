import "server-only";
import type { Db } from "@/db/client";
import { caseCountOfPerson, personsByBlindIndexes } from "@/db/queries/person-links";
import type { SessionUser } from "@/server/auth/session-user";
import { blindIndex } from "@/server/crypto/blind-index";
import { blindIndexKeys } from "@/server/crypto/keys";

export type MatchStrength = "strong" | "names";

export type ProbableDuplicate = {
  personCode: string;
  officeCode: string;
  officeName: string;
  /** "strong": names and birth date agree; "names": names agree and a birth date is missing on one side. */
  match: MatchStrength;
  caseCount: number;
};

export type ProbableDuplicates = {
  /** Probable matches among the persons of the user's own offices: code and office, to link to. */
  matches: ProbableDuplicate[];
  /** A probable match exists in another office: that is all the caller learns (no code, no office,
   * no count); the caller may ask that office to link (docs/decisions/0015). */
  elsewhere: { match: MatchStrength } | null;
};

export type BlindIndexCandidate = { id: number; code: string; registeredOfficeId: number; officeCode: string; officeName: string; inOffices: boolean; match: MatchStrength };

/**
 * Persons whose blind index equals the one of the names (and birth date) being registered, each
 * marked as a person of `officeIds` or of another office (or, with `onlyOfOffices`, only persons of
 * `officeIds`). Nothing is decrypted. The one lookup of the duplicate check and the search by name
 * (find-persons-by-name.ts), so both normalise and match names the same way.
 */
export function blindIndexCandidates(
  db: Db,
  officeIds: readonly number[],
  input: { familyName: string; givenName: string; birthDate?: string | null },
  options: { onlyOfOffices?: boolean } = {},
): BlindIndexCandidate[] {
  // During a key rotation (decision 0022) a person's index is under the new key or the previous one.
  const keys = blindIndexKeys();
  const fulls = input.birthDate ? keys.map((key) => blindIndex(key, input)).filter((v): v is string => v !== null) : [];
  const names = keys.map((key) => blindIndex(key, { ...input, birthDate: null })).filter((v): v is string => v !== null);
  if (names.length === 0) return [];
  const isFull = (index: string | null) => index !== null && fulls.includes(index);
  return personsByBlindIndexes(db, officeIds, fulls, names, options)
    .filter((r) => {
      if (isFull(r.blindIndex)) return true;
      // Names agree: a probable match only if one side lacks a birth date.
      return !input.birthDate || r.blindIndex === r.blindIndexNames;
    })
    .map((r) => ({
      id: r.id,
      code: r.code,
      registeredOfficeId: r.registeredOfficeId,
      officeCode: r.officeCode,
      officeName: r.officeName,
      inOffices: r.inOffices,
      match: isFull(r.blindIndex) ? ("strong" as const) : ("names" as const),
    }));
}

/** The best candidate of another office (strong before names-only, newest first), or null. */
export function bestMatchElsewhere(candidates: readonly BlindIndexCandidate[]): BlindIndexCandidate | null {
  const elsewhere = candidates.filter((c) => !c.inOffices);
  return elsewhere.find((c) => c.match === "strong") ?? elsewhere[0] ?? null;
}

/**
 * Probable same persons already registered. Matches in the user's offices come with the person's
 * code and office so the caseworker can link; a match in another office only says that one exists.
 */
export function findProbableDuplicates(
  db: Db,
  user: SessionUser,
  input: { familyName: string; givenName: string; birthDate?: string | null },
): ProbableDuplicates {
  const candidates = blindIndexCandidates(db, user.officeIds, input);
  const matches = candidates
    .filter((c) => c.inOffices)
    .slice(0, 10)
    .map((c) => ({ personCode: c.code, officeCode: c.officeCode, officeName: c.officeName, match: c.match, caseCount: caseCountOfPerson(db, c.id) }));
  const best = bestMatchElsewhere(candidates);
  return { matches, elsewhere: best ? { match: best.match } : null };
}

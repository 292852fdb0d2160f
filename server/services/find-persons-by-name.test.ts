import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { findPersonsByName } from "./find-persons-by-name";
import { findProbableDuplicates } from "./find-probable-duplicates";

/**
 * Issue 15 item 2: the search by name and the duplicate check normalise names the same way (one
 * normalisation, server/crypto/blind-index.ts, one lookup, blindIndexCandidates): for every way of
 * typing a registered person's names, both find exactly the same persons of the office, with the
 * same match strength. Synthetic names only.
 */

const REGISTERED = [
  { familyName: "Ana-María", givenName: "Testperson", birthDate: "1990-01-01" },
  { familyName: "Straße", givenName: "Testgiven", birthDate: "1985-06-30" },
  { familyName: "Тестова", givenName: "Ёлка", birthDate: null },
  { familyName: "O'Testly", givenName: "Jean Luc", birthDate: "2001-12-24" },
];

const TYPED = [
  { familyName: "ana maria", givenName: "TESTPERSON", birthDate: "1990-01-01" },
  { familyName: "  ANA-MARIA ", givenName: "testperson" },
  { familyName: "anamaria", givenName: "testperson", birthDate: "1990-01-02" },
  { familyName: "STRASSE", givenName: "test-given", birthDate: "1985-06-30" },
  { familyName: "strasse", givenName: "testgiven" },
  { familyName: "тестова", givenName: "елка" },
  { familyName: "ТЕСТОВА", givenName: "Ёлка", birthDate: "1970-01-01" },
  { familyName: "otestly", givenName: "jean-luc", birthDate: "2001-12-24" },
  { familyName: "O Testly", givenName: "JeanLuc" },
  { familyName: "Unrelated", givenName: "Nobody" },
];

let db: Db;
let user: SessionUser;

beforeAll(() => {
  db = createTestDb();
  const office = makeOffice(db, { countryIso2: "AT" });
  const registrar = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  user = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  for (const r of REGISTERED) {
    registerTestCase(db, registrar, { identity: { familyName: r.familyName, givenName: r.givenName, birthDate: r.birthDate ?? "", aliases: [], documents: [], nextOfKin: [] } });
  }
});

afterAll(() => destroyTestDb(db));

describe("search by name and the duplicate check share one normalisation", () => {
  it.each(TYPED)("%o finds the same persons both ways", (typed) => {
    const duplicates = findProbableDuplicates(db, user, typed).matches.map((m) => [m.personCode, m.match]);
    const found = findPersonsByName(db, user, typed).persons.map((p) => [p.personCode, p.match]);
    expect(new Set(found.map((f) => f.join()))).toEqual(new Set(duplicates.map((d) => d.join())));
  });

  it("every registered person is found by at least one other spelling (the cases above are not vacuous)", () => {
    const foundCodes = new Set(TYPED.flatMap((typed) => findPersonsByName(db, user, typed).persons.map((p) => p.personCode)));
    expect(foundCodes.size).toBe(REGISTERED.length);
  });
});

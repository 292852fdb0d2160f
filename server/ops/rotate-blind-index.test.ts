import type { SessionUser } from "@/server/auth/session-user";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { env } from "@/server/env";
import { findProbableDuplicates } from "@/server/services/find-probable-duplicates";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { describeBlindIndexRotation, rotateBlindIndex } from "./rotate-blind-index";

/**
 * Issue 11, item 11: `blind-index:rotate` recomputes the duplicate index under a new key; the index
 * keeps finding duplicates while it runs (the previous key is probed) and after (the previous key
 * removed).
 */

let db: Db;
const original = { key: env.PASSAGE_BLIND_INDEX_KEY, previous: env.PASSAGE_BLIND_INDEX_KEY_PREVIOUS };
const NAMES = { familyName: "Testfamily", givenName: "Testgiven", birthDate: "1990-04-12" };

/** The caseworker of the office that registered the persons: their duplicates are matches (not "elsewhere"). */
let worker: SessionUser;

beforeAll(() => {
  db = createTestDb();
  const office = makeOffice(db);
  worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  for (let i = 0; i < 5; i += 1) registerTestCase(db, worker, { identity: { ...NAMES, familyName: `Testfamily${i}`, aliases: [], documents: [], nextOfKin: [] } });
  registerTestCase(db, worker);
});

afterAll(() => {
  env.PASSAGE_BLIND_INDEX_KEY = original.key;
  env.PASSAGE_BLIND_INDEX_KEY_PREVIOUS = original.previous;
  destroyTestDb(db);
});

describe("blind-index:rotate", () => {
  it("keeps finding duplicates before, during and after a rotation to a new key", () => {
    expect(findProbableDuplicates(db, worker, NAMES).matches).toHaveLength(1);

    // The new key configured, the old one as previous: found through the previous key.
    env.PASSAGE_BLIND_INDEX_KEY = randomBytes(32);
    env.PASSAGE_BLIND_INDEX_KEY_PREVIOUS = original.key;
    expect(findProbableDuplicates(db, worker, NAMES).matches).toMatchObject([{ match: "strong" }]);
    expect(findProbableDuplicates(db, worker, { ...NAMES, birthDate: null }).matches).toHaveLength(1);

    const report = rotateBlindIndex(db, { batchSize: 2 });
    expect(report).toMatchObject({ persons: 6, recomputed: 6, unreadable: 0, previousKeyConfigured: true });
    expect(describeBlindIndexRotation(report)).toContain("remove PASSAGE_BLIND_INDEX_KEY_PREVIOUS");

    // The previous key removed: still found, under the new key alone.
    env.PASSAGE_BLIND_INDEX_KEY_PREVIOUS = undefined;
    expect(findProbableDuplicates(db, worker, NAMES).matches).toMatchObject([{ match: "strong" }]);
    expect(findProbableDuplicates(db, worker, { ...NAMES, familyName: "Testfamily3" }).matches).toHaveLength(1);
  });

  it("is resumable: a second run recomputes nothing", () => {
    expect(rotateBlindIndex(db)).toMatchObject({ persons: 6, recomputed: 0 });
  });

  it("without the rotation a new key finds nothing (what the previous key is for)", () => {
    const key = env.PASSAGE_BLIND_INDEX_KEY;
    env.PASSAGE_BLIND_INDEX_KEY = randomBytes(32);
    try {
      expect(findProbableDuplicates(db, worker, NAMES).matches).toEqual([]);
    } finally {
      env.PASSAGE_BLIND_INDEX_KEY = key;
    }
  });
});

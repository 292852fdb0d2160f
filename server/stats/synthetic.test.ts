import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { seedSyntheticCases } from "@/server/seed/synthetic-cases";
import { ZIdentity } from "@/lib/schemas/registry";
import { vaultKeys } from "@/server/crypto/keys";
import { openJson } from "@/server/crypto/vault";
import { IDENTITY_AAD } from "@/server/services/register-case";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { computeAll } from "./compute";

const dbs: Db[] = [];
afterAll(() => dbs.forEach(destroyTestDb));

function seeded(seed: number, count = 1500) {
  const db = createTestDb();
  dbs.push(db);
  const result = seedSyntheticCases(db, { count, seed });
  return { db, result };
}

describe("seedSyntheticCases", () => {
  it("is deterministic for a seed, and creates exactly the cases asked for", () => {
    const a = seeded(7);
    const b = seeded(7);
    expect(a.result.cases).toBe(1500);
    expect(a.result.persons).toBe(b.result.persons);
    const filters = { yearFrom: 2008, yearTo: 2012 };
    expect(computeAll(a.db, filters, { kind: "all" })).toEqual(computeAll(b.db, filters, { kind: "all" }));
    const codes = (db: Db) => db.$client.prepare("SELECT code FROM cases ORDER BY id").pluck().all();
    expect(codes(a.db)).toEqual(codes(b.db));
  });

  it("follows the review's shares, with some persons having two cases", () => {
    const { db } = seeded(2012, 4000);
    const all = computeAll(db, { yearFrom: 2008, yearTo: 2012 }, { kind: "all" });
    const share = (id: keyof typeof all, key: string, value: string) => {
      const r = all[id];
      return (r.rows.find((row) => row[key] === value)?.count ?? 0) / r.total;
    };
    expect(share("assisted.by_sex", "sex", "Masculine")).toBeGreaterThan(0.7);
    expect(share("vot.by_sex", "sex", "Feminine")).toBeGreaterThan(0.48);
    expect(share("assisted.by_age_group", "age_group", "child")).toBeGreaterThan(0.09);
    expect(share("vot.by_exploitation", "exploitation", "labour")).toBeGreaterThan(0.35);
    expect(all["assisted.individuals_vs_counts"].rows.find((r) => r.measure === "repeat_assistance")!.count).toBeGreaterThan(0);
    for (const region of ["central_and_north_america_and_the_caribbean", "european_economic_area"]) {
      expect(all["assisted.by_region"].rows.some((r) => r.region === region && r.count > 0)).toBe(true);
    }
  });

  it("seals a synthetic identity per person, made of syllables", () => {
    const { db } = seeded(3, 50);
    const rows = db.$client.prepare("SELECT person_id AS personId, key_id AS keyId, iv, ciphertext FROM identities").all() as {
      personId: number; keyId: string; iv: Buffer; ciphertext: Buffer;
    }[];
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      const identity = openJson(vaultKeys(), row, IDENTITY_AAD(row.personId), (v) => ZIdentity.parse(v));
      expect(identity.familyName).toMatch(/^[A-Z][a-z]+$/);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Db } from "@/db/client";
import { INDICATORS, type IndicatorResult } from "@/lib/stats/indicators";
import type { TStatsFilters } from "@/lib/stats/filters";
import type { OfficeFixture } from "@/server/testing/factories";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { computeAll, computeReview } from "./compute";
import { StatsFixture, type CaseSpec } from "./fixtures";
import { emptyResult } from "./results";
import type { StatsScope } from "./scope";
import { computeGroupsBySql, GLOBAL } from "./sql-reference";

/**
 * The one-pass engine (compute.ts over cases_statistics_idx) against the reference SQL statements
 * (sql-reference.ts), on random cases: every indicator, globally and by region, for one year and
 * for a period, under every kind of scope and filter. Random data reaches the corners a hand-built
 * dataset misses: persons with several cases in one or several regions and years, ties on the
 * registration date, empty and unknown values, several exploitation and reintegration values.
 */

let db: Db;
let fixture: StatsFixture;
let offices: OfficeFixture[];

beforeAll(() => {
  db = createTestDb();
  fixture = new StatsFixture(db);
  // Two offices in Europe (AT: EEA, UA: south-eastern/eastern Europe), one in Asia.
  offices = [fixture.office("AT"), fixture.office("UA"), fixture.office("TH"), fixture.office("AT")];
});
afterAll(() => destroyTestDb(db));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const country = fc.constantFrom("UA", "TH", "AT", "AF", "");

const caseArb = fc.record({
  office: fc.nat({ max: 3 }),
  person: fc.integer({ min: 1, max: 12 }),
  year: fc.constantFrom(2010, 2011, 2012),
  day: fc.constantFrom("01-15", "03-01", "03-01", "11-30"),
  programme: fc.constantFrom("avrr", "para", "vulnerable_migrant", null) as fc.Arbitrary<CaseSpec["programme"]>,
  victim: fc.boolean(),
  umc: fc.boolean(),
  health: fc.boolean(),
  main: fc.boolean(),
  sex: fc.constantFrom("Feminine", "Masculine", "NonSpecifiedUnknown", "Transgender"),
  age: maybe(fc.integer({ min: -1, max: 80 })),
  citizenship: maybe(country),
  identification: maybe(country),
  traffickingType: fc.constantFrom("internal", "international", null) as fc.Arbitrary<CaseSpec["traffickingType"]>,
  sector: fc.constantFrom("A_AgricultureForestryAndFishing", "F_Construction", null),
  host: maybe(country),
  returnCountry: maybe(country),
  funding: fc.constantFrom("project", "gaf", null) as fc.Arbitrary<CaseSpec["funding"]>,
  exploitation: fc.subarray(["ForcedLabour", "ChildLabour", "SexualExploitation", "DomesticServitude", "ForcedBegging", "Other"]),
  reintegration: fc.subarray(["counselling", "business_setup", "medical"]),
});

type RandomCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function load(specs: RandomCase[]) {
  db.$client.exec("DELETE FROM case_values; DELETE FROM cases;");
  for (const s of specs) {
    fixture.add({ ...s, office: offices[s.office]!, registeredOn: `${s.year}-${s.day}` });
  }
}

const bySql = (filters: TStatsFilters, scope: StatsScope) => {
  const global: Record<string, IndicatorResult> = {};
  const regions = new Map<string, Record<string, IndicatorResult>>();
  for (const d of INDICATORS) {
    global[d.id] = computeGroupsBySql(db, d, filters, scope, false).get(GLOBAL) ?? emptyResult(d);
    for (const [region, r] of computeGroupsBySql(db, d, filters, scope, true)) {
      const set = regions.get(region) ?? {};
      set[d.id] = r;
      regions.set(region, set);
    }
  }
  return { global, regions };
};

const cases = fc.array(caseArb, { minLength: 0, maxLength: 30 });
const runs = { numRuns: 60 };

describe("the one-pass engine agrees with the reference SQL", () => {
  it("the review of a year: every indicator, globally and in every region", () => {
    fc.assert(
      fc.property(cases, (specs) => {
        load(specs);
        const filters = { yearFrom: 2012, yearTo: 2012 };
        const engine = computeReview(db, filters, { kind: "all" });
        const reference = bySql(filters, { kind: "all" });
        expect(engine.global).toEqual(reference.global);
        for (const { region, results } of engine.regions) {
          for (const d of INDICATORS) {
            expect(results[d.id], `${region} ${d.id}`).toEqual(reference.regions.get(region)?.[d.id] ?? emptyResult(d));
          }
        }
        const withCases = [...reference.regions.entries()].filter(([, r]) => (r["assisted.individuals_vs_counts"]?.total ?? 0) > 0);
        expect(engine.regions.map((r) => r.region).sort()).toEqual(withCases.map(([region]) => region).sort());
      }),
      runs,
    );
  });

  it("a period of years, an office scope, a region scope, and region and office filters", () => {
    const variants: { filters: TStatsFilters; scope: () => StatsScope }[] = [
      { filters: { yearFrom: 2010, yearTo: 2012 }, scope: () => ({ kind: "all" }) },
      { filters: { yearFrom: 2011, yearTo: 2012 }, scope: () => ({ kind: "offices", officeIds: [offices[0]!.id, offices[1]!.id] }) },
      { filters: { yearFrom: 2012, yearTo: 2012 }, scope: () => ({ kind: "region", region: offices[0]!.region }) },
      { filters: { yearFrom: 2011, yearTo: 2011, region: offices[1]!.region }, scope: () => ({ kind: "all" }) },
      { filters: { yearFrom: 2012, yearTo: 2012, officeCode: offices[3]!.code }, scope: () => ({ kind: "all" }) },
      { filters: { yearFrom: 2012, yearTo: 2012 }, scope: () => ({ kind: "none" }) },
    ];
    fc.assert(
      fc.property(cases, fc.constantFrom(...variants), (specs, { filters, scope }) => {
        load(specs);
        expect(computeAll(db, filters, scope())).toEqual(bySql(filters, scope()).global);
      }),
      runs,
    );
  });

  it("stored partial counts follow every kind of change to the cases, in the same transaction", () => {
    const review = { yearFrom: 2012, yearTo: 2012 };
    const change = fc.record({
      pick: fc.nat(),
      other: fc.nat(),
      kind: fc.constantFrom("programme", "year", "office", "exploitation", "reintegration", "delete", "merge", "office-country", "victim"),
    });
    fc.assert(
      fc.property(cases, fc.array(change, { minLength: 1, maxLength: 6 }), (specs, changes) => {
        load(specs);
        computeReview(db, review, { kind: "all" }); // stores the partials
        const sql = db.$client;
        for (const ch of changes) {
          const ids = (sql.prepare("SELECT id FROM cases ORDER BY id").all() as { id: number }[]).map((r) => r.id);
          if (ids.length === 0) break;
          const id = ids[ch.pick % ids.length]!;
          const otherId = ids[ch.other % ids.length]!;
          const office = offices[ch.other % offices.length]!;
          switch (ch.kind) {
            case "programme":
              sql.prepare("UPDATE cases SET programme = CASE WHEN programme = 'avrr' THEN 'para' ELSE 'avrr' END WHERE id = ?").run(id);
              break;
            case "victim":
              sql.prepare("UPDATE cases SET cat_victim = 1 - cat_victim WHERE id = ?").run(id);
              break;
            case "year":
              sql.prepare("UPDATE cases SET registration_year = 2011, registered_on = '2011-06-01' WHERE id = ?").run(id);
              break;
            case "office":
              sql.prepare("UPDATE cases SET office_id = ? WHERE id = ?").run(office.id, id);
              break;
            case "exploitation":
              sql.prepare("INSERT OR IGNORE INTO case_values (case_id, kind, value) VALUES (?, 'exploitation', 'ForcedLabour')").run(id);
              break;
            case "reintegration":
              sql.prepare("DELETE FROM case_values WHERE case_id = ? AND kind = 'reintegration'").run(id);
              break;
            case "delete":
              sql.prepare("DELETE FROM cases WHERE id = ?").run(id);
              break;
            case "merge":
              sql.prepare("UPDATE cases SET person_id = (SELECT person_id FROM cases WHERE id = ?) WHERE id = ?").run(otherId, id);
              break;
            case "office-country":
              sql.prepare("UPDATE offices SET country_iso2 = CASE WHEN country_iso2 = 'AT' THEN 'DE' ELSE 'AT' END WHERE id = ?").run(office.id);
              break;
          }
          const engine = computeReview(db, review, { kind: "all" });
          const reference = bySql(review, { kind: "all" });
          expect(engine.global).toEqual(reference.global);
        }
        sql.prepare("UPDATE offices SET country_iso2 = 'AT' WHERE country_iso2 = 'DE'").run();
      }),
      { numRuns: 40 },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Db } from "@/db/client";
import { reviewExploitationCategory } from "@/lib/reference/vocabulary";
import { INDICATORS, type IndicatorId, type IndicatorResult } from "@/lib/stats/indicators";
import type { TStatsFilters } from "@/lib/stats/filters";
import type { OfficeFixture } from "@/server/testing/factories";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { computeAll, computeIndicator, computeReview, type IndicatorSet } from "./compute";
import { StatsFixture } from "./fixtures";
import { EXPLOITATION_CATEGORY_SQL } from "./sql";

/**
 * A small hand-built dataset with known answers (see the comments on each case). Year 2012 has
 * 7 cases of 6 persons; person 1 has two cases in two offices (returned from Austria, received in
 * Ukraine); person 2 has two categories (victim and health); person 4 two (UMC and main population).
 */
let db: Db;
let at: OfficeFixture;
let ua: OfficeFixture;
let th: OfficeFixture;
let all: IndicatorSet;
const y2012: TStatsFilters = { yearFrom: 2012, yearTo: 2012 };
const EEA = "european_economic_area";
const SEE = "south_eastern_europe_eastern_europe_and_central_asia";
const ASIA = "asia_and_the_pacific";

beforeAll(() => {
  db = createTestDb();
  const f = new StatsFixture(db);
  at = f.office("AT");
  ua = f.office("UA");
  th = f.office("TH");
  // c1: person 1 returned from Austria (AVRR), victim, 16, sexual exploitation, international.
  f.add({ office: at, person: 1, registeredOn: "2012-02-01", programme: "avrr", victim: true, sex: "Feminine", age: 16, citizenship: "UA",
    identification: "AT", traffickingType: "international", returnCountry: "UA", exploitation: ["SexualExploitation"] });
  // c2: the same person received in Ukraine: AVRR reintegration, GAF-funded.
  f.add({ office: ua, person: 1, registeredOn: "2012-05-01", programme: "avrr", victim: true, sex: "Feminine", age: 17, citizenship: "UA",
    identification: "UA", traffickingType: "international", host: "AT", returnCountry: "UA", funding: "gaf",
    exploitation: ["SexualExploitation"], reintegration: ["counselling", "business_setup"] });
  // c3: person 2, victim AND health case, labour + sexual = combined, internal, agriculture.
  f.add({ office: th, person: 2, programme: "vulnerable_migrant", victim: true, health: true, sex: "Masculine", age: 30, citizenship: "TH",
    identification: "TH", traffickingType: "internal", sector: "A_AgricultureForestryAndFishing",
    exploitation: ["ForcedLabour", "SexualExploitation"] });
  // c4: person 3, PARA, main population, age unknown.
  f.add({ office: ua, person: 3, programme: "para", main: true, sex: "Masculine", age: null, citizenship: "UA" });
  // c5: person 4, AVRR, UMC and main population, sex and citizenship unknown.
  f.add({ office: at, person: 4, programme: "avrr", umc: true, main: true, sex: "NonSpecifiedUnknown", age: 10, citizenship: null,
    reintegration: ["counselling"] });
  // c6: person 5, 2011 (outside the year), AVRR to Afghanistan.
  f.add({ office: at, person: 5, year: 2011, programme: "avrr", main: true, sex: "Feminine", age: 40, citizenship: "AF", returnCountry: "AF" });
  // c7: person 6, victim, forced labour, nothing else known, GAF.
  f.add({ office: ua, person: 6, programme: "vulnerable_migrant", victim: true, sex: "Feminine", age: 25, citizenship: "UA",
    funding: "gaf", exploitation: ["ForcedLabour"] });
  // c8: person 7, programme and category not recorded.
  f.add({ office: th, person: 7, programme: null, sex: "Masculine", age: 5, citizenship: "TH" });
  all = computeAll(db, y2012, { kind: "all" });
});
afterAll(() => destroyTestDb(db));

/** { value: count } of a one-dimensional result, zero rows included. */
function counts(r: IndicatorResult): Record<string, number> {
  const d = r.dimensions[0]!;
  return Object.fromEntries(r.rows.map((row) => [String(row[d]), row.count]));
}
const nonZero = (r: IndicatorResult) => Object.fromEntries(Object.entries(counts(r)).filter(([, n]) => n > 0));

describe("indicators on the hand-built dataset, 2012, all offices", () => {
  const expected: Record<IndicatorId, { total: number; rows: Record<string, number> }> = {
    "assisted.by_programme": { total: 7, rows: { avrr: 3, para: 1, vulnerable_migrant: 2, not_recorded: 1 } },
    "assisted.by_category": { total: 6, rows: { victim: 3, unaccompanied_child: 1, main_population: 1, not_recorded: 1 } },
    "assisted.by_category_multi": {
      total: 7,
      rows: { victim: 4, unaccompanied_child: 1, health: 1, main_population: 2, not_recorded: 1 },
    },
    "assisted.by_sex": { total: 6, rows: { Feminine: 2, Masculine: 3, not_recorded: 1 } },
    "assisted.by_age_group": { total: 6, rows: { child: 3, adult: 2, not_recorded: 1 } },
    "assisted.by_age_band": { total: 6, rows: { "0-5": 1, "6-11": 1, "15-17": 1, "25-34": 2, not_recorded: 1 } },
    "assisted.by_region": { total: 6, rows: { [EEA]: 2, [SEE]: 2, [ASIA]: 2 } },
    "assisted.individuals_vs_counts": { total: 7, rows: { individuals: 6, repeat_assistance: 1 } },
    "vot.by_origin_country": { total: 3, rows: { UA: 2, TH: 1 } },
    "vot.by_identification_country": { total: 3, rows: { AT: 1, TH: 1, not_recorded: 1 } },
    "vot.by_exploitation": { total: 3, rows: { sexual: 1, combined: 1, labour: 1 } },
    "vot.by_forced_labour_sector": { total: 2, rows: { A_AgricultureForestryAndFishing: 1, not_recorded: 1 } },
    "vot.by_sex": { total: 3, rows: { Feminine: 2, Masculine: 1 } },
    "vot.by_age_group": { total: 3, rows: { child: 1, adult: 2 } },
    "vot.by_trafficking_type": { total: 3, rows: { international: 1, internal: 1, not_recorded: 1 } },
    "vot.by_region": { total: 3, rows: { [EEA]: 1, [ASIA]: 1, [SEE]: 1 } },
    "avrr.by_host_country": { total: 3, rows: { AT: 3 } },
    "avrr.by_origin_country": { total: 3, rows: { UA: 2, not_recorded: 1 } },
    "avrr.by_host_country_year": { total: 4, rows: {} },
    "avrr.by_origin_country_year": { total: 4, rows: {} },
    "avrr.by_category": { total: 3, rows: { victim: 2, unaccompanied_child: 1 } },
    "avrr.by_sex": { total: 3, rows: { Feminine: 2, not_recorded: 1 } },
    "avrr.by_age_group": { total: 3, rows: { child: 3 } },
    "avrr.reintegration_by_type": { total: 3, rows: { counselling: 2, business_setup: 1, not_recorded: 1 } },
    "umc.by_sex": { total: 1, rows: { not_recorded: 1 } },
    "gaf.assisted": { total: 2, rows: { victim: 2 } },
  };

  it("covers every indicator", () => {
    expect(Object.keys(expected).sort()).toEqual(INDICATORS.map((i) => i.id).sort());
  });

  for (const [id, want] of Object.entries(expected) as [IndicatorId, (typeof expected)[IndicatorId]][]) {
    it(`${id}`, () => {
      const r = all[id];
      expect(r.total).toBe(want.total);
      if (r.dimensions.length === 1) expect(nonZero(r)).toEqual(want.rows);
      const sum = r.rows.reduce((s, row) => s + row.count, 0);
      if (r.multiValued) expect(sum).toBeGreaterThanOrEqual(r.total);
      else expect(sum).toBe(r.total);
    });
  }

  it("lists explicit not_recorded rows even when zero, after the fixed values", () => {
    expect(all["vot.by_sex"].rows.map((r) => r.sex)).toEqual(["Feminine", "Masculine", "not_recorded"]);
    expect(counts(all["vot.by_sex"]).not_recorded).toBe(0);
    expect(all["assisted.by_programme"].rows.at(-1)).toEqual({ programme: "not_recorded", count: 1 });
  });

  it("annex tables count every year up to the selected one, by country and year", () => {
    expect(all["avrr.by_host_country_year"].rows).toEqual([
      { host_country: "AT", year: 2011, count: 1 },
      { host_country: "AT", year: 2012, count: 3 },
    ]);
    expect(all["avrr.by_origin_country_year"].rows).toEqual([
      { avrr_origin_country: "UA", year: 2012, count: 2 },
      { avrr_origin_country: "AF", year: 2011, count: 1 },
      { avrr_origin_country: "not_recorded", year: 2012, count: 1 },
    ]);
  });
});

describe("filters and scope", () => {
  it("a year outside has its own figures", () => {
    const r = computeIndicator(db, INDICATORS.find((i) => i.id === "assisted.by_programme")!, { yearFrom: 2011, yearTo: 2011 }, { kind: "all" });
    expect(nonZero(r)).toEqual({ avrr: 1 });
    const period = computeAll(db, { yearFrom: 2011, yearTo: 2012 }, { kind: "all" }, ["assisted.individuals_vs_counts"]);
    expect(counts(period["assisted.individuals_vs_counts"])).toEqual({ individuals: 7, repeat_assistance: 1 });
  });

  it("an office filter and an office scope limit the cases counted", () => {
    const byOffice = computeAll(db, { ...y2012, officeCode: at.code }, { kind: "all" }, ["assisted.by_programme"]);
    expect(nonZero(byOffice["assisted.by_programme"])).toEqual({ avrr: 2 });
    const supervisor = computeAll(db, y2012, { kind: "offices", officeIds: [ua.id] }, ["assisted.by_programme", "vot.by_region"]);
    expect(nonZero(supervisor["assisted.by_programme"])).toEqual({ avrr: 1, para: 1, vulnerable_migrant: 1 });
    expect(nonZero(supervisor["vot.by_region"])).toEqual({ [SEE]: 2 });
  });

  it("a region scope or filter limits to the offices of that region", () => {
    const scoped = computeAll(db, y2012, { kind: "region", region: ASIA }, ["assisted.by_sex"]);
    expect(scoped["assisted.by_sex"].total).toBe(2);
    const filtered = computeAll(db, { ...y2012, region: EEA }, { kind: "all" }, ["assisted.by_sex"]);
    expect(nonZero(filtered["assisted.by_sex"])).toEqual({ Feminine: 1, not_recorded: 1 });
  });
});

describe("the review, global and by region", () => {
  it("regional counts of cases add up to the global counts; persons assisted in two regions count once globally", () => {
    const review = computeReview(db, y2012, { kind: "all" });
    expect(review.regions.map((r) => r.region).sort()).toEqual([ASIA, EEA, SEE].sort());
    const sum = (id: IndicatorId) => review.regions.reduce((s, r) => s + r.results[id].total, 0);
    expect(sum("assisted.by_programme")).toBe(review.global["assisted.by_programme"].total);
    expect(review.global["vot.by_sex"].total).toBe(3);
    // Person 1 was assisted in Austria (EEA) and in Ukraine (SEE): one victim in each region.
    expect(sum("vot.by_sex")).toBe(4);
    for (const id of Object.keys(all) as IndicatorId[]) {
      expect(review.global[id]).toEqual(all[id]);
    }
  });
});

describe("exploitation category in SQL mirrors reviewExploitationCategory()", () => {
  it("for every combination of types", () => {
    const types = ["ForcedLabour", "ChildLabour", "SexualExploitation", "DomesticServitude", "Servitude", "ForcedBegging",
      "CriminalActivities", "OrganRemoval", "Other"];
    const local = createTestDb();
    const f = new StatsFixture(local);
    const office = f.office("AT");
    fc.assert(
      fc.property(fc.subarray(types), (subset) => {
        const id = f.add({ office, person: Math.random(), exploitation: subset });
        const row = local.$client.prepare(`SELECT ${EXPLOITATION_CATEGORY_SQL} AS k FROM cases c WHERE c.id = ?`).get(id) as { k: string };
        expect(row.k).toBe(reviewExploitationCategory(subset));
      }),
      { numRuns: 200 },
    );
    destroyTestDb(local);
  });
});

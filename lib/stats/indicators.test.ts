import { describe, expect, it } from "vitest";
import { filtersFromSearchParams } from "./filters";
import { INDICATOR_IDS, INDICATORS, normaliseRows, topRows, yearRange, type IndicatorResult } from "./indicators";

describe("indicator definitions", () => {
  it("include every indicator the issue names, with stable ids", () => {
    const required = [
      "assisted.by_programme", "assisted.by_category", "assisted.by_sex", "assisted.by_age_group", "assisted.by_region",
      "assisted.individuals_vs_counts", "vot.by_origin_country", "vot.by_identification_country", "vot.by_exploitation",
      "vot.by_forced_labour_sector", "vot.by_sex", "vot.by_age_group", "vot.by_trafficking_type", "vot.by_region",
      "avrr.by_host_country", "avrr.by_origin_country", "avrr.by_host_country_year", "avrr.by_origin_country_year",
      "avrr.by_category", "avrr.by_sex", "avrr.by_age_group", "avrr.reintegration_by_type", "umc.by_sex", "gaf.assisted",
    ];
    for (const id of required) expect(INDICATOR_IDS).toContain(id);
    expect(new Set(INDICATOR_IDS).size).toBe(INDICATORS.length);
  });

  it("victims of trafficking are cat_victim; AVRR is the avrr programme", () => {
    for (const d of INDICATORS) {
      if (d.id.startsWith("vot.")) expect(d.population).toMatchObject({ victim: true });
      if (d.id.startsWith("avrr.")) expect(d.population).toMatchObject({ programme: "avrr" });
    }
  });
});

describe("rows", () => {
  it("fill the fixed domain, list other values by count, and end with not_recorded", () => {
    const rows = normaliseRows("sex", new Map([["Masculine", 5], ["NonConforming", 1], ["not_recorded", 2]]));
    expect(rows).toEqual([
      { sex: "Feminine", count: 0 },
      { sex: "Masculine", count: 5 },
      { sex: "NonConforming", count: 1 },
      { sex: "not_recorded", count: 2 },
    ]);
    expect(normaliseRows("region", new Map([["asia_and_the_pacific", 3]]))).toEqual([{ region: "asia_and_the_pacific", count: 3 }]);
  });

  it("top rows plus 'other' still sum to the total", () => {
    const counts = new Map<string, number>(Array.from({ length: 14 }, (_, i) => [`C${i}`, i + 1]));
    counts.set("not_recorded", 4);
    const rows = normaliseRows("origin_country", counts);
    const result: IndicatorResult = { id: "vot.by_origin_country", unit: "persons", dimensions: ["origin_country"], multiValued: false, rows, total: 109 };
    const top = topRows(result, 10);
    expect(top.rows).toHaveLength(11);
    expect(top.otherValues).toBe(4);
    expect(top.rows.reduce((s, r) => s + r.count, 0) + top.otherCount).toBe(109);
  });
});

describe("filters", () => {
  it("a year, a period, and history indicators", () => {
    expect(filtersFromSearchParams({ year: "2012", region: "european_economic_area", office: "at-vie" }, 2020)).toEqual({
      yearFrom: 2012, yearTo: 2012, region: "european_economic_area", officeCode: "AT-VIE",
    });
    expect(filtersFromSearchParams({ from: "2010", to: "2012" }, 2020)).toMatchObject({ yearFrom: 2010, yearTo: 2012 });
    expect(filtersFromSearchParams({ year: "junk", region: "nowhere" }, 2020)).toEqual({ yearFrom: 2020, yearTo: 2020 });
    expect(yearRange({ history: true }, { yearFrom: 2012, yearTo: 2012 })).toEqual([2000, 2012]);
    expect(yearRange({ history: true }, { yearFrom: 2010, yearTo: 2012 })).toEqual([2010, 2012]);
  });
});

/**
 * Statistical indicators as pure definitions (GUIDE section 5). An indicator names its population
 * (which cases), its counting unit (cases = counts of assistance, persons = individuals assisted) and
 * its dimensions; server/stats turns each definition into one SQL aggregate over the core-variable
 * columns of `cases` (and `case_values` for the multi-valued variables). The annual-review page, the
 * dashboards, the exports and the command line all read these same definitions.
 *
 * Every breakdown of a single-valued dimension sums exactly to its total: unknown values are an
 * explicit `not_recorded` row, never dropped. Multi-valued breakdowns (a case may have several
 * reintegration assistance types, or several beneficiary categories) are flagged `multiValued`: each
 * case is counted once per value, so their rows may add up to more than the total, and they say so.
 *
 * Nothing here imports from server/ or db/.
 */
import { AGE_BANDS } from "@/lib/age";
import {
  FORCED_LABOUR_SECTORS,
  REINTEGRATION_TYPES,
  REVIEW_EXPLOITATION_CATEGORIES,
} from "@/lib/reference/vocabulary";

/** The value every dimension uses for "unknown / not recorded". */
export const NOT_RECORDED = "not_recorded" as const;

export const DIMENSIONS = [
  "programme",
  "category",
  "sex",
  "age_group",
  "age_band",
  "region",
  "origin_country",
  "identification_country",
  "host_country",
  "avrr_origin_country",
  "exploitation",
  "forced_labour_sector",
  "trafficking_type",
  "reintegration",
  "funding",
  "measure",
  "year",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Countries: the page shows the top N and groups the rest; exports keep every row. */
export const COUNTRY_DIMENSIONS: readonly Dimension[] = [
  "origin_country",
  "identification_country",
  "host_country",
  "avrr_origin_country",
];

/**
 * Beneficiary categories in profile precedence: a person (or case) with several categories is
 * counted once, in the first category of this list that applies. The report's Annex I: "some
 * individuals may have more than one of the above mentioned vulnerabilities; these persons are not
 * counted twice".
 */
export const CATEGORY_PRECEDENCE = ["victim", "unaccompanied_child", "health", "main_population"] as const;
export type ProfileCategory = (typeof CATEGORY_PRECEDENCE)[number];

export const PROGRAMMES = ["avrr", "para", "vulnerable_migrant"] as const;
export const AGE_GROUPS = ["child", "adult"] as const;
export const TRAFFICKING_TYPES = ["international", "internal"] as const;
export const FUNDING_SOURCES = ["project", "gaf"] as const;
export const SEX_VALUES_SHOWN = ["Feminine", "Masculine"] as const;
/** `assisted.individuals_vs_counts`: counts of assistance split into first and repeat assistance. */
export const MEASURES = ["individuals", "repeat_assistance"] as const;

/**
 * Values always listed for a dimension (with 0 when absent), in display order, so that tables are
 * stable from year to year. Values outside this list that occur (e.g. another HTCDS gender value)
 * are listed after them; `not_recorded` always comes last, even when 0.
 */
export const DIMENSION_DOMAIN: Readonly<Partial<Record<Dimension, readonly string[]>>> = {
  programme: PROGRAMMES,
  category: CATEGORY_PRECEDENCE,
  sex: SEX_VALUES_SHOWN,
  age_group: AGE_GROUPS,
  age_band: AGE_BANDS,
  exploitation: REVIEW_EXPLOITATION_CATEGORIES.filter((c) => c !== NOT_RECORDED),
  forced_labour_sector: [],
  trafficking_type: TRAFFICKING_TYPES,
  reintegration: REINTEGRATION_TYPES,
  funding: FUNDING_SOURCES,
  measure: MEASURES,
};

/** Dimensions that never have an unknown value (no `not_recorded` row). */
export const ALWAYS_KNOWN: readonly Dimension[] = ["region", "host_country", "year", "measure"];

export type Unit = "cases" | "persons";

/** How many registration years an annex-style (history) indicator shows for a single year. */
export const HISTORY_YEARS = 13;

/** Years an indicator counts: the filter's period, or for history indicators the HISTORY_YEARS up to it. */
export function yearRange(definition: { history?: true }, filters: { yearFrom: number; yearTo: number }): [number, number] {
  if (definition.history && filters.yearFrom === filters.yearTo) {
    return [filters.yearTo - HISTORY_YEARS + 1, filters.yearTo];
  }
  return [filters.yearFrom, filters.yearTo];
}

/** Which cases an indicator counts (before the year, region and office filters). */
export type Population = {
  programme?: (typeof PROGRAMMES)[number];
  /** Victims of trafficking: cat_victim = 1. */
  victim?: true;
  /** Unaccompanied migrant children: cat_umc = 1. */
  unaccompaniedChild?: true;
  /** Funded by the Global Assistance Fund. */
  gaf?: true;
  /** Exploited for labour (review category labour or combined). */
  labourExploitation?: true;
};

export type ChartKind = "bar" | "column" | "pie" | "none";

export type IndicatorDefinition = {
  id: string;
  unit: Unit;
  population: Population;
  dimensions: readonly Dimension[];
  /** A case may fall in several rows: rows may sum to more than the total. */
  multiValued?: true;
  /**
   * Annex-style history: every registration year up to the selected one (or the selected period),
   * one column per year. Filters other than the year apply as usual.
   */
  history?: true;
  /** How the review page draws it. */
  chart: ChartKind;
  /** The page lists the first N rows by count and groups the rest (exports keep all rows). */
  top?: number;
};

const def = <const D extends IndicatorDefinition>(d: D): D => d;

/** Every indicator, with its stable id. Order is the order of the review and the exports. */
export const INDICATORS = [
  def({ id: "assisted.by_programme", unit: "cases", population: {}, dimensions: ["programme"], chart: "bar" }),
  def({ id: "assisted.by_category", unit: "persons", population: {}, dimensions: ["category"], chart: "bar" }),
  def({
    id: "assisted.by_category_multi",
    unit: "cases",
    population: {},
    dimensions: ["category"],
    multiValued: true,
    chart: "none",
  }),
  def({ id: "assisted.by_sex", unit: "persons", population: {}, dimensions: ["sex"], chart: "pie" }),
  def({ id: "assisted.by_age_group", unit: "persons", population: {}, dimensions: ["age_group"], chart: "pie" }),
  def({ id: "assisted.by_age_band", unit: "persons", population: {}, dimensions: ["age_band"], chart: "column" }),
  def({ id: "assisted.by_region", unit: "persons", population: {}, dimensions: ["region"], chart: "bar" }),
  def({
    id: "assisted.individuals_vs_counts",
    unit: "cases",
    population: {},
    dimensions: ["measure"],
    chart: "none",
  }),
  def({
    id: "vot.by_origin_country",
    unit: "persons",
    population: { victim: true },
    dimensions: ["origin_country"],
    chart: "bar",
    top: 10,
  }),
  def({
    id: "vot.by_identification_country",
    unit: "persons",
    population: { victim: true },
    dimensions: ["identification_country"],
    chart: "bar",
    top: 10,
  }),
  def({ id: "vot.by_exploitation", unit: "persons", population: { victim: true }, dimensions: ["exploitation"], chart: "bar" }),
  def({
    id: "vot.by_forced_labour_sector",
    unit: "persons",
    population: { victim: true, labourExploitation: true },
    dimensions: ["forced_labour_sector"],
    chart: "bar",
  }),
  def({ id: "vot.by_sex", unit: "persons", population: { victim: true }, dimensions: ["sex"], chart: "pie" }),
  def({ id: "vot.by_age_group", unit: "persons", population: { victim: true }, dimensions: ["age_group"], chart: "pie" }),
  def({
    id: "vot.by_trafficking_type",
    unit: "persons",
    population: { victim: true },
    dimensions: ["trafficking_type"],
    chart: "pie",
  }),
  def({ id: "vot.by_region", unit: "persons", population: { victim: true }, dimensions: ["region"], chart: "bar" }),
  def({
    id: "avrr.by_host_country",
    unit: "cases",
    population: { programme: "avrr" },
    dimensions: ["host_country"],
    chart: "bar",
    top: 10,
  }),
  def({
    id: "avrr.by_origin_country",
    unit: "cases",
    population: { programme: "avrr" },
    dimensions: ["avrr_origin_country"],
    chart: "bar",
    top: 10,
  }),
  def({
    id: "avrr.by_host_country_year",
    unit: "cases",
    population: { programme: "avrr" },
    dimensions: ["host_country", "year"],
    history: true,
    chart: "none",
  }),
  def({
    id: "avrr.by_origin_country_year",
    unit: "cases",
    population: { programme: "avrr" },
    dimensions: ["avrr_origin_country", "year"],
    history: true,
    chart: "none",
  }),
  def({ id: "avrr.by_category", unit: "cases", population: { programme: "avrr" }, dimensions: ["category"], chart: "bar" }),
  def({ id: "avrr.by_sex", unit: "cases", population: { programme: "avrr" }, dimensions: ["sex"], chart: "pie" }),
  def({ id: "avrr.by_age_group", unit: "cases", population: { programme: "avrr" }, dimensions: ["age_group"], chart: "pie" }),
  def({
    id: "avrr.reintegration_by_type",
    unit: "cases",
    population: { programme: "avrr" },
    dimensions: ["reintegration"],
    multiValued: true,
    chart: "bar",
  }),
  def({ id: "umc.by_sex", unit: "persons", population: { unaccompaniedChild: true }, dimensions: ["sex"], chart: "pie" }),
  def({ id: "gaf.assisted", unit: "cases", population: { gaf: true }, dimensions: ["category"], chart: "bar" }),
] as const satisfies readonly IndicatorDefinition[];

export type IndicatorId = (typeof INDICATORS)[number]["id"];
export const INDICATOR_IDS = INDICATORS.map((i) => i.id) as [IndicatorId, ...IndicatorId[]];

const BY_ID = new Map<string, IndicatorDefinition>(INDICATORS.map((i) => [i.id, i]));

export function indicatorById(id: string): IndicatorDefinition | undefined {
  return BY_ID.get(id);
}

export function isIndicatorId(id: string): id is IndicatorId {
  return BY_ID.has(id);
}

/** A row of a computed indicator: one value per dimension, and the count. */
export type IndicatorRow = { [dimension: string]: string | number } & { count: number };

export type IndicatorResult = {
  id: IndicatorId;
  unit: Unit;
  dimensions: readonly Dimension[];
  multiValued: boolean;
  rows: IndicatorRow[];
  /** Single-valued: the sum of the rows. Multi-valued: the number of distinct cases. */
  total: number;
};

/**
 * Orders rows and fills the fixed domain of a one-dimensional result: listed values first (0 when
 * absent), then other values by count, then `not_recorded` (always present unless the dimension is
 * always known). Countries and sectors are ordered by count, descending.
 */
export function normaliseRows(dimension: Dimension, counts: ReadonlyMap<string, number>): IndicatorRow[] {
  const domain = DIMENSION_DOMAIN[dimension] ?? [];
  const rows: IndicatorRow[] = domain.map((value) => ({ [dimension]: value, count: counts.get(value) ?? 0 }) as IndicatorRow);
  const extra = [...counts.entries()]
    .filter(([value]) => value !== NOT_RECORDED && !domain.includes(value))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [value, count] of extra) rows.push({ [dimension]: value, count } as IndicatorRow);
  if (!ALWAYS_KNOWN.includes(dimension) || counts.has(NOT_RECORDED)) {
    rows.push({ [dimension]: NOT_RECORDED, count: counts.get(NOT_RECORDED) ?? 0 } as IndicatorRow);
  }
  return rows;
}

/** Sectors are listed by count, but every HTCDS sector is a valid value (for validation of input). */
export const KNOWN_SECTORS: readonly string[] = FORCED_LABOUR_SECTORS;

/**
 * For the page: the first `n` rows by count (not_recorded excluded), then one "other" row that sums
 * the rest, then not_recorded. The shown rows still sum to the total.
 */
export function topRows(result: IndicatorResult, n: number): { rows: IndicatorRow[]; otherCount: number; otherValues: number } {
  const dimension = result.dimensions[0]!;
  const known = result.rows.filter((r) => r[dimension] !== NOT_RECORDED && r.count > 0);
  const unknown = result.rows.filter((r) => r[dimension] === NOT_RECORDED);
  const sorted = [...known].sort((a, b) => b.count - a.count || String(a[dimension]).localeCompare(String(b[dimension])));
  const head = sorted.slice(0, n);
  const rest = sorted.slice(n);
  return {
    rows: [...head, ...unknown],
    otherCount: rest.reduce((s, r) => s + r.count, 0),
    otherValues: rest.length,
  };
}

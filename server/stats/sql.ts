import "server-only";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { AGE_BANDS } from "@/lib/age";
import {
  NOT_RECORDED,
  yearRange,
  type Dimension,
  type IndicatorDefinition,
  type Population,
} from "@/lib/stats/indicators";
import type { TStatsFilters } from "@/lib/stats/filters";
import type { StatsScope } from "./scope";

export { HISTORY_YEARS, yearRange } from "@/lib/stats/indicators";

/**
 * Indicators as SQL: every statistic is ONE statement over `cases c JOIN offices o` (the offices
 * table is small; it gives the region and the office country) with the core-variable columns, and
 * for exploitation and reintegration the indexed `case_values(case_id, kind, value)` table. These
 * statements are the reference the application's engine (compute.ts) is tested against
 * (sql-reference.ts), and the microdata export reads its rows with them. Values are bound
 * parameters; the only text spliced into statements comes from the constant expressions below.
 */

export type Where = { sql: string; params: unknown[] };

const nr = `'${NOT_RECORDED}'`;
const text = (column: string) => `coalesce(nullif(${column}, ''), ${nr})`;

/** Exploitation types (case_values kind 'exploitation') behind each review category. */
const EXPLOITATION_GROUPS = {
  labour: ["ForcedLabour", "ChildLabour"],
  sexual: ["SexualExploitation"],
  domestic: ["DomesticServitude", "Servitude"],
  begging: ["ForcedBegging"],
  criminal: ["CriminalActivities"],
} as const;

function hasExploitation(types: readonly string[] | null): string {
  const values = types ? ` AND v.value IN (${types.map((t) => `'${t}'`).join(", ")})` : "";
  return `EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation'${values})`;
}

/**
 * The review's exploitation category of a case, exactly as lib/reference/vocabulary.ts
 * reviewExploitationCategory() computes it (a test checks every combination).
 */
export const EXPLOITATION_CATEGORY_SQL = `CASE
  WHEN ${hasExploitation(EXPLOITATION_GROUPS.labour)} AND ${hasExploitation(EXPLOITATION_GROUPS.sexual)} THEN 'combined'
  WHEN ${hasExploitation(EXPLOITATION_GROUPS.sexual)} THEN 'sexual'
  WHEN ${hasExploitation(EXPLOITATION_GROUPS.labour)} THEN 'labour'
  WHEN ${hasExploitation(EXPLOITATION_GROUPS.domestic)} THEN 'domestic_servitude'
  WHEN ${hasExploitation(EXPLOITATION_GROUPS.begging)} THEN 'begging'
  WHEN ${hasExploitation(EXPLOITATION_GROUPS.criminal)} THEN 'criminal_activities'
  WHEN ${hasExploitation(null)} THEN 'other'
  ELSE ${nr} END`;

/** Profile category by precedence (victim > unaccompanied child > health > main population). */
const CATEGORY_SQL = `CASE WHEN c.cat_victim = 1 THEN 'victim' WHEN c.cat_umc = 1 THEN 'unaccompanied_child'
  WHEN c.cat_health = 1 THEN 'health' WHEN c.cat_main = 1 THEN 'main_population' ELSE ${nr} END`;
const CATEGORY_RANK_SQL = `CASE WHEN c.cat_victim = 1 THEN 1 WHEN c.cat_umc = 1 THEN 2
  WHEN c.cat_health = 1 THEN 3 WHEN c.cat_main = 1 THEN 4 ELSE 5 END`;

const AGE = "c.age_at_registration";
const AGE_BAND_SQL = (() => {
  const upper: Record<string, number> = { "0-5": 5, "6-11": 11, "12-14": 14, "15-17": 17, "18-24": 24, "25-34": 34, "35-44": 44, "45-59": 59 };
  const whens = AGE_BANDS.filter((b) => b in upper).map((b) => `WHEN ${AGE} <= ${upper[b]} THEN '${b}'`);
  return `CASE WHEN ${AGE} IS NULL OR ${AGE} < 0 THEN ${nr} ${whens.join(" ")} ELSE '60+' END`;
})();

/** One SQL expression per single-valued dimension, evaluated per case. */
export const DIMENSION_SQL: Readonly<Record<Exclude<Dimension, "reintegration" | "measure">, string>> = {
  programme: text("c.programme"),
  category: CATEGORY_SQL,
  sex: `CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN ${nr} ELSE c.sex END`,
  age_group: `CASE WHEN ${AGE} IS NULL OR ${AGE} < 0 THEN ${nr} WHEN ${AGE} < 18 THEN 'child' ELSE 'adult' END`,
  age_band: AGE_BAND_SQL,
  region: "o.region",
  origin_country: text("c.citizenship"),
  identification_country: text("c.country_identification"),
  // Host country of a return: recorded, else the country of the office that assisted.
  host_country: "coalesce(nullif(c.host_country, ''), o.country_iso2)",
  // Country of origin of a return: the country returned to, else citizenship.
  avrr_origin_country: `coalesce(nullif(c.return_country, ''), nullif(c.citizenship, ''), ${nr})`,
  exploitation: EXPLOITATION_CATEGORY_SQL,
  forced_labour_sector: text("c.forced_labour_sector"),
  trafficking_type: text("c.trafficking_type"),
  funding: text("c.funding_source"),
  year: "c.registration_year",
};

function populationConditions(p: Population): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (p.programme) {
    parts.push("c.programme = ?");
    params.push(p.programme);
  }
  if (p.victim) parts.push("c.cat_victim = 1");
  if (p.unaccompaniedChild) parts.push("c.cat_umc = 1");
  if (p.gaf) parts.push("c.funding_source = 'gaf'");
  if (p.labourExploitation) parts.push(hasExploitation(EXPLOITATION_GROUPS.labour));
  return { sql: parts.join(" AND "), params };
}

function scopeConditions(scope: StatsScope): Where {
  switch (scope.kind) {
    case "all":
      return { sql: "", params: [] };
    case "region":
      return { sql: "o.region = ?", params: [scope.region] };
    case "offices":
      return scope.officeIds.length
        ? { sql: `c.office_id IN (${scope.officeIds.map(() => "?").join(",")})`, params: [...scope.officeIds] }
        : { sql: "0", params: [] };
    case "none":
      return { sql: "0", params: [] };
  }
}

export function whereFor(definition: Pick<IndicatorDefinition, "population" | "history">, filters: TStatsFilters, scope: StatsScope): Where {
  const [from, to] = yearRange(definition, filters);
  const parts: Where[] = [
    // BETWEEN on registration_year: a range of cases_statistics_idx.
    { sql: "c.registration_year BETWEEN ? AND ?", params: [from, to] },
    populationConditions(definition.population),
    scopeConditions(scope),
  ];
  if (filters.region) parts.push({ sql: "o.region = ?", params: [filters.region] });
  if (filters.officeCode) parts.push({ sql: "o.code = ?", params: [filters.officeCode] });
  const used = parts.filter((p) => p.sql);
  return { sql: used.map((p) => `(${p.sql})`).join(" AND "), params: used.flatMap((p) => p.params) };
}

const FROM = "FROM cases c JOIN offices o ON o.id = c.office_id";

/** Grouping key used when a query is split by region (the review's regional sections). */
export const REGION_KEY = "g";

export type Statement = { sql: string; params: unknown[] };

/** The statement of a single-valued indicator: rows (g?, d0, d1?, n). */
export function singleValuedStatement(definition: IndicatorDefinition, where: Where, splitByRegion: boolean): Statement {
  const dims = definition.dimensions.map((d, i) => `${DIMENSION_SQL[d as keyof typeof DIMENSION_SQL]} AS d${i}`);
  const keys = [...(splitByRegion ? [REGION_KEY] : []), ...definition.dimensions.map((_, i) => `d${i}`)];
  const group = `GROUP BY ${keys.join(", ")}`;
  if (definition.unit === "cases") {
    const select = [...(splitByRegion ? [`o.region AS ${REGION_KEY}`] : []), ...dims, "count(*) AS n"].join(", ");
    return { sql: `SELECT ${select} ${FROM} WHERE ${where.sql} ${group}`, params: where.params };
  }
  // Distinct persons: each person is attributed to one of their cases in the population (per
  // region when split): the case with the highest-precedence category for the category dimension,
  // otherwise the first registered. Counted once, so the rows still sum to the total.
  const rank = definition.dimensions.includes("category") ? `${CATEGORY_RANK_SQL}, ` : "";
  const partition = splitByRegion ? "o.region, c.person_id" : "c.person_id";
  const inner = [
    ...(splitByRegion ? [`o.region AS ${REGION_KEY}`] : []),
    ...dims,
    `row_number() OVER (PARTITION BY ${partition} ORDER BY ${rank}c.registered_on, c.id) AS rn`,
  ].join(", ");
  return {
    sql: `SELECT ${keys.join(", ")}, count(*) AS n FROM (SELECT ${inner} ${FROM} WHERE ${where.sql}) WHERE rn = 1 ${group}`,
    params: where.params,
  };
}

/** `assisted.individuals_vs_counts`: distinct persons and cases in one pass. */
export function measureStatement(where: Where, splitByRegion: boolean): Statement {
  const g = splitByRegion ? `o.region AS ${REGION_KEY}, ` : "";
  const group = splitByRegion ? ` GROUP BY ${REGION_KEY}` : "";
  return {
    sql: `SELECT ${g}count(DISTINCT c.person_id) AS persons, count(*) AS cases ${FROM} WHERE ${where.sql}${group}`,
    params: where.params,
  };
}

/** Multi-valued categories: one row with each flag's count and the number of cases. */
export function categoryFlagsStatement(where: Where, splitByRegion: boolean): Statement {
  const g = splitByRegion ? `o.region AS ${REGION_KEY}, ` : "";
  const group = splitByRegion ? ` GROUP BY ${REGION_KEY}` : "";
  return {
    sql: `SELECT ${g}count(*) AS total, sum(c.cat_victim = 1) AS victim, sum(c.cat_umc = 1) AS unaccompanied_child,
      sum(c.cat_health = 1) AS health, sum(c.cat_main = 1) AS main_population,
      sum(c.cat_victim = 0 AND c.cat_umc = 0 AND c.cat_health = 0 AND c.cat_main = 0) AS ${NOT_RECORDED}
      ${FROM} WHERE ${where.sql}${group}`,
    params: where.params,
  };
}

export const TOTAL_KEY = "~total";

/** Multi-valued case_values (reintegration): one row per value, a `not_recorded` row for cases with
 * none, and the number of distinct cases as a TOTAL_KEY row, in one statement. */
export function caseValuesStatement(kind: "reintegration", where: Where, splitByRegion: boolean): Statement {
  const g = splitByRegion ? `o.region AS ${REGION_KEY}, ` : "";
  const group = splitByRegion ? `${REGION_KEY}, ` : "";
  return {
    sql: `SELECT ${g}coalesce(v.value, ${nr}) AS d0, count(*) AS n ${FROM}
        LEFT JOIN case_values v ON v.case_id = c.id AND v.kind = '${kind}'
        WHERE ${where.sql} GROUP BY ${group}d0
      UNION ALL
      SELECT ${g}'${TOTAL_KEY}' AS d0, count(*) AS n ${FROM} WHERE ${where.sql}${splitByRegion ? ` GROUP BY ${REGION_KEY}` : ""}`,
    params: [...where.params, ...where.params],
  };
}

const statements = new WeakMap<object, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on this connection, prepared once. Callers must not leave modes set that
 * another caller would not expect: set raw() or pluck() on every use.
 */
export function preparedOnce(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db.$client);
  if (!cache) {
    cache = new Map();
    statements.set(db.$client, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.$client.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

/** Runs a statement, preparing it once per connection. */
export function run<T>(db: Db, statement: Statement): T[] {
  return preparedOnce(db, statement.sql).raw(false).all(...statement.params) as T[];
}

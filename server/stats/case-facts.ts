import "server-only";
import type { Db } from "@/db/client";
import { ageBand } from "@/lib/age";
import { reviewExploitationCategory } from "@/lib/reference/vocabulary";
import type { TStatsFilters } from "@/lib/stats/filters";
import { NOT_RECORDED, type Dimension, type Population } from "@/lib/stats/indicators";
import type { StatsScope } from "./scope";
import { preparedOnce } from "./sql";

/**
 * A case as statistics see it: its core variables, read from the covering index
 * `cases_statistics_idx` (no table row is touched), plus its office's region and country.
 * Nothing here identifies anyone: ids only group a person's cases.
 */
export type CaseFacts = {
  id: number;
  person: number;
  registeredOn: string;
  year: number;
  office: number;
  region: string;
  officeCountry: string;
  programme: string | null;
  victim: boolean;
  umc: boolean;
  health: boolean;
  main: boolean;
  sex: string;
  age: number | null;
  citizenship: string | null;
  identification: string | null;
  host: string | null;
  returnCountry: string | null;
  sector: string | null;
  traffickingType: string | null;
  funding: string | null;
  exploitation: readonly string[];
  reintegration: readonly string[];
};

export type OfficeFacts = { region: string; country: string };

const known = (v: string | null | undefined): string => (v ? v : NOT_RECORDED);
const exploitationCategories = new Map<string, string>();

/** The review's exploitation category, computed once per distinct set of exploitation types. */
function exploitationCategory(c: CaseFacts): string {
  const key = c.exploitation.join(";");
  let category = exploitationCategories.get(key);
  if (category === undefined) {
    category = reviewExploitationCategory(c.exploitation);
    exploitationCategories.set(key, category);
  }
  return category;
}

/** Profile category by precedence (victim > unaccompanied child > health > main population). */
function profileCategory(c: CaseFacts): string {
  if (c.victim) return "victim";
  if (c.umc) return "unaccompanied_child";
  if (c.health) return "health";
  if (c.main) return "main_population";
  return NOT_RECORDED;
}

/** Rank of the profile category: a person is counted in the category of their best-ranked case. */
export function categoryRank(c: CaseFacts): number {
  return c.victim ? 1 : c.umc ? 2 : c.health ? 3 : c.main ? 4 : 5;
}

/**
 * The value of each single-valued dimension for a case. docs/statistics.md defines them; the tests
 * check every one against the reference SQL (server/stats/sql.ts DIMENSION_SQL) on random cases.
 */
export const DIMENSION_VALUE: Readonly<Record<Exclude<Dimension, "reintegration" | "measure">, (c: CaseFacts) => string | number>> = {
  programme: (c) => known(c.programme),
  category: profileCategory,
  sex: (c) => (!c.sex || c.sex === "NonSpecifiedUnknown" ? NOT_RECORDED : c.sex),
  age_group: (c) => (c.age === null || c.age < 0 ? NOT_RECORDED : c.age < 18 ? "child" : "adult"),
  age_band: (c) => (c.age === null || c.age < 0 ? NOT_RECORDED : ageBand(c.age)),
  region: (c) => c.region,
  origin_country: (c) => known(c.citizenship),
  identification_country: (c) => known(c.identification),
  // Host country of a return: recorded, else the country of the office that assisted.
  host_country: (c) => c.host || c.officeCountry,
  // Country of origin of a return: the country returned to, else citizenship.
  avrr_origin_country: (c) => c.returnCountry || known(c.citizenship),
  exploitation: exploitationCategory,
  forced_labour_sector: (c) => known(c.sector),
  trafficking_type: (c) => known(c.traffickingType),
  funding: (c) => known(c.funding),
  year: (c) => c.year,
};

/** Whether a case belongs to an indicator's population. */
export function inPopulation(c: CaseFacts, p: Population): boolean {
  if (p.programme && c.programme !== p.programme) return false;
  if (p.victim && !c.victim) return false;
  if (p.unaccompaniedChild && !c.umc) return false;
  if (p.gaf && c.funding !== "gaf") return false;
  if (p.labourExploitation && !c.exploitation.some((t) => t === "ForcedLabour" || t === "ChildLabour")) return false;
  return true;
}

/**
 * The offices whose cases a statistic counts: the caller's scope narrowed by the region and office
 * filters, with each office's region and country. Offices are few; cases are filtered by id.
 */
export function officesCounted(db: Db, scope: StatsScope, filters: Pick<TStatsFilters, "region" | "officeCode">): Map<number, OfficeFacts> {
  const rows = db.$client.prepare("SELECT id, code, region, country_iso2 AS country FROM offices").all() as {
    id: number;
    code: string;
    region: string;
    country: string;
  }[];
  const inScope = (o: (typeof rows)[number]) => {
    switch (scope.kind) {
      case "all":
        return true;
      case "region":
        return o.region === scope.region;
      case "offices":
        return scope.officeIds.includes(o.id);
      case "none":
        return false;
    }
  };
  const out = new Map<number, OfficeFacts>();
  for (const o of rows) {
    if (!inScope(o)) continue;
    if (filters.region && o.region !== filters.region) continue;
    if (filters.officeCode && o.code !== filters.officeCode) continue;
    out.set(o.id, { region: o.region, country: o.country });
  }
  return out;
}

// Column order of cases_statistics_idx; the statements read nothing else, so SQLite answers them
// from the index alone (a test checks the query plan).
const FACTS_COLUMNS = `id, person_id, registered_on, registration_year, office_id, programme, cat_victim, cat_umc, cat_health,
  cat_main, sex, age_at_registration, citizenship, country_identification, host_country, return_country, forced_labour_sector,
  trafficking_type, funding_source, exploitation_types, reintegration_types`;
const ORDER = "ORDER BY registration_year, person_id, registered_on, id";
// Offices as a JSON array, or null for every office: SQLite skips other offices' index entries.
const OFFICES = "(@offices IS NULL OR office_id IN (SELECT value FROM json_each(@offices)))";
export const FACTS_SQL = {
  /** Every case of the years. */
  all: `SELECT ${FACTS_COLUMNS} FROM cases INDEXED BY cases_statistics_idx WHERE registration_year BETWEEN @from AND @to AND ${OFFICES} ${ORDER}`,
  /** The cases of persons with more than one case in the years. */
  repeated: `SELECT ${FACTS_COLUMNS} FROM cases INDEXED BY cases_statistics_idx WHERE registration_year BETWEEN @from AND @to
    AND ${OFFICES} AND person_id IN (SELECT person_id FROM cases INDEXED BY cases_statistics_idx WHERE registration_year BETWEEN @from AND @to
      GROUP BY person_id HAVING count(*) > 1) ${ORDER}`,
} as const;

const split = (v: unknown): readonly string[] => (typeof v === "string" && v ? v.split(";") : []);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

const byPerson = (a: CaseFacts, b: CaseFacts) =>
  a.person - b.person || (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : a.id - b.id);

/**
 * The cases registered in [from, to] at one of `offices` (every case, or only those of persons with
 * more than one case in the years), ordered by person, then registration date and id: a person's
 * cases are adjacent, the order the per-person attribution needs.
 */
export function readCaseFacts(
  db: Db,
  [from, to]: readonly [number, number],
  offices: ReadonlyMap<number, OfficeFacts>,
  which: keyof typeof FACTS_SQL = "all",
): CaseFacts[] {
  const statement = preparedOnce(db, FACTS_SQL[which]);
  const out: CaseFacts[] = [];
  if (offices.size === 0) return out;
  const everyOffice = offices.size === (db.$client.prepare("SELECT count(*) FROM offices").pluck().get() as number);
  const officeIds = everyOffice ? null : JSON.stringify([...offices.keys()]);
  for (const r of statement.raw(true).iterate({ from, to, offices: officeIds }) as IterableIterator<unknown[]>) {
    const office = offices.get(r[4] as number);
    if (!office) continue;
    out.push({
      id: r[0] as number,
      person: r[1] as number,
      registeredOn: r[2] as string,
      year: r[3] as number,
      office: r[4] as number,
      region: office.region,
      officeCountry: office.country,
      programme: str(r[5]),
      victim: r[6] === 1,
      umc: r[7] === 1,
      health: r[8] === 1,
      main: r[9] === 1,
      sex: (r[10] as string) ?? "",
      age: (r[11] as number | null) ?? null,
      citizenship: str(r[12]),
      identification: str(r[13]),
      host: str(r[14]),
      returnCountry: str(r[15]),
      sector: str(r[16]),
      traffickingType: str(r[17]),
      funding: str(r[18]),
      exploitation: split(r[19]),
      reintegration: split(r[20]),
    });
  }
  // Over several years the index order is (year, person): regroup by person.
  if (from !== to) out.sort(byPerson);
  return out;
}

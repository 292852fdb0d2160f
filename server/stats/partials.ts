import "server-only";
import { createHash } from "node:crypto";
import { writeTransaction, type Db } from "@/db/client";
import { INDICATORS } from "@/lib/stats/indicators";
import { officesCounted, readCaseFacts, type CaseFacts, type OfficeFacts } from "./case-facts";
import { GLOBAL, loadCounts, storeCounts, tallyCases, type StoredCounts, type Tally } from "./case-pass";
import { preparedOnce } from "./sql";

/**
 * Partial counts: every indicator counted over the cases of one registration year at one office,
 * kept in `stats_partials`. They are derived data: triggers delete a row in the same transaction as
 * any change to a case (or to the office's country) that could alter it, and statistics recompute
 * the missing rows when they need them, so a sum of partials always counts the cases as they are.
 * Counts of cases add up across partials; distinct persons do not, and compute.ts corrects for the
 * persons with cases in more than one partial.
 *
 * Rows record which indicator definitions they were counted with; rows of other definitions (an
 * older release) are recomputed.
 */

/** Bump when the way cases are counted changes without a change to the definitions. */
const ENGINE = "1";
export const DEFINITIONS_VERSION = createHash("sha256").update(ENGINE).update(JSON.stringify(INDICATORS)).digest("hex").slice(0, 16);

/** One partial: each indicator's counts (group GLOBAL) for one year and office. */
export type Partial = ReadonlyMap<string, Tally>;
export const cellKey = (year: number, office: number) => `${year}:${office}`;

type Row = { year: number; office: number; counts: string };
const parsed = new WeakMap<object, Map<string, { counts: string; partial: Partial }>>();

function parse(db: Db, row: Row): Partial {
  let cache = parsed.get(db.$client);
  if (!cache) {
    cache = new Map();
    parsed.set(db.$client, cache);
  }
  const key = cellKey(row.year, row.office);
  const hit = cache.get(key);
  if (hit && hit.counts === row.counts) return hit.partial;
  const stored = JSON.parse(row.counts) as Record<string, StoredCounts>;
  const partial = new Map(Object.entries(stored).map(([id, counts]) => [id, loadCounts(counts, GLOBAL)]));
  cache.set(key, { counts: row.counts, partial });
  return partial;
}

function stored(db: Db, [from, to]: readonly [number, number]): Row[] {
  return preparedOnce(db, "SELECT registration_year AS year, office_id AS office, counts FROM stats_partials WHERE definitions = ? AND registration_year BETWEEN ? AND ?")
    .raw(false)
    .all(DEFINITIONS_VERSION, from, to) as Row[];
}

/** Counts every indicator over the cases of `year` at each office of `offices`, and stores them. */
function recompute(db: Db, year: number, offices: ReadonlyMap<number, OfficeFacts>): void {
  const byOffice = new Map<number, CaseFacts[]>([...offices.keys()].map((id) => [id, []]));
  for (const c of readCaseFacts(db, [year, year], offices)) byOffice.get(c.office)!.push(c);
  const upsert = preparedOnce(
    db,
    `INSERT INTO stats_partials (registration_year, office_id, definitions, counts) VALUES (?, ?, ?, ?)
     ON CONFLICT (registration_year, office_id) DO UPDATE SET definitions = excluded.definitions, counts = excluded.counts`,
  );
  for (const [office, cases] of byOffice) {
    const tallies = tallyCases(INDICATORS, cases, false);
    const counts = Object.fromEntries([...tallies].map(([id, t]) => [id, storeCounts(t, GLOBAL)]));
    upsert.run(year, office, DEFINITIONS_VERSION, JSON.stringify(counts));
  }
}

/**
 * The partials of every year in [from, to] and every office of `offices`, recomputing (and storing)
 * those missing, in one write transaction so that no change slips in between reading the cases and
 * storing their counts.
 */
export function partialsFor(db: Db, years: readonly [number, number], offices: ReadonlyMap<number, OfficeFacts>): Map<string, Partial> {
  const missing = (rows: Row[]) => {
    const have = new Set(rows.map((r) => cellKey(r.year, r.office)));
    const out = new Map<number, Map<number, OfficeFacts>>();
    for (let year = years[0]; year <= years[1]; year += 1) {
      for (const [id, office] of offices) {
        if (have.has(cellKey(year, id))) continue;
        const m = out.get(year) ?? new Map<number, OfficeFacts>();
        m.set(id, office);
        out.set(year, m);
      }
    }
    return out;
  };
  let rows = stored(db, years);
  if (missing(rows).size > 0) {
    rows = writeTransaction(db, () => {
      for (const [year, stale] of missing(stored(db, years))) recompute(db, year, stale);
      return stored(db, years);
    });
  }
  const out = new Map<string, Partial>();
  for (const row of rows) if (offices.has(row.office)) out.set(cellKey(row.year, row.office), parse(db, row));
  return out;
}

/**
 * Counts the partials of every year with cases at every office, so that the first statistic after a
 * bulk load (import or synthetic data from the command line) does not have to. Returns the years.
 */
export function countEveryPartial(db: Db): { from: number; to: number } | null {
  const span = db.$client.prepare("SELECT min(registration_year) AS a, max(registration_year) AS b FROM cases").get() as { a: number | null; b: number | null };
  if (span.a === null || span.b === null) return null;
  partialsFor(db, [span.a, span.b], officesCounted(db, { kind: "all" }, {}));
  return { from: span.a, to: span.b };
}

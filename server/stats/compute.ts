import "server-only";
import type { Db } from "@/db/client";
import type { TStatsFilters } from "@/lib/stats/filters";
import { INDICATORS, yearRange, type IndicatorDefinition, type IndicatorId, type IndicatorResult } from "@/lib/stats/indicators";
import { officesCounted, readCaseFacts, type CaseFacts, type OfficeFacts } from "./case-facts";
import { addTally, emptyTally, GLOBAL, pruneTally, tallyCases, type Tally } from "./case-pass";
import { cellKey, partialsFor } from "./partials";
import { emptyResult, oneDimensional, twoDimensional } from "./results";
import type { StatsScope } from "./scope";

export { GLOBAL } from "./case-pass";

/**
 * Computing indicators from partial counts (partials.ts: every indicator per registration year and
 * office, kept current by triggers and recomputed when missing). Counts of cases are sums of
 * partials. Distinct persons are too, except for persons with several cases in the years counted:
 * each partial counted them once, so their cases are read again (from the covering index
 * `cases_statistics_idx`) and counted twice, once the way the partials did and once as one person,
 * and the difference corrects the sum. Nothing but counts leaves this module.
 *
 * The definitions are in lib/stats/indicators.ts and docs/statistics.md; sql-reference.ts holds the
 * same indicators as one SQL statement each, and the tests check that both agree.
 */

export type IndicatorSet = Record<IndicatorId, IndicatorResult>;

function resultOf(definition: IndicatorDefinition, tally: Tally, group: string): IndicatorResult {
  const cells = [...(tally.cells.get(group)?.values() ?? [])];
  if (definition.dimensions[0] === "measure") {
    const n = (key: string) => cells.find((c) => c.values[0] === key)?.n ?? 0;
    return oneDimensional(
      definition,
      new Map([
        ["individuals", n("persons")],
        ["repeat_assistance", n("cases") - n("persons")],
      ]),
    );
  }
  if (definition.dimensions.length === 2) {
    return twoDimensional(
      definition,
      cells.map((c) => ({ d0: String(c.values[0]), d1: c.values[1]!, n: c.n })),
    );
  }
  const counts = new Map(cells.map((c) => [String(c.values[0]), c.n]));
  return oneDimensional(definition, counts, definition.multiValued ? (tally.totals.get(group) ?? 0) : undefined);
}

const bySameCell = (a: CaseFacts, b: CaseFacts) => a.person === b.person && a.year === b.year && a.office === b.office;
const cellOrder = (a: CaseFacts, b: CaseFacts) => a.person - b.person || a.year - b.year || a.office - b.office;

/**
 * Tallies of `definitions`, by GLOBAL and (with `byRegion`) by region: the partials of their years
 * summed, then the persons with several cases corrected.
 */
function tallyAll(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  filters: TStatsFilters,
  offices: ReadonlyMap<number, OfficeFacts>,
  byRegion: boolean,
): Map<string, Tally> {
  const ranges = new Map(definitions.map((d) => [d.id, yearRange(d, filters)]));
  const all = [...ranges.values()];
  const partials = partialsFor(db, [Math.min(...all.map((r) => r[0])), Math.max(...all.map((r) => r[1]))], offices);
  const out = new Map(definitions.map((d) => [d.id, emptyTally()]));

  for (const d of definitions) {
    const [from, to] = ranges.get(d.id)!;
    const tally = out.get(d.id)!;
    for (let year = from; year <= to; year += 1) {
      for (const [office, { region }] of offices) {
        const counts = partials.get(cellKey(year, office))?.get(d.id);
        if (counts) addTally(tally, counts, GLOBAL, byRegion ? [GLOBAL, region] : [GLOBAL]);
      }
    }
  }

  // Persons with several cases: the partials counted them once per year and office.
  const byRange = new Map<string, { range: readonly [number, number]; definitions: IndicatorDefinition[] }>();
  for (const d of definitions) {
    if (d.unit !== "persons" && d.dimensions[0] !== "measure") continue;
    const range = ranges.get(d.id)!;
    const entry = byRange.get(range.join(":")) ?? { range, definitions: [] };
    entry.definitions.push(d);
    byRange.set(range.join(":"), entry);
  }
  const addAll = (into: Tally, from: Tally, sign: 1 | -1) => {
    for (const g of [...from.cells.keys()]) addTally(into, from, g, [g], sign);
  };
  for (const { range, definitions: group } of byRange.values()) {
    const repeated = readCaseFacts(db, range, offices, "repeated");
    if (repeated.length === 0) continue;
    const asOne = tallyCases(group, repeated, byRegion);
    const asCounted = tallyCases(group, [...repeated].sort(cellOrder), byRegion, bySameCell);
    for (const d of group) {
      addAll(out.get(d.id)!, asOne.get(d.id)!, 1);
      addAll(out.get(d.id)!, asCounted.get(d.id)!, -1);
    }
  }
  for (const t of out.values()) pruneTally(t);
  return out;
}

type Computed = { global: Map<string, IndicatorResult>; regions: Map<string, Map<string, IndicatorResult>> };

function compute(db: Db, definitions: readonly IndicatorDefinition[], filters: TStatsFilters, scope: StatsScope, byRegion: boolean): Computed {
  const offices = officesCounted(db, scope, filters);
  const tallies = tallyAll(db, definitions, filters, offices, byRegion);
  const global = new Map<string, IndicatorResult>();
  const regions = new Map<string, Map<string, IndicatorResult>>();
  for (const d of definitions) {
    const tally = tallies.get(d.id)!;
    global.set(d.id, resultOf(d, tally, GLOBAL));
    for (const group of tally.cells.keys()) {
      if (group === GLOBAL) continue;
      const set = regions.get(group) ?? new Map<string, IndicatorResult>();
      set.set(d.id, resultOf(d, tally, group));
      regions.set(group, set);
    }
  }
  return { global, regions };
}

/** One indicator over the whole filtered scope. */
export function computeIndicator(db: Db, definition: IndicatorDefinition, filters: TStatsFilters, scope: StatsScope): IndicatorResult {
  return compute(db, [definition], filters, scope, false).global.get(definition.id) ?? emptyResult(definition);
}

/** Every indicator over the whole filtered scope (the dashboards, the exports, the command line). */
export function computeAll(db: Db, filters: TStatsFilters, scope: StatsScope, ids?: readonly IndicatorId[]): IndicatorSet {
  const wanted = ids ? new Set<string>(ids) : null;
  const definitions = INDICATORS.filter((d) => !wanted || wanted.has(d.id));
  const { global } = compute(db, definitions, filters, scope, false);
  return Object.fromEntries(definitions.map((d) => [d.id, global.get(d.id)!])) as IndicatorSet;
}

export type Review = {
  global: IndicatorSet;
  regions: { region: string; results: IndicatorSet }[];
};

/**
 * The annual review: every indicator globally and for each statistical region with cases, from one
 * pass. Counts of cases add up across regions; distinct persons need not (a person assisted in two
 * regions is one individual globally and one in each region).
 */
export function computeReview(db: Db, filters: TStatsFilters, scope: StatsScope): Review {
  const { global, regions } = compute(db, INDICATORS, filters, scope, true);
  const toSet = (m: ReadonlyMap<string, IndicatorResult>) =>
    Object.fromEntries(INDICATORS.map((d) => [d.id, m.get(d.id) ?? emptyResult(d)])) as IndicatorSet;
  return {
    global: toSet(global),
    regions: [...regions.entries()]
      .map(([region, results]) => ({ region, results: toSet(results) }))
      .filter((r) => r.results["assisted.individuals_vs_counts"].total > 0)
      .sort((x, y) => y.results["assisted.individuals_vs_counts"].total - x.results["assisted.individuals_vs_counts"].total),
  };
}

import "server-only";
import type { Db } from "@/db/client";
import type { TStatsFilters } from "@/lib/stats/filters";
import {
  CATEGORY_PRECEDENCE,
  INDICATORS,
  NOT_RECORDED,
  normaliseRows,
  type IndicatorDefinition,
  type IndicatorId,
  type IndicatorResult,
  type IndicatorRow,
} from "@/lib/stats/indicators";
import type { StatsScope } from "./scope";
import {
  caseValuesStatement,
  categoryFlagsStatement,
  measureStatement,
  REGION_KEY,
  run,
  singleValuedStatement,
  TOTAL_KEY,
  whereFor,
} from "./sql";

/** Results keyed by region id; GLOBAL holds the figures over every region. */
export const GLOBAL = "*";
type ByGroup = Map<string, IndicatorResult>;

function result(definition: IndicatorDefinition, rows: IndicatorRow[], total: number): IndicatorResult {
  return {
    id: definition.id as IndicatorId,
    unit: definition.unit,
    dimensions: definition.dimensions,
    multiValued: definition.multiValued === true,
    rows,
    total,
  };
}

function groupOf(row: Record<string, unknown>, split: boolean): string {
  return split ? String(row[REGION_KEY]) : GLOBAL;
}

function oneDimensional(definition: IndicatorDefinition, counts: Map<string, number>, total?: number): IndicatorResult {
  const rows = normaliseRows(definition.dimensions[0]!, counts);
  return result(definition, rows, total ?? rows.reduce((s, r) => s + r.count, 0));
}

function twoDimensional(definition: IndicatorDefinition, raw: { d0: string; d1: string | number; n: number }[]): IndicatorResult {
  const [a, b] = definition.dimensions as [string, string];
  const byFirst = new Map<string, number>();
  for (const r of raw) byFirst.set(r.d0, (byFirst.get(r.d0) ?? 0) + r.n);
  const rows = raw
    .map((r) => ({ [a]: r.d0, [b]: r.d1, count: r.n }) as IndicatorRow)
    .sort((x, y) => {
      const xa = String(x[a]);
      const ya = String(y[a]);
      if (xa !== ya) {
        if (xa === NOT_RECORDED) return 1;
        if (ya === NOT_RECORDED) return -1;
        return (byFirst.get(ya) ?? 0) - (byFirst.get(xa) ?? 0) || xa.localeCompare(ya);
      }
      return Number(x[b]) - Number(y[b]);
    });
  return result(definition, rows, raw.reduce((s, r) => s + r.n, 0));
}

/**
 * Runs one indicator: one SQL statement, optionally split by region (one group per region).
 * Returns a map keyed by region, or by GLOBAL when not split.
 */
function computeGroups(db: Db, definition: IndicatorDefinition, filters: TStatsFilters, scope: StatsScope, split: boolean): ByGroup {
  const where = whereFor(definition, filters, scope);
  const out: ByGroup = new Map();
  const dimension = definition.dimensions[0]!;

  if (dimension === "measure") {
    const rows = run<{ g?: string; persons: number; cases: number }>(db, measureStatement(where, split));
    for (const r of rows) {
      const counts = new Map([
        ["individuals", r.persons],
        ["repeat_assistance", r.cases - r.persons],
      ]);
      out.set(groupOf(r, split), oneDimensional(definition, counts));
    }
    if (!split && !out.has(GLOBAL)) out.set(GLOBAL, oneDimensional(definition, new Map()));
    return out;
  }

  if (dimension === "category" && definition.multiValued) {
    const rows = run<Record<string, number | string | null>>(db, categoryFlagsStatement(where, split));
    for (const r of rows) {
      const total = Number(r.total ?? 0);
      if (split && total === 0) continue;
      const counts = new Map<string, number>();
      for (const c of [...CATEGORY_PRECEDENCE, NOT_RECORDED]) counts.set(c, Number(r[c] ?? 0));
      out.set(groupOf(r, split), oneDimensional(definition, counts, total));
    }
    return out;
  }

  if (dimension === "reintegration") {
    const rows = run<{ g?: string; d0: string; n: number }>(db, caseValuesStatement("reintegration", where, split));
    const groups = new Map<string, { counts: Map<string, number>; total: number }>();
    for (const r of rows) {
      const key = groupOf(r, split);
      const g = groups.get(key) ?? { counts: new Map(), total: 0 };
      if (r.d0 === TOTAL_KEY) g.total = r.n;
      else g.counts.set(r.d0, r.n);
      groups.set(key, g);
    }
    for (const [key, g] of groups) out.set(key, oneDimensional(definition, g.counts, g.total));
    return out;
  }

  const rows = run<{ g?: string; d0: string; d1?: string | number; n: number }>(db, singleValuedStatement(definition, where, split));
  if (definition.dimensions.length === 1) {
    const groups = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const key = groupOf(r, split);
      const counts = groups.get(key) ?? new Map<string, number>();
      counts.set(String(r.d0), r.n);
      groups.set(key, counts);
    }
    for (const [key, counts] of groups) out.set(key, oneDimensional(definition, counts));
  } else {
    const groups = new Map<string, { d0: string; d1: string | number; n: number }[]>();
    for (const r of rows) {
      const key = groupOf(r, split);
      const list = groups.get(key) ?? [];
      list.push({ d0: String(r.d0), d1: r.d1 ?? "", n: r.n });
      groups.set(key, list);
    }
    for (const [key, list] of groups) out.set(key, twoDimensional(definition, list));
  }
  return out;
}

function empty(definition: IndicatorDefinition): IndicatorResult {
  return definition.dimensions.length === 1 ? oneDimensional(definition, new Map(), 0) : result(definition, [], 0);
}

/** One indicator over the whole filtered scope. */
export function computeIndicator(db: Db, definition: IndicatorDefinition, filters: TStatsFilters, scope: StatsScope): IndicatorResult {
  return computeGroups(db, definition, filters, scope, false).get(GLOBAL) ?? empty(definition);
}

export type IndicatorSet = Record<IndicatorId, IndicatorResult>;

/** Every indicator over the whole filtered scope (the dashboards, the exports, the command line). */
export function computeAll(db: Db, filters: TStatsFilters, scope: StatsScope, ids?: readonly IndicatorId[]): IndicatorSet {
  const wanted = ids ? new Set<string>(ids) : null;
  const out = {} as IndicatorSet;
  for (const definition of INDICATORS) {
    if (wanted && !wanted.has(definition.id)) continue;
    out[definition.id] = computeIndicator(db, definition, filters, scope);
  }
  return out;
}

function mergeCaseGroups(definition: IndicatorDefinition, groups: Iterable<IndicatorResult>): IndicatorResult {
  const list = [...groups];
  if (list.length === 0) return empty(definition);
  if (definition.dimensions.length === 1) {
    const d = definition.dimensions[0]!;
    const counts = new Map<string, number>();
    let total = 0;
    for (const g of list) {
      total += g.total;
      for (const r of g.rows) counts.set(String(r[d]), (counts.get(String(r[d])) ?? 0) + r.count);
    }
    return oneDimensional(definition, counts, definition.multiValued ? total : undefined);
  }
  const [a, b] = definition.dimensions as [string, string];
  const sums = new Map<string, { d0: string; d1: string | number; n: number }>();
  for (const g of list) {
    for (const r of g.rows) {
      const key = `${r[a]}\u0000${r[b]}`;
      const s = sums.get(key) ?? { d0: String(r[a]), d1: r[b]!, n: 0 };
      s.n += r.count;
      sums.set(key, s);
    }
  }
  return twoDimensional(definition, [...sums.values()]);
}

export type Review = {
  global: IndicatorSet;
  regions: { region: string; results: IndicatorSet }[];
};

/**
 * The annual review: every indicator globally and for each statistical region with cases. Each
 * indicator is one statement grouped by region; counts of cases add up across regions, so the
 * global figure is their sum, while distinct persons do not (a person assisted in two regions is
 * one individual), so person-based indicators (and individuals_vs_counts) get one more statement
 * without the split.
 */
export function computeReview(db: Db, filters: TStatsFilters, scope: StatsScope): Review {
  const global = {} as IndicatorSet;
  const perRegion = new Map<string, IndicatorSet>();
  for (const definition of INDICATORS) {
    const groups = computeGroups(db, definition, filters, scope, true);
    for (const [region, r] of groups) {
      const set = perRegion.get(region) ?? ({} as IndicatorSet);
      set[definition.id] = r;
      perRegion.set(region, set);
    }
    global[definition.id] =
      definition.unit === "persons" || definition.dimensions[0] === "measure"
        ? computeIndicator(db, definition, filters, scope)
        : mergeCaseGroups(definition, groups.values());
  }
  const regions = [...perRegion.entries()]
    .map(([region, results]) => {
      for (const definition of INDICATORS) results[definition.id] ??= empty(definition);
      return { region, results };
    })
    .filter((r) => r.results["assisted.individuals_vs_counts"].total > 0)
    .sort((x, y) => y.results["assisted.individuals_vs_counts"].total - x.results["assisted.individuals_vs_counts"].total);
  return { global, regions };
}

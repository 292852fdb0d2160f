import "server-only";
import type { Db } from "@/db/client";
import type { TStatsFilters } from "@/lib/stats/filters";
import { CATEGORY_PRECEDENCE, NOT_RECORDED, type IndicatorDefinition, type IndicatorResult } from "@/lib/stats/indicators";
import { oneDimensional, twoDimensional } from "./results";
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

/**
 * The reference implementation of every indicator: one SQL statement each (server/stats/sql.ts),
 * the way the definitions in docs/statistics.md read. The application computes statistics in one
 * pass over a covering index instead (compute.ts, case-pass.ts); the tests check that both agree
 * on random data, and the benchmark's hand-written SQL follows these statements.
 */

/** Results keyed by region id; GLOBAL holds the figures over every region. */
export const GLOBAL = "*";
type ByGroup = Map<string, IndicatorResult>;

function groupOf(row: Record<string, unknown>, split: boolean): string {
  return split ? String(row[REGION_KEY]) : GLOBAL;
}

/**
 * Runs one indicator: one SQL statement, optionally split by region (one group per region).
 * Returns a map keyed by region, or by GLOBAL when not split.
 */
export function computeGroupsBySql(db: Db, definition: IndicatorDefinition, filters: TStatsFilters, scope: StatsScope, split: boolean): ByGroup {
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


import "server-only";
import { CATEGORY_PRECEDENCE, NOT_RECORDED, type Dimension, type IndicatorDefinition, type Population } from "@/lib/stats/indicators";
import { categoryRank, DIMENSION_VALUE, inPopulation, type CaseFacts } from "./case-facts";

/** Counts keyed by group (a region id, or GLOBAL), then by the row's dimension values. */
export const GLOBAL = "*";
export type Cell = { values: (string | number)[]; n: number };
export type Tally = {
  cells: Map<string, Map<string, Cell>>;
  /** Multi-valued indicators: the number of distinct cases per group (rows may add up to more). */
  totals: Map<string, number>;
};

type Value = string | number;
type ValueDimension = Exclude<Dimension, "reintegration" | "measure">;

/**
 * How one indicator counts: which population (an index into the pass's populations), which
 * dimension values (indexes into the pass's dimensions), and its tally. Dimension values and
 * population memberships are computed once per case and shared by every indicator.
 */
type Plan = {
  definition: IndicatorDefinition;
  population: number;
  dims: number[];
  kind: "values" | "categories" | "reintegration" | "measure";
  byCategory: boolean;
  tally: Tally;
};

function cellsOf(t: Tally, group: string): Map<string, Cell> {
  let cells = t.cells.get(group);
  if (!cells) {
    cells = new Map();
    t.cells.set(group, cells);
  }
  return cells;
}

function bump(cells: Map<string, Cell>, key: string, values: () => Value[], n: number): void {
  const cell = cells.get(key);
  if (cell) cell.n += n;
  else cells.set(key, { values: values(), n });
}

function addTotal(t: Tally, group: string, n: number): void {
  t.totals.set(group, (t.totals.get(group) ?? 0) + n);
}

/** A case with its dimension values and population memberships, computed once. */
type Prepared = { facts: CaseFacts; values: Value[]; member: boolean[] };

/** Adds the case's row (its dimension values) to `group`. */
function countValues(p: Plan, c: Prepared, group: string, n: number): void {
  const cells = cellsOf(p.tally, group);
  if (p.dims.length === 1) {
    const v = c.values[p.dims[0]!]!;
    bump(cells, String(v), () => [v], n);
  } else {
    const values = p.dims.map((d) => c.values[d]!);
    bump(cells, values.join("\u0000"), () => values, n);
  }
}

/** The rows one case adds to a case-based indicator (one per value for multi-valued ones). */
function countCase(p: Plan, c: Prepared, group: string, n: number): void {
  switch (p.kind) {
    case "values":
      return countValues(p, c, group, n);
    case "categories": {
      const f = c.facts;
      const cells = cellsOf(p.tally, group);
      const flags = [f.victim, f.umc, f.health, f.main];
      flags.forEach((on, i) => on && bump(cells, CATEGORY_PRECEDENCE[i]!, () => [CATEGORY_PRECEDENCE[i]!], n));
      if (!flags.includes(true)) bump(cells, NOT_RECORDED, () => [NOT_RECORDED], n);
      return addTotal(p.tally, group, n);
    }
    case "reintegration": {
      const cells = cellsOf(p.tally, group);
      if (c.facts.reintegration.length === 0) bump(cells, NOT_RECORDED, () => [NOT_RECORDED], n);
      for (const v of c.facts.reintegration) bump(cells, v, () => [v], n);
      return addTotal(p.tally, group, n);
    }
    case "measure":
      return bump(cellsOf(p.tally, group), "cases", () => ["cases"], n);
  }
}

/**
 * The case a person is counted by, among their cases (ordered by registration date and id) in the
 * population: the first registered, or for the category dimension the one with the best-ranked
 * category (then the first registered).
 */
function attributed(p: Plan, cases: readonly Prepared[]): Prepared | undefined {
  let best: Prepared | undefined;
  for (const c of cases) {
    if (!c.member[p.population]) continue;
    if (!p.byCategory) return c;
    if (!best || categoryRank(c.facts) < categoryRank(best.facts)) best = c;
  }
  return best;
}

class Pass {
  readonly plans: Plan[];
  private readonly dimensions: ValueDimension[] = [];
  private readonly populations: Population[] = [];
  private readonly populationKeys: string[] = [];

  constructor(definitions: readonly IndicatorDefinition[]) {
    this.plans = definitions.map((definition) => {
      const first = definition.dimensions[0];
      const kind =
        first === "measure"
          ? "measure"
          : first === "reintegration"
            ? "reintegration"
            : first === "category" && definition.multiValued
              ? "categories"
              : "values";
      return {
        definition,
        population: this.populationIndex(definition.population),
        dims: kind === "values" ? definition.dimensions.map((d) => this.dimensionIndex(d as ValueDimension)) : [],
        kind,
        byCategory: definition.dimensions.includes("category"),
        tally: emptyTally(),
      };
    });
  }

  private dimensionIndex(d: ValueDimension): number {
    const i = this.dimensions.indexOf(d);
    return i >= 0 ? i : this.dimensions.push(d) - 1;
  }

  private populationIndex(p: Population): number {
    const key = JSON.stringify(Object.entries(p).sort());
    const i = this.populationKeys.indexOf(key);
    if (i >= 0) return i;
    this.populations.push(p);
    return this.populationKeys.push(key) - 1;
  }

  prepare(facts: CaseFacts): Prepared {
    return {
      facts,
      values: this.dimensions.map((d) => DIMENSION_VALUE[d](facts)),
      member: this.populations.map((p) => inPopulation(facts, p)),
    };
  }

  tallies(): Map<string, Tally> {
    return new Map(this.plans.map((p) => [p.definition.id, p.tally]));
  }
}

/**
 * Every indicator in one pass over the cases counted (a person's cases adjacent, in registration
 * order). Counts of cases go to the case's region and to GLOBAL; distinct persons are attributed to
 * one case globally and to one case in each region where they have cases, so regional rows sum to
 * the regional totals and global rows to the global totals. Without `byRegion`, GLOBAL only.
 */
export function tallyCases(
  definitions: readonly IndicatorDefinition[],
  cases: readonly CaseFacts[],
  byRegion: boolean,
  samePerson: (a: CaseFacts, b: CaseFacts) => boolean = (a, b) => a.person === b.person,
): Map<string, Tally> {
  const pass = new Pass(definitions);
  const perCase = pass.plans.filter((p) => p.definition.unit === "cases");
  const perPerson = pass.plans.filter((p) => p.definition.unit === "persons");
  const measures = perCase.filter((p) => p.kind === "measure");

  const countPerson = (p: Plan, best: Prepared | undefined, group: string) => {
    if (best) countValues(p, best, group, 1);
  };
  let start = 0;
  while (start < cases.length) {
    const first = cases[start]!;
    let end = start + 1;
    while (end < cases.length && samePerson(first, cases[end]!)) end += 1;
    const group: Prepared[] = [];
    for (let i = start; i < end; i += 1) group.push(pass.prepare(cases[i]!));
    start = end;

    for (const c of group) {
      for (const p of perCase) {
        if (!c.member[p.population]) continue;
        countCase(p, c, GLOBAL, 1);
        if (byRegion) countCase(p, c, c.facts.region, 1);
      }
    }
    const regions = !byRegion ? [] : group.length === 1 ? [group[0]!.facts.region] : [...new Set(group.map((c) => c.facts.region))];
    for (const p of measures) {
      bump(cellsOf(p.tally, GLOBAL), "persons", () => ["persons"], 1);
      for (const r of regions) bump(cellsOf(p.tally, r), "persons", () => ["persons"], 1);
    }
    for (const p of perPerson) {
      const best = attributed(p, group);
      countPerson(p, best, GLOBAL);
      if (regions.length === 1) countPerson(p, best, regions[0]!);
      else for (const r of regions) countPerson(p, attributed(p, group.filter((c) => c.facts.region === r)), r);
    }
  }
  return pass.tallies();
}

export function emptyTally(): Tally {
  return { cells: new Map(), totals: new Map() };
}

/** Adds `sign` times the counts of `from`'s group `group` to each of `into`'s groups `to`. */
export function addTally(into: Tally, from: Tally, group: string, to: readonly string[], sign: 1 | -1 = 1): void {
  const cells = from.cells.get(group);
  const total = from.totals.get(group);
  for (const g of to) {
    if (cells) {
      const target = cellsOf(into, g);
      for (const [key, cell] of cells) bump(target, key, () => cell.values, sign * cell.n);
    }
    if (total !== undefined) addTotal(into, g, sign * total);
  }
}

/** Drops rows counted zero times (after subtracting), and groups left without rows. */
export function pruneTally(t: Tally): void {
  for (const [group, cells] of t.cells) {
    for (const [key, cell] of cells) if (cell.n === 0) cells.delete(key);
    if (cells.size === 0) {
      t.cells.delete(group);
      t.totals.delete(group);
    }
  }
}

/** A tally's counts of one group, as stored (server/stats/partials.ts): rows as [...values, n]. */
export type StoredCounts = { c: (string | number)[][]; t?: number };

export function storeCounts(t: Tally, group: string): StoredCounts {
  const c = [...(t.cells.get(group)?.values() ?? [])].map((cell) => [...cell.values, cell.n]);
  const total = t.totals.get(group);
  return total === undefined ? { c } : { c, t: total };
}

export function loadCounts(stored: StoredCounts, group: string): Tally {
  const t = emptyTally();
  const cells = cellsOf(t, group);
  for (const row of stored.c) {
    const values = row.slice(0, -1);
    cells.set(values.length === 1 ? String(values[0]) : values.join("\u0000"), { values, n: row[row.length - 1] as number });
  }
  if (stored.t !== undefined) t.totals.set(group, stored.t);
  return t;
}

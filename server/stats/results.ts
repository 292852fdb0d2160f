import {
  NOT_RECORDED,
  normaliseRows,
  type IndicatorDefinition,
  type IndicatorId,
  type IndicatorResult,
  type IndicatorRow,
} from "@/lib/stats/indicators";

/** Turning counts into an indicator's result: fixed domains, `not_recorded` last, stable order. */

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

/** One dimension: counts by value; `total` for multi-valued indicators (else the sum of the rows). */
export function oneDimensional(definition: IndicatorDefinition, counts: ReadonlyMap<string, number>, total?: number): IndicatorResult {
  const rows = normaliseRows(definition.dimensions[0]!, counts);
  return result(definition, rows, total ?? rows.reduce((s, r) => s + r.count, 0));
}

type TwoDimensionalCount = { d0: string; d1: string | number; n: number };

/** Two dimensions (a value by year): first values by their total, descending; then the second. */
export function twoDimensional(definition: IndicatorDefinition, raw: readonly TwoDimensionalCount[]): IndicatorResult {
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

/** An indicator with nothing counted. */
export function emptyResult(definition: IndicatorDefinition): IndicatorResult {
  return definition.dimensions.length === 1 ? oneDimensional(definition, new Map(), 0) : result(definition, [], 0);
}

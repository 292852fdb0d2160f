/**
 * Statistical disclosure control of aggregate tables (GUIDE section 5), pure and deterministic.
 *
 * A table is R x C cells with their margins. It is handled as its extended (R+1) x (C'+1) matrix:
 * cells, row totals (only when C > 1), column totals and the grand total. In an additive table each
 * row and column of that matrix is a linear equation (its cells sum to its total): these "lines" are
 * exactly what a reader can use to recompute a hidden cell.
 *
 * Rule (mode "suppress"):
 *   1. primary suppression: every entry (cell or total) with a count from 1 to k-1;
 *   2. complementary suppression: every line with a suppressed entry gets at least a second one
 *      (the smallest non-zero published entry of that line), repeated until stable;
 *   3. an audit (server/stats/lp-audit.ts) computes, by linear programming, the range of values each
 *      suppressed entry can take given everything published; where a range is narrower than k, more
 *      complements are added on that entry's lines (`strengthen`) and the audit runs again. If nothing
 *      more can be suppressed and a range is still narrower than k, the export is refused.
 * Rule (mode "round"): every entry, totals included, rounded to the nearest multiple of the base.
 *
 * Multi-valued tables (a case counted once per value) are not additive: their only relation is that
 * no cell exceeds the total, so they get primary suppression and the audit's bounds.
 */

export type Table = {
  rowLabels: string[];
  colLabels: string[];
  /** cells[r][c] */
  cells: number[][];
  /** Rows and columns sum to their totals. False for multi-valued breakdowns. */
  additive: boolean;
  /** For non-additive tables: the number of distinct units (cannot be derived from the cells). */
  grandTotal?: number;
};

/** Position in the extended matrix: r === rows means the totals row, c === cols the totals column. */
export type Pos = readonly [number, number];

export type Extended = {
  rows: number;
  /** Number of cell columns. */
  cols: number;
  /** Whether a totals column exists (only for C > 1). */
  rowTotals: boolean;
  /** values[r][c] over (rows+1) x (cols + (rowTotals ? 1 : 0)) */
  values: number[][];
};

export type Line = { members: Pos[]; total: Pos };

export function extend(table: Table): Extended {
  const rows = table.cells.length;
  const cols = table.colLabels.length;
  const rowTotals = cols > 1;
  const values: number[][] = table.cells.map((row) => {
    const copy = [...row];
    if (rowTotals) copy.push(row.reduce((s, v) => s + v, 0));
    return copy;
  });
  const totals: number[] = [];
  for (let c = 0; c < cols; c++) totals.push(table.cells.reduce((s, row) => s + (row[c] ?? 0), 0));
  const grand = table.additive ? totals.reduce((s, v) => s + v, 0) : (table.grandTotal ?? 0);
  if (rowTotals) totals.push(grand);
  else if (!table.additive) totals[0] = grand;
  values.push(totals);
  return { rows, cols, rowTotals, values };
}

/** The grand total's position. */
export function grandPos(e: Extended): Pos {
  return [e.rows, e.rowTotals ? e.cols : 0];
}

/** The additive relations of a table (none for a non-additive one). */
export function linesOf(e: Extended, additive: boolean): Line[] {
  if (!additive) return [];
  const lines: Line[] = [];
  const width = e.cols + (e.rowTotals ? 1 : 0);
  const colsWithTotal = e.rowTotals ? e.cols : 0; // index of the totals column, if any
  // Each row of cells (and the totals row) sums to its row total.
  if (e.rowTotals) {
    for (let r = 0; r <= e.rows; r++) {
      const members: Pos[] = [];
      for (let c = 0; c < e.cols; c++) members.push([r, c]);
      lines.push({ members, total: [r, colsWithTotal] });
    }
  }
  // Each column (and the totals column) sums to its column total.
  for (let c = 0; c < width; c++) {
    const members: Pos[] = [];
    for (let r = 0; r < e.rows; r++) members.push([r, c]);
    lines.push({ members, total: [e.rows, c] });
  }
  return lines;
}

export type Suppression = boolean[][];

function emptyMask(e: Extended): Suppression {
  return e.values.map((row) => row.map(() => false));
}

const isSensitive = (v: number, k: number) => v >= 1 && v < k;

/** Step 1: entries from 1 to k-1. */
export function primarySuppression(e: Extended, k: number): Suppression {
  return e.values.map((row) => row.map((v) => isSensitive(v, k)));
}

function entriesOf(line: Line): Pos[] {
  return [...line.members, line.total];
}

/**
 * The entry to hide next to protect `line`: the smallest non-zero published cell, else the line's
 * total, else a published zero. Smallest first keeps the information lost low.
 */
function complementFor(e: Extended, mask: Suppression, line: Line, avoid?: Pos): Pos | null {
  const open = (p: Pos) => !mask[p[0]]![p[1]] && !(avoid && avoid[0] === p[0] && avoid[1] === p[1]);
  const cells = line.members.filter(open).sort((a, b) => e.values[a[0]]![a[1]]! - e.values[b[0]]![b[1]]! || a[0] - b[0] || a[1] - b[1]);
  const nonZero = cells.find((p) => e.values[p[0]]![p[1]]! > 0);
  if (nonZero) return nonZero;
  if (open(line.total)) return line.total;
  return cells[0] ?? null;
}

/** Step 2: until stable, every line with exactly one suppressed entry gets a second one. */
export function complementarySuppression(e: Extended, mask: Suppression, lines: Line[]): Suppression {
  const out = mask.map((row) => [...row]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = entriesOf(line).filter((p) => out[p[0]]![p[1]]).length;
      if (hidden === 1) {
        const p = complementFor(e, out, line);
        if (p) {
          out[p[0]]![p[1]] = true;
          changed = true;
        }
      }
    }
  }
  return out;
}

/**
 * Step 3 helper: `weak` entries have a feasible range narrower than k; hide one more entry on each
 * of their lines (or, for a table without lines, the grand total). Returns false if nothing could be
 * added (the export must then be refused).
 */
export function strengthen(e: Extended, mask: Suppression, lines: Line[], weak: readonly Pos[]): boolean {
  let added = false;
  // One more entry per line per round: weak entries often share a line, and the audit decides
  // after each round whether more is needed.
  const touched = new Set<Line>();
  for (const w of weak) {
    const own = lines.filter((l) => entriesOf(l).some((p) => p[0] === w[0] && p[1] === w[1]));
    for (const line of own) {
      if (touched.has(line)) continue;
      touched.add(line);
      const p = complementFor(e, mask, line);
      if (p) {
        mask[p[0]]![p[1]] = true;
        added = true;
      }
    }
    if (own.length === 0) {
      const g = grandPos(e);
      if (!mask[g[0]]![g[1]]) {
        mask[g[0]]![g[1]] = true;
        added = true;
      }
    }
  }
  if (added) {
    const again = complementarySuppression(e, mask, lines);
    for (let r = 0; r < mask.length; r++) mask[r] = again[r]!;
  }
  return added;
}

/** Steps 1 and 2. */
export function initialSuppression(table: Table, k: number): { extended: Extended; lines: Line[]; mask: Suppression } {
  const extended = extend(table);
  const lines = linesOf(extended, table.additive);
  const mask = complementarySuppression(extended, primarySuppression(extended, k), lines);
  return { extended, lines, mask };
}

export function suppressedPositions(mask: Suppression): Pos[] {
  const out: Pos[] = [];
  mask.forEach((row, r) => row.forEach((hidden, c) => hidden && out.push([r, c])));
  return out;
}

/** Round half up to the nearest multiple of `base`. */
export function roundToBase(value: number, base: number): number {
  return Math.floor(value / base + 0.5) * base;
}

export function roundTable(e: Extended, base: number): number[][] {
  return e.values.map((row) => row.map((v) => roundToBase(v, base)));
}

/** Marker printed in place of a suppressed value. */
export const SUPPRESSED = "x";

export { emptyMask };

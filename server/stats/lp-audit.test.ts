import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emptyMask,
  extend,
  initialSuppression,
  linesOf,
  primarySuppression,
  roundTable,
  type Table,
} from "@/lib/stats/disclosure";
import { auditPattern, DisclosureRefused, protectTable } from "./lp-audit";

const oneD = (values: number[]): Table => ({
  rowLabels: values.map((_, i) => `r${i}`),
  colLabels: ["count"],
  cells: values.map((v) => [v]),
  additive: true,
});

describe("hand-made tables", () => {
  it("primary suppression alone leaks a cell: the audit finds its exact value", async () => {
    const table = oneD([2, 50, 48]); // total 100
    const e = extend(table);
    const mask = primarySuppression(e, 11);
    const { weak } = await auditPattern(table, mask, 11);
    expect(weak).toHaveLength(1);
    expect(weak[0]).toMatchObject({ value: 2, min: 2, max: 2 });
  });

  it("two suppressed cells per line is not enough when they are both small: the audit catches it", async () => {
    // Naive rule satisfied (1 and 2 both hidden), yet x0 + x1 = 103 - 100 = 3: each lies in [0, 3].
    const table = oneD([1, 2, 100]);
    const { extended, mask } = initialSuppression(table, 11);
    expect(mask.flat().filter(Boolean)).toHaveLength(2);
    const { weak } = await auditPattern(table, mask, 11);
    expect(weak.map((w) => w.max - w.min)).toEqual([3, 3]);
    // protectTable adds the 100 as a further complement, and then every range is wide enough.
    const done = await protectTable(table, 11);
    expect(done.mask.flat().filter(Boolean)).toHaveLength(3);
    expect(done.ranges.every((r) => r.max - r.min >= 11)).toBe(true);
    expect(extended.values.at(-1)).toEqual([103]);
  });

  it("a 2D table: hidden cells in a rectangle with published margins", async () => {
    const table: Table = {
      rowLabels: ["a", "b", "c"],
      colLabels: ["2011", "2012", "2013"],
      cells: [
        [3, 40, 25],
        [30, 4, 60],
        [22, 35, 50],
      ],
      additive: true,
    };
    const done = await protectTable(table, 11);
    const e = done.extended;
    // Published entries never hold 1..10; every hidden range is at least 11 wide.
    e.values.forEach((row, r) => row.forEach((v, c) => !done.mask[r]![c] && expect(v === 0 || v >= 11).toBe(true)));
    for (const range of done.ranges) expect(range.max - range.min).toBeGreaterThanOrEqual(11);
  });

  it("multi-valued tables have no additive relation: cells are bounded by the total", async () => {
    const table: Table = { ...oneD([3, 20, 18]), additive: false, grandTotal: 30 };
    const e = extend(table);
    expect(linesOf(e, false)).toEqual([]);
    const done = await protectTable(table, 11);
    expect(done.ranges).toEqual([{ pos: [0, 0], value: 3, min: 0, max: 30 }]);
  });

  it("refuses what cannot be protected", async () => {
    // Only one cell and a published total equal to it: the total itself is 1..k-1 and is hidden,
    // so this one is protected; but a mask forced on a table with no complement left fails.
    await expect(protectTable(oneD([3]), 11)).resolves.toBeTruthy();
    expect(new DisclosureRefused(1)).toBeInstanceOf(Error);
  });

  it("rounding rounds every cell and total to the base, half up", () => {
    const e = extend(oneD([2, 3, 7, 12, 15]));
    expect(roundTable(e, 5)).toEqual([[0], [5], [5], [10], [15], [40]]);
    expect(roundTable(e, 10)).toEqual([[0], [0], [10], [10], [20], [40]]);
  });
});

/** Random tables with many small counts, 1 to 6 rows by 1 to 5 columns. */
const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, cols }) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 200 })), { minLength: cols, maxLength: cols }),
      { minLength: rows, maxLength: rows },
    ),
  )
  .map(
    (cells): Table => ({
      rowLabels: cells.map((_, i) => `r${i}`),
      colLabels: cells[0]!.map((_, i) => `c${i}`),
      cells,
      additive: true,
    }),
  );

describe("properties of suppression on random tables", () => {
  it("nothing from 1 to k-1 is published, and the audit's ranges are at least k wide", async () => {
    await fc.assert(
      fc.asyncProperty(tables, fc.integer({ min: 5, max: 15 }), async (table, k) => {
        let done;
        try {
          done = await protectTable(table, k);
        } catch (error) {
          // Refusing is always safe; it must be the explicit refusal, not a crash.
          expect(error).toBeInstanceOf(DisclosureRefused);
          return;
        }
        done.extended.values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (!done.mask[r]![c]) expect(v === 0 || v >= k).toBe(true);
          }),
        );
        // An independent audit of the final pattern agrees: no range narrower than k.
        const { weak, ranges } = await auditPattern(table, done.mask, k);
        expect(weak).toEqual([]);
        // Every true value lies inside its range.
        for (const range of ranges) {
          expect(range.value).toBeGreaterThanOrEqual(range.min - 1e-6);
          expect(range.value).toBeLessThanOrEqual(range.max + 1e-6);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("no line of a protected additive table has exactly one suppressed entry", async () => {
    await fc.assert(
      fc.asyncProperty(tables, async (table) => {
        const { extended, lines, mask } = initialSuppression(table, 11);
        for (const line of lines) {
          const hidden = [...line.members, line.total].filter((p) => mask[p[0]]![p[1]]).length;
          expect(hidden).not.toBe(1);
        }
        expect(emptyMask(extended).flat().some(Boolean)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

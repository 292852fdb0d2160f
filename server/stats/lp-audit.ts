import "server-only";
import {
  grandPos,
  initialSuppression,
  strengthen,
  suppressedPositions,
  type Extended,
  type Line,
  type Pos,
  type Suppression,
  type Table,
} from "@/lib/stats/disclosure";

/**
 * The disclosure audit: for every suppressed entry, the smallest and largest value consistent with
 * everything published (the table's additive relations, non-negative counts, no entry above a
 * published grand total), by linear programming with GLPK (glpk.js, the GNU Linear Programming Kit
 * compiled to WebAssembly). An entry whose range is narrower than k could be estimated too closely.
 */

type GlpkModule = typeof import("glpk.js/node");
type Glpk = Awaited<ReturnType<GlpkModule["default"]>>;
let glpk: Promise<Glpk> | undefined;

function solver(): Promise<Glpk> {
  // Loaded at run time from node_modules (the .wasm file sits next to it), not bundled.
  glpk ??= (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "glpk.js/node") as Promise<GlpkModule>).then((m) =>
    m.default(),
  );
  return glpk;
}

/** Upper bound of an entry when no grand total is published: effectively unbounded. */
const UNBOUNDED = 1e9;

export type Range = { pos: Pos; value: number; min: number; max: number };

const key = (p: Pos) => `e${p[0]}_${p[1]}`;

/** Feasible range of every suppressed entry given the published ones. */
export async function feasibleRanges(e: Extended, lines: Line[], mask: Suppression): Promise<Range[]> {
  const hidden = suppressedPositions(mask);
  if (hidden.length === 0) return [];
  const g = await solver();
  const isHidden = (p: Pos) => mask[p[0]]![p[1]]!;
  const value = (p: Pos) => e.values[p[0]]![p[1]]!;
  const grand = grandPos(e);
  const upper = isHidden(grand) ? UNBOUNDED : value(grand);

  // Each line: sum(hidden members) - (hidden total) = published total - sum(published members).
  const subjectTo = lines
    .map((line, i) => {
      const vars = line.members.filter(isHidden).map((p) => ({ name: key(p), coef: 1 }));
      let rhs = -line.members.filter((p) => !isHidden(p)).reduce((s, p) => s + value(p), 0);
      if (isHidden(line.total)) vars.push({ name: key(line.total), coef: -1 });
      else rhs += value(line.total);
      return { name: `l${i}`, vars, bnds: { type: g.GLP_FX, lb: rhs, ub: rhs } };
    })
    .filter((c) => c.vars.length > 0);
  const bounds = hidden.map((p) => ({ name: key(p), type: g.GLP_DB, lb: 0, ub: upper }));

  const solve = (p: Pos, direction: number): number => {
    const out = g.solve(
      {
        name: "audit",
        objective: { direction, name: "z", vars: [{ name: key(p), coef: 1 }] },
        subjectTo: subjectTo.length ? subjectTo : [{ name: "none", vars: [{ name: key(p), coef: 1 }], bnds: { type: g.GLP_DB, lb: 0, ub: upper } }],
        bounds,
      },
      { msglev: g.GLP_MSG_OFF },
    );
    if (out.result.status !== g.GLP_OPT && out.result.status !== g.GLP_FEAS) {
      // The published figures are consistent by construction; anything else is a bug: fail closed.
      throw new Error("disclosure audit: linear program not solved");
    }
    return out.result.z;
  };
  return hidden.map((p) => ({ pos: p, value: value(p), min: solve(p, g.GLP_MIN), max: solve(p, g.GLP_MAX) }));
}

/** Entries whose feasible range is narrower than k. */
export function weakRanges(ranges: readonly Range[], k: number): Range[] {
  // A tolerance for floating point: ranges are whole numbers in exact arithmetic.
  return ranges.filter((r) => r.max - r.min < k - 1e-6);
}

export type Protected = {
  extended: Extended;
  mask: Suppression;
  ranges: Range[];
  /** How many entries were suppressed (primary and complementary). */
  suppressed: number;
  /** Rounds of strengthening after the first audit. */
  rounds: number;
};

export class DisclosureRefused extends Error {
  constructor(readonly weak: number) {
    super("disclosure audit failed: a suppressed value could be estimated too closely");
    this.name = "DisclosureRefused";
  }
}

/**
 * Suppression for export: primary and complementary suppression, then the audit, strengthening until
 * every suppressed entry's range is at least k wide. Throws DisclosureRefused if that cannot be
 * reached. The returned ranges are the final audit's, for the record.
 */
export async function protectTable(table: Table, k: number): Promise<Protected> {
  const { extended, lines, mask } = initialSuppression(table, k);
  for (let round = 0; ; round++) {
    const ranges = await feasibleRanges(extended, lines, mask);
    const weak = weakRanges(ranges, k);
    if (weak.length === 0) {
      return { extended, mask, ranges, suppressed: ranges.length, rounds: round };
    }
    if (!strengthen(extended, mask, lines, weak.map((w) => w.pos)) || round > 200) {
      throw new DisclosureRefused(weak.length);
    }
  }
}

/** The audit alone, on a given suppression pattern (tests, and re-checking a pattern). */
export async function auditPattern(table: Table, mask: Suppression, k: number): Promise<{ ranges: Range[]; weak: Range[] }> {
  const { extended, lines } = initialSuppression(table, k);
  const ranges = await feasibleRanges(extended, lines, mask);
  return { ranges, weak: weakRanges(ranges, k) };
}

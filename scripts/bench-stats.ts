/**
 * Benchmark of the statistics: the whole annual review (every indicator, globally and per region)
 * and every indicator on its own, on synthetic databases of N cases.
 *
 *     npx tsx --conditions=react-server scripts/bench-stats.ts [N ...]     (default: 10000 100000)
 *
 * Each size gets a fresh database file in the temp folder (migrated, then seeded with
 * seedSyntheticCases, seed 2012, years 2008-2012), removed afterwards. Times are the median of
 * several runs after one warm-up run. Results go to stdout as Markdown rows for docs/PERFORMANCE.md.
 * Keys are random (synthetic data only).
 */
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyTestEnv } from "../server/testing/env-setup";

applyTestEnv();

async function main() {
  const { migrateDatabase, openDatabase } = await import("../db/client");
  const { seedSyntheticCases } = await import("../server/seed/synthetic-cases");
  const { computeAll, computeIndicator, computeReview } = await import("../server/stats/compute");
  const { INDICATORS } = await import("../lib/stats/indicators");
  const { protectResults } = await import("../server/stats/export");

  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const filters = { yearFrom: 2012, yearTo: 2012 };
  const scope = { kind: "all" } as const;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const time = (runs: number, fn: () => unknown) => {
    fn();
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      out.push(performance.now() - t0);
    }
    return median(out);
  };

  console.log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"} x ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log("| cases | persons | seed time | review 2012 (all indicators, global + regions) | all indicators, global only | slowest indicator | export of all tables (suppression + LP audit) |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|");
  for (const n of sizes.length ? sizes : [10_000, 100_000]) {
    const file = path.join(os.tmpdir(), `passage-bench-stats-${process.pid}-${n}.db`);
    rmSync(file, { force: true });
    const db = openDatabase(file);
    migrateDatabase(db);
    const seeded = seedSyntheticCases(db, { count: n, seed: 2012 });
    db.$client.pragma("optimize");
    const runs = n >= 100_000 ? 5 : 9;
    const review = time(runs, () => computeReview(db, filters, scope));
    const all = time(runs, () => computeAll(db, filters, scope));
    let slowest = { id: "", ms: 0 };
    for (const definition of INDICATORS) {
      const ms = time(3, () => computeIndicator(db, definition, filters, scope));
      if (ms > slowest.ms) slowest = { id: definition.id, ms };
    }
    const results = computeAll(db, filters, scope);
    const t0 = performance.now();
    const tables = await protectResults(results, filters, { mode: "suppress", k: 11 });
    const exportMs = performance.now() - t0;
    const suppressed = tables.reduce((s, t) => s + t.suppressed, 0);
    console.log(
      `| ${n.toLocaleString("en")} | ${seeded.persons.toLocaleString("en")} | ${(seeded.ms / 1000).toFixed(1)} s | ${review.toFixed(0)} ms | ${all.toFixed(0)} ms | ${slowest.id} ${slowest.ms.toFixed(0)} ms | ${exportMs.toFixed(0)} ms (${suppressed} cells suppressed) |`,
    );
    db.$client.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

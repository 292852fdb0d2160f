/**
 * `npm test`: every check, in order, continuing after a failure, then one summary.
 *
 *   lint       eslint . --max-warnings 0                        1 check
 *   typecheck  tsc --noEmit                                     1 check
 *   unit       vitest run (unit + integration tests)            one per test (vitest JSON report)
 *   build      next build                                       1 check
 *   e2e        playwright test (needs the build)                one per test (Playwright JSON report)
 *
 * A tool that fails without a failing test to show for it (a suite that does not load, a web server
 * that does not start, a missing report) adds one failure, so that nothing fails silently. If the
 * build fails, the end-to-end tests are not run and count as one failure.
 *
 * The last line printed is `N passed, N failed` (with `, N skipped` when some were skipped), alone on
 * its line: CI reads it. The exit code is 1 if anything failed.
 *
 * PASSAGE_TEST_ONLY=lint,typecheck,unit,build,e2e runs a subset (e2e implies build).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const STEPS = ["lint", "typecheck", "unit", "build", "e2e"] as const;
type Step = (typeof STEPS)[number];

type Outcome = {
  step: Step;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note: string;
};

const ROOT = process.cwd();
const RESULTS = path.join(ROOT, "test-results");
const VITEST_JSON = path.join(RESULTS, "vitest.json");
const E2E_JSON = path.join(RESULTS, "e2e-results.json");

function bin(name: string): string {
  return path.join(ROOT, "node_modules", ".bin", name);
}

function banner(text: string): void {
  process.stdout.write(`\n${"=".repeat(78)}\n== ${text}\n${"=".repeat(78)}\n`);
}

/** Runs a command with its output streamed to ours; resolves with its exit code (never rejects). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", (error) => {
      process.stderr.write(`could not run ${command}: ${error.message}\n`);
      resolve(127);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function timed(step: Step, fn: () => Promise<Omit<Outcome, "step" | "seconds">>): Promise<Outcome> {
  banner(step);
  const start = process.hrtime.bigint();
  const result = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { step, seconds, ...result };
}

/** A tool that counts as one check: pass if it exits 0. */
async function single(command: string, args: string[]): Promise<Omit<Outcome, "step" | "seconds">> {
  const code = await run(command, args);
  return code === 0
    ? { passed: 1, failed: 0, skipped: 0, note: "" }
    : { passed: 0, failed: 1, skipped: 0, note: `exit code ${code}` };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function numberAt(value: unknown, ...keys: string[]): number {
  let current: unknown = value;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return 0;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === "number" && Number.isFinite(current) ? current : 0;
}

type VitestFileResult = { status: string; assertionResults: { status: string }[] };

function fileResults(report: unknown): VitestFileResult[] {
  const files = (report as { testResults?: unknown }).testResults;
  if (!Array.isArray(files)) return [];
  return files.map((file: unknown) => {
    const f = (file ?? {}) as { status?: unknown; assertionResults?: unknown };
    const assertions = Array.isArray(f.assertionResults) ? (f.assertionResults as { status?: unknown }[]) : [];
    return {
      status: String(f.status ?? ""),
      assertionResults: assertions.map((a) => ({ status: String(a.status ?? "") })),
    };
  });
}

async function unit(): Promise<Omit<Outcome, "step" | "seconds">> {
  rmSync(VITEST_JSON, { force: true });
  const code = await run(bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${path.relative(ROOT, VITEST_JSON)}`,
  ]);
  const report = readJson(VITEST_JSON);
  if (report === undefined) {
    return { passed: 0, failed: 1, skipped: 0, note: `no report (exit code ${code})` };
  }
  const passed = numberAt(report, "numPassedTests");
  let failed = numberAt(report, "numFailedTests");
  const skipped = numberAt(report, "numPendingTests") + numberAt(report, "numTodoTests");
  const notes: string[] = [];
  // A test file that fails to load has no failed test in it: count it as one failure.
  const brokenFiles = fileResults(report).filter(
    (file) => file.status === "failed" && !file.assertionResults.some((a) => a.status === "failed"),
  ).length;
  if (brokenFiles > 0) {
    failed += brokenFiles;
    notes.push(`${brokenFiles} test file(s) failed to run`);
  }
  if (code !== 0 && failed === 0) {
    // e.g. an unhandled error between tests.
    failed = 1;
    notes.push(`vitest exit code ${code}`);
  }
  return { passed, failed, skipped, note: notes.join("; ") };
}

async function e2e(): Promise<Omit<Outcome, "step" | "seconds">> {
  rmSync(E2E_JSON, { force: true });
  const code = await run(bin("playwright"), ["test"]);
  const report = readJson(E2E_JSON);
  if (report === undefined) {
    return { passed: 0, failed: 1, skipped: 0, note: `no report (exit code ${code})` };
  }
  const expected = numberAt(report, "stats", "expected");
  const flaky = numberAt(report, "stats", "flaky");
  let failed = numberAt(report, "stats", "unexpected");
  const skipped = numberAt(report, "stats", "skipped");
  const notes: string[] = [];
  if (flaky > 0) notes.push(`${flaky} flaky (passed on retry)`);
  if (code !== 0 && failed === 0) {
    // e.g. the web server did not start, no tests were found, or a global error.
    failed = 1;
    const errors = (report as { errors?: unknown }).errors;
    notes.push(Array.isArray(errors) && errors.length > 0 ? `${errors.length} global error(s)` : `exit code ${code}`);
  }
  return { passed: expected + flaky, failed, skipped, note: notes.join("; ") };
}

function selectedSteps(): Set<Step> {
  const raw = process.env.PASSAGE_TEST_ONLY?.trim();
  if (!raw) return new Set(STEPS);
  const wanted = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((s) => !(STEPS as readonly string[]).includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`PASSAGE_TEST_ONLY: unknown step(s) ${unknown.join(", ")}; known: ${STEPS.join(", ")}\n`);
    process.exit(2);
  }
  const steps = new Set(wanted as Step[]);
  if (steps.has("e2e")) steps.add("build");
  return steps;
}

function printSummary(outcomes: Outcome[]): { passed: number; failed: number; skipped: number } {
  const rows = outcomes.map((o) => [
    o.step,
    String(o.passed),
    String(o.failed),
    String(o.skipped),
    `${o.seconds.toFixed(1)}s`,
    o.failed > 0 ? `FAIL${o.note ? `: ${o.note}` : ""}` : `ok${o.note ? `: ${o.note}` : ""}`,
  ]);
  const header = ["step", "passed", "failed", "skipped", "time", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  banner("summary");
  process.stdout.write(`${line(header).trimEnd()}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const row of rows) process.stdout.write(`${line(row).trimEnd()}\n`);
  return outcomes.reduce(
    (sum, o) => ({ passed: sum.passed + o.passed, failed: sum.failed + o.failed, skipped: sum.skipped + o.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

async function main(): Promise<number> {
  const steps = selectedSteps();
  mkdirSync(RESULTS, { recursive: true });
  const outcomes: Outcome[] = [];

  if (steps.has("lint")) outcomes.push(await timed("lint", () => single(bin("eslint"), [".", "--max-warnings", "0"])));
  if (steps.has("typecheck")) outcomes.push(await timed("typecheck", () => single(bin("tsc"), ["--noEmit"])));
  if (steps.has("unit")) outcomes.push(await timed("unit", unit));

  let built = true;
  if (steps.has("build")) {
    const build = await timed("build", () => single(bin("next"), ["build"]));
    built = build.failed === 0;
    outcomes.push(build);
  }
  if (steps.has("e2e")) {
    if (built && existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
      outcomes.push(await timed("e2e", e2e));
    } else {
      banner("e2e");
      process.stdout.write("Skipped: the build failed, so the end-to-end tests cannot run.\n");
      outcomes.push({ step: "e2e", passed: 0, failed: 1, skipped: 0, seconds: 0, note: "not run: build failed" });
    }
  }

  const total = printSummary(outcomes);
  process.stdout.write(
    `\n${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ""}\n`,
  );
  return total.failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`test-all crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.stdout.write("0 passed, 1 failed\n");
    process.exitCode = 1;
  },
);

/**
 * `npm run bench [-- N ...] [--only import,stats,http]` (sizes also from BENCH_SIZES, default
 * 10000,100000; the issue's sizes are 10000 100000 1000000). Issue 7's benchmarks, on synthetic
 * data (seedSyntheticCases, seed 2012, years 2008-2012), one temporary folder per run:
 *
 *   import  export every office to one interchange CSV, then import it (validation + commit) into a
 *           database with the same offices, against inserting the same rows raw with better-sqlite3
 *           (one transaction, prepared statements, rows parsed and codes drawn beforehand);
 *   stats   the whole annual review of the last year (computeReview: every indicator, by region and
 *           globally) and the slowest single indicator, against the same aggregates written by hand
 *           in scripts/bench/review.sql and run in the sqlite3 shell;
 *   http    `next start` (the build in NEXT_DIST_DIR, default .next) on the seeded database, a
 *           supervisor signed in, 16 concurrent clients (autocannon) on the case list (first page of
 *           the office's cases) and on search by case code; latency p50/p95/p99, server RSS (the
 *           server's processes, peak), and the first-load JavaScript of a case page.
 *
 * Prints Markdown tables for docs/PERFORMANCE.md. Keys are random; nothing here touches ./data/.
 * Benchmarks are scripts: nothing asserts a time.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { applyTestEnv } from "../../server/testing/env-setup";
import { signIn } from "../lib/http-client";
import { withServerHeap } from "../server-heap";

applyTestEnv();

const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith("--only="))?.slice(7) ?? (args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined);
const ONLY = new Set((onlyArg ?? "import,stats,http").split(","));
const SIZES = (args.filter((a) => /^\d+$/.test(a)).map(Number).length
  ? args.filter((a) => /^\d+$/.test(a)).map(Number)
  : (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number)
).filter((n) => n > 0);
const YEAR = 2012;
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const ms = (n: number) => `${fmt(n)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const out: Record<string, string[]> = { import: [], stats: [], http: [] };

async function main() {
  const { migrateDatabase, openDatabase } = await import("../../db/client");
  const { seedSyntheticCases } = await import("../../server/seed/synthetic-cases");
  const { exportCsv } = await import("../../server/interchange/export-cases");
  const { validateImport, commitImport, discardValidated, IMPORT_CACHE_KIB } = await import("../../server/interchange/import-cases");
  const { CLI_LIMITS, parseInWorker } = await import("../../server/interchange/parse-in-worker");
  const { plainFileSource } = await import("../../server/interchange/temp-files");
  const { caseValuesCopy } = await import("../../db/queries/interchange");
  const { blindIndexes } = await import("../../server/crypto/blind-index");
  const { blindIndexKey, vaultKeys } = await import("../../server/crypto/keys");
  const { sealJson } = await import("../../server/crypto/vault");
  const { vaultIdentity } = await import("../../lib/interchange/identity");
  const { parseRow } = await import("../../lib/interchange/format");
  const { makeOffice } = await import("../../server/testing/factories");
  const { makeUser, insertUserWithPassword } = await loadFixtures();
  const { computeIndicator, computeReview } = await import("../../server/stats/compute");
  const { INDICATORS } = await import("../../lib/stats/indicators");
  type Db = ReturnType<typeof openDatabase>;

  const dir = mkdtempSync(path.join(os.tmpdir(), "passage-bench-"));
  console.log(
    `Machine: ${os.cpus()[0]?.model ?? "unknown CPU"} x ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
  );
  try {
    for (const n of SIZES) {
      const sourceFile = path.join(dir, `source-${n}.db`);
      const source = openDatabase(sourceFile);
      migrateDatabase(source);
      const t = performance.now();
      const seeded = seedSyntheticCases(source, { count: n, seed: 2012 });
      source.$client.pragma("optimize");
      console.error(`[${n}] seeded ${seeded.cases} cases, ${seeded.persons} persons in ${ms(performance.now() - t)}`);
      const offices = source.$client.prepare("SELECT id, code, country_iso2 AS country FROM offices ORDER BY id").all() as { id: number; code: string; country: string }[];

      const target = (name: string): Db => {
        const db = openDatabase(path.join(dir, `${name}-${n}.db`));
        migrateDatabase(db);
        for (const o of offices) makeUser(db, { role: "supervisor", officeIds: [makeOffice(db, { code: o.code, countryIso2: o.country }).id] });
        return db;
      };

      if (ONLY.has("import")) {
        for (const withIdentity of n <= 100_000 ? [false, true] : [false]) {
          const csv = path.join(dir, `cases-${n}-${withIdentity ? "identity" : "plain"}.csv`);
          const fd = openSync(csv, "w");
          for (const piece of exportCsv(source, { officeIds: offices.map((o) => o.id), withIdentity })) writeSync(fd, piece);
          closeSync(fd);

          const db = target(withIdentity ? "import-identity" : "import");
          let peak = process.memoryUsage().rss;
          const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
          const cpu0 = process.cpuUsage();
          const t0 = performance.now();
          const validated = await validateImport(db, csv, { actor: { kind: "cli" } });
          const t1 = performance.now();
          if (validated.report.errorCount > 0) throw new Error(`bench file has problems: ${JSON.stringify(validated.report.errors.slice(0, 3))}`);
          const result = commitImport(db, validated, { actor: { kind: "cli" } });
          const t2 = performance.now();
          const cpu = process.cpuUsage(cpu0);
          clearInterval(sampler);
          peak = Math.max(peak, process.memoryUsage().rss);
          discardValidated(validated);
          if (result.cases !== n) throw new Error(`imported ${result.cases} of ${n}`);
          console.error(`[${n}] import${withIdentity ? " with identity" : ""}: validation ${ms(t1 - t0)}, commit ${ms(t2 - t1)}, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, peak RSS ${mb(peak)}`);
          db.$client.close();

          // Raw: the same rows, parsed and with codes drawn beforehand, inserted in one transaction.
          const parsed: NonNullable<ReturnType<typeof parseRow> & { ok: true }>["value"][] = [];
          let header: string[] | null = null;
          const file = plainFileSource(csv);
          await parseInWorker(file, {
            format: "csv",
            limits: CLI_LIMITS,
            onRows: (rows) => {
              for (const r of rows) {
                if (!header) header = r.cells;
                else {
                  const p = parseRow(Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ""])), r.row);
                  if (!p.ok) throw new Error("unparseable bench row");
                  parsed.push(p.value);
                }
              }
              return true;
            },
          });
          file.close();
          // Random codes as the import draws them (40 bits), distinct (a million draws do collide).
          const drawn = new Set<string>();
          while (drawn.size < 2 * parsed.length) drawn.add(randomBytes(5).toString("hex").toUpperCase());
          const codes = [...drawn].map((c, i) => `${i % 2 ? "C" : "P"}-${c}`);
          drawn.clear();
          const raw = target(withIdentity ? "raw-identity" : "raw");
          raw.$client.pragma(`cache_size = -${IMPORT_CACHE_KIB}`); // as the import's commit

          const officeIds = new Map((raw.$client.prepare("SELECT id, code FROM offices").all() as { id: number; code: string }[]).map((o) => [o.code, o.id]));
          const ownerId = Number(raw.$client.prepare("SELECT id FROM users LIMIT 1").pluck().get());
          const insertPerson = raw.$client.prepare(
            "INSERT INTO persons (code, sex, birth_year, citizenship, other_citizenships, blind_index, blind_index_names, external_id, registered_office_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          );
          const insertIdentity = raw.$client.prepare("INSERT INTO identities (person_id, key_id, iv, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)");
          // The same rows means the same bytes: identities sealed and blind indexes computed beforehand.
          const ring = vaultKeys();
          const sealedIdentities = parsed.map((c) => (c.identity ? sealJson(ring, vaultIdentity(c.identity), Buffer.from("bench")) : null));
          const indexes = parsed.map((c) => (c.identity ? blindIndexes(blindIndexKey(), c.identity) : { full: null, names: null }));
          const insertCase = raw.$client.prepare(
            `INSERT INTO cases (code, person_id, office_id, owner_id, status, programme, cat_victim, cat_umc, cat_health, cat_main,
               trafficking_status, funding_source, registered_on, registration_year, sex, age_at_registration, citizenship,
               country_identification, country_exploitation, trafficking_type, forced_labour_sector, recruiter_relationship,
               host_country, return_country, returned_on, external_id, created_at, updated_at, exploitation_types, reintegration_types)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          );
          const insertValue = raw.$client.prepare("INSERT INTO case_values (case_id, kind, value) VALUES (?, ?, ?)");
          const persons = new Map<string, number>();
          const t3 = performance.now();
          raw.$client
            .transaction(() => {
              parsed.forEach((c, i) => {
                const now = Date.now();
                const officeId = officeIds.get(c.officeCode!)!;
                let personId = c.externalPersonId ? persons.get(c.externalPersonId) : undefined;
                if (personId === undefined) {
                  const bi = indexes[i]!;
                  personId = Number(
                    insertPerson.run(codes[2 * i], c.sex, c.birthYear, c.citizenships[0] ?? null, c.citizenships.slice(1).join(";") || null, bi.full ?? bi.names, bi.names, c.externalPersonId, officeId, now)
                      .lastInsertRowid,
                  );
                  const sealed = sealedIdentities[i];
                  if (sealed) insertIdentity.run(personId, sealed.keyId, sealed.iv, sealed.ciphertext, now);
                  if (c.externalPersonId) persons.set(c.externalPersonId, personId);
                }
                const has = (x: string) => (c.categories.includes(x as never) ? 1 : 0);
                const caseId = Number(
                  insertCase.run(
                    codes[2 * i + 1], personId, officeId, ownerId, c.status, c.programme, has("victim"), has("unaccompanied_child"), has("health"), has("main_population"),
                    c.traffickingStatus, c.fundingSource, c.registeredOn, Number(c.registeredOn.slice(0, 4)), c.sex, c.ageAtRegistration, c.citizenships[0] ?? null,
                    c.countryOfIdentification, c.countryOfExploitation, c.traffickingType, c.forcedLabourSector, c.recruiterRelationship,
                    c.hostCountry, c.returnCountry, c.returnedOn, c.externalCaseId, now, now,
                    caseValuesCopy(c.exploitation), caseValuesCopy(c.reintegration),
                  ).lastInsertRowid,
                );
                for (const v of c.exploitation) insertValue.run(caseId, "exploitation", v);
                for (const v of c.control) insertValue.run(caseId, "control", v);
                for (const v of c.sexExploitation) insertValue.run(caseId, "sex_exploitation", v);
                for (const v of c.reintegration) insertValue.run(caseId, "reintegration", v);
                for (const v of c.transit) insertValue.run(caseId, "transit", v);
              });
            })
            .immediate();
          const t4 = performance.now();
          raw.$client.close();
          parsed.length = 0;
          const rate = n / ((t2 - t0) / 1000);
          const rawRate = n / ((t4 - t3) / 1000);
          out.import!.push(
            `| ${fmt(n)} | ${mb(statSync(csv).size)} | ${withIdentity ? "yes" : "no"} | ${ms(t1 - t0)} | ${ms(t2 - t1)} | ${((t2 - t0) / 1000).toFixed(1)} s: **${fmt(rate)} rows/s** | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s | ${fmt(rawRate)} rows/s | ${(rate / rawRate).toFixed(2)} | ${mb(peak)} |`,
          );
          console.error(`[${n}] ${out.import!.at(-1)}`);
          rmSync(csv, { force: true });
        }
      }

      if (ONLY.has("stats")) {
        const filters = { yearFrom: YEAR, yearTo: YEAR };
        const scope = { kind: "all" } as const;
        const runs = n >= 1_000_000 ? 3 : 5;
        // The first review after seeding counts every partial (every year and office) from the cases.
        let t0 = performance.now();
        computeReview(source, filters, scope);
        const cold = performance.now() - t0;
        const reviewTimes: number[] = [];
        for (let i = 0; i < runs; i++) {
          t0 = performance.now();
          computeReview(source, filters, scope);
          reviewTimes.push(performance.now() - t0);
        }
        // One case of the year changes (its triggers delete one partial): the next review recounts it.
        source.$client
          .prepare("UPDATE cases SET programme = CASE programme WHEN 'avrr' THEN 'para' ELSE 'avrr' END WHERE id = (SELECT max(id) FROM cases WHERE registration_year = ?)")
          .run(YEAR);
        t0 = performance.now();
        computeReview(source, filters, scope);
        const afterChange = performance.now() - t0;
        let slowest = { id: "", ms: 0 };
        for (const definition of INDICATORS) {
          const times: number[] = [];
          for (let i = 0; i < (n >= 1_000_000 ? 1 : 3); i++) {
            const t0 = performance.now();
            computeIndicator(source, definition, filters, scope);
            times.push(performance.now() - t0);
          }
          if (median(times) > slowest.ms) slowest = { id: definition.id, ms: median(times) };
        }
        source.$client.pragma("wal_checkpoint(TRUNCATE)");
        const hand = handSqlTimes(sourceFile);
        const handSlowest = hand.byIndicator.get(`${slowest.id} (global)`) ?? hand.byIndicator.get(slowest.id) ?? NaN;
        out.stats!.push(
          `| ${fmt(n)} | ${fmt(Number(source.$client.prepare("SELECT count(*) FROM cases WHERE registration_year = ?").pluck().get(YEAR)))} | ${ms(median(reviewTimes))} | ${ms(afterChange)} | ${ms(cold)} | ${ms(hand.total)} | ${(median(reviewTimes) / hand.total).toFixed(2)} | ${slowest.id} ${ms(slowest.ms)} | ${ms(handSlowest)} | ${(slowest.ms / handSlowest).toFixed(2)} |`,
        );
        console.error(`[${n}] ${out.stats!.at(-1)}`);
      }

      if (ONLY.has("http")) {
        out.http!.push(await httpBench(source, sourceFile, n, insertUserWithPassword));
        console.error(`[${n}] ${out.http!.at(-1)}`);
      }
      source.$client.close();
      for (const f of readdirSync(dir)) rmSync(path.join(dir, f), { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (out.import!.length) {
    console.log("\n### Import\n");
    console.log("| cases | file | identity columns | validation pass | commit pass | import total | import CPU | raw insert | import / raw | peak RSS |");
    console.log("|---:|---:|:--:|---:|---:|---:|---:|---:|---:|---:|");
    for (const l of out.import!) console.log(l);
  }
  if (out.stats!.length) {
    console.log(`\n### Annual review ${YEAR}\n`);
    console.log("| cases | cases in the year | review (engine) | after one case changed | first review (every partial counted) | review (hand SQL, sqlite3 shell) | engine / hand | slowest indicator (engine) | same, hand SQL | engine / hand |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
    for (const l of out.stats!) console.log(l);
  }
  if (out.http!.length) {
    console.log("\n### Case list and search, 16 concurrent clients\n");
    console.log("| cases | office's cases | case list p50 / p95 / p99 | requests/s | search p50 / p95 / p99 | requests/s | server RSS (peak) | case page first-load JS |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const l of out.http!) console.log(l);
  }
}

async function loadFixtures() {
  const { makeUser } = await import("../../server/testing/sessions");
  const { insertUser } = await import("../../server/testing/factories");
  return {
    makeUser,
    insertUserWithPassword: (db: Parameters<typeof insertUser>[0], officeId: number, password: string) =>
      insertUser(db, { role: "supervisor", officeIds: [officeId], email: `bench-${randomBytes(3).toString("hex")}@bench.invalid`, password }),
  };
}

/** Runs scripts/bench/review.sql in the sqlite3 shell; total and per-indicator real time (ms). */
function handSqlTimes(file: string): { total: number; byIndicator: Map<string, number> } {
  const sqlFile = path.join(__dirname, "review.sql");
  const statements = readFileSync(sqlFile, "utf8").split("\n").filter((l) => l.startsWith("-- ") && /^-- [a-z]+\.[a-z_]+/.test(l)).map((l) => l.slice(3).trim());
  const best = new Map<string, number>();
  let bestTotal = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const run = spawnSync("sqlite3", ["-cmd", "PRAGMA cache_size = -65536", "-cmd", "PRAGMA temp_store = MEMORY", "-cmd", ".parameter init", "-cmd", `.parameter set @year ${YEAR}`, "-cmd", `.parameter set @from ${YEAR - 12}`, "-cmd", ".timer on", file], {
      input: readFileSync(sqlFile),
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });
    if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`);
    const times = [...run.stdout.matchAll(/Run Time: real ([0-9.]+)/g)].map((m) => Number(m[1]) * 1000);
    if (times.length !== statements.length) throw new Error(`sqlite3 timed ${times.length} statements, expected ${statements.length}`);
    const perStatement = times;
    const total = perStatement.reduce((s, x) => s + x, 0);
    if (attempt > 0 && total < bestTotal) {
      bestTotal = total;
      statements.forEach((s, i) => best.set(s, perStatement[i]!));
    }
  }
  return { total: bestTotal, byIndicator: best };
}

type Autocannon = (opts: Record<string, unknown>) => { on: (event: string, fn: (...a: unknown[]) => void) => void } & PromiseLike<{ requests: { average: number }; non2xx: number; errors: number }>;

async function httpBench(
  db: { $client: import("better-sqlite3").Database },
  file: string,
  n: number,
  addUser: (db: never, officeId: number, password: string) => { email: string },
): Promise<string> {
  // The largest office, and a supervisor of it who can sign in.
  const office = db.$client.prepare("SELECT office_id AS id, count(*) AS n FROM cases GROUP BY office_id ORDER BY n DESC LIMIT 1").get() as { id: number; n: number };
  const password = `bench ${randomBytes(8).toString("hex")}`;
  const user = addUser(db as never, office.id, password);
  const caseCodes = db.$client.prepare("SELECT code FROM cases WHERE office_id = ? ORDER BY random() LIMIT 200").pluck().all(office.id) as string[];
  db.$client.pragma("wal_checkpoint(TRUNCATE)");

  const port = 3190 + Math.floor(Math.random() * 8);
  const base = `http://127.0.0.1:${port}`;
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no build in ${distDir}: run NEXT_DIST_DIR=${distDir} npx next build first`);
  const server: ChildProcess = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: withServerHeap({ ...process.env, NODE_ENV: "production", DATABASE_URL: file, NEXTAUTH_URL: base, PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS: "1000", PASSAGE_MFA_ROLES: "none", NEXT_DIST_DIR: distDir }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/login`)).ok) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const cookie = (await signIn(base, user.email, password)).header();
    // autocannon ships no types; the little used here is typed by `Autocannon` above.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const autocannon = require("autocannon") as Autocannon;
    const trpcGet = (input: unknown) => `/api/trpc/cases.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`;

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(server.pid!))), 100);
    const load = async (paths: string[]) => {
      const latencies: number[] = [];
      let i = 0;
      const instance = autocannon({
        url: base,
        connections: 16,
        duration: 10,
        headers: { cookie },
        requests: [{ method: "GET", setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
      });
      instance.on("response", (...a: unknown[]) => latencies.push(a[3] as number));
      const result = await instance;
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
      latencies.sort((a, b) => a - b);
      return { p: [50, 95, 99].map((p) => percentile(latencies, p).toFixed(0)).join(" / "), rps: result.requests.average };
    };
    // Warm-up, then the two loads.
    await load([trpcGet({ limit: 25 })]);
    const list = await load([trpcGet({ limit: 25 })]);
    const search = await load(caseCodes.map((code) => trpcGet({ search: code, limit: 25 })));
    clearInterval(sampler);

    // First-load JavaScript of a case page: every script the page's HTML loads.
    const html = await (await fetch(`${base}/cases/${caseCodes[0]}`, { headers: { cookie } })).text();
    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!))];
    let raw = 0;
    let gz = 0;
    for (const src of scripts) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      raw += body.length;
      gz += gzipSync(body).length;
    }
    return `| ${fmt(n)} | ${fmt(office.n)} | ${list.p} ms | ${fmt(list.rps)} | ${search.p} ms | ${fmt(search.rps)} | ${mb(peakRss)} | ${Math.round(raw / 1024)} kB (${Math.round(gz / 1024)} kB gzipped, ${scripts.length} files) |`;
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

/** RSS of a process and its descendants (kB from /proc, returned in bytes). */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, "utf8"))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // Exited meanwhile.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // Exited meanwhile.
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

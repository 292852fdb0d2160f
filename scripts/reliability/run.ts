/**
 * `npm run reliability -- <check> [options]`: the reliability checks of docs/RELIABILITY.md, run
 * against a production build (`npx next build` first) with synthetic data in a temporary folder.
 *
 *   server-kill  [--runs 200]   writers register cases over HTTP; the server is killed with SIGKILL
 *                               at a random moment; then: integrity check, audit chain, every
 *                               acknowledged registration present.
 *   import-kill  [--runs 200]   a command-line import killed with SIGKILL at a random moment; then:
 *                               integrity check, audit chain, all of the file imported or none.
 *   writers      [--writers 20] [--seconds 30]
 *                               concurrent writers for a while: no busy database, no 5xx.
 *   restore-drill [--runs 10]   `backup` while writers register cases, `restore` into a new file,
 *                               then: integrity check, audit chain (and anchor), every registration
 *                               acknowledged before the backup began present, nothing after it.
 *
 * Each prints one line per run and a summary; the exit code is 1 when any run failed. These are
 * scripts, not tests: they take minutes and need the machine to themselves to mean anything.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { randomBytes, randomInt } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { signIn, startServer, trpcMutation, type Session } from "../lib/http-client";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: "string" }, writers: { type: "string" }, seconds: { type: "string" }, cases: { type: "string" } },
});
const CHECK = positionals[0];
const ROOT = process.cwd();
const DIR = mkdtempSync(path.join(os.tmpdir(), "passage-reliability-"));
const PORT = 3300 + randomInt(0, 90);

/** Fresh keys for this run of the script; nothing here touches ./data/ or a developer's .env. */
const KEYS = {
  NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
  PASSAGE_VAULT_KEYS: `r1:${randomBytes(32).toString("base64")}`,
  PASSAGE_BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
};
// This process opens the databases itself (server/env.ts validates at import): same keys.
Object.assign(process.env, KEYS, { DATABASE_URL: path.join(DIR, "script.db") });
const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS: "100000",
  PASSAGE_MFA_ROLES: "none",
  PASSAGE_ENV_FILE: path.join(DIR, "none.env"),
  NODE_ENV: "production",
};

function cli(database: string, args: string[]): string {
  const result = spawnSync("npm", ["run", "--silent", "passage", "--", ...args], { env: { ...ENV, DATABASE_URL: database }, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`passage ${args.join(" ")} exited with ${result.status ?? result.signal}`);
  return result.stdout;
}

/** Like cli(), without waiting: for a command that runs while the writers write. */
function cliAsync(database: string, args: string[]): Promise<number | null> {
  const child = spawn("npm", ["run", "--silent", "passage", "--", ...args], { env: { ...ENV, DATABASE_URL: database }, stdio: ["ignore", "ignore", "inherit"] });
  return new Promise((resolve) => child.once("exit", resolve));
}

async function database(file: string) {
  const { openDatabase } = await import("../../db/client");
  return openDatabase(file);
}

/** The writers' password; they are synthetic accounts of this script's own databases. */
const WRITER_PASSWORD = `reliability ${randomBytes(8).toString("hex")}`;

/**
 * A migrated database with the demo's offices and data, plus one caseworker per office who signs in
 * with a password only (the server runs with PASSAGE_MFA_ROLES=none: these checks are about
 * durability, and a second factor's codes can be used once per 30 s), as one file (no WAL) to copy.
 */
async function demoTemplate(): Promise<string> {
  const file = path.join(DIR, "template.db");
  cli(file, ["migrate"]);
  cli(file, ["seed", "--demo"]);
  const { insertUser } = await import("../../server/testing/factories");
  const db = await database(file);
  const offices = db.$client.prepare("SELECT id, code FROM offices ORDER BY id").all() as { id: number; code: string }[];
  for (const office of offices) {
    insertUser(db, { role: "caseworker", officeIds: [office.id], email: `writer-${office.code.toLowerCase()}@reliability.invalid`, password: WRITER_PASSWORD });
  }
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  return file;
}

function copyOf(template: string, name: string): string {
  const file = path.join(DIR, `${name}.db`);
  // The copy starts without an audit anchor (the previous run's would not match it).
  for (const suffix of ["", "-wal", "-shm", ".audit-anchor.json"]) rmSync(`${file}${suffix}`, { force: true });
  copyFileSync(template, file);
  return file;
}

type Verdict = { ok: boolean; detail: string };

/**
 * Integrity and audit chain of a database after a crash, its anchor (decision 0024: it may lag the
 * trail by up to a second, or not exist yet if nothing was anchored before the kill, but never point
 * past the trail or at another event), plus a check of what must be in it.
 */
async function inspect(file: string, expect: (db: Awaited<ReturnType<typeof database>>) => Verdict): Promise<Verdict> {
  const { verifyAuditTrail } = await import("../../server/audit/record");
  const { anchorConfigForFile, checkAnchor } = await import("../../server/audit/anchor");
  const db = await database(file);
  try {
    const integrity = db.$client.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return { ok: false, detail: `integrity_check: ${String(integrity)}` };
    const audit = verifyAuditTrail(db);
    if (!audit.ok) return { ok: false, detail: `audit chain broken at ${audit.brokenEventId}: ${audit.reason}` };
    const anchor = checkAnchor(db, anchorConfigForFile(file));
    if (anchor.status !== "ok" && anchor.status !== "missing") return { ok: false, detail: `audit anchor ${anchor.status}` };
    const verdict = expect(db);
    const anchored = anchor.status === "ok" ? `anchor at event ${anchor.seq}` : "no anchor written before the kill";
    return { ok: verdict.ok, detail: `${audit.checked} audit events intact, ${anchored}; ${verdict.detail}` };
  } finally {
    db.$client.close();
  }
}

type Writer = { session: Session; officeId: number };

/** `count` signed-in writers, spread over the template's writer accounts (one per office). */
async function signInWriters(base: string, template: string, count: number): Promise<Writer[]> {
  const db = await database(template);
  const accounts = db.$client
    .prepare("SELECT u.email, o.office_id AS officeId FROM users u JOIN user_offices o ON o.user_id = u.id WHERE u.email LIKE 'writer-%@reliability.invalid' ORDER BY u.id")
    .all() as { email: string; officeId: number }[];
  db.$client.close();
  const writers: Writer[] = [];
  for (let i = 0; i < count; i++) {
    const account = accounts[i % accounts.length]!;
    writers.push({ session: await signIn(base, account.email, WRITER_PASSWORD), officeId: account.officeId });
  }
  return writers;
}

/** A synthetic registration (obviously artificial names). */
function registration(officeId: number) {
  const tag = randomBytes(4).toString("hex");
  return {
    identity: { familyName: `Reliability${tag}`, givenName: "Synthetic", aliases: [], documents: [], nextOfKin: [] },
    person: { sex: "Feminine", otherCitizenships: [] },
    registeredOn: "2026-03-01",
    officeId,
  };
}

type Tally = { acknowledged: string[]; statuses: Map<number, number>; failures: string[] };

/** Each writer registers cases one after another until `until()` says stop. */
async function write(base: string, writers: Writer[], until: () => boolean, tally: Tally = { acknowledged: [], statuses: new Map(), failures: [] }): Promise<Tally> {
  await Promise.all(
    writers.map(async (writer) => {
      while (!until()) {
        try {
          const outcome = await trpcMutation(base, writer.session, "cases.register", registration(writer.officeId));
          tally.statuses.set(outcome.status, (tally.statuses.get(outcome.status) ?? 0) + 1);
          const code = (outcome.data as { caseCode?: string } | null)?.caseCode;
          if (outcome.status === 200 && code) tally.acknowledged.push(code);
          else tally.failures.push(`${outcome.status} ${outcome.errorCode ?? ""}`);
        } catch {
          // The connection died with the server: not acknowledged, so nothing is owed.
          return;
        }
      }
    }),
  );
  return tally;
}

async function serverKill(runs: number): Promise<boolean> {
  const template = await demoTemplate();
  let failed = 0;
  let acknowledgedTotal = 0;
  for (let run = 1; run <= runs; run++) {
    const file = copyOf(template, "server-kill");
    const server = await startServer({ ...ENV, DATABASE_URL: file }, PORT);
    const writers = await signInWriters(server.base, template, 8);
    let stop = false;
    const writing = write(server.base, writers, () => stop);
    await new Promise((r) => setTimeout(r, randomInt(300, 2_500)));
    await server.stop("SIGKILL");
    stop = true;
    const tally = await writing;
    acknowledgedTotal += tally.acknowledged.length;
    const verdict = await inspect(file, (db) => {
      const present = db.$client.prepare("SELECT 1 FROM cases WHERE code = ?").pluck();
      const missing = tally.acknowledged.filter((code) => !present.get(code));
      return { ok: missing.length === 0, detail: `${tally.acknowledged.length} acknowledged registrations, ${missing.length} missing` };
    });
    if (!verdict.ok) failed++;
    console.log(`run ${run}/${runs}: ${verdict.ok ? "ok" : "FAILED"}: ${verdict.detail}`);
  }
  console.log(`\nserver-kill: ${runs - failed} of ${runs} runs intact, ${acknowledgedTotal} acknowledged writes checked.`);
  return failed === 0;
}

/** An interchange CSV of `count` synthetic cases, and a migrated database with the offices it names. */
async function importFixture(count: number): Promise<{ csv: string; template: string }> {
  const { migrateDatabase } = await import("../../db/client");
  const { seedSyntheticCases } = await import("../../server/seed/synthetic-cases");
  const { exportCsv } = await import("../../server/interchange/export-cases");
  const { insertUser, makeOffice } = await import("../../server/testing/factories");
  const source = await database(path.join(DIR, "import-source.db"));
  migrateDatabase(source);
  seedSyntheticCases(source, { count, seed: 2012 });
  const offices = source.$client.prepare("SELECT id, code, country_iso2 AS country FROM offices ORDER BY id").all() as { id: number; code: string; country: string }[];
  const csv = path.join(DIR, "import.csv");
  const fd = openSync(csv, "w");
  for (const piece of exportCsv(source, { officeIds: offices.map((o) => o.id), withIdentity: true })) writeSync(fd, piece);
  closeSync(fd);
  source.$client.close();
  const file = path.join(DIR, "import-template.db");
  const target = await database(file);
  migrateDatabase(target);
  // The command line gives imported cases to each office's first supervisor.
  for (const o of offices) insertUser(target, { role: "supervisor", officeIds: [makeOffice(target, { code: o.code, countryIso2: o.country }).id] });
  target.$client.pragma("wal_checkpoint(TRUNCATE)");
  target.$client.pragma("journal_mode = DELETE");
  target.$client.close();
  return { csv, template: file };
}

function importProcess(file: string, csv: string) {
  return spawn(process.execPath, ["--max-old-space-size=400", "--import", "tsx", "--conditions=react-server", "server/cli.ts", "import", "--file", csv], {
    env: { ...ENV, DATABASE_URL: file },
    stdio: process.env.RELIABILITY_VERBOSE ? "inherit" : "ignore",
    cwd: ROOT,
  });
}

async function importKill(runs: number, count: number): Promise<boolean> {
  const { csv, template } = await importFixture(count);
  // How long a whole import takes here, so that kills fall before, during and after its commit.
  const started = Date.now();
  const full = importProcess(copyOf(template, "import-full"), csv);
  const code = await new Promise<number | null>((resolve) => full.once("exit", resolve));
  if (code !== 0) throw new Error(`the reference import exited with ${code}`);
  const duration = Date.now() - started;
  console.log(`A whole import of ${count} cases takes ${duration} ms here.`);
  let failed = 0;
  const outcomes = { none: 0, all: 0 };
  for (let run = 1; run <= runs; run++) {
    const file = copyOf(template, "import-kill");
    const child = importProcess(file, csv);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await new Promise((r) => setTimeout(r, randomInt(200, Math.round(duration * 1.1))));
    child.kill("SIGKILL");
    await exited;
    const verdict = await inspect(file, (db) => {
      const cases = Number(db.$client.prepare("SELECT count(*) FROM cases").pluck().get());
      if (cases === 0) outcomes.none++;
      if (cases === count) outcomes.all++;
      return { ok: cases === 0 || cases === count, detail: `${cases} of ${count} cases present (all or none expected)` };
    });
    if (!verdict.ok) failed++;
    console.log(`run ${run}/${runs}: ${verdict.ok ? "ok" : "FAILED"}: ${verdict.detail}`);
  }
  console.log(`\nimport-kill: ${runs - failed} of ${runs} runs intact (${outcomes.none} killed before the commit, ${outcomes.all} after).`);
  return failed === 0;
}

async function concurrentWriters(count: number, seconds: number): Promise<boolean> {
  const template = await demoTemplate();
  const file = copyOf(template, "writers");
  const server = await startServer({ ...ENV, DATABASE_URL: file }, PORT);
  let stderr = "";
  server.process.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const writers = await signInWriters(server.base, template, count);
    const end = Date.now() + seconds * 1_000;
    const tally = await write(server.base, writers, () => Date.now() >= end);
    const fivexx = [...tally.statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
    const busy = (stderr.match(/SQLITE_BUSY|database is locked/g) ?? []).length;
    const verdict = await inspect(file, (db) => {
      const present = db.$client.prepare("SELECT 1 FROM cases WHERE code = ?").pluck();
      const missing = tally.acknowledged.filter((code) => !present.get(code)).length;
      return { ok: missing === 0, detail: `${missing} acknowledged registrations missing` };
    });
    const statuses = [...tally.statuses].map(([s, n]) => `${n} x ${s}`).join(", ");
    console.log(`writers: ${count} writers for ${seconds} s: ${tally.acknowledged.length} registrations (${(tally.acknowledged.length / seconds).toFixed(0)}/s); responses ${statuses}; ${fivexx} 5xx; ${busy} busy; ${verdict.detail}`);
    return fivexx === 0 && busy === 0 && tally.failures.length === 0 && verdict.ok;
  } finally {
    await server.stop();
  }
}

async function restoreDrill(runs: number): Promise<boolean> {
  const template = await demoTemplate();
  let failed = 0;
  for (let run = 1; run <= runs; run++) {
    const file = copyOf(template, "drill-live");
    const backup = path.join(DIR, `drill-${run}.backup.db`);
    const restored = path.join(DIR, `drill-${run}.restored.db`);
    const server = await startServer({ ...ENV, DATABASE_URL: file }, PORT);
    let verdict: Verdict;
    try {
      const writers = await signInWriters(server.base, template, 8);
      let stop = false;
      const tally: Tally = { acknowledged: [], statuses: new Map(), failures: [] };
      const writing = write(server.base, writers, () => stop, tally);
      await new Promise((r) => setTimeout(r, randomInt(500, 2_000)));
      // Every registration acknowledged before the backup began must be in it; the writers go on meanwhile.
      const before = [...tally.acknowledged];
      const code = await cliAsync(file, ["backup", "--to", backup]);
      stop = true;
      const all = await writing;
      await server.stop();
      if (code !== 0) throw new Error(`backup exited with ${code}`);
      cli(restored, ["restore", "--from", backup]);
      const verify = cli(restored, ["audit:verify"]);
      verdict = await inspect(restored, (db) => {
        const present = db.$client.prepare("SELECT 1 FROM cases WHERE code = ?").pluck();
        const missing = before.filter((c) => !present.get(c)).length;
        const during = all.acknowledged.length - before.length;
        return {
          ok: missing === 0,
          detail: `${before.length} registrations acknowledged before the backup, ${missing} missing from the restored copy (${during} more while it ran); ${verify.trim().split("\n")[0]}`,
        };
      });
    } catch (error) {
      verdict = { ok: false, detail: error instanceof Error ? error.message : String(error) };
      await server.stop();
    }
    if (!verdict.ok) failed++;
    console.log(`run ${run}/${runs}: ${verdict.ok ? "ok" : "FAILED"}: ${verdict.detail}`);
  }
  console.log(`\nrestore-drill: ${runs - failed} of ${runs} backups taken under writers restored and verified.`);
  return failed === 0;
}

async function main(): Promise<number> {
  try {
    const runs = Number(values.runs ?? 200);
    let ok: boolean;
    if (CHECK === "server-kill") ok = await serverKill(runs);
    else if (CHECK === "import-kill") ok = await importKill(runs, Number(values.cases ?? 10_000));
    else if (CHECK === "restore-drill") ok = await restoreDrill(Number(values.runs ?? 10));
    else if (CHECK === "writers") ok = await concurrentWriters(Number(values.writers ?? 20), Number(values.seconds ?? 30));
    else {
      console.error("usage: npm run reliability -- server-kill|import-kill|writers|restore-drill [--runs N] [--writers N] [--seconds N]");
      return 2;
    }
    return ok ? 0 : 1;
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    rmSync(DIR, { recursive: true, force: true });
    process.exit(1);
  },
);

/**
 * The web server for Playwright (see playwright.config.ts): a production `next start` on its own
 * port against a FRESH database with fresh random keys, so that every end-to-end run starts from the
 * same demo data and nothing leaks between runs or into a developer's database.
 *
 *   1. delete test-results/e2e.db (and its -wal/-shm and audit anchor), generate keys;
 *   2. write test-results/e2e.env (read by the CLI through PASSAGE_ENV_FILE) and
 *      test-results/e2e-env.json (read by the tests, e.g. to scan the database file for plaintext);
 *   3. `npm run passage -- migrate`, then `npm run passage -- seed --demo` (every demo account has
 *      the demo TOTP second factor), then `user:create` of the one account without a second factor
 *      (e2e/accounts.ts), whose first sign-in enrols;
 *   4. run `next start -p 3101 -H 127.0.0.1` with the same environment, forwarding signals, and exit
 *      with it.
 *
 * The build is not done here: `npm test` (scripts/test-all.ts) runs `next build` first. To run the
 * end-to-end tests alone: `npx next build && npx playwright test`.
 *
 * Synthetic data only; the keys are random per run and written only under the git-ignored
 * test-results/.
 */
import { spawn, spawnSync } from "node:child_process";
import { withServerHeap } from "./server-heap";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "../db/seed/demo-accounts";
import { ENROLMENT_ACCOUNT } from "../e2e/accounts";

const E2E_HOST = "127.0.0.1";
const E2E_PORT = Number(process.env.PASSAGE_E2E_PORT ?? 3101); // keep in step with playwright.config.ts
const E2E_BASE_URL = `http://${E2E_HOST}:${E2E_PORT}`;

/**
 * What the end-to-end tests may read from test-results/e2e-env.json. Import it with `import type`
 * only: importing a value from this file would run the server.
 */
export type E2eEnv = {
  baseURL: string;
  /**
   * Absolute path of the SQLite file the server uses. It runs in WAL mode: recent writes are in
   * `${databasePath}-wal` until a checkpoint, so a scan for plaintext must read that file too.
   */
  databasePath: string;
  /** `keyId:base64key` pairs exactly as given to the server in PASSAGE_VAULT_KEYS. */
  vaultKeys: string;
  vaultKeyId: string;
  /** base64 of the 32-byte vault key. */
  vaultKey: string;
  /** base64 of the 32-byte blind index key. */
  blindIndexKey: string;
};

const ROOT = process.cwd();
const OUT_DIR = path.join(ROOT, "test-results");
const DB_FILE = path.join(OUT_DIR, "e2e.db");
const ENV_FILE = path.join(OUT_DIR, "e2e.env");
const ENV_JSON = path.join(OUT_DIR, "e2e-env.json");

function log(message: string): void {
  process.stdout.write(`[e2e-server] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`[e2e-server] ${message}\n`);
  process.exit(1);
}

function freshDatabase(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  // The audit anchor of the previous run's database too: beside a new, empty trail it would report
  // the previous run's events as cut off (server/audit/anchor.ts).
  for (const suffix of ["", "-wal", "-shm", "-journal", ".audit-anchor.json"]) rmSync(`${DB_FILE}${suffix}`, { force: true });
}

function makeEnvironment(): { vars: Record<string, string>; e2e: E2eEnv } {
  const vaultKeyId = "k1";
  const vaultKey = randomBytes(32).toString("base64");
  const blindIndexKey = randomBytes(32).toString("base64");
  const vars: Record<string, string> = {
    DATABASE_URL: DB_FILE,
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    NEXTAUTH_URL: E2E_BASE_URL,
    PASSAGE_VAULT_KEYS: `${vaultKeyId}:${vaultKey}`,
    PASSAGE_BLIND_INDEX_KEY: blindIndexKey,
    // Every e2e login comes from 127.0.0.1: allow the whole suite's logins through the per-address
    // throttle (the per-account lockout still applies and is tested).
    PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS: "1000",
  };
  return {
    vars,
    e2e: {
      baseURL: E2E_BASE_URL,
      databasePath: DB_FILE,
      vaultKeys: vars.PASSAGE_VAULT_KEYS ?? "",
      vaultKeyId,
      vaultKey,
      blindIndexKey,
    },
  };
}

function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): void {
  log(`npm run passage -- ${args.join(" ")}`);
  const result = spawnSync("npm", ["run", "--silent", "passage", "--", ...args], {
    env,
    input,
    stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"],
  });
  if (result.error) fail(`could not run the CLI: ${result.error.message}`);
  if (result.status !== 0) fail(`\`npm run passage -- ${args.join(" ")}\` exited with ${result.status ?? result.signal}`);
}

function main(): void {
  if (!existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    fail("no production build in .next/: run `npx next build` first (npm test does it for you).");
  }

  freshDatabase();
  const { vars, e2e } = makeEnvironment();
  writeFileSync(
    ENV_FILE,
    `# Generated by scripts/e2e-server.ts for one end-to-end run. Synthetic; never reuse.\n${Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );
  writeFileSync(ENV_JSON, `${JSON.stringify(e2e, null, 2)}\n`, { mode: 0o600 });

  // PASSAGE_ENV_FILE points the CLI at our file, so a developer's .env is never read by it.
  // The CLI and the server both run as production, as a deployment would.
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars, PASSAGE_ENV_FILE: ENV_FILE, NODE_ENV: "production" };
  runCli(["migrate"], env);
  runCli(["seed", "--demo"], env);
  const { email, name, role, office } = ENROLMENT_ACCOUNT;
  runCli(["user:create", "--email", email, "--name", name, "--role", role, "--office", office], env, DEMO_PASSWORD);

  const nextBin = path.join(ROOT, "node_modules", ".bin", "next");
  log(`next start on ${E2E_BASE_URL} (database ${path.relative(ROOT, DB_FILE)})`);
  const server = spawn(nextBin, ["start", "-p", String(E2E_PORT), "-H", E2E_HOST], {
    env: withServerHeap(env),
    stdio: "inherit",
  });

  const forward = (signal: NodeJS.Signals) => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => forward(signal));
  // If this process dies by an uncaught error, do not leave next-server behind.
  process.on("exit", () => forward("SIGTERM"));

  server.on("error", (error) => fail(`could not start next: ${error.message}`));
  server.on("exit", (code, signal) => {
    log(`next exited (${signal ?? code})`);
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main();

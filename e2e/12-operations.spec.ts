/**
 * Operations as an operator does them, then checked as a caseworker would (issue 11, items 10 and
 * 11): an online backup of the running installation, a restore of it into a new database, a key
 * rotation on the restored copy, and then a second server started on that copy with the OLD vault
 * key removed. The caseworker signs in there (second factor included) and reads the identity they
 * registered earlier in this run: nothing was lost, and nothing needs the old key any more.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import {
  ACCOUNTS,
  expect,
  fieldsMissingFrom,
  readE2eEnv,
  registeredCasesThisRun,
  signIn,
  test,
  typedIdentitiesThisRun,
} from "./fixtures";
import { DEMO_PASSWORD } from "../db/seed/demo-accounts";

const ROOT = path.join(__dirname, "..");
const DIR = path.join(ROOT, "test-results", "e2e-operations");
const ENV_FILE = path.join(ROOT, "test-results", "e2e.env");
const PORT = Number(process.env.PASSAGE_E2E_PORT ?? 3101) + 7;
const BASE = `http://127.0.0.1:${PORT}`;

/** The e2e server's own configuration (test-results/e2e.env), as the operator's shell would have it. */
function serverEnv(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(ENV_FILE, "utf8").split("\n")) {
    const m = /^([A-Z_0-9]+)=(.*)$/.exec(line.trim());
    if (m) vars[m[1]!] = m[2]!;
  }
  return vars;
}

/** `npm run passage -- args` with `overrides` over the server's configuration; its output. */
function passage(args: string[], overrides: Record<string, string>): string {
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(), ...overrides, PASSAGE_ENV_FILE: path.join(DIR, "none.env"), NODE_ENV: "production" };
  const result = spawnSync("npm", ["run", "--silent", "passage", "--", ...args], { cwd: ROOT, env, encoding: "utf8" });
  expect(result.status, `passage ${args[0]}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

test.describe("backup, restore and key rotation", () => {
  test.describe.configure({ timeout: 180_000 });

  let second: ChildProcess | null = null;
  test.afterAll(() => {
    if (second?.pid) {
      try {
        process.kill(-second.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
  });

  test("a backup taken while the app runs, restored and re-keyed, still opens every identity with the old key gone", async ({ browser }) => {
    const [caseCode] = registeredCasesThisRun();
    const [identity] = typedIdentitiesThisRun();
    test.skip(!caseCode || !identity, "needs the case registered by 02-case-lifecycle in this run");

    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const live = readE2eEnv().databasePath;
    const backup = path.join(DIR, "passage.backup.db");
    const restored = path.join(DIR, "restored.db");

    // 1. Online backup of the running installation, then a restore into a new database.
    expect(passage(["backup", "--to", backup], { DATABASE_URL: live })).toMatch(/backup/i);
    passage(["restore", "--from", backup], { DATABASE_URL: restored });
    expect(passage(["audit:verify"], { DATABASE_URL: restored })).toMatch(/intact/i);

    // 2. A new vault key first, the old one after it: everything re-sealed under the new one.
    const { vaultKeys: oldKeys, vaultKeyId: oldId } = readE2eEnv();
    const newKey = `k2:${randomBytes(32).toString("base64")}`;
    const rotation = passage(["vault:rotate"], { DATABASE_URL: restored, PASSAGE_VAULT_KEYS: `${newKey},${oldKeys}` });
    expect(rotation).toContain(oldId);
    const db = new Database(restored, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM identities WHERE key_id <> 'k2'").pluck().get(), "identities still under the old key").toBe(0);
      expect(db.prepare("SELECT count(*) FROM identities").pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }

    // 3. A second server on the restored copy, with the new key only.
    const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(), DATABASE_URL: restored, PASSAGE_VAULT_KEYS: newKey, NEXTAUTH_URL: BASE, NODE_ENV: "production" };
    second = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], { cwd: ROOT, env, stdio: "ignore", detached: true });
    await expect
      .poll(async () => (await fetch(`${BASE}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000, message: "second server answers" })
      .toBe(200);

    // 4. The caseworker signs in there and reads the identity they registered.
    const context = await browser.newContext({ baseURL: BASE, locale: "en-GB", timezoneId: "UTC" });
    try {
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.caseworker.email, DEMO_PASSWORD);
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.goto(`/cases/${caseCode}`);
      const panel = page.getByRole("main").getByRole("region", { name: "Identity", exact: true });
      await panel.getByRole("button", { name: "Show identity" }).click();
      const shown = panel.getByTestId("identity");
      await expect(shown).toBeVisible();
      expect(fieldsMissingFrom(await shown.innerText(), identity!), "identity fields after restore and rotation").toEqual([]);
    } finally {
      await context.close();
    }
  });
});

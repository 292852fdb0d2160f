/**
 * Shared helpers and fixtures for the end-to-end tests.
 *
 * Second factor. Every demo account has a TOTP second factor with the published demo secret
 * (DEMO_TOTP_SECRET, db/seed/demo-accounts.ts), so `signIn` passes the second step by computing the
 * code, as the person's authenticator app would. The server refuses a code whose 30-second step was
 * already used by that account (replay), so the steps used are kept per account for the run
 * (test-results/e2e-auth/totp-steps.json) and each sign-in takes the next unused one.
 *
 * Sessions. The server throttles logins per client address (by default 30 attempts per 10 minutes,
 * and every test request comes from 127.0.0.1). The e2e server raises that limit
 * (PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS), but the suite still keeps within the default, so that it
 * also runs against a server configured as in production: it signs each account in ONCE per run and
 * reuses its storage state (test-results/e2e-auth/<account>.json) everywhere else. Every login
 * attempt made through `signIn` is appended to test-results/e2e-auth/logins.log, and `signIn`
 * refuses to exceed LOGIN_BUDGET, so a suite that grows past it fails with a clear message.
 *
 * A "run" is one start of the web server (scripts/e2e-server.ts), which writes a fresh database and
 * test-results/e2e-env.json: the mtime of that file identifies the run, and state from an earlier run
 * (whose sessions belong to a deleted database) is discarded.
 *
 * Identity values. Tests type only synthetic identities from `syntheticIdentity()`, unique per run.
 * `recordTypedIdentity` keeps them in test-results/e2e-auth/typed-identities.json (git-ignored,
 * synthetic, per run) so that the last spec can check that none of them reached the database file
 * as plain text. Identity values must never appear in test titles or console output: assertions
 * about them report field NAMES (see `fieldsFoundIn`), not values.
 */
import { randomInt } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generateSync } from "otplib";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from "../db/seed/demo-accounts";
import type { E2eEnv } from "../scripts/e2e-server";

export { expect };

const RESULTS_DIR = path.join(__dirname, "..", "test-results");
const ENV_JSON = path.join(RESULTS_DIR, "e2e-env.json");
const STATE_DIR = path.join(RESULTS_DIR, "e2e-auth");
const RUN_FILE = path.join(STATE_DIR, "run.json");
const LOGIN_LOG = path.join(STATE_DIR, "logins.log");
const TYPED_FILE = path.join(STATE_DIR, "typed-identities.json");
const CASES_FILE = path.join(STATE_DIR, "registered-cases.json");
const TOTP_FILE = path.join(STATE_DIR, "totp-steps.json");

/** The server's default per-address throttle (server/auth/throttle.ts): 30 attempts per 10 minutes. */
export const LOGIN_BUDGET = 30;

// ---------------------------------------------------------------------------------------------
// The run: environment written by the web server, and per-run state
// ---------------------------------------------------------------------------------------------

export function readE2eEnv(): E2eEnv {
  if (!existsSync(ENV_JSON)) throw new Error(`${ENV_JSON} is missing: the e2e web server did not start`);
  return JSON.parse(readFileSync(ENV_JSON, "utf8")) as E2eEnv;
}

/** Makes sure test-results/e2e-auth/ belongs to the current run, wiping it if it does not. */
function ensureRunState(): void {
  const runId = String(statSync(ENV_JSON).mtimeMs);
  const current = existsSync(RUN_FILE) ? (JSON.parse(readFileSync(RUN_FILE, "utf8")) as { runId?: string }).runId : null;
  if (current === runId) return;
  rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
  writeFileSync(RUN_FILE, JSON.stringify({ runId }), { mode: 0o600 });
}

/** Number of login attempts made through `signIn` in this run. */
export function loginAttemptsThisRun(): number {
  ensureRunState();
  if (!existsSync(LOGIN_LOG)) return 0;
  return readFileSync(LOGIN_LOG, "utf8").split("\n").filter(Boolean).length;
}

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

export type Account = { key: string; email: string; name: string; role: string };

function demoAccount(key: string, email: string): Account {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`demo account ${email} is not in db/seed/demo-accounts.ts`);
  return { key, email: user.email, name: user.name, role: user.role };
}

export const ACCOUNTS = {
  caseworker: demoAccount("caseworker", "caseworker@passage.demo"),
  caseworkerKyiv: demoAccount("caseworker-kyiv", "caseworker.kyiv@passage.demo"),
  /** Locked by the lockout spec: use for nothing else. */
  caseworkerJakarta: demoAccount("caseworker-jakarta", "caseworker.jakarta@passage.demo"),
  supervisor: demoAccount("supervisor", "supervisor@passage.demo"),
  /** Receives transfers to Kyiv (issue 5); "supervisor-kyiv" is also the key e2e/08 uses. */
  supervisorKyiv: demoAccount("supervisor-kyiv", "supervisor.kyiv@passage.demo"),
  dataOfficer: demoAccount("data-officer", "data@passage.demo"),
  administrator: demoAccount("administrator", "admin@passage.demo"),
} as const;

export { DEMO_PASSWORD };

// ---------------------------------------------------------------------------------------------
// Signing in
// ---------------------------------------------------------------------------------------------

const TOTP_PERIOD_MS = 30_000;

/**
 * A TOTP code of `secret` that the server has not yet accepted for `email`: the current step's, or
 * the next step's (the server accepts one step either side) when the current one is used; if both
 * are used it waits for the next step to begin (at most 30 seconds; no assertion is timed).
 */
export async function freshTotpCode(email: string, secret: string = DEMO_TOTP_SECRET): Promise<string> {
  ensureRunState();
  const used = existsSync(TOTP_FILE) ? (JSON.parse(readFileSync(TOTP_FILE, "utf8")) as Record<string, number>) : {};
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / TOTP_PERIOD_MS);
    const candidate = Math.max(step, (used[email] ?? -1) + 1);
    if (candidate <= step + 1) {
      used[email] = candidate;
      writeFileSync(TOTP_FILE, JSON.stringify(used), { mode: 0o600 });
      return generateSync({ secret, period: TOTP_PERIOD_MS / 1000, epoch: (candidate * TOTP_PERIOD_MS) / 1000 });
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * TOTP_PERIOD_MS - now + 250));
  }
}

/** On the second-step page: enters `code` (by default a fresh code of the demo secret) and submits it. */
export async function passSecondStep(page: Page, email: string, code?: string): Promise<void> {
  await page.waitForURL(/\/login\/second-step$/);
  await page.getByLabel("Code", { exact: true }).fill(code ?? (await freshTotpCode(email)));
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * On the enrolment page of an account's first sign-in: reads the key shown, enters a code of it,
 * and passes the recovery codes page. Returns the key (for later codes) and the recovery codes.
 */
export async function enrolSecondFactor(page: Page, email: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.waitForURL(/\/login\/second-step$/);
  const main = page.getByRole("main");
  const secret = (await main.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await main.getByLabel("Code from the app").fill(await freshTotpCode(email, secret));
  await main.getByRole("button", { name: "Continue" }).click();
  const list = main.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allInnerTexts();
  await main.getByRole("button", { name: "I have kept my recovery codes: continue" }).click();
  return { secret, recoveryCodes };
}

/**
 * Fills and submits the login form, and waits for the server's answer to the credentials callback.
 * When the password is accepted it also passes the second step with the demo account's code
 * (unless `secondStep: false`: the caller handles that page itself). It does not check the
 * outcome: callers assert where they land.
 */
export async function signIn(page: Page, email: string, password: string, options: { secondStep?: boolean } = {}): Promise<void> {
  ensureRunState();
  const attempts = loginAttemptsThisRun();
  if (attempts >= LOGIN_BUDGET) {
    throw new Error(
      `the suite already made ${attempts} login attempts in this run; the server throttles at ${LOGIN_BUDGET} per address. Reuse sessions (sessionFor) instead of signing in again.`,
    );
  }
  appendFileSync(LOGIN_LOG, `${new Date().toISOString()} ${email}\n`, { mode: 0o600 });
  if (!page.url().endsWith("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse(
    (r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST",
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  const response = await answered;
  if (response.ok() && options.secondStep !== false) await passSecondStep(page, email);
}

function stateFile(account: Account): string {
  return path.join(STATE_DIR, `${account.key}.json`);
}

/** Saves the signed-in session of `page` as the account's session for the rest of the run. */
export async function saveSession(page: Page, account: Account): Promise<void> {
  ensureRunState();
  await page.context().storageState({ path: stateFile(account) });
}

type ContextDefaults = Parameters<Browser["newContext"]>[0];

/** The storage state of the account for this run, signing in (once per run) if there is none. */
async function sessionState(browser: Browser, defaults: ContextDefaults, account: Account): Promise<string> {
  ensureRunState();
  const file = stateFile(account);
  if (existsSync(file)) return file;
  const context = await browser.newContext(defaults);
  try {
    const page = await context.newPage();
    await signIn(page, account.email, DEMO_PASSWORD);
    await expect(page, `${account.email} could not sign in`).not.toHaveURL(/\/login/, { timeout: 15_000 });
    await context.storageState({ path: file });
  } finally {
    await context.close();
  }
  return file;
}

// ---------------------------------------------------------------------------------------------
// Synthetic identities
// ---------------------------------------------------------------------------------------------

export type SyntheticIdentity = {
  familyName: string;
  givenName: string;
  birthDate: string;
  placeOfBirth: string;
  alias: string;
  phone: string;
  address: string;
  passportNumber: string;
  kinName: string;
};

function letters(n: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  return Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join("");
}

function digits(n: number): string {
  return Array.from({ length: n }, () => String(randomInt(10))).join("");
}

/**
 * An invented identity, unique per call: made-up words with a random suffix, never real names. The
 * date of birth is in the 1950s-60s so that it cannot coincide with the dates stored in clear
 * (registration dates, timestamps).
 */
export function syntheticIdentity(): SyntheticIdentity {
  const year = 1950 + randomInt(20);
  const month = String(1 + randomInt(12)).padStart(2, "0");
  const day = String(1 + randomInt(28)).padStart(2, "0");
  return {
    familyName: `Zyxqor${letters(6)}`,
    givenName: `Vemtal${letters(6)}`,
    birthDate: `${year}-${month}-${day}`,
    placeOfBirth: `Qorvinsk${letters(6)}`,
    alias: `Xunbel${letters(6)}`,
    phone: `+43 660 ${digits(7)}`,
    address: `${digits(2)} Wexbrook${letters(6)} Lane`,
    passportNumber: `ZQ${digits(8)}`,
    kinName: `Pellor${letters(6)} Drusk${letters(4)}`,
  };
}

/** Records identity values BEFORE they are typed, for the plaintext check of the last spec. */
export function recordTypedIdentity(identity: SyntheticIdentity): void {
  ensureRunState();
  const all = typedIdentitiesThisRun();
  all.push(identity);
  writeFileSync(TYPED_FILE, JSON.stringify(all), { mode: 0o600 });
}

export function typedIdentitiesThisRun(): SyntheticIdentity[] {
  ensureRunState();
  return existsSync(TYPED_FILE) ? (JSON.parse(readFileSync(TYPED_FILE, "utf8")) as SyntheticIdentity[]) : [];
}

/** Records the code of a case registered by a test (the plaintext check's control). */
export function recordRegisteredCase(caseCode: string): void {
  const all = registeredCasesThisRun();
  all.push(caseCode);
  writeFileSync(CASES_FILE, JSON.stringify(all), { mode: 0o600 });
}

export function registeredCasesThisRun(): string[] {
  ensureRunState();
  return existsSync(CASES_FILE) ? (JSON.parse(readFileSync(CASES_FILE, "utf8")) as string[]) : [];
}

/** The NAMES of the identity fields whose values occur in `text` (for assertions that print no values). */
export function fieldsFoundIn(text: string, identity: SyntheticIdentity): string[] {
  return (Object.keys(identity) as (keyof SyntheticIdentity)[]).filter((k) => text.includes(identity[k]));
}

/** The NAMES of the identity fields whose values do NOT occur in `text`. */
export function fieldsMissingFrom(text: string, identity: SyntheticIdentity): string[] {
  return (Object.keys(identity) as (keyof SyntheticIdentity)[]).filter((k) => !text.includes(identity[k]));
}

// ---------------------------------------------------------------------------------------------
// Direct tRPC requests (superjson, batch link format), with the cookies of the page's context
// ---------------------------------------------------------------------------------------------

export type TrpcAnswer = { status: number; text: string; errorCode: string | null; data: unknown };

function parseBatch(status: number, text: string): TrpcAnswer {
  let first: unknown;
  try {
    first = (JSON.parse(text) as unknown[])[0];
  } catch {
    return { status, text, errorCode: null, data: undefined };
  }
  const entry = (first ?? {}) as {
    error?: { json?: { data?: { code?: unknown } } };
    result?: { data?: { json?: unknown } };
  };
  const code = entry.error?.json?.data?.code;
  return { status, text, errorCode: typeof code === "string" ? code : null, data: entry.result?.data?.json };
}

export async function trpcQuery(page: Page, procedure: string, input: unknown): Promise<TrpcAnswer> {
  const encoded = encodeURIComponent(JSON.stringify({ 0: { json: input } }));
  const response = await page.request.get(`/api/trpc/${procedure}?batch=1&input=${encoded}`);
  return parseBatch(response.status(), await response.text());
}

export async function trpcMutation(page: Page, procedure: string, input: unknown): Promise<TrpcAnswer> {
  // The server refuses a mutation whose Origin is not its own host (server/origin-check.ts).
  const origin = new URL(readE2eEnv().baseURL).origin;
  const response = await page.request.post(`/api/trpc/${procedure}?batch=1`, {
    headers: { origin, "content-type": "application/json" },
    data: JSON.stringify({ 0: { json: input } }),
  });
  return parseBatch(response.status(), await response.text());
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

type Fixtures = {
  /** A new page signed in as `account` (its own browser context), reusing the run's session. */
  sessionFor: (account: Account) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  sessionFor: async ({ browser, baseURL, locale, timezoneId, viewport }, provide) => {
    const defaults: ContextDefaults = { baseURL, locale, timezoneId, viewport };
    const contexts: BrowserContext[] = [];
    await provide(async (account) => {
      const storageState = await sessionState(browser, defaults, account);
      const context = await browser.newContext({ ...defaults, storageState });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

/** The case codes shown in "Case C-XXXX-XXXX registered for person P-XXXX-XXXX." */
export const CODE = "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}";

/**
 * On a case page: records the person's consent to assistance and to the use of their data, in
 * writing, through the Consent section (what assistance, return and reintegration need).
 */
export async function recordAssistanceConsent(page: Page): Promise<void> {
  const consent = page.getByRole("main").getByRole("region", { name: "Consent" });
  for (const purpose of ["Assistance", "Use of personal data"]) {
    await consent.getByRole("button", { name: `Record consent: ${purpose}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("The person gives consent")).toBeChecked();
    await dialog.getByLabel("How was it given?").selectOption({ label: "In writing" });
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
  }
  await expect(consent.getByTestId("consent-assistance")).toContainText("Given");
  await expect(consent.getByTestId("consent-data_processing")).toContainText("Given");
}

/** axe-core's violations of serious or critical impact on the page (rule, impact, elements). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

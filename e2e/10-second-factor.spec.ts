/**
 * The second factor (issue 11, item 3), end to end, with an account that has a password and no
 * second factor yet (e2e/accounts.ts): enrolment at the first sign-in (QR code, key, first code,
 * ten recovery codes shown once), nothing reachable before the second step, sign-in with a code
 * from the app, a refused code, sign-in with a recovery code and the same recovery code refused the
 * second time, and the administrator's reset after which the account enrols again.
 *
 * Codes are computed from the key shown on the page, as an authenticator app would. Costs 5 of the
 * suite's login attempts (and 2 wrong codes of the address throttle).
 */
import { generateSync } from "otplib";
import { ENROLMENT_ACCOUNT as ACCOUNT } from "./accounts";
import { ACCOUNTS, DEMO_PASSWORD, expect, freshTotpCode, passSecondStep, seriousViolations, signIn, test, trpcQuery } from "./fixtures";

test.describe.configure({ mode: "serial" });
// A sign-in may wait for the next 30-second TOTP step when the account used the current ones.
test.setTimeout(90_000);

let secret = "";
let recoveryCodes: string[] = [];

/** Six digits that are no valid code of `key` anywhere near now. */
function wrongCode(key: string): string {
  const valid = new Set([-1, 0, 1, 2].map((d) => generateSync({ secret: key, epoch: Math.floor(Date.now() / 1000) + d * 30 })));
  for (let n = 100000; ; n += 7919) if (!valid.has(String(n))) return String(n);
}

test("the first sign-in enrols a second factor before anything else is reachable", async ({ page }) => {
  await signIn(page, ACCOUNT.email, DEMO_PASSWORD, { secondStep: false });
  await page.waitForURL(/\/login\/second-step$/);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Set up your second sign-in step" })).toBeVisible();
  await expect(main.getByRole("img", { name: "QR code to add Passage to an authenticator app" })).toBeVisible();
  secret = (await main.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(await seriousViolations(page)).toEqual([]);

  // With the password alone, no page and no procedure answers.
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login\/second-step$/);
  expect((await trpcQuery(page, "me.get", undefined)).errorCode).toBe("UNAUTHORIZED");
  // Reloading shows the same key (a QR code already scanned stays good).
  await expect(main.getByTestId("totp-secret")).toHaveText(secret.match(/.{1,4}/g)!.join(" "));

  await main.getByLabel("Code from the app").fill(await freshTotpCode(ACCOUNT.email, secret));
  await main.getByRole("button", { name: "Continue" }).click();
  const list = main.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  recoveryCodes = await list.getByRole("listitem").allInnerTexts();
  for (const code of recoveryCodes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  await expect(main.getByRole("heading", { name: "Your recovery codes" })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  await main.getByRole("button", { name: "I have kept my recovery codes: continue" }).click();
  await expect(page).toHaveURL(/\/desk$/);
  await expect(page.getByRole("complementary")).toContainText(`Signed in as ${ACCOUNT.name}`);
});

test("later sign-ins ask for the code from the app; a forged X-Forwarded-For is not what the trail records", async ({ page, sessionFor }) => {
  // Issue 11, item 4: the browser claims another address. The server has no trusted proxy
  // configured, so the trail must hold the socket address (127.0.0.1), not the claim.
  const claimed = "203.0.113.66";
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": claimed });
  await signIn(page, ACCOUNT.email, DEMO_PASSWORD, { secondStep: false });
  await page.waitForURL(/\/login\/second-step$/);
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await passSecondStep(page, ACCOUNT.email, await freshTotpCode(ACCOUNT.email, secret));
  await expect(page).toHaveURL(/\/desk$/);

  const admin = await sessionFor(ACCOUNTS.administrator);
  await admin.goto("/admin/audit");
  const main = admin.getByRole("main");
  const filters = main.getByRole("search", { name: "Filter events" });
  await filters.getByLabel("By", { exact: true }).selectOption({ label: ACCOUNT.name });
  await filters.getByLabel("Action", { exact: true }).selectOption({ label: "Second sign-in step passed with the authenticator app" });
  const answered = admin.waitForResponse((r) => r.url().includes("audit.list") && decodeURIComponent(r.url()).includes('"actorUserId"'));
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await answered;
  const rows = main.getByRole("row").filter({ has: admin.getByRole("cell") });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("127.0.0.1");
  await expect(main).not.toContainText(claimed);
});

test("a wrong code is refused; a recovery code then signs in", async ({ page }) => {
  await signIn(page, ACCOUNT.email, DEMO_PASSWORD, { secondStep: false });
  await passSecondStep(page, ACCOUNT.email, wrongCode(secret));
  const main = page.getByRole("main");
  await expect(main.getByRole("alert")).toContainText("This code is not correct, or it has already been used.");
  await expect(page).toHaveURL(/\/login\/second-step$/);
  await expect(main.getByLabel("Code", { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login\/second-step$/);

  await passSecondStep(page, ACCOUNT.email, recoveryCodes[0]!);
  await expect(page).toHaveURL(/\/desk$/);
});

test("a recovery code, once used, is refused", async ({ page }) => {
  await signIn(page, ACCOUNT.email, DEMO_PASSWORD, { secondStep: false });
  await passSecondStep(page, ACCOUNT.email, recoveryCodes[0]!);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This code is not correct, or it has already been used.");
  await expect(page).toHaveURL(/\/login\/second-step$/);
  // Another unused one still works.
  await passSecondStep(page, ACCOUNT.email, recoveryCodes[1]!);
  await expect(page).toHaveURL(/\/desk$/);
});

test("an administrator resets the second factor: the account's sessions end and it enrols again", async ({ page, sessionFor }) => {
  await signIn(page, ACCOUNT.email, DEMO_PASSWORD, { secondStep: false });
  await passSecondStep(page, ACCOUNT.email, await freshTotpCode(ACCOUNT.email, secret));
  await expect(page).toHaveURL(/\/desk$/);

  const admin = await sessionFor(ACCOUNTS.administrator);
  await admin.goto("/admin/users");
  const main = admin.getByRole("main");
  const row = main.getByRole("row").filter({ hasText: ACCOUNT.email });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: `Reset second factor: ${ACCOUNT.name}` }).click();
  const dialog = admin.getByRole("alertdialog");
  await expect(dialog).toContainText("every session of theirs ends at once");
  await dialog.getByRole("button", { name: "Reset second factor" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(main).toContainText(`The second factor of ${ACCOUNT.name} was reset.`);
  await expect(row).toContainText("No second factor");

  // The account's open session has ended...
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login/);
  // ...and its next sign-in is an enrolment with a new key.
  await signIn(page, ACCOUNT.email, DEMO_PASSWORD, { secondStep: false });
  await page.waitForURL(/\/login\/second-step$/);
  await expect(page.getByRole("heading", { level: 1, name: "Set up your second sign-in step" })).toBeVisible();
  expect((await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "")).not.toBe(secret);
});

/**
 * Own account (issue 15 item 11, decision 0031): a user changes their password from one browser
 * and their session in another browser ends while this one stays signed in; then they end a
 * session from the list of where they are signed in. A fresh colleague made by the administrator
 * through the one-time set-up link (as e2e/10-access-confirmation does), so that no demo account's
 * password changes. Costs three login attempts of that colleague besides the administrator's shared
 * session; the third sign-in may wait for a fresh TOTP step (freshTotpCode).
 */
import { randomInt } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { ACCOUNTS, enrolSecondFactor, expect, freshTotpCode, passSecondStep, seriousViolations, signIn, test } from "./fixtures";

// Synthetic, obviously artificial.
const FIRST_PASSWORD = "amber ferry counts seven quiet gulls";
const SECOND_PASSWORD = "walnut drawer hides eleven blue maps";

/** The administrator creates a caseworker and returns the one-time set-up link. */
async function createColleague(admin: Page, email: string, name: string): Promise<string> {
  await admin.goto("/admin/users");
  await admin.getByRole("button", { name: "Create user" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Display name").fill(name);
  await dialog.getByLabel("Role").selectOption({ label: "Caseworker" });
  await dialog.getByLabel("Office", { exact: true }).selectOption({ label: "AT-VIE — Vienna" });
  await dialog.getByRole("button", { name: "Save" }).click();
  const link = await dialog.getByLabel("One-time set-up link").inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  return link;
}

/** A second browser (its own cookies) signed in as the colleague, passing the second factor. */
async function secondBrowser(browser: Browser, base: Page, email: string, password: string, secret: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: new URL(base.url()).origin, locale: "en-GB", timezoneId: "UTC" });
  const page = await context.newPage();
  await signIn(page, email, password, { secondStep: false });
  await passSecondStep(page, email, await freshTotpCode(email, secret));
  await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
  return page;
}

test("a user changes their password: their other session ends, this one stays; they end a session from the list", async ({ page, browser, sessionFor }) => {
  // Three sign-ins with argon2, one of which may wait for the next 30-second TOTP step.
  test.setTimeout(180_000);
  const suffix = randomInt(1_000_000);
  const email = `own.account.${suffix}@passage.invalid`;
  const name = `Synthetic Account Holder ${suffix}`;

  const link = await createColleague(await sessionFor(ACCOUNTS.administrator), email, name);
  await page.goto(new URL(link).pathname + new URL(link).hash);
  await page.getByLabel("New password", { exact: true }).fill(FIRST_PASSWORD);
  await page.getByLabel("New password again").fill(FIRST_PASSWORD);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");

  // Browser one: first sign-in enrols the second factor.
  await signIn(page, email, FIRST_PASSWORD, { secondStep: false });
  const { secret } = await enrolSecondFactor(page, email);
  await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
  // Browser two: the same person elsewhere.
  const other = await secondBrowser(browser, page, email, FIRST_PASSWORD, secret);

  // The account page is linked from "Signed in as ..." and lists both sessions, this one marked.
  await page.getByRole("link", { name: `Signed in as ${name}` }).click();
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  const sessions = page.getByRole("region", { name: "Where you are signed in" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByRole("listitem").first()).toContainText("This session");
  expect(await seriousViolations(page)).toEqual([]);

  // A wrong current password is refused on its field, and nothing changes.
  const form = page.getByRole("region", { name: "Change your password" });
  await form.getByLabel("Current password").fill("not my current passphrase");
  await form.getByLabel("New password", { exact: true }).fill(SECOND_PASSWORD);
  await form.getByLabel("New password again").fill(SECOND_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("This is not your current password.")).toBeVisible();
  await expect(form.getByLabel("Current password")).toBeFocused();

  // The right one: the other session ends, this one stays.
  await form.getByLabel("Current password").fill(FIRST_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your password is changed. 1 other session was signed out.");
  await expect(sessions.getByRole("listitem")).toHaveCount(1);

  await other.goto("/cases");
  await expect(other).toHaveURL(/\/login/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();

  // Signed in again elsewhere with the new password; ended from here.
  const again = await secondBrowser(browser, page, email, SECOND_PASSWORD, secret);
  await page.reload();
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await sessions.getByRole("listitem").nth(1).getByRole("button", { name: /^End the session of / }).click();
  await expect(sessions.getByRole("status")).toHaveText("The session was ended.");
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await again.goto("/cases");
  await expect(again).toHaveURL(/\/login/);
  await page.goto("/desk");
  await expect(page).not.toHaveURL(/\/login/);

  await other.context().close();
  await again.context().close();
});

/**
 * After 10 consecutive wrong passwords an account is locked for 15 minutes: even the correct
 * password is then refused, with the same message as any other failure, and the audit trail records
 * the lockout.
 *
 * Uses the Jakarta caseworker, whom no other spec signs in. Costs 11 of the suite's login attempts.
 */
import type { Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, expect, signIn, test } from "./fixtures";

const ACCOUNT = ACCOUNTS.caseworkerJakarta;
const MAX_FAILED_LOGINS = 10;

/** The administrator's audit trail, filtered to events by the locked account (and one action). */
async function eventsOfAccount(admin: Page, actionLabel: string) {
  await admin.goto("/admin/audit");
  const main = admin.getByRole("main");
  const filters = main.getByRole("search", { name: "Filter events" });
  await filters.getByLabel("By", { exact: true }).selectOption({ label: ACCOUNT.name });
  await filters.getByLabel("Action", { exact: true }).selectOption({ label: actionLabel });
  // The filtered list's answer (not the unfiltered one of the page load).
  const answered = admin.waitForResponse(
    (r) => r.url().includes("audit.list") && decodeURIComponent(r.url()).includes('"actorUserId"'),
  );
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await answered;
  return main.getByRole("row").filter({ has: admin.getByRole("cell") });
}

test("an account locks after 10 wrong passwords and then refuses the correct one", async ({ page, sessionFor }) => {
  const admin = await sessionFor(ACCOUNTS.administrator);
  const noEvents = admin.getByRole("main").getByText("No events match these filters.");
  // Precondition: no failed or refused sign-in for this account yet in this run (so the events
  // counted below are this test's). The demo seed does record other events by this account.
  await eventsOfAccount(admin, "Sign-in failed");
  await expect(noEvents).toBeVisible();
  await eventsOfAccount(admin, "Sign-in refused: account locked");
  await expect(noEvents).toBeVisible();

  const alert = page.getByRole("main").getByRole("alert");
  await page.goto("/login");
  for (let attempt = 1; attempt <= MAX_FAILED_LOGINS; attempt++) {
    await signIn(page, ACCOUNT.email, `wrong-password-${attempt}-x`);
    await expect(page).toHaveURL(/\/login$/);
    await expect(alert).toContainText("The email or password is not correct");
  }
  const failureMessage = await alert.innerText();

  // The correct password no longer opens the account, and the answer is the same as for a wrong one.
  await signIn(page, ACCOUNT.email, DEMO_PASSWORD);
  await expect(alert).toHaveText(failureMessage);
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login/);

  // The trail: 9 failures, then the lockout on the 10th, then the refused correct password.
  await expect(await eventsOfAccount(admin, "Sign-in failed")).toHaveCount(MAX_FAILED_LOGINS - 1);
  const locked = await eventsOfAccount(admin, "Sign-in refused: account locked");
  await expect(locked).toHaveCount(2);
  await expect(locked.first()).toContainText("account_locked"); // newest first: the correct password
  await expect(locked.last()).toContainText("locked_after_failures");
  await eventsOfAccount(admin, "Signed in");
  await expect(noEvents).toBeVisible();
});

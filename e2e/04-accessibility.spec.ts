/**
 * A quick automated accessibility check (axe-core, all rules it runs by default) of the pages every
 * caseworker uses: no violation of serious or critical impact. Failures list the rule, its impact
 * and the elements concerned.
 */
import { ACCOUNTS, expect, seriousViolations, test } from "./fixtures";

test.describe("accessibility", () => {
  test("the login page has no serious or critical violations", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the case list has no serious or critical violations", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto("/cases");
    // The list is rendered on the server: its summary names the cases shown and the total.
    await expect(page.getByTestId("case-list-summary")).toContainText(/Cases \d+–\d+ of \d+/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the registration form has no serious or critical violations", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto("/cases/new");
    await expect(page.getByRole("main").getByRole("button", { name: "Register", exact: true })).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

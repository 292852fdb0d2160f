/**
 * Issue 11 items 6 and 12 in the browser: a supervisor requests the erasure of a person, an
 * administrator confirms it, and the case page then says when the identity was removed; a batch
 * of 300 identity reveals is refused whole. The identity is synthetic and unique per run; it never
 * appears in titles or console output.
 */
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { ACCOUNTS, expect, fieldsFoundIn, readE2eEnv, recordRegisteredCase, recordTypedIdentity, syntheticIdentity, test, trpcMutation, trpcQuery } from "./fixtures";

test.describe.configure({ mode: "serial" });

const identity = syntheticIdentity();
let caseCode = "";
const SHOTS = path.join(__dirname, "..", "test-results", "e2e-screens");

/**
 * Screenshots of `part` at the laptop and phone widths, for people to look at (not compared), a
 * check that nothing makes the page scroll sideways on the phone, and axe-core's check (no serious
 * or critical violation).
 */
async function screens(page: Page, name: string, part: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [[1366, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await part.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("erasure on request and reveal limits", () => {
  test("a supervisor requests the erasure of a person, with a reason", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    const me = (await trpcQuery(page, "me.get", undefined)).data as { offices: { id: number }[] };
    recordTypedIdentity(identity);
    const registered = await trpcMutation(page, "cases.register", {
      identity: { familyName: identity.familyName, givenName: identity.givenName, aliases: [], documents: [], nextOfKin: [] },
      person: { sex: "Feminine", otherCitizenships: [] },
      registeredOn: "2026-03-01",
      officeId: me.offices[0]!.id,
    });
    expect(registered.status).toBe(200);
    caseCode = (registered.data as { caseCode: string }).caseCode;
    recordRegisteredCase(caseCode);

    await page.goto(`/cases/${caseCode}`);
    const section = page.getByRole("region", { name: "Erasure on request" });
    await section.getByRole("button", { name: "Request erasure" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expect(dialog.getByText("Give the reason for the request.")).toBeVisible();
    await dialog.getByLabel("Reason").fill("Synthetic: the person asked for erasure");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expect(section.getByText("Erasure requested. An administrator will confirm or decline it.")).toBeVisible();
    await expect(section.getByTestId("erasure-pending")).toBeVisible();
    await screens(page, "erasure-requested", section);
  });

  test("an administrator confirms it on the retention page", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.administrator);
    await page.goto("/admin/retention");
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: "Retention and erasure" })).toBeVisible();
    await expect(main.getByTestId("retention-current")).toContainText("Retention is off");
    const row = main.getByRole("row").filter({ hasText: caseCode });
    await expect(row).toContainText("Synthetic: the person asked for erasure");
    // Nothing of the identity reaches the administrator.
    expect(fieldsFoundIn(await page.content(), identity)).toEqual([]);
    await screens(page, "retention-admin", main);
    await row.getByRole("button", { name: `Confirm erasure: ${caseCode}` }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("cannot be undone");
    await dialog.getByRole("button", { name: "Confirm erasure" }).click();
    await expect(main.getByText(`Erasure carried out for case ${caseCode}.`)).toBeVisible();
    await expect(main.getByRole("row").filter({ hasText: caseCode })).toHaveCount(0);
  });

  test("the case page says when the identity was removed", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto(`/cases/${caseCode}`);
    await expect(page.getByTestId("identity-removed")).toContainText(/Identity removed on .+ \(erasure on request\)\./);
    await expect(page.getByRole("button", { name: "Show identity" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Erasure on request" })).toContainText("(erasure on request)");
    await expect(page.getByRole("button", { name: "Request erasure" })).toHaveCount(0);
    await screens(page, "identity-removed", page.getByRole("region", { name: "Identity" }));
  });

  test("a batch of 300 identity reveals is refused whole", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    const origin = new URL(readE2eEnv().baseURL).origin;
    const paths = Array.from({ length: 300 }, () => "cases.revealIdentity").join(",");
    const body = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [String(i), { json: { code: caseCode } }]));
    const response = await page.request.post(`/api/trpc/${paths}?batch=1`, { headers: { origin, "content-type": "application/json" }, data: body });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("Batch call exceeds maximum size");
  });
});

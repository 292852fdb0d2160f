/**
 * Issue 15, item 4: nothing typed is lost. Typing in the screening form and clicking a menu link
 * at once saves the draft first (it is there on return); in the registration form, which keeps no
 * draft of an identity anywhere, a link asks "Leave without saving?" and Stay keeps what was typed;
 * the back button asks too; reloading with unsaved input brings the browser's beforeunload prompt.
 */
import type { Page } from "@playwright/test";
import { ACCOUNTS, CODE, expect, recordRegisteredCase, recordTypedIdentity, syntheticIdentity, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let caseCode = "";

const menu = (page: Page) => page.getByRole("navigation").first();

test.describe("nothing typed is lost", () => {
  test("registration: a menu link asks first; Stay keeps the input, Leave leaves", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    const identity = syntheticIdentity();
    recordTypedIdentity(identity);
    await main.getByLabel("Family name").fill(identity.familyName);

    await menu(page).getByRole("link", { name: "Cases", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay on this page" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/\/cases\/new$/);
    await expect(main.getByLabel("Family name")).toHaveValue(identity.familyName);

    // The back button asks as well.
    await page.goBack();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay on this page" }).click();
    await expect(page).toHaveURL(/\/cases\/new$/);
    await expect(main.getByLabel("Family name")).toHaveValue(identity.familyName);

    await menu(page).getByRole("link", { name: "Cases", exact: true }).click();
    await dialog.getByRole("button", { name: "Leave without saving" }).click();
    await expect(page).toHaveURL(/\/cases$/);
  });

  test("registration: reloading with unsaved input brings the browser's prompt", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    await main.getByLabel("Family name").fill("Testfamily-Reload");
    const prompt = page.waitForEvent("dialog");
    // The reload waits on the prompt, which is dismissed below: it never completes.
    void page.reload().catch(() => undefined);
    const dialog = await prompt;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.dismiss();
    await expect(main.getByLabel("Family name")).toHaveValue("Testfamily-Reload");
  });

  test("a registered case, for the screening", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const identity = syntheticIdentity();
    recordTypedIdentity(identity);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    await main.getByLabel("Family name").fill(identity.familyName);
    await main.getByLabel("Given name").fill(identity.givenName);
    await main.getByLabel("Year of birth").fill("1990");
    await main.getByRole("button", { name: "Register", exact: true }).click();
    // Registering leaves the form without a question.
    await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    caseCode = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
    recordRegisteredCase(caseCode);
  });

  test("screening: typed, then a menu link at once: the draft is saved first", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto(`/cases/${caseCode}/screening`);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: "Screening" })).toBeVisible();
    const interviewer = main.getByLabel("Interviewer");
    await interviewer.fill("Testinterviewer Unsaved");
    // At once: no pause for the autosave.
    await menu(page).getByRole("link", { name: "Cases", exact: true }).click();
    await expect(page).toHaveURL(/\/cases$/);

    await page.goto(`/cases/${caseCode}/screening`);
    await expect(main.getByLabel("Interviewer")).toHaveValue("Testinterviewer Unsaved");
  });

  test("screening: the draft saves about a second after the last change, and says so", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto(`/cases/${caseCode}/screening`);
    const main = page.getByRole("main");
    const saved = page.waitForResponse((r) => r.url().includes("forms.saveDraft") && r.ok());
    await main.getByLabel("Place", { exact: true }).fill("Testplace Pause");
    await saved;
    await expect(main.getByRole("status").filter({ hasText: /Draft saved at/ })).toBeVisible();
    await page.reload();
    await expect(main.getByLabel("Place", { exact: true })).toHaveValue("Testplace Pause");
  });
});

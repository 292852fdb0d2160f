/**
 * Issue 15, item 13: import help inside the app. From /import a supervisor opens the import format
 * page of the app (not a file of the repository), downloads both templates (every column, one
 * synthetic example row), and the CSV template passes the import's check as one new case (the
 * check only: nothing is imported). The help page fits a phone: its tables scroll inside their
 * box, the page itself does not scroll sideways. A caseworker cannot open it.
 */
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { COLUMN_NAMES } from "../lib/interchange/format";
import { ACCOUNTS, expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

async function downloadFrom(page: Page, name: string): Promise<{ filename: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("main").getByRole("link", { name }).first().click()]);
  const file = await download.path();
  return { filename: download.suggestedFilename(), body: readFileSync(file) };
}

test.describe("import help", () => {
  test("the import page links to the format page of the app, which explains every column", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/import");
    const main = page.getByRole("main");
    await expect(main).not.toContainText("docs/import-format.md");
    await main.getByRole("link", { name: "The import format: columns, allowed values and rules" }).click();
    await expect(page).toHaveURL(/\/import\/format$/);
    await expect(page.getByRole("heading", { level: 1, name: "Import format" })).toBeVisible();
    for (const name of ["Case", "Identity (optional, encrypted)", "Person", "Victim of trafficking", "Return and reintegration"]) {
      await expect(main.getByRole("table", { name })).toBeVisible();
    }
    await expect(main.getByRole("rowheader")).toHaveCount(COLUMN_NAMES.length);
    const gender = main.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^prs_Gender/ }) });
    await expect(gender).toContainText("required");
    await expect(gender).toContainText("NonSpecifiedUnknown");
  });

  test("both templates download from the import page, with every column in order and one example row", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/import");
    const csv = await downloadFrom(page, "Download the CSV template");
    expect(csv.filename).toBe("passage-import-template.csv");
    const lines = csv.body.toString("utf8").replace(/^\ufeff/, "").trim().split(/\r\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(",")).toEqual(COLUMN_NAMES);
    expect(lines[1]).toContain("EXAMPLE-CASE-0001");

    const xlsx = await downloadFrom(page, "Download the Excel (XLSX) template");
    expect(xlsx.filename).toBe("passage-import-template.xlsx");
    expect(xlsx.body.subarray(0, 2).toString("latin1")).toBe("PK"); // a zip: an XLSX workbook
  });

  test("the CSV template passes the check as one new case", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/import/format");
    const csv = await downloadFrom(page, "Download the CSV template");
    await page.goto("/import");
    const main = page.getByRole("main");
    await main.getByLabel(/^File \(CSV UTF-8 or XLSX/).setInputFiles({ name: csv.filename, mimeType: "text/csv", buffer: csv.body });
    await main.getByRole("button", { name: "Check the file" }).click();
    await expect(main.getByRole("heading", { name: "Check report" })).toBeVisible({ timeout: 15_000 });
    const summary = main.getByTestId("import-summary");
    await expect(summary).toContainText(/New cases to import1 \(/);
    await expect(summary).toContainText("Problems0");
    await expect(main.getByRole("button", { name: /^Import 1 case/ })).toBeVisible();
    await main.getByRole("button", { name: "Cancel" }).click();
  });

  test("on a phone the page does not scroll sideways and its tables scroll inside their box; at 1366 px nothing is cut off", async ({ sessionFor }, testInfo) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
      await page.setViewportSize(viewport);
      await page.goto("/import/format");
      await expect(page.getByRole("heading", { level: 1, name: "Import format" })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `page overflow at ${viewport.width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`import-format-${viewport.width}.png`), fullPage: false });
      const box = page.getByRole("region", { name: "Victim of trafficking" });
      await box.scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`import-format-table-${viewport.width}.png`), fullPage: false });
      // On a phone the table scrolls inside its box; on a laptop nothing of it is cut off.
      expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(viewport.width === 390);
    }
    await page.goto("/import");
    await page.screenshot({ path: testInfo.outputPath("import-1366.png"), fullPage: false });
  });

  test("a caseworker cannot open the format page or download a template", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const response = await page.goto("/import/format");
    expect(response?.status()).toBe(404);
    const template = await page.request.get("/api/import/template?format=csv");
    expect(template.status()).toBe(404);
  });
});

/**
 * Issue 7: a supervisor imports cases of 2012 into their office from an interchange CSV. The first
 * file has mistakes: the report names the row, the column and the problem, and nothing is imported.
 * The fixed file is checked and imported; the cases appear in the case list and the statistics of
 * 2012 count them. Importing the same file again creates nothing. A caseworker cannot import.
 * (The demo data has no case of 2012, so the year's figures start at zero.) Synthetic rows only.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { repeated, sheetXml, workbook, writeZip } from "../server/testing/xlsx-bombs";
import { ACCOUNTS, expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).toUpperCase();
const COLUMNS = "ext_ExternalCaseId,ext_ExternalPersonId,ext_RegistrationDate,cas_Status,ext_Programme,ext_BeneficiaryCategories,prs_Gender,ext_BirthYear,prs_Citizenship,vic_TypeOfExploitation,Colour";
const WITH_ERRORS = [
  COLUMNS,
  `E2E-${run}-1,E2E-P-${run}-1,2012-03-14,Closed,avrr,main_population,Male,1980,UA,,blue`,
  `E2E-${run}-2,E2E-P-${run}-2,14/05/2012,Active,vulnerable_migrant,victim,Feminine,1990,Ukraine,ForcedLabour,green`,
  `E2E-${run}-3,E2E-P-${run}-3,2012-07-02,Active,para,main_population,Feminine,1975,HT,,red`,
].join("\r\n");
const FIXED = [
  COLUMNS.replace(",Colour", ""),
  `E2E-${run}-1,E2E-P-${run}-1,2012-03-14,Closed,avrr,main_population,Masculine,1980,UA,`,
  `E2E-${run}-2,E2E-P-${run}-2,2012-05-14,Active,vulnerable_migrant,victim,Feminine,1990,UA,ForcedLabour`,
  `E2E-${run}-3,E2E-P-${run}-3,2012-07-02,Active,para,main_population,Feminine,1975,HT,`,
].join("\r\n");

async function check(page: Page, name: string, content: string | Buffer) {
  const main = page.getByRole("main");
  await main.getByLabel(/^File \(CSV UTF-8 or XLSX/).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  await main.getByRole("button", { name: "Check the file" }).click();
  await expect(main.getByRole("heading", { name: "Check report" })).toBeVisible({ timeout: 15_000 });
  return main;
}

async function countsOfAssistance2012(page: Page): Promise<string> {
  await page.goto("/statistics?year=2012");
  const figure = page.getByRole("main").locator(".kpi").filter({ hasText: "Counts of assistance" }).locator("dd");
  return (await figure.innerText()).trim();
}

test.describe("import of cases", () => {
  test("the statistics of 2012 start empty for the supervisor's office", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    expect(await countsOfAssistance2012(page)).toBe("0");
  });

  test("a file with mistakes gives a report of row, column and problem, and imports nothing", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/import");
    await expect(page.getByRole("heading", { level: 1, name: "Import and export" })).toBeVisible();
    const main = await check(page, "cases-2012.csv", WITH_ERRORS);
    await expect(main.getByText("Fix these in the file and check it again. Nothing has been imported.")).toBeVisible();
    const problems = main.getByTestId("import-problems");
    const row = (r: string, column: string) => problems.getByRole("row").filter({ hasText: column }).filter({ has: page.getByRole("cell", { name: r, exact: true }) });
    await expect(row("1", "Colour")).toContainText("Unknown column “Colour”");
    await expect(row("2", "prs_Gender")).toContainText("“Male” is not allowed here. Allowed values: Feminine, Masculine");
    await expect(row("3", "ext_RegistrationDate")).toContainText("“14/05/2012” is not a date: write it as YYYY-MM-DD");
    await expect(row("3", "prs_Citizenship")).toContainText("“Ukraine” is not an ISO 3166-1 alpha-2 country code");
    await expect(problems.getByRole("row")).toHaveCount(5); // header + 4 problems
    await expect(main.getByRole("button", { name: /^Import \d+ cases$/ })).toHaveCount(0);
    await main.getByRole("button", { name: "Cancel" }).click();
    expect(await countsOfAssistance2012(page)).toBe("0");
  });

  test("the fixed file is checked, imported, and its cases are listed and counted", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/import");
    const main = await check(page, "cases-2012-fixed.csv", FIXED);
    const summary = main.getByTestId("import-summary");
    await expect(summary).toContainText("New cases to import3 (AT-VIE 3)");
    await expect(summary).toContainText("Problems0");
    await main.getByRole("button", { name: "Import 3 cases" }).click();
    await expect(main.getByRole("status").filter({ hasText: "Import complete" })).toContainText("3 cases imported; 3 new persons");

    await main.getByRole("link", { name: "Open the case list" }).click();
    await expect(page).toHaveURL(/\/cases$/);
    // Oldest registrations first: the imported 2012 cases come before the demo's recent ones.
    await page.goto("/cases?dir=asc");
    const table = page.getByRole("main").getByRole("table");
    for (const date of ["2012-03-14", "2012-05-14", "2012-07-02"]) {
      await expect(table.getByRole("row").filter({ hasText: date })).toHaveCount(1);
    }
    // Imported without names: the case page says there is no identity instead of offering to show one.
    await table.getByRole("row").filter({ hasText: "2012-03-14" }).getByRole("link").first().click();
    await expect(page.getByTestId("no-identity")).toHaveText("No identity is recorded for this person: the case was imported without names.");
    await expect(page.getByRole("button", { name: "Show identity" })).toHaveCount(0);
    await page.goBack();
    expect(await countsOfAssistance2012(page)).toBe("3");
    const kpis = page.getByRole("main").locator(".kpi");
    await expect(kpis.filter({ hasText: "Victims of trafficking" }).locator("dd")).toHaveText("1");
    await expect(kpis.filter({ hasText: "AVRR cases" }).locator("dd")).toHaveText("1");
  });

  test("importing the same file again creates nothing", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/import");
    const main = await check(page, "cases-2012-fixed.csv", FIXED);
    await expect(main.getByTestId("import-summary")).toContainText("Already imported (skipped)3");
    await expect(main.getByText("Every case of this file is already in Passage: there is nothing to import.")).toBeVisible();
    await expect(main.getByRole("button", { name: /^Import \d+ cases$/ })).toHaveCount(0);
  });

  test("the supervisor exports the office's cases in the same format, without identity columns", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/import");
    const main = page.getByRole("main");
    const download = page.waitForEvent("download");
    await main.getByRole("button", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^passage-cases-AT-VIE-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await file.path())!, "utf8").replace(/^\ufeff/, "").trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^ext_ExternalCaseId,ext_ExternalPersonId,ext_OfficeCode,ext_RegistrationDate,/);
    expect(lines[0]).not.toContain("prs_FirstName");
    for (const n of [1, 2, 3]) expect(lines.filter((l) => l.startsWith(`E2E-${run}-${n},`))).toHaveLength(1);
  });

  test("an XLSX whose one cell inflates to 500 MiB is refused with a message, and the server goes on serving", async ({ sessionFor }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "passage-e2e-bomb-"));
    try {
      const file = path.join(dir, "bomb.xlsx");
      const header = ["ext_ExternalCaseId", "ext_RegistrationDate", "prs_Gender", "ext_Programme"];
      await writeZip(file, workbook(() => sheetXml([header, [`E2E-${run}-B`, "2012-01-05", "Feminine", () => repeated("A", 500 * 2 ** 20)]])));
      const page = await sessionFor(ACCOUNTS.supervisor);
      await page.goto("/import");
      const main = await check(page, "bomb.xlsx", readFileSync(file));
      await expect(main.getByTestId("import-problems")).toContainText("Row 2 is longer than 17 MB (an unclosed quote, or a huge cell). Nothing after it was read.");
      // Still serving, and the next file is checked as usual.
      await page.goto("/import");
      await check(page, "cases-2012.csv", FIXED);
      await expect(page.getByRole("main").getByText("Fix these in the file")).toHaveCount(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a caseworker cannot open the import page or upload", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const response = await page.goto("/import");
    expect(response?.status()).toBe(404);
    const origin = new URL(page.url()).origin;
    const upload = await page.request.post("/api/import", { headers: { origin, "content-type": "application/octet-stream" }, data: FIXED });
    expect(upload.status()).toBe(403);
  });
});

/**
 * Issue 6: a data officer opens the annual review for a year, changes the region, and exports a table
 * as CSV and XLSX; the files show suppressed cells and state their rule. A caseworker cannot open any
 * statistics page. (The demo data: synthetic cases of 2023-2025 in five offices.)
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { ACCOUNTS, expect, test } from "./fixtures";

const YEAR = "2025";

async function exportAs(page: Page, format: "CSV" | "Excel (XLSX)"): Promise<string> {
  const main = page.getByRole("main");
  await main.getByRole("radio", { name: format, exact: true }).first().check();
  const download = page.waitForEvent("download");
  await main.getByRole("region", { name: "Aggregate tables" }).getByRole("button", { name: "Export" }).click();
  const file = await download;
  const path = await file.path();
  expect(path).toBeTruthy();
  return path!;
}

test.describe("statistics", () => {
  test("a data officer reads the annual review and changes the region", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.dataOfficer);
    await page.goto(`/statistics/review?year=${YEAR}`);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: `Annual review ${YEAR}` })).toBeVisible();
    await expect(main.getByText("Counts of assistance").first()).toBeVisible();
    const table = main.getByRole("table").filter({ hasText: "Assisted voluntary return and reintegration (AVRR)" }).first();
    await expect(table.getByRole("row").filter({ hasText: "Total" })).toBeVisible();

    await main.getByRole("combobox", { name: "Region", exact: true }).selectOption({ label: "European Economic Area" });
    await main.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/region=european_economic_area/);
    await expect(main.getByText(/European Economic Area/).first()).toBeVisible();
    // No identity or single case reaches a data officer: the page shows no case or person codes.
    expect(await main.innerText()).not.toMatch(/\b[CP]-[0-9A-Z]{4}-[0-9A-Z]{4}\b/);
  });

  test("exports a table as CSV and XLSX with suppressed cells and the rule stated", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.dataOfficer);
    await page.goto(`/statistics/export?year=${YEAR}`);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1 })).toBeVisible();
    await main.getByRole("button", { name: "Select none" }).click();
    // Victims by country of origin: many small cells in a demo-sized dataset.
    await main.getByRole("checkbox", { name: /vot\.by_origin_country/ }).check();

    const csvPath = await exportAs(page, "CSV");
    const csv = readFileSync(csvPath, "utf8");
    expect(csv).toContain("Disclosure control: counts from 1 to 10 are suppressed");
    expect(csv).toMatch(/(^|,)"?x"?(,|$)/m);
    await expect(main.getByRole("status").filter({ hasText: /Exported .*cells? suppressed/ })).toBeVisible();

    const xlsxPath = await exportAs(page, "Excel (XLSX)");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxPath);
    const texts: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? "")))));
    expect(texts.some((v) => v.includes("Disclosure control: counts from 1 to 10 are suppressed"))).toBe(true);
    expect(texts).toContain("x");
  });

  test("a caseworker cannot open the statistics", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    for (const path of ["/statistics", `/statistics/review?year=${YEAR}`, "/statistics/export"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
});

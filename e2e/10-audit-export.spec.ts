/**
 * Issue 11, item 13: a supervisor exports the audit trail of their office as a file, in words, from
 * the audit page; the export is itself recorded. An administrator can export everything as JSON.
 * Screenshots of the page at laptop and phone widths go to test-results/ for review.
 */
import { readFileSync } from "node:fs";
import { ACCOUNTS, expect, test } from "./fixtures";

test("a supervisor downloads the office's audit trail as CSV, and the export is recorded", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.supervisor);
  await page.goto("/admin/audit");
  const main = page.getByRole("main");
  const section = main.getByRole("region", { name: "Export these events" });
  await expect(section).toBeVisible();
  await expect(main.getByRole("table")).toBeVisible();
  for (const [width, height] of [[1366, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/audit-export-${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 900 });

  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Download" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-trail-offices-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await file.path())!, "utf8").replace(/^\ufeff/, "").trim().split(/\r?\n/);
  expect(lines[0]).toBe("#,When (UTC),Action,By,Record type,Record,Office,Details");
  // Newest first: the export itself, in words, by this supervisor.
  expect(lines[1]).toContain("Audit trail exported");
  expect(lines[1]).toContain(ACCOUNTS.supervisor.name);
  expect(lines.join("\n")).not.toMatch(/\b(identity\.revealed|case\.created|audit\.exported)\b/);

  await page.reload();
  await expect(main.getByRole("table").getByText("Audit trail exported").first()).toBeVisible();
});

test("an administrator downloads the whole trail as JSON", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.administrator);
  await page.goto("/admin/audit");
  const section = page.getByRole("main").getByRole("region", { name: "Export these events" });
  await section.getByLabel("Format").selectOption("json");
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Download" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-trail-all-\d{4}-\d{2}-\d{2}\.json$/);
  const events = JSON.parse(readFileSync((await file.path())!, "utf8")) as { action: string; by: string; address?: string }[];
  expect(events[0]).toMatchObject({ action: "Audit trail exported", by: ACCOUNTS.administrator.name });
  expect(events.some((e) => e.action === "Person registered")).toBe(true);
  expect(events.every((e) => "address" in e)).toBe(true);
});

test("a caseworker has no audit page to export from, and the route refuses another site", async ({ sessionFor, request }) => {
  const page = await sessionFor(ACCOUNTS.caseworker);
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
  const refused = await request.post("/api/audit/export", { form: { format: "csv" }, headers: { origin: "https://elsewhere.example" } });
  expect(refused.status()).toBe(403);
});

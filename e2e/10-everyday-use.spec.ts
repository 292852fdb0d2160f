/**
 * Issue 15 (everyday use), items 3, 5, 6, 7, 12, 14 and 18: the case list sorted oldest first across
 * two pages; a refused submit focuses the error summary; Tab through the whole screening form with
 * every focused element visible above the sticky bar; one click adds exactly one repeatable row; an
 * export's k below the minimum is said so; charts fit a phone; marking travel as travelled right
 * after saving a change of it is not a conflict. Synthetic data only.
 */
import type { Page } from "@playwright/test";
import { ACCOUNTS, CODE, expect, recordAssistanceConsent, recordRegisteredCase, recordTypedIdentity, syntheticIdentity, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };
let caseCode = "";

async function registeredDates(page: Page): Promise<string[]> {
  const table = page.getByTestId("case-list");
  await expect(table).toBeVisible();
  const header = await table.locator("thead th").allInnerTexts();
  const column = header.findIndex((h) => h.startsWith("Registered"));
  expect(column).toBeGreaterThanOrEqual(0);
  return table.locator(`tbody tr td:nth-child(${column + 1})`).allInnerTexts();
}

test.describe("everyday use", () => {
  test("the case list sorts the whole list oldest first across pages; the sort survives a reload", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.setViewportSize(LAPTOP);
    await page.goto("/cases");
    await expect(page.getByTestId("case-list-summary")).toContainText("sorted by registration date, newest first");
    // Oldest first, by the column header.
    await page.getByTestId("case-list").getByRole("link", { name: /^Registered/ }).click();
    await expect(page).toHaveURL(/sort=registered&dir=asc/);
    await expect(page.getByTestId("case-list-summary")).toContainText(/Cases 1–25 of \d+, sorted by registration date, oldest first/);
    const first = await registeredDates(page);
    expect(first).toEqual([...first].sort());
    await page.reload();
    expect(await registeredDates(page)).toEqual(first);
    await expect(page.getByTestId("case-list").getByRole("columnheader", { name: /^Registered/ })).toHaveAttribute("aria-sort", "ascending");
    await page.getByRole("navigation", { name: "Pages of the case list" }).getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/page=2/);
    const second = await registeredDates(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second).toEqual([...second].sort());
    expect(second[0]! >= first.at(-1)!).toBe(true);

    // Twelve rows fit a 1366x900 screen, and no column is cut off.
    await page.goto("/cases?sort=registered&dir=asc");
    const rows = page.getByTestId("case-list").locator("tbody tr");
    const twelfth = await rows.nth(11).boundingBox();
    expect(twelfth && twelfth.y + twelfth.height).toBeLessThanOrEqual(900);
    const wrap = await page.locator(".table-wrap").first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
    await page.screenshot({ path: "test-results/everyday/case-list-1366.png" });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: "test-results/everyday/case-list-390.png" });
  });

  test("registration: one click adds exactly one row, an empty row can be removed and never blocks; a refused submit focuses the summary", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.setViewportSize(LAPTOP);
    const identity = syntheticIdentity();
    recordTypedIdentity(identity);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Add a document" }).click();
    await expect(main.getByRole("group", { name: /^Document \d/ })).toHaveCount(1);
    await main.getByLabel("Number", { exact: true }).fill("TST-ROW-0001");
    // The reported failure: typing a document number, then one click on "Add next of kin".
    await main.getByRole("button", { name: "Add next of kin" }).click();
    await expect(main.getByRole("group", { name: /^Next of kin \d/ })).toHaveCount(1);
    await expect(main.getByLabel("Name", { exact: true })).toBeFocused();
    await main.getByRole("button", { name: "Add next of kin" }).click();
    await expect(main.getByRole("group", { name: /^Next of kin \d/ })).toHaveCount(2);
    await main.getByRole("button", { name: "Remove next of kin 2" }).click();
    await expect(main.getByRole("group", { name: /^Next of kin \d/ })).toHaveCount(1);

    // A refused submit (names missing): focus on the summary, problems in form order, links to the fields.
    await main.getByRole("button", { name: "Register", exact: true }).click();
    const summary = page.locator("#form-errors");
    await expect(summary).toBeFocused();
    const items = summary.getByRole("listitem");
    await expect(items.first()).toContainText("Family name");
    await expect(items.nth(1)).toContainText("Given name");
    await expect(summary).not.toContainText("Next of kin");
    await page.screenshot({ path: "test-results/everyday/registration-summary-1366.png" });
    await summary.getByRole("link", { name: /Given name/ }).click();
    await expect(main.getByLabel("Given name")).toBeFocused();

    // The empty next-of-kin row does not block the registration.
    await main.getByLabel("Family name").fill(identity.familyName);
    await main.getByLabel("Given name").fill(identity.givenName);
    await main.getByLabel("Sex").selectOption({ label: "Female" });
    await main.getByLabel("Year of birth").fill("1990");
    await main.getByLabel(/^Citizenship/).selectOption({ label: "Ukraine" });
    await main.getByRole("button", { name: "Register", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
    caseCode = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
    recordRegisteredCase(caseCode);
  });

  test("screening: a refused submit focuses the summary; Tab through the whole form, every focused control visible above the bar", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.setViewportSize(PHONE);
    await page.goto(`/cases/${caseCode}/screening`);
    const main = page.getByRole("main");
    await main.getByRole("radiogroup", { name: /agree to this screening interview/ }).getByLabel("Yes", { exact: true }).check();
    await main.getByRole("button", { name: "Submit", exact: true }).click();
    const summary = page.locator("#form-errors");
    await expect(summary).toBeFocused();
    // Form order: the interview's questions come before the determination at the bottom.
    const texts = await summary.getByRole("listitem").allInnerTexts();
    expect(texts.length).toBeGreaterThan(3);
    expect(texts[0]).toMatch(/Date of the interview/);
    expect(texts.findIndex((x) => /Your decision/.test(x))).toBe(texts.length - 1);

    await page.screenshot({ path: "test-results/everyday/screening-summary-390.png" });
    const bar = page.getByTestId("sticky-actions");
    const barBox = (await bar.boundingBox())!;
    expect(barBox.height).toBeLessThan(PHONE.height * 0.1);

    // From the top of the form to the bar's own buttons, every Tab stop is visible and not covered.
    await summary.focus();
    let stops = 0;
    for (; stops < 400; stops++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(async () => {
        // Once the page has settled the scroll of this focus move: the focused control stays put for
        // two frames in a row (at least two frames, at most thirty on a loaded machine).
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        let last = Number.NaN;
        for (let i = 0, still = 0; i < 30 && still < 2; i++) {
          await frame();
          const top = (document.activeElement as HTMLElement | null)?.getBoundingClientRect().top ?? 0;
          still = top === last ? still + 1 : 0;
          last = top;
        }
        const el = document.activeElement as HTMLElement | null;
        const barEl = document.querySelector('[data-testid="sticky-actions"]');
        if (!el || !barEl) return null;
        const r = el.getBoundingClientRect();
        const b = barEl.getBoundingClientRect();
        const inBar = barEl.contains(el);
        const topbar = document.querySelector(".topbar");
        const topBottom = topbar && getComputedStyle(topbar).position === "sticky" ? topbar.getBoundingClientRect().bottom : 0;
        return {
          inBar,
          last: inBar && el.getAttribute("type") === "submit",
          visible: r.width > 0 && r.height > 0 && r.bottom <= window.innerHeight && r.top >= 0,
          covered: !inBar && (r.bottom > b.top || r.top < topBottom),
          name: el.id || el.getAttribute("name") || el.tagName,
        };
      });
      expect(state, "a control has focus").not.toBeNull();
      expect(state!.visible, `focused ${state!.name} is on screen`).toBe(true);
      expect(state!.covered, `focused ${state!.name} is not under the sticky bar`).toBe(false);
      if (state!.last) break;
    }
    await page.screenshot({ path: "test-results/everyday/screening-bar-390.png" });
    expect(stops).toBeGreaterThan(20);
    expect(stops).toBeLessThan(400);
  });

  test("return: marking the travel as travelled right after saving a change of it is no conflict", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.setViewportSize(LAPTOP);
    await page.goto(`/cases/${caseCode}`);
    await recordAssistanceConsent(page);
    await page.goto(`/cases/${caseCode}/return`);
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Enrol in a programme" }).click();
    const enrol = page.getByRole("dialog", { name: "Return programme" });
    await enrol.getByRole("radio", { name: /Assisted voluntary return/ }).check();
    await enrol.getByLabel("Country of return", { exact: true }).selectOption({ label: "Ukraine" });
    await enrol.getByRole("button", { name: "Save" }).click();
    await expect(enrol).toBeHidden();
    const today = new Date().toISOString().slice(0, 10);
    const travel = main.getByRole("region", { name: "Return travel" });
    await travel.getByRole("button", { name: "Plan travel" }).click();
    const plan = page.getByRole("dialog", { name: "Plan return travel" });
    await plan.getByLabel("Departure").fill(today);
    await plan.getByLabel("Fit to travel", { exact: true }).selectOption({ label: "Fit to travel" });
    // An added leg left empty does not block planning.
    await plan.getByRole("button", { name: "Add a leg" }).click();
    await expect(plan.getByRole("group", { name: /^Leg 1/ })).toHaveCount(1);
    await plan.getByRole("button", { name: "Plan the travel" }).click();
    await expect(plan).toBeHidden();
    await expect(travel.getByRole("button", { name: "Mark as travelled" })).toBeEnabled();

    // Hold back the page's refresh after its own save: the page still shows what it read before.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname.endsWith("/return"),
      async (route) => {
        if (route.request().headers()["rsc"]) await gate;
        await route.continue();
      },
    );
    await travel.getByRole("button", { name: "Change", exact: true }).click();
    const change = page.getByRole("dialog", { name: "Change the travel" });
    await change.getByLabel("Escorted").check();
    await change.getByRole("button", { name: "Save" }).click();
    await expect(change).toBeHidden();
    await travel.getByRole("button", { name: "Mark as travelled" }).click();
    const confirm = page.getByRole("dialog", { name: "Mark as travelled" });
    await confirm.getByRole("button", { name: "Confirm the return" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText("Someone else changed this case")).toHaveCount(0);
    release();
    await expect(travel.getByText("Travelled", { exact: true })).toBeVisible();
    await page.unroute((url) => url.pathname.endsWith("/return"));
  });

  test("exports: a k below the minimum is said so, not raised silently; charts fit a phone", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.dataOfficer);
    await page.setViewportSize(LAPTOP);
    await page.goto("/statistics/export");
    const k = page.getByLabel(/^Threshold k/);
    await k.fill("3");
    await expect(k).toHaveValue("3");
    let requests = 0;
    page.on("request", (r) => {
      if (r.url().includes("stats.exportAggregates")) requests++;
    });
    await page.getByRole("button", { name: "Export" }).first().click();
    await expect(page.getByText("k cannot be below 5: you asked for 3.")).toBeVisible();
    await expect(k).toBeFocused();
    await expect(k).toHaveValue("3");
    expect(requests).toBe(0);

    await page.setViewportSize(PHONE);
    await page.goto("/statistics/review");
    const charts = page.locator(".chart");
    // Charts are drawn in the browser: wait until they are.
    await expect(charts.first().locator("svg.recharts-surface").first()).toBeVisible();
    const overflow = await charts.evaluateAll((els) =>
      els.filter((el) => {
        const box = el.getBoundingClientRect();
        const svg = el.querySelector("svg")?.getBoundingClientRect();
        return box.right > window.innerWidth || (svg && svg.right > box.right + 1) || el.scrollWidth > el.clientWidth + 1;
      }).length,
    );
    expect(overflow).toBe(0);
    await charts.nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/everyday/statistics-390.png", fullPage: false });
  });
});

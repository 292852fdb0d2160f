/**
 * Issue 15 items 2 and 9, end to end: a Vienna caseworker registers a person and finds them by name
 * on the case list (codes, office and status, never a name); a Kyiv caseworker searching the same
 * names finds nothing (another office's person is not even said to exist); the start of a case code
 * finds the case; a closure the Vienna caseworker asks for waits on the supervisor's Approvals page
 * with its action.
 *
 * Identities are synthetic and unique per run.
 */
import { ACCOUNTS, expect, recordRegisteredCase, recordTypedIdentity, seriousViolations, syntheticIdentity, test, trpcMutation, trpcQuery, type SyntheticIdentity } from "./fixtures";
import type { Page } from "@playwright/test";

test.describe.configure({ mode: "serial" });

const person: SyntheticIdentity = syntheticIdentity();
let personCode = "";
let caseCode = "";

async function searchByName(page: Page, names: { familyName: string; givenName: string; birthDate?: string }) {
  await page.goto("/cases");
  const panel = page.getByRole("main").locator("details.find-person");
  await panel.getByText("Find a person by name").click();
  const form = panel.getByRole("search", { name: "Find a person by name" });
  await form.getByLabel("Family name").fill(names.familyName);
  await form.getByLabel("Given name").fill(names.givenName);
  if (names.birthDate) await form.getByLabel(/Date of birth/).fill(names.birthDate);
  const answered = page.waitForResponse((r) => r.url().includes("persons.findByName"));
  await form.getByRole("button", { name: "Find person" }).click();
  const response = await answered;
  // Names travel in the POST body only, never in the URL.
  expect(response.url()).not.toContain(names.familyName);
  return panel;
}

test("a Vienna caseworker registers a person", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.caseworker);
  await page.goto("/desk");
  const offices = await trpcQuery(page, "offices.list", {});
  const office = (offices.data as { id: number; code: string }[]).find((o) => o.code === "AT-VIE");
  recordTypedIdentity(person);
  const registered = await trpcMutation(page, "cases.register", {
    identity: { familyName: person.familyName, givenName: person.givenName, birthDate: person.birthDate, aliases: [], documents: [], nextOfKin: [] },
    person: { sex: "Feminine", otherCitizenships: [] },
    registeredOn: new Date().toISOString().slice(0, 10),
    officeId: office?.id,
  });
  expect(registered.errorCode).toBeNull();
  ({ caseCode, personCode } = registered.data as { caseCode: string; personCode: string });
  recordRegisteredCase(caseCode);
});

test("the Vienna caseworker finds the person by name, typed differently, with codes and no name", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.caseworker);
  const panel = await searchByName(page, { familyName: ` ${person.familyName.toUpperCase()} `, givenName: person.givenName.toLowerCase(), birthDate: person.birthDate });
  await expect(panel.getByText("1 person of your offices found.")).toBeVisible();
  const row = panel.getByRole("row").filter({ hasText: personCode });
  await expect(row).toContainText("Names and date of birth");
  await expect(row.getByRole("link", { name: caseCode })).toBeVisible();
  await expect(row).toContainText("Active");
  await expect(panel).not.toContainText(person.familyName);
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole("link", { name: caseCode }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseCode}$`));
});

test("a Kyiv caseworker searching the same names finds nothing, not even that the person exists elsewhere", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.caseworkerKyiv);
  const panel = await searchByName(page, { familyName: person.familyName, givenName: person.givenName, birthDate: person.birthDate });
  await expect(panel.getByText("No person of your offices has these names.")).toBeVisible();
  await expect(panel).not.toContainText(personCode);
  await expect(panel).not.toContainText("AT-VIE");
});

test("the case list finds the case by the start of its code", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.caseworker);
  await page.goto("/cases");
  await page.getByLabel("Case or person code").fill(caseCode.slice(0, 6).toLowerCase());
  await page.getByLabel("Case or person code").press("Enter");
  await expect(page.getByRole("main").getByRole("link", { name: caseCode })).toBeVisible();
});

test("a closure the caseworker asks for waits on the supervisor's Approvals page, with its action", async ({ sessionFor }) => {
  const worker = await sessionFor(ACCOUNTS.caseworker);
  await worker.goto("/desk");
  const asked = await trpcMutation(worker, "closure.request", { code: caseCode, reason: "lost_contact" });
  expect(asked.errorCode).toBeNull();
  const page = await sessionFor(ACCOUNTS.supervisor);
  await page.goto("/approvals");
  const closures = page.getByRole("region", { name: /Closures to approve/ });
  const row = closures.getByTestId(`closure-request-${caseCode}`);
  await expect(row).toContainText("Closure requested: Lost contact.");
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole("link", { name: "Review" }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseCode}#closure$`));
});

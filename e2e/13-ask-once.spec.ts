/**
 * Issue 15 item 8: ask once. A caseworker registers a person; the screening opens filled with what
 * registration knows (age, citizenship as the country of origin, country of identification), every
 * value editable, and a saved change is kept. Once the supervisor approves the screening, the case
 * summary shows its country of exploitation and exploitation types, and the assistance interview
 * opens filled with the screening's interview date, place, language and interpreter (the language
 * from the same list in both forms).
 *
 * All data is synthetic.
 */
import type { Locator, Page } from "@playwright/test";
import { sampleScreeningAnswers } from "../lib/forms/screening/fixtures";
import { ACCOUNTS, CODE, expect, recordAssistanceConsent, recordRegisteredCase, recordTypedIdentity, syntheticIdentity, test, trpcMutation } from "./fixtures";

test.describe.configure({ mode: "serial" });

let caseCode = "";
const BIRTH_YEAR = 1994;

const section = (main: Locator, name: RegExp) => main.getByRole("region", { name });


async function open(page: Page, path: string, heading: string): Promise<Locator> {
  await page.goto(path);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  return main;
}

test.describe("ask once", () => {
  test("a caseworker registers a person", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const identity = syntheticIdentity();
    recordTypedIdentity(identity);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    await main.getByLabel("Family name").fill(identity.familyName);
    await main.getByLabel("Given name").fill(identity.givenName);
    await main.getByLabel("Sex").selectOption({ label: "Female" });
    await main.getByLabel("Year of birth").fill(String(BIRTH_YEAR));
    await main.getByLabel(/^Citizenship/).selectOption({ label: "Ukraine" });
    await main.getByRole("button", { name: "Register", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
    caseCode = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
    recordRegisteredCase(caseCode);
  });

  test("the screening opens filled with what registration knows, editable, and a saved change is kept", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await open(page, `/cases/${caseCode}/screening`, "Screening");
    await expect(main.getByTestId("prefilled-notice")).toContainText("Filled in from the registration");
    const interview = section(main, /The interview/);
    await interview.getByLabel("Date of the interview").fill("2026-03-02");
    await expect(interview.getByLabel("Country where the interview takes place")).not.toHaveValue("");
    await interview.getByLabel("Language of the interview").selectOption({ label: "Ukrainian" });
    await interview.getByRole("radiogroup", { name: /agree to this screening interview/ }).getByLabel("Yes", { exact: true }).check();

    const person = section(main, /The person now/);
    const age = person.getByLabel("How old is the person?");
    await expect(age).toHaveValue(String(new Date().getUTCFullYear() - BIRTH_YEAR));
    const movement = section(main, /Movement/);
    await expect(movement.getByLabel("Which country is the person from?")).toHaveValue("UA");
    await expect(movement.getByLabel("In which country was the person identified (found or met)?")).not.toHaveValue("");

    // Editable: the person says otherwise, the caseworker changes it, and the saved draft keeps it.
    await age.fill("30");
    await movement.getByLabel("In which country was the person identified (found or met)?").selectOption({ label: "Austria" });
    const saved = page.waitForResponse((r) => r.url().includes("forms.saveDraft") && r.ok());
    await main.getByRole("button", { name: "Save draft" }).click();
    await saved;
    const resumed = await open(page, `/cases/${caseCode}/screening`, "Screening");
    await expect(resumed.getByText(/Continuing the draft last saved by/)).toBeVisible();
    await expect(resumed.getByTestId("prefilled-notice")).toHaveCount(0);
    await expect(section(resumed, /The person now/).getByLabel("How old is the person?")).toHaveValue("30");
    await expect(section(resumed, /Movement/).getByLabel("In which country was the person identified (found or met)?")).toHaveValue("AT");

    const submitted = await trpcMutation(page, "forms.submit", { caseCode, formId: "screening", answers: sampleScreeningAnswers({ age: 30 }) });
    expect(submitted.status).toBe(200);
  });

  test("after approval the case summary shows the screening's country of exploitation and exploitation types", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    const main = await open(page, `/cases/${caseCode}/screening`, "Screening");
    await main.getByRole("region", { name: "Review this determination" }).getByRole("button", { name: "Approve" }).click();
    await expect(main.getByText("Approved").first()).toBeVisible({ timeout: 15_000 });

    await page.goto(`/cases/${caseCode}`);
    const facts = page.getByRole("main").getByTestId("assistance-key-facts");
    await expect(facts).toContainText("Country of exploitation");
    await expect(facts).toContainText("Austria");
    await expect(facts).toContainText("Forced labour");
    await expect(facts).toContainText("Sexual exploitation");
    await expect(facts).toContainText("International (across borders)");
  });

  test("the assistance interview opens filled with the screening's interview, language and interpreter, editable", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto(`/cases/${caseCode}`);
    await recordAssistanceConsent(page);
    const main = await open(page, `/cases/${caseCode}/assistance`, "Assistance interview");
    await expect(main.getByTestId("prefilled-notice")).toContainText("Filled in from the screening");
    const interview = section(main, /About this interview/);
    await expect(interview.getByLabel("Date of the interview")).toHaveValue("2026-03-02");
    await expect(interview.getByLabel("Country where the interview takes place")).toHaveValue("AT");
    const language = interview.getByLabel("Language of the interview");
    await expect(language).toHaveValue("uk");
    await expect(interview.getByRole("radiogroup", { name: /interpreter/ }).getByLabel("Yes", { exact: true })).toBeChecked();
    // One list in both forms, and the value can be changed.
    await language.selectOption({ label: "German" });
    await expect(language).toHaveValue("de");
  });
});

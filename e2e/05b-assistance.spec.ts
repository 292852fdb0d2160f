/**
 * Issue 4: consent, the assistance interview and services. A supervisor adds a partner
 * organisation; a caseworker registers a person, cannot open the assistance interview without
 * consent, records consent, fills the interview with two journey legs and three services (one
 * provided by the partner and funded by the Global Assistance Fund, one not provided with a
 * reason), submits, adds a later service; the case overview shows all of it. After the person
 * withdraws consent no new data can be entered, through the pages or by direct requests.
 *
 * All data is synthetic. Free text typed here (a service note, the occupation) and the identity
 * must not reach the database file in clear: the last test scans it (field names are reported,
 * never values).
 */
import { existsSync, readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { ACCOUNTS, CODE, expect, readE2eEnv, recordAssistanceConsent, recordRegisteredCase, recordTypedIdentity, syntheticIdentity, test, trpcMutation } from "./fixtures";

test.describe.configure({ mode: "serial" });

const run = Math.random().toString(36).slice(2, 8);
const PARTNER = `Synthetic Shelter ${run}`;
const FREE_TEXT = {
  occupation: `Qelvar packer ${run}`,
  serviceNote: `Synthetic note zorbath ${run}`,
};
let caseCode = "";
const identity = syntheticIdentity();

const section = (main: Locator, name: RegExp) => main.getByRole("region", { name });
const radio = (scope: Locator, question: string | RegExp, answer: "Yes" | "No" | "Don't know") =>
  scope.getByRole("radiogroup", { name: question }).getByLabel(answer, { exact: true }).check();

async function openCase(page: Page): Promise<Locator> {
  await page.goto(`/cases/${caseCode}`);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toContainText(caseCode);
  return main;
}

test.describe("consent, assistance interview and services", () => {
  test("a supervisor adds a partner organisation to the registry", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/organisations");
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: "Partner organisations" })).toBeVisible();
    await main.getByRole("button", { name: "Add an organisation" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(PARTNER);
    await dialog.getByLabel("Type").selectOption({ label: "NGO" });
    await dialog.getByLabel("Country").selectOption({ label: "Austria" });
    await dialog.getByLabel("City").fill("Vienna");
    await dialog.getByLabel("Accommodation or shelter").check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(main.getByRole("status").filter({ hasText: `${PARTNER} was added.` })).toBeVisible();

    // Searchable by name and by service offered.
    await main.getByLabel("Name or city").fill(run);
    await main.getByLabel("Service offered").selectOption({ label: "Accommodation or shelter" });
    await main.getByRole("button", { name: "Search" }).click();
    await expect(main.getByRole("row").filter({ hasText: PARTNER })).toHaveCount(1);
  });

  test("a caseworker registers a person; without consent the assistance interview does not open", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    recordTypedIdentity(identity);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    await main.getByLabel("Family name").fill(identity.familyName);
    await main.getByLabel("Given name").fill(identity.givenName);
    await main.getByLabel("Sex").selectOption({ label: "Female" });
    await main.getByLabel("Year of birth").fill("1994");
    await main.getByLabel(/^Citizenship/).selectOption({ label: "Ukraine" });
    await main.getByRole("button", { name: "Register", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
    caseCode = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
    recordRegisteredCase(caseCode);

    const consent = main.getByRole("region", { name: "Consent" });
    await expect(consent.getByTestId("consent-assistance")).toContainText("Not recorded");
    await expect(main.getByTestId("overview-missing")).toContainText("Consent to assistance and to the use of personal data is not recorded.");

    await page.goto(`/cases/${caseCode}/assistance`);
    await expect(main.getByTestId("consent-block")).toContainText("Consent needed first.");
    await expect(main.getByRole("button", { name: "Submit", exact: true })).toHaveCount(0);
    await expect(main.getByLabel("Date of the interview")).toHaveCount(0);

    // The server refuses too, whatever the page shows.
    const draft = await trpcMutation(page, "forms.saveDraft", { caseCode, formId: "assistance", answers: { interviewDate: "2026-03-02" }, baseUpdatedAt: null });
    expect(draft.errorCode).toBe("PRECONDITION_FAILED");
    expect(draft.text).toContain("CONSENT_REQUIRED");
    const service = await trpcMutation(page, "services.create", { code: caseCode, type: "cash", status: "needed" });
    expect(service.errorCode).toBe("PRECONDITION_FAILED");
  });

  test("the caseworker records consent to assistance and to the use of personal data", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openCase(page);
    const consent = main.getByRole("region", { name: "Consent" });
    await recordAssistanceConsent(page);
    await expect(consent.getByTestId("consent-data_processing")).toContainText(`taken by ${ACCOUNTS.caseworker.name}`);
    await expect(consent.getByTestId("consent-share_with_partners")).toContainText("Not recorded");
  });

  test("fills the interview with two journey legs and three services, and submits it", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto(`/cases/${caseCode}/assistance`);
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: "Assistance interview" })).toBeVisible();

    const interview = section(main, /About this interview/);
    await interview.getByLabel("Date of the interview").fill("2026-03-04");
    await interview.getByLabel("Country where the interview takes place").selectOption({ label: "Austria" });
    await interview.getByLabel("Who is conducting the interview?").fill("Demo interviewer");
    await interview.getByLabel("Language of the interview").selectOption({ label: "Ukrainian" });
    await radio(interview, /interpreter/, "Yes");

    const background = section(main, /^Background/);
    await background.getByLabel(/highest level of school/).selectOption({ label: "Upper Secondary Education" });
    await background.getByLabel("What work did you do before you left?").fill(FREE_TEXT.occupation);
    await background.getByLabel("Before you left, were you working?").selectOption({ label: "No, looking for work" });
    await radio(background, "Do you have children?", "No");
    await background.getByLabel("Which languages do you speak?").selectOption({ label: "Ukrainian" });
    await background.getByLabel("Which languages do you speak?").selectOption({ label: "Russian" });
    await radio(background, /ever gone to live or work/, "No");
    await background.getByRole("group", { name: "Why did you decide to leave?" }).getByLabel("To find work").check();

    const recruitment = section(main, /^Recruitment/);
    await radio(recruitment, /offer you a job or help you to travel/, "Yes");
    await recruitment.getByLabel("In which country were you when it happened?").selectOption({ label: "Ukraine" });
    await recruitment.getByLabel("What job were you promised?").fill("Fruit picking");
    await recruitment.getByLabel("Which country were you told you were going to?").selectOption({ label: "Germany" });
    await radio(recruitment, /pay anyone to get the job/, "No");
    await radio(recruitment, /borrow money/, "No");

    const journey = section(main, /^Journey/);
    const steps = journey.getByRole("group", { name: "Steps of the journey" });
    await steps.getByRole("button", { name: "Add Step 1" }).click();
    await steps.locator("#f-legs-0-fromCountry").selectOption({ label: "Ukraine" });
    await steps.locator("#f-legs-0-toCountry").selectOption({ label: "Poland" });
    await steps.locator("#f-legs-0-means").selectOption({ label: "By bus" });
    await steps.locator("#f-legs-0-documents").selectOption({ label: "My own genuine documents" });
    await steps.locator("#f-legs-0-crossing").selectOption({ label: "Through an official border crossing" });
    await steps.getByRole("button", { name: "Add Step 2" }).click();
    await steps.locator("#f-legs-1-fromCountry").selectOption({ label: "Poland" });
    await steps.locator("#f-legs-1-toCountry").selectOption({ label: "Germany" });
    await steps.locator("#f-legs-1-means").selectOption({ label: "By car or truck" });
    await steps.locator("#f-legs-1-documents").selectOption({ label: "No documents" });
    await steps.locator("#f-legs-1-crossing").selectOption({ label: "Without passing border control" });

    const happened = section(main, /^What happened/);
    await radio(happened, /made to work, or to do things/, "Yes");
    await happened.getByRole("group", { name: "What were you made to do?" }).getByLabel("Forced labour").check();
    await happened.getByLabel("In what kind of work?").selectOption({ index: 1 });
    await happened.getByRole("button", { name: "Add Place 1" }).click();
    await happened.locator("#f-locations-0-country").selectOption({ label: "Germany" });
    await happened.locator("#f-locations-0-place").selectOption({ label: "A farm" });
    await happened.getByLabel("How did it end?").selectOption({ label: "I escaped" });

    const needs = section(main, /^Needs and services/);
    const services = needs.getByRole("group", { name: "Help needed and given" });
    // 1. Shelter, provided by the partner, funded by the Global Assistance Fund.
    await services.getByRole("button", { name: "Add Service 1" }).click();
    await services.locator("#f-services-0-type").selectOption({ label: "Accommodation or shelter" });
    await services.locator("#f-services-0-status").selectOption({ label: "Provided" });
    await services.locator("#f-services-0-provider").selectOption({ label: "A partner organisation" });
    await services.locator("#f-services-0-organisation").selectOption({ label: `${PARTNER} (Vienna, AT)` });
    await services.locator("#f-services-0-funding").selectOption({ label: "Global Assistance Fund" });
    // 2. Medical care by our organisation, funded by a project.
    await services.getByRole("button", { name: "Add Service 2" }).click();
    await services.locator("#f-services-1-type").selectOption({ label: "Medical care" });
    await services.locator("#f-services-1-status").selectOption({ label: "Provided" });
    await services.locator("#f-services-1-provider").selectOption({ label: "Our organisation" });
    await services.locator("#f-services-1-funding").selectOption({ label: "A project" });
    // 3. Legal assistance not provided: the reason is required.
    await services.getByRole("button", { name: "Add Service 3" }).click();
    await services.locator("#f-services-2-type").selectOption({ label: "Legal or consular assistance" });
    await services.locator("#f-services-2-status").selectOption({ label: "Not provided" });

    await main.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(main.getByRole("alert").filter({ hasText: /needs attention|need attention/ })).toBeVisible();
    await expect(services.getByText("This is required.")).toBeVisible();
    await services.locator("#f-services-2-reason").selectOption({ label: "Not available where the person is" });

    await main.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(main).toContainText("Assistance interview, revision 1", { timeout: 15_000 });
    await expect(main).toContainText(PARTNER);
    await expect(main.getByRole("region", { name: "History" })).toContainText("Revision 1");
  });

  test("a service provided later is added to the same list", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openCase(page);
    const servicesCard = main.getByRole("region", { name: "Services" });
    await expect(servicesCard.getByRole("row")).toHaveCount(4);
    await servicesCard.getByRole("button", { name: "Add a service" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Kind of help").selectOption({ label: "Cash assistance" });
    await dialog.getByLabel("Status").selectOption({ label: "Provided" });
    // A provided service needs its provider: the rule shows on the field, nothing typed is lost.
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("Say who provided this service.")).toBeVisible();
    await dialog.getByLabel("Who provides it?").selectOption({ label: "Our organisation" });
    await dialog.getByLabel(/^Funded by/).selectOption({ label: "A project" });
    await dialog.getByLabel(/^Start date/).fill("2026-03-05");
    await dialog.getByLabel(/^Notes/).fill(FREE_TEXT.serviceNote);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(servicesCard.getByRole("row")).toHaveCount(5);
  });

  test("the case overview shows consent, the summaries, what is missing, revisions and every service", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openCase(page);
    const rows = main.getByRole("region", { name: "Services" }).getByRole("row");
    const row = (name: string) => rows.filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
    await expect(row("Accommodation or shelter")).toContainText("Provided");
    await expect(row("Accommodation or shelter")).toContainText(PARTNER);
    await expect(row("Accommodation or shelter")).toContainText("Global Assistance Fund");
    await expect(row("Accommodation or shelter")).toContainText("Assistance interview, revision 1");
    await expect(row("Medical care")).toContainText("Our organisation");
    await expect(row("Legal or consular assistance")).toContainText("Not provided");
    await expect(row("Legal or consular assistance")).toContainText("Not available where the person is");
    await expect(row("Cash assistance")).toContainText("Added later");
    await expect(row("Cash assistance")).toContainText(FREE_TEXT.serviceNote);

    const overview = main.getByRole("region", { name: "Interviews" });
    const facts = overview.getByTestId("assistance-key-facts");
    await expect(facts).toContainText("Forced labour");
    await expect(facts).toContainText("Germany");
    await expect(facts).toContainText("Ukraine → Poland → Germany");
    await expect(facts).toContainText("International");
    await expect(facts).toContainText("Global Assistance Fund");
    await expect(overview.getByTestId("overview-assistance")).toContainText("Revision 1");
    await expect(overview.getByTestId("overview-missing")).toContainText("The screening has not been started.");
    await expect(overview.getByTestId("overview-missing")).not.toContainText("Consent");
    // A readable summary, never raw JSON.
    await overview.getByTestId("overview-assistance").getByText("Show the answers").click();
    await expect(overview.getByTestId("overview-assistance")).toContainText("What job were you promised?");
    expect(await overview.innerText()).not.toMatch(/[{}"]\w+"?:/);
  });

  test("after the person withdraws consent, no new data can be entered", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    let main = await openCase(page);
    const consent = main.getByRole("region", { name: "Consent" });
    await consent.getByRole("button", { name: "Withdraw consent: Use of personal data" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Record the withdrawal" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(consent.getByTestId("consent-data_processing")).toContainText("Withdrawn");
    await expect(consent.getByRole("alert")).toContainText("Consent has been withdrawn");

    const servicesCard = main.getByRole("region", { name: "Services" });
    await expect(servicesCard.getByRole("button", { name: "Add a service" })).toHaveCount(0);
    await expect(servicesCard.getByRole("button", { name: /^Change the service/ })).toHaveCount(0);
    await expect(servicesCard).toContainText("services can no longer be added or changed");
    await expect(servicesCard.getByRole("row")).toHaveCount(5);

    await page.goto(`/cases/${caseCode}/assistance`);
    main = page.getByRole("main");
    await expect(main.getByTestId("consent-block")).toContainText("Consent withdrawn.");
    await expect(main).toContainText("Assistance interview, revision 1");
    await expect(main.getByRole("button", { name: "Correct this interview" })).toHaveCount(0);
    await expect(main.getByRole("button", { name: "Submit", exact: true })).toHaveCount(0);

    const draft = await trpcMutation(page, "forms.saveDraft", { caseCode, formId: "assistance", answers: { interviewDate: "2026-03-06" }, baseUpdatedAt: null });
    expect(draft.errorCode).toBe("PRECONDITION_FAILED");
    const service = await trpcMutation(page, "services.create", { code: caseCode, type: "education", status: "needed" });
    expect(service.errorCode).toBe("PRECONDITION_FAILED");
  });

  test("free text typed in this journey is not stored in clear in the database file", () => {
    const { databasePath } = readE2eEnv();
    const wal = existsSync(`${databasePath}-wal`) ? readFileSync(`${databasePath}-wal`) : Buffer.alloc(0);
    const bytes = Buffer.concat([wal, readFileSync(databasePath)]);
    const occurs = (v: string) => bytes.includes(Buffer.from(v, "utf8")) || bytes.includes(Buffer.from(v, "utf16le"));
    // Control: the partner's name and the case code are stored in clear.
    expect(occurs(PARTNER), "control: partner name").toBe(true);
    expect(occurs(caseCode), "control: case code").toBe(true);
    expect((Object.keys(FREE_TEXT) as (keyof typeof FREE_TEXT)[]).filter((k) => occurs(FREE_TEXT[k]))).toEqual([]);
    // The identity registered here too (this file runs after 99-plaintext in file order).
    expect((["familyName", "givenName"] as const).filter((k) => occurs(identity[k]))).toEqual([]);
  });
});

/**
 * Issue 5, programmes and return travel, reintegration and monitoring. A destination-office
 * caseworker (Vienna) enrols a case in AVRR with return to Ukraine and organises the return travel:
 * the fit-to-travel check blocks it (in the page and for a direct request) until it is done, then
 * it is marked travelled, which records the return and schedules the monitoring visits. The case is
 * transferred to Kyiv (requested by Vienna, accepted by the Kyiv supervisor, through the transfer
 * procedures); on the origin side the Kyiv caseworker confirms the enrolment, builds a reintegration
 * plan, completes steps and records the 3-month monitoring visit. Vienna cannot see Kyiv's case.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO_USERS } from "../db/seed/demo-accounts";
import { ACCOUNTS, CODE, expect, readE2eEnv, recordAssistanceConsent, recordRegisteredCase, recordTypedIdentity, syntheticIdentity, test, trpcMutation, trpcQuery, type Account } from "./fixtures";

test.describe.configure({ mode: "serial" });

/** The Kyiv supervisor accepts the transfer (not in the shared ACCOUNTS: only this spec needs it). */
const supervisorKyiv: Account = (() => {
  const user = DEMO_USERS.find((u) => u.email === "supervisor.kyiv@passage.demo");
  if (!user) throw new Error("supervisor.kyiv@passage.demo is not a demo account");
  return { key: "supervisor-kyiv", email: user.email, name: user.name, role: user.role };
})();

const today = new Date().toISOString().slice(0, 10);
/** Free text typed in this spec (synthetic): stored only encrypted. */
const OBJECTIVES = `Synthetic objectives ${Math.random().toString(36).slice(2, 10)}`;
const VISIT_NOTES = `Synthetic visit notes ${Math.random().toString(36).slice(2, 10)}`;
let viennaCase = "";
let kyivCase = "";
let movementId = 0;

async function openReturn(page: Page, code: string) {
  await page.goto(`/cases/${code}/return`);
  await expect(page.getByRole("heading", { level: 1, name: "Return" })).toBeVisible();
  return page.getByRole("main");
}

test.describe("return travel and reintegration", () => {
  test("a Vienna caseworker registers the person and enrols the case in AVRR with return to Ukraine", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const identity = syntheticIdentity();
    recordTypedIdentity(identity);
    await page.goto("/cases/new");
    const form = page.getByRole("main");
    await form.getByLabel("Family name").fill(identity.familyName);
    await form.getByLabel("Given name").fill(identity.givenName);
    await form.getByLabel("Sex").selectOption({ label: "Female" });
    await form.getByLabel("Year of birth").fill("1991");
    await form.getByLabel(/^Citizenship/).selectOption({ label: "Ukraine" });
    await form.getByRole("button", { name: "Register", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
    viennaCase = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
    recordRegisteredCase(viennaCase);
    // Return is assistance: until the person consents, the Return page says so; then they consent.
    await page.goto(`/cases/${viennaCase}/return`);
    await expect(page.getByTestId("consent-needed")).toContainText("nothing can be planned or recorded until the person has consented");
    await page.getByRole("link", { name: "Record consent on the case page" }).click();
    await recordAssistanceConsent(page);

    const card = page.getByRole("region", { name: "Return", exact: true });
    await expect(card).toContainText("Not enrolled in a return programme.");
    await card.getByRole("link", { name: "Enrol in a programme" }).click();
    const main = page.getByRole("main");
    await expect(page.getByRole("heading", { level: 1, name: "Return" })).toBeVisible();
    await main.getByRole("button", { name: "Enrol in a programme" }).click();
    const dialog = page.getByRole("dialog", { name: "Return programme" });
    await dialog.getByRole("radio", { name: /Assisted voluntary return/ }).check();
    await expect(dialog.getByLabel("Host country", { exact: true })).toHaveValue("AT");
    await dialog.getByLabel("Country of return", { exact: true }).selectOption({ label: "Ukraine" });
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    const programme = main.getByRole("region", { name: "Programme", exact: true });
    await expect(programme).toContainText("Assisted voluntary return and reintegration (AVRR)");
    await expect(programme).toContainText("Vienna (AT-VIE)");
    await expect(programme).toContainText("Ukraine");
    await expect(programme).toContainText("Not yet returned");
  });

  test("plans the travel; without the fit-to-travel check it cannot take place, in the page or by a direct request", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openReturn(page, viennaCase);
    const travel = main.getByRole("region", { name: "Return travel" });
    await travel.getByRole("button", { name: "Plan travel" }).click();
    const dialog = page.getByRole("dialog", { name: "Plan return travel" });
    await dialog.getByLabel("Departure").fill(today);
    await dialog.getByRole("button", { name: "Add a leg" }).click();
    await dialog.getByLabel("From (airport or city)").fill("VIE");
    await dialog.getByLabel("To (airport or city)").fill("WAW");
    await dialog.getByLabel("Date", { exact: true }).fill(today);
    await dialog.getByLabel("Transit stop at the destination of this leg").check();
    await dialog.getByRole("button", { name: "Add a leg" }).click();
    await dialog.getByLabel("From (airport or city)").nth(1).fill("WAW");
    await dialog.getByLabel("To (airport or city)").nth(1).fill("KBP");
    await dialog.getByLabel("Date", { exact: true }).nth(1).fill(today);
    await dialog.getByLabel("Escorted").check();
    await dialog.getByLabel("Travel document", { exact: true }).check();
    await dialog.getByRole("button", { name: "Plan the travel" }).click();
    await expect(dialog).toBeHidden();

    await expect(travel.getByText("Planned", { exact: true })).toBeVisible();
    await expect(travel.getByRole("table", { name: "Itinerary legs" }).getByRole("row")).toHaveCount(3);
    await expect(travel.getByRole("status")).toContainText("The fit-to-travel check has not been done.");
    await expect(travel.getByRole("button", { name: "Mark as travelled" })).toBeDisabled();

    const view = await trpcQuery(page, "returns.forCase", { code: viennaCase });
    movementId = (view.data as { travel: { id: number }[] }).travel[0]!.id;
    const refused = await trpcMutation(page, "returns.setTravelStatus", { id: movementId, version: 1, status: "travelled", arrivalOn: today });
    expect(refused.errorCode).toBe("PRECONDITION_FAILED");
  });

  test("records the fit-to-travel check and marks the travel as travelled: return date and monitoring visits", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openReturn(page, viennaCase);
    const travel = main.getByRole("region", { name: "Return travel" });
    await travel.getByRole("button", { name: "Change", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Change the travel" });
    await dialog.getByLabel("Fit to travel", { exact: true }).selectOption({ label: "Fit to travel" });
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(travel.getByText("The fit-to-travel check has not been done.")).toHaveCount(0);

    await travel.getByRole("button", { name: "Mark as travelled" }).click();
    const confirm = page.getByRole("dialog", { name: "Mark as travelled" });
    await expect(confirm.getByLabel("Arrived on")).toHaveValue(today);
    await confirm.getByRole("button", { name: "Confirm the return" }).click();
    await expect(confirm).toBeHidden();
    await expect(travel.getByText("Travelled", { exact: true })).toBeVisible();
    await expect(main.getByRole("region", { name: "Programme", exact: true })).toContainText(today);

    await page.goto(`/cases/${viennaCase}/reintegration`);
    const visits = page.getByRole("main").getByRole("region", { name: "Monitoring visits" });
    await expect(visits.getByRole("row")).toHaveCount(4);
    await expect(visits.getByRole("row", { name: /^3 months/ })).toContainText("Scheduled");
  });

  test("the case is transferred to Kyiv: requested by Vienna, accepted by the Kyiv supervisor for the Kyiv caseworker", async ({ sessionFor }) => {
    const vienna = await sessionFor(ACCOUNTS.caseworker);
    const destinations = await trpcQuery(vienna, "transfers.destinations", { code: viennaCase });
    const kyiv = (destinations.data as { id: number; code: string }[]).find((o) => o.code === "UA-KBP");
    expect(kyiv, "Kyiv is a destination").toBeTruthy();
    const requested = await trpcMutation(vienna, "transfers.request", { code: viennaCase, toOfficeId: kyiv!.id });
    expect(requested.errorCode).toBeNull();

    const kyivWorker = await sessionFor(ACCOUNTS.caseworkerKyiv);
    const me = await trpcQuery(kyivWorker, "me.get", {});
    const kyivWorkerId = (me.data as { id: number }).id;

    const supervisor = await sessionFor(supervisorKyiv);
    const incoming = await trpcQuery(supervisor, "transfers.incoming", {});
    const transfer = (incoming.data as { id: number; fromCaseCode: string }[]).find((t) => t.fromCaseCode === viennaCase);
    expect(transfer, "the transfer reaches Kyiv").toBeTruthy();
    const accepted = await trpcMutation(supervisor, "transfers.decide", { id: transfer!.id, action: "accept", ownerId: kyivWorkerId });
    expect(accepted.errorCode).toBeNull();
    kyivCase = (accepted.data as { newCaseCode: string }).newCaseCode;
    expect(kyivCase).toMatch(new RegExp(`^C-${CODE}$`));
  });

  test("the Kyiv caseworker confirms the enrolment: the visits are scheduled from the date of return", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworkerKyiv);
    await page.goto(`/cases/${kyivCase}`);
    // The Kyiv office's own case: the person consents to Kyiv's assistance.
    await recordAssistanceConsent(page);
    const card = page.getByRole("region", { name: "Return", exact: true });
    await expect(card).toContainText("AVRR");
    await expect(card).toContainText(`returned on ${today}`);
    const main = await openReturn(page, kyivCase);
    await expect(main.getByRole("region", { name: "Programme", exact: true })).toContainText("Vienna (AT-VIE)");
    await main.getByRole("button", { name: "Change the enrolment" }).click();
    const dialog = page.getByRole("dialog", { name: "Return programme" });
    await expect(dialog.getByLabel(/^Date of return/)).toHaveValue(today);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await page.goto(`/cases/${kyivCase}/reintegration`);
    await expect(page.getByRole("main").getByRole("region", { name: "Monitoring visits" }).getByRole("row")).toHaveCount(4);
  });

  test("builds the reintegration plan, completes steps and records the 3-month monitoring visit", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworkerKyiv);
    await page.goto(`/cases/${kyivCase}/reintegration`);
    const main = page.getByRole("main");
    await expect(page.getByRole("heading", { level: 1, name: "Reintegration" })).toBeVisible();
    await expect(main).toContainText("No reintegration assistance counted yet");

    const plan = main.getByRole("region", { name: "Reintegration plan" });
    await plan.getByRole("textbox", { name: "Objectives" }).fill(OBJECTIVES);
    await plan.getByRole("button", { name: "Save the objectives" }).click();
    await expect(plan.getByText("Objectives saved.")).toBeVisible();

    const steps = main.getByRole("region", { name: "Steps", exact: true });
    const addStep = async (type: string, cost: string, currency: string) => {
      await steps.getByRole("button", { name: "Add a step" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a step" });
      await dialog.getByLabel("Assistance").selectOption({ label: type });
      await dialog.getByLabel("Our office").check();
      await dialog.getByLabel(/^Cost/).fill(cost);
      await dialog.getByLabel(/^Currency/).selectOption(currency);
      await dialog.getByRole("button", { name: "Add the step" }).click();
      await expect(dialog).toBeHidden();
    };
    await addStep("Vocational training", "1250.50", "UAH");
    await addStep("Cash or pocket money", "200", "EUR");
    await expect(steps.getByRole("row")).toHaveCount(3);
    await expect(steps.getByRole("row", { name: /Vocational training/ })).toContainText("1,250.50");

    await steps.getByRole("button", { name: "Start: Vocational training" }).click();
    await expect(steps.getByRole("row", { name: /Vocational training/ })).toContainText("In progress");
    await steps.getByRole("button", { name: "Mark as done: Cash or pocket money" }).click();
    const done = page.getByRole("dialog", { name: "Mark as done: Cash or pocket money" });
    await expect(done.getByLabel("Completed on")).toHaveValue(today);
    await done.getByRole("button", { name: "Mark as done" }).click();
    await expect(done).toBeHidden();
    await expect(steps.getByRole("row", { name: /Cash or pocket money/ })).toContainText("Done");
    await expect(main).toContainText("Counted in the statistics as reintegration assistance: Cash or pocket money, Vocational training.");

    const visits = main.getByRole("region", { name: "Monitoring visits" });
    await visits.getByRole("button", { name: "Record the 3 months visit" }).click();
    const visit = page.getByRole("dialog", { name: "Monitoring visit at 3 months" });
    await expect(visit.getByLabel("Visited on")).toHaveValue(today);
    await visit.getByLabel("Outcome").selectOption({ label: "Reintegrating well" });
    await visit.getByLabel(/^Notes/).fill(VISIT_NOTES);
    await visit.getByRole("button", { name: "Save the visit" }).click();
    await expect(visit).toBeHidden();
    const row = visits.getByRole("row", { name: /^3 months/ });
    await expect(row).toContainText("Done");
    await expect(row).toContainText("Reintegrating well");
    await expect(visits.getByRole("row", { name: /^6 months/ })).toContainText("Scheduled");

    await page.goto(`/cases/${kyivCase}`);
    const card = page.getByRole("region", { name: "Reintegration", exact: true });
    await expect(card).toContainText("0 planned, 1 in progress, 1 done");
    await expect(card).toContainText("next monitoring visit (6 months)");
  });

  test("the Vienna caseworker cannot see Kyiv's reintegration, by URL or by a direct request", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const response = await page.goto(`/cases/${kyivCase}/reintegration`);
    expect(response?.status()).toBe(404);
    const direct = await trpcQuery(page, "reintegration.forCase", { code: kyivCase });
    expect(direct.errorCode).toBe("NOT_FOUND");
    const write = await trpcMutation(page, "reintegration.addStep", { code: kyivCase, type: "housing", providerKind: "self" });
    expect(write.errorCode).toBe("NOT_FOUND");
  });

  test("the objectives and visit notes are not stored in clear", () => {
    const { databasePath } = readE2eEnv();
    const bytes = Buffer.concat([readFileSync(databasePath), existsSync(`${databasePath}-wal`) ? readFileSync(`${databasePath}-wal`) : Buffer.alloc(0)]);
    const found = { objectives: bytes.includes(OBJECTIVES), visitNotes: bytes.includes(VISIT_NOTES) };
    expect(found).toEqual({ objectives: false, visitNotes: false });
  });
});

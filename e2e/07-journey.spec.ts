/**
 * Issue 5, the journey after the interviews: referrals, transfer between offices, closure.
 *
 * A Vienna supervisor adds a shelter to the partner registry. A Vienna caseworker registers a
 * person, records their consent to share with partners and refers them to the shelter (found by
 * search); the referral awaits an answer on the desk, then the shelter accepts. For a second person
 * without that consent the caseworker cannot refer (in the page and by a direct request); the
 * supervisor can, giving a reason, and the override is in the audit trail without the reason's text.
 * The Vienna caseworker transfers the first case to Kyiv; the Kyiv supervisor sees what was shared
 * (no identity) and accepts for the Kyiv caseworker: Kyiv gets a new case for the same person, both
 * offices see the link, neither can open the other's case. The Kyiv caseworker asks for closure,
 * the Kyiv supervisor approves from the desk, and the case becomes read-only (pages and direct
 * requests).
 *
 * The other half of the journey is e2e/08-return-reintegration.spec.ts (same accounts, its own
 * case): AVRR enrolment and return travel with the fit-to-travel check happen in Vienna BEFORE the
 * transfer below; the reintegration plan, its steps and the 3-month monitoring visit happen in Kyiv
 * AFTER the acceptance and BEFORE the closure below. The places are marked "Journey, e2e/08" here.
 *
 * All data is synthetic; free text typed here must not reach the database file in clear (last test).
 */
import { existsSync, readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import {
  ACCOUNTS,
  CODE,
  expect,
  fieldsFoundIn,
  readE2eEnv,
  recordRegisteredCase,
  recordTypedIdentity,
  syntheticIdentity,
  test,
  trpcMutation,
  trpcQuery,
  type SyntheticIdentity,
} from "./fixtures";

test.describe.configure({ mode: "serial" });

const run = Math.random().toString(36).slice(2, 8);
const SHELTER = `Synthetic Haven ${run}`;
const TEXT = {
  referralMessage: `Synthetic vorpel request ${run}`,
  overrideReason: `Synthetic kestrine urgency ${run}`,
  transferMessage: `Synthetic dravmo arrival ${run}`,
};
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const first = syntheticIdentity();
const second = syntheticIdentity();
let viennaCase = "";
let withoutConsentCase = "";
let kyivCase = "";
let personCode = "";

const region = (scope: Page | Locator, name: string) => scope.getByRole("region", { name, exact: true });

async function openCase(page: Page, code: string): Promise<Locator> {
  await page.goto(`/cases/${code}`);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toContainText(code);
  return main;
}

async function register(page: Page, identity: SyntheticIdentity): Promise<string> {
  recordTypedIdentity(identity);
  await page.goto("/cases/new");
  const form = page.getByRole("main");
  await form.getByLabel("Family name").fill(identity.familyName);
  await form.getByLabel("Given name").fill(identity.givenName);
  await form.getByLabel("Sex").selectOption({ label: "Female" });
  await form.getByLabel("Year of birth").fill("1993");
  await form.getByLabel(/^Citizenship/).selectOption({ label: "Ukraine" });
  await form.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
  const code = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
  recordRegisteredCase(code);
  return code;
}

/** Fills the new-referral dialog for the shelter (found by search) and submits it. */
async function referToShelter(page: Page, main: Locator, extra: (dialog: Locator) => Promise<void>) {
  await region(main, "Referrals").getByRole("button", { name: "New referral" }).click();
  const dialog = page.getByRole("dialog", { name: "New referral" });
  await expect(dialog.getByRole("radio", { name: /^Outgoing/ })).toBeChecked();
  await extra(dialog);
  await dialog.getByLabel("Find a partner organisation").fill(run);
  await dialog.getByRole("radiogroup", { name: "Partner organisations found" }).getByRole("radio", { name: new RegExp(SHELTER) }).check();
  // Choosing the partner suggests the services it offers.
  await expect(dialog.getByRole("checkbox", { name: "Accommodation or shelter" })).toBeChecked();
  await dialog.getByLabel("Answer expected by").fill(inDays(7));
  await dialog.getByRole("button", { name: "Record the referral" }).click();
  await expect(dialog).toHaveCount(0);
}

test.describe("referrals, transfer and closure", () => {
  test("a Vienna supervisor adds a shelter to the partner registry", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/organisations");
    const main = page.getByRole("main");
    await main.getByRole("button", { name: "Add an organisation" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(SHELTER);
    await dialog.getByLabel("Type").selectOption({ label: "NGO" });
    await dialog.getByLabel("Country").selectOption({ label: "Austria" });
    await dialog.getByLabel("City").fill("Vienna");
    await dialog.getByLabel("Accommodation or shelter").check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(main.getByRole("status").filter({ hasText: `${SHELTER} was added.` })).toBeVisible();
  });

  test("a Vienna caseworker registers a person and records their consent to share with partners", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    viennaCase = await register(page, first);
    const main = await openCase(page, viennaCase);
    personCode = /P-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await main.locator(".page-header").innerText())?.[0] ?? "";
    expect(personCode).not.toBe("");
    await region(main, "Consent").getByRole("button", { name: "Record consent: Sharing with partner organisations" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("The person gives consent")).toBeChecked();
    await dialog.getByLabel("How was it given?").selectOption({ label: "In writing" });
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(region(main, "Referrals").getByTestId("consent-to-share")).toContainText("Consent to share with partners: given");
  });

  test("the caseworker refers the person to the shelter; the referral awaits an answer on the desk", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openCase(page, viennaCase);
    await referToShelter(page, main, async (dialog) => {
      await expect(dialog.getByRole("alert")).toHaveCount(0);
      await dialog.getByLabel("Message to the partner").fill(TEXT.referralMessage);
    });
    const referrals = region(main, "Referrals");
    const row = referrals.getByRole("row").filter({ hasText: SHELTER });
    await expect(row).toContainText("Awaiting an answer");
    await expect(row).toContainText("Accommodation or shelter");
    await expect(row).not.toContainText("Without consent");

    await page.goto("/desk");
    const desk = region(page.getByRole("main"), "Referrals awaiting an answer");
    await expect(desk.getByRole("row").filter({ hasText: viennaCase })).toContainText(SHELTER);
  });

  test("the shelter accepts: the caseworker records the answer", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openCase(page, viennaCase);
    const row = region(main, "Referrals").getByRole("row").filter({ hasText: SHELTER });
    await row.getByRole("button", { name: "Accepted" }).click();
    const dialog = page.getByRole("dialog", { name: "The referral was accepted" });
    await expect(dialog.getByLabel("Date")).toHaveValue(today);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("Accepted");
    await expect(row.getByRole("button", { name: "Completed" })).toBeVisible();
  });

  test("without consent to share, the caseworker cannot refer: in the page and by a direct request", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    withoutConsentCase = await register(page, second);
    const main = await openCase(page, withoutConsentCase);
    await expect(region(main, "Referrals").getByTestId("consent-to-share")).toContainText("not recorded");
    await region(main, "Referrals").getByRole("button", { name: "New referral" }).click();
    const dialog = page.getByRole("dialog", { name: "New referral" });
    await expect(dialog.getByRole("alert")).toContainText("An outgoing referral cannot be made");
    await expect(dialog.getByLabel("Why refer without consent?")).toHaveCount(0);
    await expect(dialog.getByRole("button", { name: "Record the referral" })).toBeDisabled();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    const partners = await trpcQuery(page, "organisations.list", { search: SHELTER });
    const [shelter] = partners.data as { id: number }[];
    const refused = await trpcMutation(page, "referrals.create", {
      code: withoutConsentCase,
      direction: "outgoing",
      organisationId: shelter!.id,
      services: ["accommodation"],
      reason: "AdditionalServicesRequired",
      referredOn: today,
      overrideReason: "A caseworker's reason overrides nothing",
    });
    expect(refused.errorCode).toBe("PRECONDITION_FAILED");
    const listed = await trpcQuery(page, "referrals.forCase", { code: withoutConsentCase });
    expect((listed.data as { referrals: unknown[] }).referrals).toEqual([]);
  });

  test("the supervisor refers without consent, giving the reason; the override is audited without its text", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    const main = await openCase(page, withoutConsentCase);
    await referToShelter(page, main, async (dialog) => {
      await expect(dialog.getByRole("alert")).toContainText("As a supervisor you may refer anyway");
      await dialog.getByLabel("Why refer without consent?").fill(TEXT.overrideReason);
    });
    const row = region(main, "Referrals").getByRole("row").filter({ hasText: SHELTER });
    await expect(row).toContainText("Without consent (supervisor's override)");
    await row.getByText("Message and reasons").click();
    await expect(row).toContainText(TEXT.overrideReason);

    const audit = await trpcQuery(page, "audit.list", { entity: withoutConsentCase });
    const rows = (audit.data as { rows: { action: string }[] }).rows;
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["referral.created", "referral.consent_overridden"]));
    expect(audit.text).not.toContain(TEXT.overrideReason);
  });

  // Journey, e2e/08: AVRR enrolment with return to Ukraine, return travel planned, blocked until the
  // fit-to-travel check, then travelled (Vienna caseworker), before the case is transferred.

  test("the Vienna caseworker transfers the case to the Kyiv office", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openCase(page, viennaCase);
    const transfers = region(main, "Transfer between offices");
    await transfers.getByRole("button", { name: "Transfer to another office" }).click();
    const dialog = page.getByRole("dialog", { name: "Transfer this case to another office" });
    await dialog.getByLabel("Receiving office", { exact: true }).selectOption({ label: "Kyiv (UA-KBP, Ukraine)" });
    await dialog.getByLabel(/Message to the receiving office/).fill(TEXT.transferMessage);
    await dialog.getByRole("button", { name: "Request the transfer" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(transfers).toContainText("To Kyiv (UA-KBP)");
    await expect(transfers).toContainText("Awaiting the receiving office");
    await expect(transfers.getByRole("button", { name: "Transfer to another office" })).toHaveCount(0);
  });

  test("the Kyiv supervisor sees what was shared, not the identity, and accepts for the Kyiv caseworker", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisorKyiv);
    await page.goto("/desk");
    const queue = region(page.getByRole("main"), "Transfers to your office");
    const item = queue.getByRole("listitem").filter({ hasText: viennaCase });
    await expect(item).toContainText("From Vienna (AT-VIE)");
    await expect(item).toContainText(TEXT.transferMessage);
    const summary = item.getByTestId("transfer-summary");
    await expect(summary).toContainText("Female");
    await expect(summary).toContainText("citizenship Ukraine");
    expect(fieldsFoundIn(await page.content(), first), "identity fields on the receiving supervisor's desk").toEqual([]);

    await item.getByRole("button", { name: "Accept" }).click();
    const dialog = page.getByRole("dialog", { name: "Accept this transfer" });
    await dialog.getByLabel("Owner of the new case").selectOption({ label: `${ACCOUNTS.caseworkerKyiv.name} (Caseworker)` });
    await dialog.getByRole("button", { name: "Accept" }).click();
    const done = queue.getByRole("status");
    await expect(done).toContainText("Accepted: new case", { timeout: 15_000 });
    kyivCase = new RegExp(`C-${CODE}`).exec(await done.innerText())?.[0] ?? "";
    expect(kyivCase).not.toBe("");
    expect(kyivCase).not.toBe(viennaCase);
    recordRegisteredCase(kyivCase);
    await expect(queue.getByRole("listitem").filter({ hasText: viennaCase })).toHaveCount(0);
  });

  test("both offices see the link; neither opens the other's case", async ({ sessionFor }) => {
    const vienna = await sessionFor(ACCOUNTS.caseworker);
    const viennaMain = await openCase(vienna, viennaCase);
    const origin = region(viennaMain, "Transfer between offices");
    await expect(origin).toContainText("Accepted");
    await expect(origin).toContainText(`New case there: ${kyivCase}`);
    expect((await trpcQuery(vienna, "cases.get", { code: kyivCase })).errorCode).toBe("NOT_FOUND");

    const kyiv = await sessionFor(ACCOUNTS.caseworkerKyiv);
    const kyivMain = await openCase(kyiv, kyivCase);
    // The same person: the same person code, on a case of the Kyiv office owned by the Kyiv caseworker.
    await expect(kyivMain.locator(".page-header")).toContainText(personCode);
    await expect(kyivMain.locator(".page-header")).toContainText("Kyiv (UA-KBP)");
    await expect(region(kyivMain, "Case")).toContainText(ACCOUNTS.caseworkerKyiv.name);
    const incoming = region(kyivMain, "Transfer between offices");
    await expect(incoming).toContainText(`Transferred from Vienna (AT-VIE), case ${viennaCase}`);
    await expect(incoming.getByTestId("transfer-summary")).toContainText("citizenship Ukraine");
    await expect(incoming.getByRole("link", { name: viennaCase })).toHaveCount(0);

    await kyiv.goto(`/cases/${viennaCase}`);
    await expect(kyiv.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    for (const [procedure, input] of [
      ["cases.get", { code: viennaCase }],
      ["cases.notes", { code: viennaCase }],
      ["referrals.forCase", { code: viennaCase }],
    ] as const) {
      expect((await trpcQuery(kyiv, procedure, input)).errorCode, procedure).toBe("NOT_FOUND");
    }
  });

  // Journey, e2e/08: in Kyiv, the reintegration plan with its steps (some completed) and the
  // 3-month monitoring visit recorded, before the case is closed.

  test("the Kyiv caseworker asks for closure; the Kyiv supervisor approves it from the desk", async ({ sessionFor }) => {
    const caseworker = await sessionFor(ACCOUNTS.caseworkerKyiv);
    const main = await openCase(caseworker, kyivCase);
    const closure = region(main, "Closure");
    await closure.getByRole("button", { name: "Request closure" }).click();
    const dialog = caseworker.getByRole("dialog", { name: "Request the closure of this case" });
    await dialog.getByLabel("Reason for closing").selectOption({ label: "Assistance completed" });
    await dialog.getByRole("button", { name: "Send for approval" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(closure).toContainText("Closure requested: Assistance completed.");
    // The caseworker cannot approve, in the page or directly.
    await expect(closure.getByRole("button", { name: "Approve closure" })).toHaveCount(0);
    const state = await trpcQuery(caseworker, "closure.forCase", { code: kyivCase });
    const pendingId = (state.data as { pending: { id: number } }).pending.id;
    expect((await trpcMutation(caseworker, "closure.review", { id: pendingId, action: "approve" })).errorCode).toBe("FORBIDDEN");

    const supervisor = await sessionFor(ACCOUNTS.supervisorKyiv);
    await supervisor.goto("/desk");
    const waiting = region(supervisor.getByRole("main"), "Closures to approve").getByRole("row").filter({ hasText: kyivCase });
    await expect(waiting).toContainText("Assistance completed");
    await waiting.getByRole("link", { name: "Review" }).click();
    const supMain = supervisor.getByRole("main");
    await expect(supMain.getByRole("heading", { level: 1 })).toContainText(kyivCase);
    const supClosure = region(supMain, "Closure");
    await supClosure.getByRole("button", { name: "Approve closure" }).click();
    const approve = supervisor.getByRole("dialog", { name: "Approve closure" });
    await approve.getByRole("button", { name: "Approve closure" }).click();
    await expect(approve).toHaveCount(0);
    await expect(supClosure.getByTestId("case-closed")).toContainText("This case is closed: Assistance completed. It is read-only.");
    await expect(supMain.getByRole("heading", { level: 1 })).toContainText("Closed");
  });

  test("the closed case is read-only: nothing to change in the page, direct requests refused", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworkerKyiv);
    const main = await openCase(page, kyivCase);
    await expect(region(main, "Closure").getByTestId("case-closed")).toBeVisible();
    await expect(main.getByRole("button", { name: "Edit case" })).toHaveCount(0);
    await expect(main.getByRole("button", { name: "New referral" })).toHaveCount(0);
    await expect(main.getByRole("button", { name: "Request closure" })).toHaveCount(0);
    await expect(main.getByRole("button", { name: "Transfer to another office" })).toHaveCount(0);
    await expect(main.getByRole("button", { name: /^Record consent/ })).toHaveCount(0);
    await expect(main.getByLabel("New note")).toHaveCount(0);

    const partners = await trpcQuery(page, "organisations.list", { search: SHELTER });
    const [shelter] = partners.data as { id: number }[];
    for (const [procedure, input] of [
      ["cases.addNote", { code: kyivCase, body: "Synthetic note on a closed case" }],
      ["forms.saveDraft", { caseCode: kyivCase, formId: "screening", answers: { interviewDate: today }, baseUpdatedAt: null }],
      ["consents.record", { code: kyivCase, purpose: "assistance", decision: "given", method: "oral", decidedOn: today }],
      ["referrals.create", { code: kyivCase, direction: "incoming", organisationId: shelter!.id, services: ["accommodation"], reason: "Other", referredOn: today }],
      ["closure.request", { code: kyivCase, reason: "other", comment: "again" }],
    ] as const) {
      expect((await trpcMutation(page, procedure, input)).errorCode, procedure).toBe("PRECONDITION_FAILED");
    }
    // Reading still works.
    expect((await trpcQuery(page, "cases.get", { code: kyivCase })).errorCode).toBeNull();
  });

  test("free text typed in this journey is not stored in clear in the database file", () => {
    const { databasePath } = readE2eEnv();
    const wal = existsSync(`${databasePath}-wal`) ? readFileSync(`${databasePath}-wal`) : Buffer.alloc(0);
    const bytes = Buffer.concat([wal, readFileSync(databasePath)]);
    const occurs = (v: string) => bytes.includes(Buffer.from(v, "utf8")) || bytes.includes(Buffer.from(v, "utf16le"));
    // Control: the partner's name and the case codes are stored in clear.
    expect(occurs(SHELTER), "control: partner name").toBe(true);
    expect(occurs(kyivCase), "control: case code").toBe(true);
    expect((Object.keys(TEXT) as (keyof typeof TEXT)[]).filter((k) => occurs(TEXT[k]))).toEqual([]);
  });
});

/**
 * Office boundaries for identities (issue 11 item 2), end to end: a Vienna caseworker registers a
 * person; a Kyiv caseworker registering the same names sees only that a match exists in another
 * office and asks for the link; until a Vienna supervisor accepts it on the Approvals page, the Kyiv
 * case reveals only what was typed in Kyiv; after acceptance it reveals the Vienna person.
 *
 * Identities are synthetic and unique per run; checks on them report field names only.
 */
import {
  ACCOUNTS,
  CODE,
  expect,
  fieldsFoundIn,
  fieldsMissingFrom,
  recordRegisteredCase,
  recordTypedIdentity,
  syntheticIdentity,
  test,
  trpcMutation,
  trpcQuery,
  type SyntheticIdentity,
} from "./fixtures";
import type { Page } from "@playwright/test";

test.describe.configure({ mode: "serial" });

const vienna: SyntheticIdentity = syntheticIdentity();
/** What Kyiv types: the same names and date of birth, its own other details. */
const kyiv: SyntheticIdentity = { ...syntheticIdentity(), familyName: vienna.familyName, givenName: vienna.givenName, birthDate: vienna.birthDate };
/** The Vienna-only fields (not shared with what Kyiv typed). */
const viennaOnly = (text: string) => fieldsFoundIn(text, vienna).filter((f) => !["familyName", "givenName", "birthDate"].includes(f));

let viennaPersonCode = "";
let viennaCaseCode = "";
let kyivCaseCode = "";

async function revealIdentityText(page: Page, caseCode: string): Promise<string> {
  await page.goto(`/cases/${caseCode}`);
  const panel = page.getByRole("main").getByRole("region", { name: "Identity", exact: true });
  await panel.getByRole("button", { name: "Show identity" }).click();
  const shown = panel.getByTestId("identity");
  await expect(shown).toBeVisible();
  return shown.innerText();
}

test("a Vienna caseworker registers a person", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.caseworker);
  await page.goto("/desk");
  const offices = await trpcQuery(page, "offices.list", {});
  const office = (offices.data as { id: number; code: string }[]).find((o) => o.code === "AT-VIE");
  recordTypedIdentity(vienna);
  const registered = await trpcMutation(page, "cases.register", {
    identity: {
      familyName: vienna.familyName,
      givenName: vienna.givenName,
      birthDate: vienna.birthDate,
      aliases: [vienna.alias],
      placeOfBirth: vienna.placeOfBirth,
      documents: [{ type: "passport", number: vienna.passportNumber }],
      phone: vienna.phone,
      address: vienna.address,
      nextOfKin: [{ name: vienna.kinName }],
    },
    person: { sex: "Feminine", otherCitizenships: [] },
    registeredOn: new Date().toISOString().slice(0, 10),
    officeId: office?.id,
  });
  expect(registered.errorCode).toBeNull();
  ({ caseCode: viennaCaseCode, personCode: viennaPersonCode } = registered.data as { caseCode: string; personCode: string });
  recordRegisteredCase(viennaCaseCode);
});

test("a Kyiv caseworker sees only that a match exists elsewhere, asks for the link, and reveals only what Kyiv typed", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.caseworkerKyiv);
  await page.goto("/cases/new");
  const main = page.getByRole("main");
  recordTypedIdentity(kyiv);
  await main.getByLabel("Phone").fill(kyiv.phone);
  const duplicateCheck = page.waitForResponse((r) => r.url().includes("persons.probableDuplicates") && (r.request().postData() ?? "").includes(kyiv.birthDate));
  await main.getByLabel("Family name").fill(kyiv.familyName);
  await main.getByLabel("Given name").fill(kyiv.givenName);
  await main.getByLabel("Date of birth").fill(kyiv.birthDate);
  await duplicateCheck;

  const box = main.getByTestId("duplicate-elsewhere");
  await expect(box).toContainText("A probable match is registered by another office");
  await expect(box).toContainText("names and date of birth agree");
  // No code, not even in the page's HTML (the catalogue it carries names offices in examples), and no office.
  const html = await page.content();
  expect(html).not.toContain(viennaPersonCode);
  expect(html).not.toContain(viennaCaseCode);
  expect(await box.innerText()).not.toMatch(/AT-VIE|Vienna/);
  await expect(main.getByText("This person may already be registered")).toHaveCount(0);

  await box.getByRole("button", { name: "Ask the other office to link" }).click();
  await expect(box.getByRole("status")).toContainText("the other office will be asked to link it");
  await main.getByLabel("Sex").selectOption({ label: "Female" });
  await main.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
  kyivCaseCode = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
  recordRegisteredCase(kyivCaseCode);

  const links = main.getByRole("region", { name: "Link to a person of another office" });
  await expect(links).toContainText("Waiting for the other office");
  expect(await page.content()).not.toContain(viennaPersonCode);

  const shown = await revealIdentityText(page, kyivCaseCode);
  expect(fieldsMissingFrom(shown, kyiv).filter((f) => ["familyName", "givenName", "birthDate", "phone"].includes(f)), "Kyiv-typed fields not shown").toEqual([]);
  expect(viennaOnly(shown), "Vienna identity fields shown before acceptance").toEqual([]);
  // The direct call says the same.
  const reveal = await trpcMutation(page, "cases.revealIdentity", { code: kyivCaseCode });
  expect(viennaOnly(reveal.text), "Vienna identity fields in the direct reveal").toEqual([]);
});

test("a Vienna supervisor accepts the request on the Approvals page", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.supervisor);
  await page.goto("/approvals");
  const queue = page.getByRole("main").getByRole("region", { name: /Requests to link a case to a person of your office/ });
  const request = queue.getByRole("listitem").filter({ hasText: viennaPersonCode });
  await expect(request).toContainText("Kyiv (UA-KBP)");
  await expect(request).toContainText(viennaCaseCode);
  expect(fieldsFoundIn(await page.content(), kyiv).filter((f) => f === "phone"), "Kyiv-typed identity on the Approvals page").toEqual([]);
  await request.getByRole("button", { name: "Accept the link" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(viennaPersonCode);
  await dialog.getByRole("button", { name: "Accept the link" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(queue.getByRole("status")).toHaveText("Link accepted.");
  await expect(queue.getByRole("listitem").filter({ hasText: viennaPersonCode })).toHaveCount(0);
});

test("after acceptance the Kyiv case is the Vienna person and reveals their identity", async ({ sessionFor }) => {
  const page = await sessionFor(ACCOUNTS.caseworkerKyiv);
  await page.goto(`/cases/${kyivCaseCode}`);
  const main = page.getByRole("main");
  const links = main.getByRole("region", { name: "Link to a person of another office" });
  await expect(links).toContainText("Accepted");
  await expect(links).toContainText(`linked to person ${viennaPersonCode}`);
  await expect(main.getByRole("region", { name: "Person (pseudonymous)" })).toContainText(viennaCaseCode);
  const shown = await revealIdentityText(page, kyivCaseCode);
  expect(fieldsMissingFrom(shown, vienna), "Vienna identity fields not shown after acceptance").toEqual([]);
  expect(fieldsFoundIn(shown, kyiv).filter((f) => f === "phone"), "the provisional identity is gone").toEqual([]);
});

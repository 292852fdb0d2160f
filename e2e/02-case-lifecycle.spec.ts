/**
 * One case from registration to the people who must not see its identity, in order (serial: each
 * step needs the case registered by the first).
 *
 * The identity is synthetic and unique per run; it never appears in titles or console output:
 * checks on it report field names only (fieldsFoundIn / fieldsMissingFrom).
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

const identity: SyntheticIdentity = syntheticIdentity();
let caseCode = "";
let personCode = "";

/** Identity fields whose values occur anywhere in the page's HTML (including the RSC payload). */
async function identityInPage(page: Page): Promise<string[]> {
  return fieldsFoundIn(await page.content(), identity);
}

/** Opens the audit trail and filters it to the identity reveals of the case. */
async function auditRevealsOfCase(admin: Page): Promise<void> {
  await admin.goto("/admin/audit");
  const main = admin.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  const filters = main.getByRole("search", { name: "Filter events" });
  await filters.getByLabel("Action", { exact: true }).selectOption({ label: "Identity shown" });
  await filters.getByLabel("Record", { exact: true }).fill(caseCode);
  // The filtered list's answer (not the unfiltered one of the page load).
  const answered = admin.waitForResponse(
    (r) => r.url().includes("audit.list") && decodeURIComponent(r.url()).includes(caseCode),
  );
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await answered;
}

function auditRows(admin: Page) {
  // Body rows only: the header row has no cell.
  return admin.getByRole("main").getByRole("row").filter({ has: admin.getByRole("cell") });
}

test.describe("a registered case", () => {
  test("a caseworker registers a person and a case", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1, name: "Register a person" })).toBeVisible();

    recordTypedIdentity(identity);
    // Rows for a document and a next of kin first: typing the names starts a (debounced)
    // probable-duplicate check whose "Checking…" line shifts the buttons below it while it runs.
    await main.getByRole("button", { name: "Add a document" }).click();
    const documents = main.getByRole("group", { name: "Identity documents" });
    await documents.getByLabel("Document type").selectOption({ label: "Passport" });
    await documents.getByLabel("Number", { exact: true }).fill(identity.passportNumber);
    // The person's phone before the next of kin's row adds a second "Phone" field.
    await main.getByLabel("Phone").fill(identity.phone);
    await main.getByRole("button", { name: "Add next of kin" }).click();
    const kin = main.getByRole("group", { name: "Next of kin" });
    await kin.getByLabel("Name", { exact: true }).fill(identity.kinName);

    // The duplicate check runs once the names and date of birth are typed: wait for its answer.
    const duplicateCheck = page.waitForResponse(
      (r) =>
        r.url().includes("persons.probableDuplicates") && (r.request().postData() ?? "").includes(identity.birthDate),
    );
    await main.getByLabel("Family name").fill(identity.familyName);
    await main.getByLabel("Given name").fill(identity.givenName);
    await main.getByLabel("Date of birth").fill(identity.birthDate);
    await duplicateCheck;
    await expect(main.getByText("Checking for people already registered…")).toHaveCount(0);
    // A person never registered before: no probable-duplicate warning.
    await expect(main.getByText("This person may already be registered")).toHaveCount(0);

    await main.getByLabel("Place of birth").fill(identity.placeOfBirth);
    await main.getByLabel("Other names or aliases").fill(identity.alias);
    await main.getByLabel("Current address").fill(identity.address);

    await main.getByLabel("Sex").selectOption({ label: "Female" });
    await main.getByLabel(/^Citizenship/).selectOption({ label: "Ukraine" });
    await expect(main.getByLabel("Date of registration")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);

    await main.getByRole("button", { name: "Register", exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
    const message = main.getByRole("status").filter({ hasText: "registered for person" });
    await expect(message).toHaveText(new RegExp(`^Case C-${CODE} registered for person P-${CODE}\\.$`));
    const [, c, p] = /^Case (\S+) registered for person (\S+)\.$/.exec(await message.innerText()) ?? [];
    caseCode = c ?? "";
    personCode = p ?? "";
    recordRegisteredCase(caseCode);
    expect(page.url()).toContain(`/cases/${caseCode}`);
    await expect(main.getByRole("heading", { level: 1 })).toContainText(caseCode);
    await expect(main).toContainText(personCode);

    // Pseudonymous facts are shown; the identity is not, not even hidden in the page's HTML.
    await expect(main.getByRole("region", { name: "Person (pseudonymous)" })).toContainText("Ukraine");
    await expect(main.getByRole("region", { name: "Person (pseudonymous)" })).toContainText(identity.birthDate.slice(0, 4));
    expect(await identityInPage(page), "identity fields in the case page before any reveal").toEqual([]);
  });

  test("the caseworker finds the case in the list by case code and by person code", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    for (const code of [caseCode, personCode]) {
      await page.goto("/cases");
      const main = page.getByRole("main");
      const search = main.getByRole("search");
      await search.getByLabel("Case or person code").fill(code);
      await search.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]search=${code}(&|$)`));

      const rows = main.getByRole("row").filter({ has: page.getByRole("cell") });
      await expect(rows).toHaveCount(1);
      await expect(rows.getByRole("link", { name: caseCode })).toHaveAttribute("href", `/cases/${caseCode}`);
      await expect(rows).toContainText(personCode);
      // The list says how many cases match in all (issue 15: pages with the total count).
      await expect(main.getByTestId("case-list-summary")).toContainText("Cases 1–1 of 1,");
      expect(await identityInPage(page), "identity fields in the case list").toEqual([]);
    }
  });

  test("revealing the identity shows the typed values and records an audit event the administrator sees", async ({
    sessionFor,
  }) => {
    const admin = await sessionFor(ACCOUNTS.administrator);
    await auditRevealsOfCase(admin);
    // Before the reveal, the trail holds no reveal of this case (so the event below is new).
    await expect(admin.getByRole("main").getByText("No events match these filters.")).toBeVisible();

    const page = await sessionFor(ACCOUNTS.caseworker);
    await page.goto(`/cases/${caseCode}`);
    const panel = page.getByRole("main").getByRole("region", { name: "Identity", exact: true });
    await expect(panel.getByTestId("identity")).toHaveCount(0);
    await panel.getByRole("button", { name: "Show identity" }).click();
    const shown = panel.getByTestId("identity");
    await expect(shown).toBeVisible();
    await expect(panel.getByRole("status")).toContainText("This view has been recorded.");
    expect(fieldsMissingFrom(await shown.innerText(), identity), "identity fields not shown after the reveal").toEqual([]);

    // Hiding drops the identity from the page.
    await panel.getByRole("button", { name: "Hide identity" }).click();
    await expect(panel.getByTestId("identity")).toHaveCount(0);
    expect(await identityInPage(page), "identity fields left in the page after hiding").toEqual([]);

    await auditRevealsOfCase(admin);
    const rows = auditRows(admin);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Identity shown");
    await expect(rows).toContainText(caseCode);
    await expect(rows).toContainText(personCode);
    await expect(rows).toContainText(ACCOUNTS.caseworker.name);
    expect(await identityInPage(admin), "identity fields in the audit trail").toEqual([]);
  });

  test("a caseworker of another office gets not found, by URL and by direct tRPC requests", async ({ sessionFor }) => {
    // Control: the owner's direct requests in the same format succeed, so the refusals below are
    // the server's scope check and not a malformed request.
    const owner = await sessionFor(ACCOUNTS.caseworker);
    const ownGet = await trpcQuery(owner, "cases.get", { code: caseCode });
    expect(ownGet.errorCode, "the owner's cases.get").toBeNull();
    expect((ownGet.data as { code?: string } | undefined)?.code).toBe(caseCode);
    const ownReveal = await trpcMutation(owner, "cases.revealIdentity", { code: caseCode });
    expect(ownReveal.errorCode, "the owner's cases.revealIdentity").toBeNull();
    expect(fieldsMissingFrom(ownReveal.text, identity), "identity fields missing from the owner's reveal").toEqual([]);

    const other = await sessionFor(ACCOUNTS.caseworkerKyiv);
    const response = await other.goto(`/cases/${caseCode}`);
    expect(response?.status()).toBe(404);
    await expect(other.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await expect(other.getByText(caseCode)).toHaveCount(0);
    expect(await identityInPage(other), "identity fields in the other office's page").toEqual([]);

    const get = await trpcQuery(other, "cases.get", { code: caseCode });
    expect(get.errorCode, "cases.get by another office").toBe("NOT_FOUND");
    expect(get.status).toBe(404);
    expect(fieldsFoundIn(get.text, identity)).toEqual([]);
    expect(get.text).not.toContain(personCode);

    const reveal = await trpcMutation(other, "cases.revealIdentity", { code: caseCode });
    expect(reveal.errorCode, "cases.revealIdentity by another office").toBe("NOT_FOUND");
    expect(reveal.status).toBe(404);
    expect(fieldsFoundIn(reveal.text, identity)).toEqual([]);

    // The case does not show in the other office's list either.
    await other.goto(`/cases?search=${caseCode}`);
    await expect(other.getByRole("main").getByText("No cases match.")).toBeVisible();
  });

  for (const who of ["dataOfficer", "administrator"] as const) {
    test(`the ${who === "dataOfficer" ? "data officer" : "administrator"} cannot reach any identity`, async ({
      sessionFor,
    }) => {
      const page = await sessionFor(ACCOUNTS[who]);

      for (const url of [`/cases/${caseCode}`, "/cases/new", "/cases"]) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(404);
        await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
        expect(await identityInPage(page), `identity fields at ${url}`).toEqual([]);
      }

      const reveal = await trpcMutation(page, "cases.revealIdentity", { code: caseCode });
      expect(reveal.errorCode, "cases.revealIdentity").toBe("FORBIDDEN");
      expect(reveal.status).toBe(403);
      expect(fieldsFoundIn(reveal.text, identity)).toEqual([]);

      const get = await trpcQuery(page, "cases.get", { code: caseCode });
      expect(["FORBIDDEN", "NOT_FOUND"], "cases.get must be refused").toContain(get.errorCode);
      expect(get.data).toBeUndefined();
      expect(fieldsFoundIn(get.text, identity)).toEqual([]);

      const list = await trpcQuery(page, "cases.list", {});
      expect(["FORBIDDEN", "NOT_FOUND"], "cases.list must be refused").toContain(list.errorCode);
      expect(list.text).not.toContain(caseCode);

      // Their own pages do not show it either.
      await page.goto("/");
      await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();
      expect(await identityInPage(page), "identity fields on the home page").toEqual([]);
    });
  }

  test("refused attempts recorded no reveal: the trail holds exactly the owner's two", async ({ sessionFor }) => {
    const admin = await sessionFor(ACCOUNTS.administrator);
    await auditRevealsOfCase(admin);
    const rows = auditRows(admin);
    // One reveal through the page and one through the owner's direct request above.
    await expect(rows).toHaveCount(2);
    for (const row of await rows.all()) await expect(row).toContainText(ACCOUNTS.caseworker.name);
  });
});

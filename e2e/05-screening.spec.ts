/**
 * Issue 3: the screening journey. A caseworker screens a child trafficked within one country for
 * begging: saves a draft, resumes it, meets field messages that keep what was typed, submits; the
 * supervisor returns it with a comment; the caseworker corrects and resubmits; the supervisor
 * approves; the case then shows its trafficking status and categories. A caseworker cannot approve.
 */
import type { Locator, Page } from "@playwright/test";
import { ACCOUNTS, CODE, expect, recordRegisteredCase, recordTypedIdentity, syntheticIdentity, test, trpcMutation, trpcQuery } from "./fixtures";

test.describe.configure({ mode: "serial" });

let caseCode = "";

const section = (main: Locator, name: RegExp) => main.getByRole("region", { name });
const radio = (scope: Locator, question: string | RegExp, answer: "Yes" | "No" | "Don't know") =>
  scope.getByRole("radiogroup", { name: question }).getByLabel(answer, { exact: true }).check();

async function openScreening(page: Page): Promise<Locator> {
  await page.goto(`/cases/${caseCode}/screening`);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Screening" })).toBeVisible();
  return main;
}

test.describe("screening and determination", () => {
  test("a caseworker registers the child's case", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const identity = syntheticIdentity();
    recordTypedIdentity(identity);
    await page.goto("/cases/new");
    const main = page.getByRole("main");
    await main.getByLabel("Family name").fill(identity.familyName);
    await main.getByLabel("Given name").fill(identity.givenName);
    await main.getByLabel("Sex").selectOption({ label: "Male" });
    await main.getByLabel("Year of birth").fill("2014");
    await main.getByLabel(/^Citizenship/).selectOption({ label: "Austria" });
    await main.getByRole("button", { name: "Register", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/C-${CODE}\\?registered=1$`), { timeout: 15_000 });
    caseCode = /\/cases\/(C-[^?]+)/.exec(page.url())?.[1] ?? "";
    recordRegisteredCase(caseCode);
    await expect(main.getByRole("region", { name: "Screening" })).toContainText("No screening yet.");
  });

  test("fills part of the screening, saves a draft and resumes it", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openScreening(page);
    const interview = section(main, /The interview/);
    await interview.getByLabel("Date of the interview").fill("2026-03-02");
    await interview.getByLabel("Country where the interview takes place").selectOption({ label: "Austria" });
    await interview.getByLabel("Place", { exact: true }).fill("Shelter");
    await interview.getByLabel("Interviewer").fill("Demo interviewer");
    await interview.getByLabel("Language of the interview").selectOption({ label: "German" });
    await radio(interview, /interpreter used/, "No");
    await interview.getByLabel("How did the person come to us?").selectOption({ label: "Outreach" });
    // Without consent, the other sections stay hidden.
    await expect(section(main, /The person now/)).toHaveCount(0);
    await radio(interview, /agree to this screening interview/, "Yes");
    await expect(section(main, /The person now/)).toBeVisible();

    const saved = page.waitForResponse((r) => r.url().includes("forms.saveDraft") && r.ok());
    await main.getByRole("button", { name: "Save draft" }).click();
    await saved;
    await expect(main.getByRole("status").filter({ hasText: /Draft saved at/ })).toBeVisible();

    // Leave and come back: the draft is there.
    await page.goto(`/cases/${caseCode}`);
    const resumed = await openScreening(page);
    await expect(resumed.getByText(/Continuing the draft last saved by/)).toBeVisible();
    await expect(section(resumed, /The interview/).getByLabel("Interviewer")).toHaveValue("Demo interviewer");
    await expect(section(resumed, /The person now/)).toBeVisible();
  });

  test("invalid answers show field messages and keep what was typed, then it is submitted", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openScreening(page);
    const person = section(main, /The person now/);
    // The age is filled from registration (ask once) and saved with the draft: typing into it before the
    // page has hydrated can land behind the restored value, so the fill is repeated until it holds.
    const age = person.getByLabel("How old is the person?");
    await expect(age).toHaveValue("12");
    await expect(async () => {
      await age.fill("200");
      await expect(age).toHaveValue("200", { timeout: 1_000 });
    }).toPass();
    await main.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(main.getByRole("alert").filter({ hasText: /need attention|needs attention/ })).toBeVisible();
    await expect(person.getByText("This number is out of range.")).toBeVisible();
    await expect(person.getByLabel("How old is the person?")).toHaveValue("200");
    await expect(section(main, /The interview/).getByLabel("Interviewer")).toHaveValue("Demo interviewer");

    await person.getByLabel("How old is the person?").fill("12");
    await radio(person, /without a parent or legal guardian/, "Yes");
    await radio(person, /need medical help now/, "No");
    await radio(person, /in detention/, "No");

    const movement = section(main, /Movement/);
    await movement.getByLabel("Which country is the person from?").selectOption({ label: "Austria" });
    await movement.getByLabel("In which country was the person exploited?").selectOption({ label: "Austria" });
    await movement.getByLabel("In which country was the person identified (found or met)?").selectOption({ label: "Austria" });
    await radio(movement, /cross an international border/, "No");

    const act = section(main, /The act/);
    await radio(act, /recruit the person/, "Yes");
    await radio(act, /take or send the person/, "Yes");
    await radio(act, /handed over/, "No");
    await radio(act, /keep or hide the person/, "Yes");
    await radio(act, /receive the person on arrival/, "Don't know");

    const purpose = section(main, /The purpose/);
    await radio(purpose, /Was the person exploited, or was that the intention/, "Yes");
    await purpose.getByRole("group", { name: "What kinds of exploitation?" }).getByLabel("Forced begging").check();
    await radio(purpose, /still in that situation/, "No");
    await purpose.getByLabel("How did the person leave?").selectOption({ label: "Rescued (police, NGO, others)" });

    const vulnerability = section(main, /Vulnerability and needs/);
    await radio(vulnerability, /abuse or exploitation, even if/, "Yes");
    await radio(vulnerability, /stranded/, "No");

    const determination = section(main, /Determination/);
    // A child: act and purpose are enough.
    await expect(determination.getByTestId("determination")).toContainText("Victim of trafficking (article 3 met)");
    await expect(determination.getByTestId("determination")).toContainText("the means are not required");
    await determination.getByRole("combobox", { name: /^Your decision/ }).selectOption({ label: "Victim of trafficking" });

    await main.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(main.getByRole("region", { name: "Determination" }).first()).toContainText("Awaiting supervisor approval", { timeout: 15_000 });
    await expect(main).toContainText("Screening, revision 1");
  });

  test("a caseworker cannot approve the determination", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openScreening(page);
    await expect(main.getByRole("button", { name: "Approve" })).toHaveCount(0);
    const history = await trpcQuery(page, "determinations.forCase", { code: caseCode });
    const [pending] = history.data as { id: number; status: string }[];
    expect(pending?.status).toBe("pending");
    const refused = await trpcMutation(page, "determinations.review", { id: pending!.id, action: "approve" });
    expect(refused.errorCode).toBe("FORBIDDEN");
  });

  test("the supervisor returns it with a comment", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    await page.goto("/approvals");
    const row = page.getByRole("main").getByRole("row").filter({ hasText: caseCode });
    await expect(row).toContainText("Victim of trafficking");
    await row.getByRole("link", { name: "Review" }).click();
    const main = page.getByRole("main");
    const review = main.getByRole("region", { name: "Review this determination" });
    // Returning needs a comment.
    await review.getByRole("button", { name: "Return for correction" }).click();
    await expect(review.getByText("Write a comment saying what needs correcting.")).toBeVisible();
    await review.getByLabel("Comment").fill("Please confirm who received the child on arrival.");
    await review.getByRole("button", { name: "Return for correction" }).click();
    await expect(main.getByText("Returned for correction").first()).toBeVisible({ timeout: 15_000 });
  });

  test("the caseworker corrects and resubmits", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.caseworker);
    const main = await openScreening(page);
    await expect(main.getByTestId("review-comment")).toContainText("Please confirm who received the child on arrival.");
    await main.getByRole("button", { name: "Correct this screening" }).click();
    await radio(section(main, /The act/), /receive the person on arrival/, "Yes");
    await main.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(main).toContainText("Screening, revision 2", { timeout: 15_000 });
    const history = main.getByRole("region", { name: "History" });
    await expect(history.getByRole("link", { name: "Revision 1" })).toBeVisible();
    await expect(history.getByRole("link", { name: "Revision 2" })).toBeVisible();
  });

  test("the supervisor approves, and the case shows its status and categories", async ({ sessionFor }) => {
    const page = await sessionFor(ACCOUNTS.supervisor);
    const main = await openScreening(page);
    await main.getByRole("region", { name: "Review this determination" }).getByRole("button", { name: "Approve" }).click();
    await expect(main.getByText("Approved").first()).toBeVisible({ timeout: 15_000 });

    await page.goto(`/cases/${caseCode}`);
    const facts = page.getByRole("main").getByRole("region", { name: "Case", exact: true });
    await expect(facts).toContainText("Actual victim of trafficking");
    await expect(facts).toContainText("Victim of trafficking, Unaccompanied migrant child");
    await expect(facts).toContainText("Internal (within one country)");
  });
});

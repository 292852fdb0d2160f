/**
 * Separation of duties (issue 11 item 5, decision 0020): an administrator creates a caseworker for
 * Vienna and is shown a one-time set-up link (never a password); the new colleague chooses their own
 * password with it and signs in, but reaches no case of Vienna until Vienna's supervisor confirms the
 * access on their desk. Costs one login attempt (the new colleague's) besides the shared sessions.
 */
import { randomInt } from "node:crypto";
import { ACCOUNTS, enrolSecondFactor, expect, signIn, test, trpcQuery } from "./fixtures";

// Synthetic, obviously artificial.
const PASSWORD = "quiet lantern harbour folds nine maps";

test("a supervisor confirms a new colleague's access before they reach any case", async ({ page, sessionFor }) => {
  // Three people, two argon2 hashes and several page loads on a shared machine.
  test.setTimeout(120_000);
  const suffix = randomInt(1_000_000);
  const email = `new.colleague.${suffix}@passage.invalid`;
  const name = `Synthetic Colleague ${suffix}`;

  // The administrator creates the account: no password field, a set-up link shown once.
  const admin = await sessionFor(ACCOUNTS.administrator);
  await admin.goto("/admin/users");
  await admin.getByRole("button", { name: "Create user" }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog.getByLabel(/password/i)).toHaveCount(0);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Display name").fill(name);
  await dialog.getByLabel("Role").selectOption({ label: "Caseworker" });
  await dialog.getByLabel("Office", { exact: true }).selectOption({ label: "AT-VIE — Vienna" });
  await dialog.getByRole("button", { name: "Save" }).click();
  const linkField = dialog.getByLabel("One-time set-up link");
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/setup#[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByText("waits until a supervisor of that office confirms it")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  // The colleague chooses their own password with the link, then signs in.
  await page.goto(new URL(link).pathname + new URL(link).hash);
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("New password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");
  // The link works once (a fresh load of the page: only the fragment would not reload it).
  await page.goto("/login");
  await page.goto(new URL(link).pathname + new URL(link).hash);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("New password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "cannot be used" })).toBeVisible();

  // A new account: its first sign-in enrols a second factor (decision 0017).
  await signIn(page, email, PASSWORD, { secondStep: false });
  await enrolSecondFactor(page, email);
  await expect(page).not.toHaveURL(/\/login/, { timeout: 15_000 });
  // Signed in, but not one case of Vienna in reach.
  const before = await trpcQuery(page, "cases.list", {});
  expect(before.status).toBe(200);
  expect((before.data as { rows: unknown[] }).rows).toHaveLength(0);
  const meBefore = await trpcQuery(page, "me.get", {});
  expect((meBefore.data as { offices: unknown[] }).offices).toEqual([]);

  // Vienna's supervisor sees the request on the desk and confirms it.
  const supervisor = await sessionFor(ACCOUNTS.supervisor);
  await supervisor.goto("/desk");
  const requests = supervisor.getByRole("region", { name: "Access requests" });
  await expect(requests.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  await requests.getByRole("button", { name: `Confirm access of ${name} to AT-VIE` }).click();
  await expect(supervisor.getByRole("status").filter({ hasText: "confirmed" })).toContainText(`Access of ${name} to AT-VIE confirmed.`);

  // Now the colleague's own cases list answers from Vienna (a caseworker sees the cases they own or
  // are assigned: none yet, but the office is theirs to register in).
  const me = await trpcQuery(page, "me.get", {});
  expect((me.data as { offices: { code: string }[] }).offices.map((o) => o.code)).toEqual(["AT-VIE"]);
});

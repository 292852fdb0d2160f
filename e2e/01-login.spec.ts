/**
 * Each role signs in through the login form and lands on its home with a navigation that fits the
 * role. These four logins are also the sessions the later specs reuse (saveSession).
 */
import { ACCOUNTS, DEMO_PASSWORD, expect, saveSession, signIn, test, type Account } from "./fixtures";

type Expectation = {
  account: Account;
  roleLabel: string;
  home: string;
  heading: string;
  /** Navigation links the role must see. */
  nav: string[];
  /** Navigation links the role must NOT see (the app grows, so this is not "exactly `nav`"). */
  notNav: string[];
};

// Written out here rather than derived from lib/permissions.ts: the test states what the product
// must do, independently of the code it checks.
const EXPECTATIONS: Expectation[] = [
  {
    account: ACCOUNTS.caseworker,
    roleLabel: "Caseworker",
    home: "/desk",
    heading: "Desk",
    nav: ["Desk", "Cases", "Register a person"],
    notNav: ["Statistics", "Users", "Offices", "Audit trail", "Approvals"],
  },
  {
    account: ACCOUNTS.supervisor,
    roleLabel: "Supervisor",
    home: "/desk",
    heading: "Desk",
    nav: ["Desk", "Cases", "Register a person", "Statistics", "Audit trail"],
    notNav: ["Users", "Offices"],
  },
  {
    account: ACCOUNTS.dataOfficer,
    roleLabel: "Data officer",
    home: "/statistics",
    heading: "Statistics",
    nav: ["Statistics"],
    notNav: ["Desk", "Cases", "Register a person", "Users", "Offices", "Audit trail", "Approvals"],
  },
  {
    account: ACCOUNTS.administrator,
    roleLabel: "Administrator",
    home: "/admin/users",
    heading: "Users",
    nav: ["Users", "Offices", "Audit trail"],
    notNav: ["Desk", "Cases", "Register a person", "Statistics", "Approvals"],
  },
];

test.describe("sign in", () => {
  for (const expected of EXPECTATIONS) {
    test(`${expected.roleLabel} lands on ${expected.home} with the navigation of the role`, async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1, name: "Sign in to Passage" })).toBeVisible();

      await signIn(page, expected.account.email, DEMO_PASSWORD);

      await expect(page).toHaveURL(new RegExp(`${expected.home.replace(/\//g, "\\/")}$`), { timeout: 15_000 });
      const main = page.getByRole("main");
      await expect(main.getByRole("heading", { level: 1, name: expected.heading })).toBeVisible();

      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link").first()).toBeVisible();
      const links = await nav.getByRole("link").allInnerTexts();
      expect(links, "navigation links the role must see").toEqual(expect.arrayContaining(expected.nav));
      expect(links.filter((l) => expected.notNav.includes(l)), "navigation links the role must not see").toEqual([]);
      await expect(nav.getByRole("link", { name: expected.heading, exact: true })).toHaveAttribute("aria-current", "page");
      const sidebar = page.getByRole("complementary");
      await expect(sidebar).toContainText(expected.roleLabel);
      await expect(sidebar).toContainText(`Signed in as ${expected.account.name}`);

      await saveSession(page, expected.account);
    });
  }

  test("a wrong password and an unknown email get the same answer", async ({ page }) => {
    // One failure on the supervisor of Kyiv (far below the lockout) affects nothing else.
    const alert = page.getByRole("main").getByRole("alert");
    await page.goto("/login");
    await signIn(page, "supervisor.kyiv@passage.demo", `${DEMO_PASSWORD}-wrong`);
    await expect(page).toHaveURL(/\/login$/);
    await expect(alert).toHaveText(/The email or password is not correct, or the account is locked or inactive/);
    const wrongPassword = await alert.innerText();

    await page.goto("/login");
    await signIn(page, "nobody.here@passage.demo", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/login$/);
    await expect(alert).toHaveText(wrongPassword);
  });
});

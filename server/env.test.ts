import { afterEach, describe, expect, it, vi } from "vitest";

/** server/env.ts validates process.env once, on import: each case imports a fresh copy. */
async function loadWith(vars: Record<string, string | undefined>) {
  const saved = process.env;
  process.env = Object.fromEntries(
    Object.entries({ ...saved, ...vars }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ) as NodeJS.ProcessEnv;
  vi.resetModules();
  try {
    return (await import("./env")).env;
  } finally {
    process.env = saved;
  }
}

afterEach(() => vi.resetModules());

describe("PASSAGE_MFA_ROLES", () => {
  it("requires a second factor of every role when unset or empty", async () => {
    for (const value of [undefined, "", "  "]) {
      expect([...(await loadWith({ PASSAGE_MFA_ROLES: value })).PASSAGE_MFA_ROLES].sort()).toEqual(
        ["administrator", "caseworker", "data_officer", "supervisor"],
      );
    }
  });

  it("takes a list of roles, or the explicit word none, and refuses an unknown role", async () => {
    expect([...(await loadWith({ PASSAGE_MFA_ROLES: "administrator, supervisor" })).PASSAGE_MFA_ROLES].sort()).toEqual([
      "administrator",
      "supervisor",
    ]);
    expect((await loadWith({ PASSAGE_MFA_ROLES: "none" })).PASSAGE_MFA_ROLES.size).toBe(0);
    await expect(loadWith({ PASSAGE_MFA_ROLES: "admin" })).rejects.toThrow(/PASSAGE_MFA_ROLES: unknown role/);
  });
});

describe("PASSAGE_TRUSTED_PROXIES", () => {
  it("trusts nothing by default, and the listed addresses and ranges when set", async () => {
    const none = (await loadWith({ PASSAGE_TRUSTED_PROXIES: undefined })).PASSAGE_TRUSTED_PROXIES;
    expect(none("127.0.0.1", 0)).toBe(false);
    const some = (await loadWith({ PASSAGE_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8, ::1" })).PASSAGE_TRUSTED_PROXIES;
    expect(some("127.0.0.1", 0)).toBe(true);
    expect(some("10.20.30.40", 0)).toBe(true);
    expect(some("::1", 0)).toBe(true);
    expect(some("192.0.2.1", 0)).toBe(false);
  });

  it("refuses an entry that is not an address or range, naming the variable", async () => {
    await expect(loadWith({ PASSAGE_TRUSTED_PROXIES: "proxy.example.org" })).rejects.toThrow(/PASSAGE_TRUSTED_PROXIES/);
  });
});

import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, authSessions, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import { authenticateUser } from "@/server/services/authenticate-user";
import { resolveSession } from "@/server/services/resolve-session";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { callerFor, makeUser, startSession } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

// Synthetic passphrases, long and uncommon enough for the policy.
const GOOD_PASSWORD = "violet anchor drifts past nine lanterns";
const OTHER_PASSWORD = "copper kettle hums under quiet hills";

let db: Db;
let officeA: OfficeFixture;
let officeB: OfficeFixture;
let admin: SessionUser;

beforeAll(() => {
  db = createTestDb();
  officeA = makeOffice(db, { countryIso2: "AT" });
  officeB = makeOffice(db, { countryIso2: "TH" });
  admin = makeUser(db, { role: "administrator" });
});
afterAll(() => destroyTestDb(db));

/** The AppError code behind a failed call (or the tRPC code when there is none). */
async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error.cause instanceof AppError ? error.cause.code : error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function lastAudit() {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
}

function newUserInput(overrides: Partial<{ email: string; role: Role; officeIds: number[] }> = {}) {
  return {
    email: overrides.email ?? `new-${Math.random().toString(36).slice(2, 8)}@test.invalid`,
    name: "Synthetic Staff",
    role: overrides.role ?? ("caseworker" as Role),
    officeIds: overrides.officeIds ?? [officeA.id],
  };
}

describe("users.create", () => {
  it("lets an administrator create a user, audited, without returning the hash", async () => {
    const api = callerFor(db, admin);
    const input = newUserInput();
    const created = await api.users.create(input);
    // The one-time set-up link's token, shown once; never a password or a hash.
    expect(Object.keys(created).sort()).toEqual(["expiresAt", "id", "setupToken"]);

    const { rows } = await api.users.list({ search: input.email });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: input.email, role: "caseworker", active: true, locked: false });
    expect(rows[0]?.offices.map((o) => o.id)).toEqual([officeA.id]);
    expect(JSON.stringify(rows)).not.toContain("argon2");
    expect(rows[0]).not.toHaveProperty("passwordHash");

    const created_ = db.select().from(auditEvents).where(eq(auditEvents.action, "user.created")).orderBy(desc(auditEvents.id)).get();
    expect(created_).toMatchObject({ actorUserId: admin.id, entityId: String(created.id) });
    expect(lastAudit()).toMatchObject({ action: "access.requested", entityId: String(created.id), officeId: officeA.id });
  });

  it("holds the password chosen with the set-up link to the policy (common, too short, own email)", async () => {
    const api = callerFor(db, admin);
    const anonymous = callerFor(db, null);
    const { setupToken } = await api.users.create(newUserInput({ email: "quillfeather@test.invalid" }));
    expect(await failure(anonymous.account.completeSetup({ token: setupToken, password: "password1234" }))).toBe("WEAK_PASSWORD");
    expect(await failure(anonymous.account.completeSetup({ token: setupToken, password: "short" }))).toBe("BAD_REQUEST");
    expect(await failure(anonymous.account.completeSetup({ token: setupToken, password: "my quillfeather secret 42" }))).toBe(
      "WEAK_PASSWORD",
    );
    // A refused password does not use the link up.
    await anonymous.account.completeSetup({ token: setupToken, password: GOOD_PASSWORD });
  });

  it("refuses a duplicate email with CONFLICT, whatever its case", async () => {
    const api = callerFor(db, admin);
    await api.users.create(newUserInput({ email: "twin@test.invalid" }));
    expect(await failure(api.users.create(newUserInput({ email: "Twin@Test.invalid" })))).toBe("CONFLICT");
  });

  it("refuses an unknown or inactive office", async () => {
    const api = callerFor(db, admin);
    expect(await failure(api.users.create(newUserInput({ officeIds: [99_999] })))).toBe("VALIDATION");
    const closed = makeOffice(db, { active: false });
    expect(await failure(api.users.create(newUserInput({ officeIds: [closed.id] })))).toBe("VALIDATION");
  });
});

describe("user management is for administrators only", () => {
  const roles = ["caseworker", "supervisor", "data_officer"] as const;
  for (const role of roles) {
    it(`${role}: FORBIDDEN on every change`, async () => {
      const me = makeUser(db, { role, officeIds: role === "data_officer" ? [] : [officeA.id] });
      const target = makeUser(db, { role: "caseworker", officeIds: [officeA.id] });
      const api = callerFor(db, me);
      const calls = [
        api.users.create(newUserInput()),
        api.users.update({ id: target.id, version: 1, name: "X", role: "supervisor", officeIds: [officeA.id], regionScope: null }),
        api.users.deactivate({ id: target.id }),
        api.users.reactivate({ id: target.id }),
        api.users.resetPassword({ id: target.id }),
        api.users.unlock({ id: target.id }),
      ];
      for (const call of calls) expect(await failure(call)).toBe("FORBIDDEN");
    });
  }

  it("caseworkers and data officers cannot list users; signed-out callers are UNAUTHENTICATED", async () => {
    const cw = makeUser(db, { role: "caseworker", officeIds: [officeA.id] });
    const dataOfficer = makeUser(db, { role: "data_officer" });
    expect(await failure(callerFor(db, cw).users.list({}))).toBe("FORBIDDEN");
    expect(await failure(callerFor(db, dataOfficer).users.list({}))).toBe("FORBIDDEN");
    expect(await failure(callerFor(db, null).users.list({}))).toBe("UNAUTHENTICATED");
  });
});

describe("users.list", () => {
  it("shows a supervisor only the staff of their offices", async () => {
    const sup = makeUser(db, { role: "supervisor", officeIds: [officeA.id] });
    const mine = makeUser(db, { role: "caseworker", officeIds: [officeA.id] });
    const theirs = makeUser(db, { role: "caseworker", officeIds: [officeB.id] });
    const { rows } = await callerFor(db, sup).users.list({});
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).toContain(sup.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(admin.id);
    // Asking for the other office's staff gives nothing, not a filter bypass.
    expect((await callerFor(db, sup).users.list({ officeId: officeB.id })).rows).toEqual([]);
  });

  it("filters by role, office and active, and sorts", async () => {
    const api = callerFor(db, admin);
    const inactive = makeUser(db, { role: "supervisor", officeIds: [officeB.id], active: false, name: "Zz Inactive" });
    const supervisorsB = await api.users.list({ role: "supervisor", officeId: officeB.id, active: false });
    expect(supervisorsB.rows.map((r) => r.id)).toEqual([inactive.id]);
    const byNameDesc = await api.users.list({ sort: "name", direction: "desc" });
    const names = byNameDesc.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it("treats LIKE wildcards in the search literally", async () => {
    const { rows } = await callerFor(db, admin).users.list({ search: "%" });
    expect(rows).toEqual([]);
  });
});

describe("users.update", () => {
  it("changes role and offices, audits the changed fields, and clears offices for office-less roles", async () => {
    const api = callerFor(db, admin);
    const target = makeUser(db, { role: "caseworker", officeIds: [officeA.id] });
    const result = await api.users.update({
      id: target.id,
      version: 1,
      name: target.name,
      role: "supervisor",
      officeIds: [officeA.id, officeB.id],
      regionScope: null,
    });
    expect(result.changed).toEqual(["role", "officeIds"]);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "user.updated")).orderBy(desc(auditEvents.id)).get()).toMatchObject({
      entityId: String(target.id),
    });

    await api.users.update({
      id: target.id,
      version: 2,
      name: target.name,
      role: "data_officer",
      officeIds: [],
      regionScope: "south_america",
    });
    const { rows } = await api.users.list({ search: target.email });
    expect(rows[0]).toMatchObject({ role: "data_officer", regionScope: "south_america", offices: [] });
  });

  it("refuses a region scope for roles other than data officer, and an administrator's own role change", async () => {
    const api = callerFor(db, admin);
    const target = makeUser(db, { role: "supervisor", officeIds: [officeA.id] });
    expect(
      await failure(
        api.users.update({ id: target.id, version: 1, name: "N", role: "supervisor", officeIds: [officeA.id], regionScope: "south_america" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await failure(api.users.update({ id: admin.id, version: 1, name: admin.name, role: "supervisor", officeIds: [officeA.id], regionScope: null })),
    ).toBe("INVALID_STATE");
  });

  it("answers NOT_FOUND for an unknown user", async () => {
    const api = callerFor(db, admin);
    expect(await failure(api.users.deactivate({ id: 987_654 }))).toBe("NOT_FOUND");
  });
});

describe("deactivation, reactivation", () => {
  it("revokes every session of the user, and the session resolver refuses them", async () => {
    const api = callerFor(db, admin);
    const target = makeUser(db, { role: "caseworker", officeIds: [officeA.id] });
    const second = startSession(db, target.id);
    expect(resolveSession(db, target.sessionId).user?.id).toBe(target.id);

    const result = await api.users.deactivate({ id: target.id });
    expect(result.sessionsRevoked).toBe(2);
    expect(resolveSession(db, target.sessionId)).toEqual({ user: null, reason: "revoked" });
    expect(resolveSession(db, second)).toEqual({ user: null, reason: "revoked" });
    const rows = db.select({ revokedAt: authSessions.revokedAt }).from(authSessions).where(eq(authSessions.userId, target.id)).all();
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    expect(lastAudit()).toMatchObject({ action: "user.deactivated", entityId: String(target.id) });

    await api.users.reactivate({ id: target.id });
    expect(lastAudit()).toMatchObject({ action: "user.reactivated" });
    // Old sessions stay dead after reactivation.
    expect(resolveSession(db, target.sessionId).user).toBeNull();
  });

  it("refuses an administrator deactivating their own account", async () => {
    expect(await failure(callerFor(db, admin).users.deactivate({ id: admin.id }))).toBe("INVALID_STATE");
  });
});

describe("users.resetPassword and users.unlock", () => {
  it("issues a set-up link instead of a password, ends the old password and sessions, clears the lockout", async () => {
    const api = callerFor(db, admin);
    const target = makeUser(db, { role: "caseworker", officeIds: [officeA.id], password: GOOD_PASSWORD });
    db.update(users).set({ failedLogins: 0, lockedUntil: Date.now() + 60_000 }).where(eq(users.id, target.id)).run();
    expect((await api.users.list({ search: target.email })).rows[0]?.locked).toBe(true);
    expect(resolveSession(db, target.sessionId).user?.id).toBe(target.id);

    const { setupToken } = await api.users.resetPassword({ id: target.id });
    expect(resolveSession(db, target.sessionId)).toEqual({ user: null, reason: "revoked" });
    expect((await api.users.list({ search: target.email })).rows[0]).toMatchObject({ locked: false, failedLogins: 0 });
    expect((await authenticateUser(db, { email: target.email, password: GOOD_PASSWORD, ip: "192.0.2.1" })).ok).toBe(false);

    await callerFor(db, null).account.completeSetup({ token: setupToken, password: OTHER_PASSWORD });
    expect(lastAudit()).toMatchObject({ action: "user.setup_completed", entityId: String(target.id) });
    const login = await authenticateUser(db, { email: target.email, password: OTHER_PASSWORD, ip: "192.0.2.1" });
    expect(login.ok).toBe(true);
  });

  it("refuses an administrator resetting their own password here", async () => {
    expect(await failure(callerFor(db, admin).users.resetPassword({ id: admin.id }))).toBe(
      "INVALID_STATE",
    );
  });

  it("unlocks a locked account", async () => {
    const api = callerFor(db, admin);
    const target = makeUser(db, { role: "supervisor", officeIds: [officeB.id], password: GOOD_PASSWORD });
    db.update(users).set({ failedLogins: 0, lockedUntil: Date.now() + 60_000 }).where(eq(users.id, target.id)).run();
    expect((await authenticateUser(db, { email: target.email, password: GOOD_PASSWORD, ip: "192.0.2.2" })).ok).toBe(false);
    await api.users.unlock({ id: target.id });
    expect(lastAudit()).toMatchObject({ action: "user.unlocked", entityId: String(target.id) });
    expect((await authenticateUser(db, { email: target.email, password: GOOD_PASSWORD, ip: "192.0.2.3" })).ok).toBe(true);
  });
});

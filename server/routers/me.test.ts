import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, authSessions, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/server/auth/session-user";
import { MAX_FAILED_LOGINS } from "@/server/auth/policy";
import { sessionHandle } from "@/server/services/account/session-handle";
import { authenticateUser } from "@/server/services/authenticate-user";
import { resolveSession } from "@/server/services/resolve-session";
import { insertUser, makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { callerFor } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

// Synthetic passphrases, long and uncommon enough for the policy.
const CURRENT = "violet anchor drifts past nine lanterns";
const NEXT = "copper kettle hums under quiet hills";
const CHROMIUM_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/140.0.0.0 Chrome/140.0.0.0 Safari/537.36";
const FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:131.0) Gecko/131.0 Firefox/131.0";

let db: Db;
let office: OfficeFixture;
let ipCounter = 0;
/** A fresh client address per sign-in, so the login throttle never decides a test. */
const nextIp = () => `198.51.100.${++ipCounter}`;

beforeAll(() => {
  db = createTestDb();
  office = makeOffice(db, { countryIso2: "AT" });
});
afterAll(() => destroyTestDb(db));

/** Signs in through the real password step and returns the user as the server sees that session. */
async function signIn(email: string, password: string, userAgent: string | null = CHROMIUM_LINUX): Promise<SessionUser> {
  const result = await authenticateUser(db, { email, password, ip: nextIp(), userAgent });
  if (!result.ok) throw new Error("sign-in refused");
  // The second factor is not what these tests are about: the session is taken as having passed it.
  db.update(authSessions).set({ secondStep: null }).where(eq(authSessions.id, result.sessionId)).run();
  const state = resolveSession(db, result.sessionId);
  if (!state.user) throw new Error(`session not usable: ${state.reason}`);
  return state.user;
}

function newAccount(role: "caseworker" | "data_officer" = "caseworker") {
  const email = `own-${Math.random().toString(36).slice(2, 8)}@test.invalid`;
  const user = insertUser(db, { role, email, password: CURRENT, officeIds: role === "caseworker" ? [office.id] : [] });
  return { ...user, email };
}

async function failure(call: Promise<unknown>): Promise<{ code: string; fields: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof AppError) return { code: error.cause.code, fields: error.cause.fieldErrors ?? {} };
    if (error instanceof TRPCError) return { code: error.code, fields: {} };
    throw error;
  }
  throw new Error("expected the call to fail");
}

function lastAudit() {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
}

function userRow(id: number) {
  return db.select({ passwordHash: users.passwordHash, failedLogins: users.failedLogins, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, id)).get()!;
}

describe("me.changePassword", () => {
  it("refuses a wrong current password on its field, counts it against the lockout, and changes nothing", async () => {
    const account = newAccount();
    const me = await signIn(account.email, CURRENT);
    const before = userRow(account.id);
    const refused = await failure(callerFor(db, me).me.changePassword({ currentPassword: "not the current passphrase", newPassword: NEXT }));
    expect(refused).toEqual({ code: "VALIDATION", fields: { currentPassword: "account.errors.currentWrong" } });
    const after = userRow(account.id);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.failedLogins).toBe(before.failedLogins + 1);
    expect(lastAudit()).toMatchObject({ action: "auth.login.failure", actorUserId: account.id });
    expect(JSON.parse(lastAudit()!.details!)).toMatchObject({ reason: "wrong_current_password", failures: 1 });
  });

  it("locks the account after as many wrong current passwords as sign-in allows, then refuses even the right one", async () => {
    const account = newAccount();
    const me = await signIn(account.email, CURRENT);
    const api = callerFor(db, me);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect((await failure(api.me.changePassword({ currentPassword: `wrong passphrase ${i}`, newPassword: NEXT }))).fields).toEqual({
        currentPassword: "account.errors.currentWrong",
      });
    }
    expect((await failure(api.me.changePassword({ currentPassword: "wrong passphrase last", newPassword: NEXT }))).fields).toEqual({
      currentPassword: "account.errors.locked",
    });
    expect(userRow(account.id).lockedUntil).toBeGreaterThan(Date.now());
    expect(lastAudit()).toMatchObject({ action: "auth.login.locked", actorUserId: account.id });
    expect((await failure(api.me.changePassword({ currentPassword: CURRENT, newPassword: NEXT }))).fields).toEqual({
      currentPassword: "account.errors.locked",
    });
    expect((await authenticateUser(db, { email: account.email, password: CURRENT, ip: nextIp() })).ok).toBe(false);
  });

  it("holds the new password to the policy and refuses the current one again", async () => {
    const account = newAccount();
    const api = callerFor(db, await signIn(account.email, CURRENT));
    expect(await failure(api.me.changePassword({ currentPassword: CURRENT, newPassword: "password1234" }))).toEqual({
      code: "WEAK_PASSWORD",
      fields: { newPassword: "validation.password.common" },
    });
    expect(await failure(api.me.changePassword({ currentPassword: CURRENT, newPassword: "short" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(api.me.changePassword({ currentPassword: CURRENT, newPassword: CURRENT }))).toEqual({
      code: "VALIDATION",
      fields: { newPassword: "account.errors.samePassword" },
    });
    expect(userRow(account.id).failedLogins).toBe(0);
  });

  it("ends every other session of the user, keeps the current one, and audits the change by the user", async () => {
    const account = newAccount();
    const here = await signIn(account.email, CURRENT);
    const elsewhere = await signIn(account.email, CURRENT, FIREFOX_ANDROID);
    const bystander = newAccount();
    const bystanderSession = await signIn(bystander.email, CURRENT);

    const result = await callerFor(db, here, "203.0.113.9").me.changePassword({ currentPassword: CURRENT, newPassword: NEXT });
    expect(result).toEqual({ sessionsEnded: 1 });

    expect(resolveSession(db, elsewhere.sessionId)).toEqual({ user: null, reason: "revoked" });
    expect(resolveSession(db, here.sessionId).user?.id).toBe(account.id);
    expect(resolveSession(db, bystanderSession.sessionId).user?.id).toBe(bystander.id);
    expect(lastAudit()).toMatchObject({ action: "auth.password.changed", actorUserId: account.id, entityType: "user", entityId: String(account.id), ip: "203.0.113.9" });
    expect(JSON.parse(lastAudit()!.details!)).toEqual({ sessionsRevoked: 1 });
    expect(lastAudit()!.details).not.toContain(NEXT);

    expect((await authenticateUser(db, { email: account.email, password: CURRENT, ip: nextIp() })).ok).toBe(false);
    expect((await authenticateUser(db, { email: account.email, password: NEXT, ip: nextIp() })).ok).toBe(true);
  });

  it("keeps the current session only for that change: a later reset by an administrator still ends it", async () => {
    const account = newAccount();
    const here = await signIn(account.email, CURRENT);
    await callerFor(db, here).me.changePassword({ currentPassword: CURRENT, newPassword: NEXT });
    // A password changed later elsewhere (an administrator's reset writes passwordChangedAt).
    db.update(users).set({ passwordChangedAt: Date.now() + 1 }).where(eq(users.id, account.id)).run();
    expect(resolveSession(db, here.sessionId)).toEqual({ user: null, reason: "revoked" });
  });
});

describe("me.sessions and me.endSession", () => {
  it("lists the user's own open sessions, current first, with device in words, address and times, never the session id", async () => {
    const account = newAccount("data_officer");
    const here = await signIn(account.email, CURRENT, CHROMIUM_LINUX);
    const phone = await signIn(account.email, CURRENT, FIREFOX_ANDROID);
    const ended = await signIn(account.email, CURRENT, null);
    db.update(authSessions).set({ revokedAt: Date.now() }).where(eq(authSessions.id, ended.sessionId)).run();
    const other = newAccount();
    await signIn(other.email, CURRENT);

    const sessions = await callerFor(db, here).me.sessions();
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ current: true, browser: "Chromium", os: "Linux", handle: sessionHandle(here.sessionId) });
    expect(sessions[1]).toMatchObject({ current: false, browser: "Firefox", os: "Android", handle: sessionHandle(phone.sessionId) });
    expect(sessions[0]!.ip).toMatch(/^198\.51\.100\.\d+$/);
    expect(typeof sessions[0]!.signedInAt).toBe("number");
    expect(typeof sessions[0]!.lastUsedAt).toBe("number");
    const text = JSON.stringify(sessions);
    for (const id of [here.sessionId, phone.sessionId]) expect(text).not.toContain(id);
  });

  it("ends one of the user's own sessions, audited, and leaves the others", async () => {
    const account = newAccount();
    const here = await signIn(account.email, CURRENT);
    const phone = await signIn(account.email, CURRENT, FIREFOX_ANDROID);
    expect(await callerFor(db, here).me.endSession({ handle: sessionHandle(phone.sessionId) })).toEqual({ current: false });
    expect(resolveSession(db, phone.sessionId)).toEqual({ user: null, reason: "revoked" });
    expect(resolveSession(db, here.sessionId).user?.id).toBe(account.id);
    expect(lastAudit()).toMatchObject({ action: "auth.session.ended", actorUserId: account.id, entityId: String(account.id) });
    // Already ended: nothing left to end.
    expect((await failure(callerFor(db, here).me.endSession({ handle: sessionHandle(phone.sessionId) }))).code).toBe("NOT_FOUND");
  });

  it("cannot end another user's session, even with its handle", async () => {
    const account = newAccount();
    const here = await signIn(account.email, CURRENT);
    const colleague = newAccount();
    const theirs = await signIn(colleague.email, CURRENT);
    const auditBefore = lastAudit()!.id;
    expect((await failure(callerFor(db, here).me.endSession({ handle: sessionHandle(theirs.sessionId) }))).code).toBe("NOT_FOUND");
    expect(resolveSession(db, theirs.sessionId).user?.id).toBe(colleague.id);
    expect(lastAudit()!.id).toBe(auditBefore);
    // A session id is never accepted in place of a handle.
    expect((await failure(callerFor(db, here).me.endSession({ handle: theirs.sessionId }))).code).toBe("BAD_REQUEST");
  });

  it("ends the current session when asked", async () => {
    const account = newAccount();
    const here = await signIn(account.email, CURRENT);
    expect(await callerFor(db, here).me.endSession({ handle: sessionHandle(here.sessionId) })).toEqual({ current: true });
    expect(resolveSession(db, here.sessionId)).toEqual({ user: null, reason: "revoked" });
  });
});

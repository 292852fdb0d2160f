import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, authSessions, recoveryCodes, userSecondFactors, users } from "@/db/schema";
import type { AppError } from "@/lib/errors";
import type { Role } from "@/lib/permissions";
import { MAX_FAILED_LOGINS } from "@/server/auth/policy";
import { totpCodeAt } from "@/server/auth/totp";
import { env } from "@/server/env";
import { insertUser } from "@/server/testing/factories";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { authenticateUser } from "./authenticate-user";
import { resolveSession, type PendingSession } from "./resolve-session";
import { confirmTotpEnrolment, currentDemoCode, enrolDemoSecondFactor, startTotpEnrolment, verifySecondFactor } from "./second-factor";

const PASSWORD = "synthetic quartz harbour ninety two";
const STEP = 30_000;

let db: Db;
beforeAll(() => {
  db = createTestDb();
});
afterAll(() => destroyTestDb(db));

let ipCounter = 0;
/** A fresh documentation address per sign-in, so the per-address throttle stays out of the way. */
const freshIp = () => `192.0.2.${++ipCounter}`;

/** The password step, as the login form does it: returns the session it opened. */
async function signInWithPassword(email: string, now = Date.now()) {
  const login = await authenticateUser(db, { email, password: PASSWORD, ip: freshIp() });
  if (!login.ok) throw new Error("password step refused");
  return { sessionId: login.sessionId, state: resolveSession(db, login.sessionId, now) };
}

function pendingOf(state: ReturnType<typeof resolveSession>): PendingSession {
  if (state.user !== null || state.reason !== "second_step") throw new Error(`not pending: ${JSON.stringify(state)}`);
  return state.pending;
}

async function enrolmentOf(pending: PendingSession) {
  const enrolment = await startTotpEnrolment(db, pending);
  if (!enrolment) throw new Error("no enrolment");
  return enrolment;
}

/** A user who has enrolled, with the secret their app holds and the time of enrolment. */
async function enrolledUser(role: Role = "caseworker") {
  const user = insertUser(db, { role, password: PASSWORD });
  const { state } = await signInWithPassword(user.email);
  const pending = pendingOf(state);
  const { secret } = await enrolmentOf(pending);
  const at = Date.now();
  const result = confirmTotpEnrolment(db, pending, { code: totpCodeAt(secret, at), ip: freshIp() }, at);
  if (!result.ok) throw new Error("enrolment refused");
  return { user, secret, at, recoveryCodes: result.recoveryCodes };
}

const failedLogins = (userId: number) => db.select({ n: users.failedLogins }).from(users).where(eq(users.id, userId)).get()!.n;
const lastAudit = () => db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!;

describe("the second step at sign-in (issue 11, item 3)", () => {
  it("a password alone opens no session: every role must first enrol, and nothing is reachable meanwhile", async () => {
    for (const role of ["caseworker", "supervisor", "data_officer", "administrator"] as const) {
      const user = insertUser(db, { role, password: PASSWORD });
      const { state } = await signInWithPassword(user.email);
      expect(state.user).toBeNull();
      expect(pendingOf(state)).toMatchObject({ userId: user.id, step: "enrol" });
    }
  });

  it("enrolment shows a QR code, keeps the secret sealed, and a right first code issues ten recovery codes", async () => {
    const user = insertUser(db, { role: "supervisor", password: PASSWORD });
    const { sessionId, state } = await signInWithPassword(user.email);
    const pending = pendingOf(state);
    const enrolment = await enrolmentOf(pending);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    // Reloading the page shows the same secret (a scanned code stays valid).
    expect((await enrolmentOf(pending)).secret).toBe(enrolment.secret);

    const stored = db.select().from(userSecondFactors).where(eq(userSecondFactors.userId, user.id)).get()!;
    expect(stored.ciphertext.toString("latin1")).not.toContain(enrolment.secret);
    expect(stored.enrolledAt).toBeNull();

    const now = Date.now();
    const wrong = confirmTotpEnrolment(db, pending, { code: "000000" === totpCodeAt(enrolment.secret, now) ? "111111" : "000000", ip: freshIp() }, now);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(failedLogins(user.id)).toBe(1);
    expect(resolveSession(db, sessionId).user).toBeNull();

    const right = confirmTotpEnrolment(db, pending, { code: totpCodeAt(enrolment.secret, now), ip: freshIp() }, now);
    expect(right.ok).toBe(true);
    if (!right.ok) return;
    expect(right.recoveryCodes).toHaveLength(10);
    expect(new Set(right.recoveryCodes).size).toBe(10);
    for (const code of right.recoveryCodes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    // Only hashes are stored.
    const hashes = db.select({ h: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all();
    expect(hashes).toHaveLength(10);
    for (const { h } of hashes) expect(right.recoveryCodes.some((c) => h.includes(c.replace(/-/g, "")))).toBe(false);

    expect(resolveSession(db, sessionId).user?.id).toBe(user.id);
    expect(failedLogins(user.id)).toBe(0);
    expect(lastAudit()).toMatchObject({ action: "auth.second_factor.enrolled", entityId: String(user.id) });
  });

  it("an enrolled account verifies a code at every sign-in; a used code is refused (replay)", async () => {
    const { user, secret, at } = await enrolledUser();
    const first = await signInWithPassword(user.email);
    const pending = pendingOf(first.state);
    expect(pending.step).toBe("verify");

    // The code that confirmed the enrolment cannot be used again.
    expect(verifySecondFactor(db, pending, { code: totpCodeAt(secret, at), ip: freshIp() }, at)).toEqual({ ok: false, reason: "invalid" });
    // The next step's code passes, once.
    const later = at + STEP;
    const code = totpCodeAt(secret, later);
    expect(verifySecondFactor(db, pending, { code, ip: freshIp() }, later)).toEqual({ ok: true });
    expect(resolveSession(db, first.sessionId).user?.id).toBe(user.id);
    expect(lastAudit()).toMatchObject({ action: "auth.second_factor.passed" });

    const second = await signInWithPassword(user.email);
    expect(verifySecondFactor(db, pendingOf(second.state), { code, ip: freshIp() }, later)).toEqual({ ok: false, reason: "invalid" });
    expect(resolveSession(db, second.sessionId).user).toBeNull();
    // A code far from now is refused too.
    expect(verifySecondFactor(db, pendingOf(second.state), { code: totpCodeAt(secret, later + 10 * STEP), ip: freshIp() }, later)).toEqual({ ok: false, reason: "invalid" });
  });

  it("a recovery code signs in once, and is refused the second time", async () => {
    const { user, recoveryCodes: codes } = await enrolledUser("data_officer");
    const first = await signInWithPassword(user.email);
    // Typed loosely: lower case, spaces instead of dashes.
    const typed = codes[3]!.toLowerCase().replace(/-/g, " ");
    expect(verifySecondFactor(db, pendingOf(first.state), { code: typed, ip: freshIp() })).toEqual({ ok: true });
    expect(lastAudit()).toMatchObject({ action: "auth.recovery_code.used" });
    expect(JSON.parse(lastAudit().details!)).toMatchObject({ remaining: 9 });

    const second = await signInWithPassword(user.email);
    expect(verifySecondFactor(db, pendingOf(second.state), { code: codes[3]!, ip: freshIp() })).toEqual({ ok: false, reason: "invalid" });
    expect(verifySecondFactor(db, pendingOf(second.state), { code: codes[4]!, ip: freshIp() })).toEqual({ ok: true });
  });

  it("wrong codes count against the lockout: the tenth locks the account and ends the pending session", async () => {
    const { user, secret } = await enrolledUser("administrator");
    const { sessionId, state } = await signInWithPassword(user.email);
    const pending = pendingOf(state);
    const now = Date.now() + STEP;
    const right = totpCodeAt(secret, now);
    const wrong = right === "123456" ? "654321" : "123456";
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect(verifySecondFactor(db, pending, { code: wrong, ip: freshIp() }, now)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(verifySecondFactor(db, pending, { code: wrong, ip: freshIp() }, now)).toEqual({ ok: false, reason: "locked" });
    expect(resolveSession(db, sessionId)).toEqual({ user: null, reason: "revoked" });
    expect(verifySecondFactor(db, pending, { code: right, ip: freshIp() }, now)).toEqual({ ok: false, reason: "locked" });
    // The password step refuses a locked account as before.
    expect((await authenticateUser(db, { email: user.email, password: PASSWORD, ip: freshIp() })).ok).toBe(false);
  });

  it("wrong codes count against the address throttle as well", async () => {
    const { user, secret } = await enrolledUser();
    const { state } = await signInWithPassword(user.email);
    const pending = pendingOf(state);
    const now = Date.now() + STEP;
    const right = totpCodeAt(secret, now);
    const wrong = right === "123456" ? "654321" : "123456";
    const ip = "198.51.100.200";
    let outcome = verifySecondFactor(db, pending, { code: wrong, ip }, now);
    for (let i = 0; i < env.PASSAGE_LOGIN_ATTEMPTS_PER_ADDRESS && outcome.ok === false && outcome.reason !== "throttled"; i++) {
      // Unlock between attempts: only the throttle may stop this loop.
      db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id)).run();
      outcome = verifySecondFactor(db, pending, { code: wrong, ip }, now);
    }
    expect(outcome).toEqual({ ok: false, reason: "throttled" });
    expect(verifySecondFactor(db, pending, { code: right, ip }, now)).toEqual({ ok: false, reason: "throttled" });
  });

  it("roles left out of PASSAGE_MFA_ROLES sign in with the password alone, unless they have enrolled", async () => {
    const configured = env.PASSAGE_MFA_ROLES;
    const enrolled = await enrolledUser("data_officer");
    try {
      (env as { PASSAGE_MFA_ROLES: ReadonlySet<Role> }).PASSAGE_MFA_ROLES = new Set<Role>(["administrator"]);
      const plain = insertUser(db, { role: "data_officer", password: PASSWORD });
      expect((await signInWithPassword(plain.email)).state.user?.id).toBe(plain.id);
      expect(pendingOf((await signInWithPassword(enrolled.user.email)).state).step).toBe("verify");
      const admin = insertUser(db, { role: "administrator", password: PASSWORD });
      expect(pendingOf((await signInWithPassword(admin.email)).state).step).toBe("enrol");
    } finally {
      (env as { PASSAGE_MFA_ROLES: ReadonlySet<Role> }).PASSAGE_MFA_ROLES = configured;
    }
  });

  it("a second sign-in that enrols after another one finished enrolling has to start again", async () => {
    const user = insertUser(db, { role: "caseworker", password: PASSWORD });
    const first = pendingOf((await signInWithPassword(user.email)).state);
    const second = pendingOf((await signInWithPassword(user.email)).state);
    const { secret } = await enrolmentOf(first);
    const now = Date.now();
    expect(confirmTotpEnrolment(db, first, { code: totpCodeAt(secret, now), ip: freshIp() }, now).ok).toBe(true);
    expect(await startTotpEnrolment(db, second)).toBeNull();
    expect(confirmTotpEnrolment(db, second, { code: totpCodeAt(secret, now + STEP), ip: freshIp() }, now + STEP)).toEqual({ ok: false, reason: "invalid" });
  });

  it("an attempt for a session that ended meanwhile is refused and uses up nothing", async () => {
    const { user, recoveryCodes: codes } = await enrolledUser();
    const { sessionId, state } = await signInWithPassword(user.email);
    const pending = pendingOf(state);
    db.update(authSessions).set({ revokedAt: Date.now() }).where(eq(authSessions.id, sessionId)).run();
    expect(verifySecondFactor(db, pending, { code: codes[0]!, ip: freshIp() })).toEqual({ ok: false, reason: "expired" });
    const again = await signInWithPassword(user.email);
    expect(verifySecondFactor(db, pendingOf(again.state), { code: codes[0]!, ip: freshIp() })).toEqual({ ok: true });
  });

  it("a pending session expires ten minutes after the password", async () => {
    const user = insertUser(db, { role: "caseworker", password: PASSWORD });
    const { sessionId } = await signInWithPassword(user.email);
    expect(resolveSession(db, sessionId, Date.now() + 11 * 60_000)).toEqual({ user: null, reason: "expired" });
  });
});

describe("users.resetSecondFactor", () => {
  it("removes the factor and recovery codes, ends every session, is audited, and the next sign-in enrols again", async () => {
    const admin = makeUser(db, { role: "administrator" });
    const { user, secret, at } = await enrolledUser("caseworker");
    const signedIn = await signInWithPassword(user.email);
    expect(verifySecondFactor(db, pendingOf(signedIn.state), { code: totpCodeAt(secret, at + STEP), ip: freshIp() }, at + STEP).ok).toBe(true);
    expect(resolveSession(db, signedIn.sessionId).user?.id).toBe(user.id);

    const result = await callerFor(db, admin).users.resetSecondFactor({ id: user.id });
    expect(result).toMatchObject({ id: user.id, hadFactor: true });
    expect(result.sessionsRevoked).toBeGreaterThanOrEqual(1);
    expect(resolveSession(db, signedIn.sessionId)).toEqual({ user: null, reason: "revoked" });
    expect(db.select().from(userSecondFactors).where(eq(userSecondFactors.userId, user.id)).all()).toEqual([]);
    expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all()).toEqual([]);
    expect(lastAudit()).toMatchObject({ action: "user.second_factor.reset", actorUserId: admin.id, entityId: String(user.id) });

    expect(pendingOf((await signInWithPassword(user.email)).state).step).toBe("enrol");
    const row = (await callerFor(db, admin).users.list({ search: user.email })).rows[0]!;
    expect(row.secondFactor).toBe(false);
  });

  it("is refused on one's own account", async () => {
    const admin = makeUser(db, { role: "administrator" });
    const refusal = await callerFor(db, admin).users.resetSecondFactor({ id: admin.id }).then(() => null, (e: unknown) => e);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect((refusal as TRPCError).code).toBe("PRECONDITION_FAILED");
    expect(((refusal as TRPCError).cause as AppError).fieldErrors).toEqual({ id: "mfa.reset.self" });
  });
});

describe("the demo second factor", () => {
  it("prints codes only for accounts holding the published demo secret", async () => {
    const demoSecret = "PASSAGEDEMOTOTPSECRETFORDEMOONLY";
    const demo = insertUser(db, { role: "caseworker", password: PASSWORD });
    enrolDemoSecondFactor(db, demo.id, demoSecret);
    const now = Date.now();
    expect(currentDemoCode(db, demo.email, demoSecret, now)).toBe(totpCodeAt(demoSecret, now));
    const real = await enrolledUser();
    expect(() => currentDemoCode(db, real.user.email, demoSecret, now)).toThrow();
    expect(() => currentDemoCode(db, "nobody@test.invalid", demoSecret, now)).toThrow();
  });
});

/**
 * Separation of duties (issue 11 item 5, decision 0020). The finding: an administrator created a
 * supervisor account for an office, signed in with it, and read identities and notes. Now the
 * administrator never knows the password (a one-time set-up link), and even once the account is set
 * up it reaches no case of the office until a supervisor of that office confirms.
 */
import { TRPCError } from "@trpc/server";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accountSetupTokens, auditEvents, userOffices } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/server/auth/session-user";
import { addCaseNote } from "@/server/services/case-notes";
import { authenticateUser } from "@/server/services/authenticate-user";
import { confirmOfficeAccessByOperator } from "@/server/services/decide-office-access";
import { resolveSession } from "@/server/services/resolve-session";
import { passSecondStep } from "@/server/testing/second-step";
import { makeOffice, type OfficeFixture } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { callerFor, makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

const CHOSEN = "lantern harbour quietly folds nine maps";
const ADMIN_GUESS = "the administrator wanted this one 42";

let db: Db;
let office: OfficeFixture;
let otherOffice: OfficeFixture;
let admin: SessionUser;
let supervisor: SessionUser;
let caseCode: string;
let ip = 0;
const nextIp = () => `192.0.2.${(ip++ % 200) + 1}`;

beforeAll(() => {
  db = createTestDb();
  office = makeOffice(db, { countryIso2: "AT" });
  otherOffice = makeOffice(db, { countryIso2: "UA" });
  admin = makeUser(db, { role: "administrator" });
  supervisor = makeUser(db, { role: "supervisor", officeIds: [office.id] });
  const worker = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  caseCode = registerTestCase(db, worker, { officeId: office.id }).caseCode;
  addCaseNote(db, worker, caseCode, "Synthetic note for the access test");
});
afterAll(() => destroyTestDb(db));

async function failure(call: Promise<unknown>): Promise<string> {
  const result = await outcome(call);
  if (result === "allowed") throw new Error("expected the call to fail");
  return result;
}

/** Signs in as a browser would and returns the session's user as the server resolves it. */
async function signIn(email: string, password: string): Promise<SessionUser | null> {
  const login = await authenticateUser(db, { email, password, ip: nextIp() });
  if (!login.ok) return null;
  await passSecondStep(db, login.sessionId);
  return resolveSession(db, login.sessionId).user;
}

function lastAudit() {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
}

/** "allowed", or the code of the refusal (any other error fails the test). */
function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => "allowed",
    (error: unknown) => {
      if (error instanceof TRPCError) return error.cause instanceof AppError ? error.cause.code : error.code;
      throw error;
    },
  );
}

/** What an account can read of the office's case: every route to identities and notes. */
async function reads(user: SessionUser) {
  const api = callerFor(db, user);
  return {
    listed: (await api.cases.list({})).rows.length,
    get: await outcome(api.cases.get({ code: caseCode })),
    identity: await outcome(api.cases.revealIdentity({ code: caseCode })),
    notes: await outcome(api.cases.notes({ code: caseCode })),
  };
}

const NOTHING = { listed: 0, get: "NOT_FOUND", identity: "NOT_FOUND", notes: "NOT_FOUND" };

describe("an administrator creating a supervisor account", () => {
  it("cannot set or know its password, and the account reads nothing until a supervisor of the office confirms", async () => {
    const adminApi = callerFor(db, admin);
    const email = "new-supervisor@test.invalid";
    // The old API took a password; anything like it is ignored now.
    const created = await adminApi.users.create({ email, name: "Synthetic New Supervisor", role: "supervisor", officeIds: [office.id], ...{ password: ADMIN_GUESS } });
    expect(await signIn(email, ADMIN_GUESS)).toBeNull();
    expect(JSON.stringify(created)).not.toContain(ADMIN_GUESS);
    expect(created.setupToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const stored = db.select().from(accountSetupTokens).where(eq(accountSetupTokens.userId, created.id)).all();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(created.setupToken);

    // The person redeems the link with a password of their own.
    await callerFor(db, null).account.completeSetup({ token: created.setupToken, password: CHOSEN });
    const newcomer = await signIn(email, CHOSEN);
    expect(newcomer).not.toBeNull();
    expect(newcomer!.officeIds).toEqual([]);
    expect(await reads(newcomer!)).toEqual(NOTHING);

    // The administrator cannot confirm it; neither can a supervisor of another office, nor the newcomer.
    const decision = { userId: created.id, officeId: office.id };
    expect(await failure(adminApi.access.confirm(decision))).toBe("FORBIDDEN");
    const elsewhere = makeUser(db, { role: "supervisor", officeIds: [otherOffice.id] });
    expect(await failure(callerFor(db, elsewhere).access.confirm(decision))).toBe("NOT_FOUND");
    expect(await failure(callerFor(db, newcomer!).access.confirm(decision))).toBe("NOT_FOUND");
    expect(await reads((await signIn(email, CHOSEN))!)).toEqual(NOTHING);

    // The office's supervisor sees the request (account set up) and confirms it.
    const supApi = callerFor(db, supervisor);
    const pending = await supApi.access.pending();
    expect(pending.find((r) => r.userId === created.id)).toMatchObject({ officeId: office.id, role: "supervisor", setUp: true });
    await supApi.access.confirm(decision);
    expect(lastAudit()).toMatchObject({ action: "access.confirmed", actorUserId: supervisor.id, entityId: String(created.id), officeId: office.id });
    expect((await supApi.access.pending()).some((r) => r.userId === created.id)).toBe(false);

    const confirmed = (await signIn(email, CHOSEN))!;
    expect(confirmed.officeIds).toEqual([office.id]);
    expect(await reads(confirmed)).toEqual({ listed: 1, get: "allowed", identity: "allowed", notes: "allowed" });
  });

  it("a set-up link works once, not after it expires, and not once a newer one replaced it", async () => {
    const adminApi = callerFor(db, admin);
    const anonymous = callerFor(db, null);
    const first = await adminApi.users.create({ email: "once@test.invalid", name: "Synthetic Once", role: "caseworker", officeIds: [office.id] });
    await anonymous.account.completeSetup({ token: first.setupToken, password: CHOSEN });
    expect(await failure(anonymous.account.completeSetup({ token: first.setupToken, password: "another lantern for the harbour" }))).toBe("INVALID_STATE");
    expect(lastAudit()).toMatchObject({ action: "user.setup_refused" });

    const second = await adminApi.users.create({ email: "late@test.invalid", name: "Synthetic Late", role: "caseworker", officeIds: [office.id] });
    db.update(accountSetupTokens).set({ expiresAt: Date.now() - 1 }).where(eq(accountSetupTokens.userId, second.id)).run();
    expect(await failure(anonymous.account.completeSetup({ token: second.setupToken, password: CHOSEN }))).toBe("INVALID_STATE");

    const replaced = await adminApi.users.resetPassword({ id: second.id });
    const newest = await adminApi.users.resetPassword({ id: second.id });
    expect(await failure(anonymous.account.completeSetup({ token: replaced.setupToken, password: CHOSEN }))).toBe("INVALID_STATE");
    await anonymous.account.completeSetup({ token: newest.setupToken, password: CHOSEN });
    expect(await signIn("late@test.invalid", CHOSEN)).not.toBeNull();
  });

  it("a password reset by an administrator suspends office access until a supervisor confirms again", async () => {
    const colleague = makeUser(db, { role: "supervisor", officeIds: [office.id], password: CHOSEN });
    expect(await reads((await signIn(colleague.email, CHOSEN))!)).toMatchObject({ listed: 1, identity: "allowed" });

    // The administrator resets, redeems the link themselves and signs in: still nothing of the office.
    const { setupToken } = await callerFor(db, admin).users.resetPassword({ id: colleague.id });
    await callerFor(db, null).account.completeSetup({ token: setupToken, password: ADMIN_GUESS });
    const hijacked = (await signIn(colleague.email, ADMIN_GUESS))!;
    expect(hijacked.officeIds).toEqual([]);
    expect(await reads(hijacked)).toEqual(NOTHING);

    await callerFor(db, supervisor).access.confirm({ userId: colleague.id, officeId: office.id });
    expect(await reads((await signIn(colleague.email, ADMIN_GUESS))!)).toMatchObject({ listed: 1, identity: "allowed" });
  });

  it("an office added to an existing user, or a promotion to supervisor, waits for confirmation", async () => {
    const adminApi = callerFor(db, admin);
    const worker = makeUser(db, { role: "caseworker", officeIds: [otherOffice.id], password: CHOSEN });
    await adminApi.users.update({ id: worker.id, version: 1, name: worker.name, role: "supervisor", officeIds: [otherOffice.id, office.id] });
    const promoted = (await signIn(worker.email, CHOSEN))!;
    // The promotion suspended the old office; the new one waits.
    expect(promoted.officeIds).toEqual([]);
    expect(await reads(promoted)).toEqual(NOTHING);
    const waiting = db.select().from(userOffices).where(eq(userOffices.userId, worker.id)).all();
    expect(waiting.map((m) => m.confirmedAt)).toEqual([null, null]);

    await callerFor(db, supervisor).access.decline({ userId: worker.id, officeId: office.id });
    expect(lastAudit()).toMatchObject({ action: "access.declined", officeId: office.id });
    expect(db.select().from(userOffices).where(and(eq(userOffices.userId, worker.id), eq(userOffices.officeId, office.id))).get()).toBeUndefined();
  });

  it("the record scope itself counts only confirmed memberships, whatever a session claims", async () => {
    const waiting = makeUser(db, { role: "supervisor", officeIds: [office.id], pendingOffices: true });
    // A SessionUser that (wrongly) lists the waiting office still reaches no case of it.
    expect(await reads({ ...waiting, officeIds: [office.id] })).toEqual(NOTHING);
  });

  it("bootstrap: the operator's CLI confirms the first supervisor of an office nobody can confirm for", async () => {
    const fresh = makeOffice(db, { countryIso2: "KE" });
    const first = await callerFor(db, admin).users.create({ email: "first-sup@test.invalid", name: "Synthetic First", role: "supervisor", officeIds: [fresh.id] });
    expect(confirmOfficeAccessByOperator(db, "First-Sup@test.invalid", fresh.code.toLowerCase())).toMatchObject({ alreadyConfirmed: false });
    expect(lastAudit()).toMatchObject({ action: "access.confirmed", actorUserId: null, entityId: String(first.id), officeId: fresh.id });
    expect(confirmOfficeAccessByOperator(db, "first-sup@test.invalid", fresh.code)).toMatchObject({ alreadyConfirmed: true });
  });
});

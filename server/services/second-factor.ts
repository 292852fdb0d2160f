import "server-only";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { revokeUserSessions } from "@/db/queries/users";
import {
  advanceTimeStep,
  completeSecondStep,
  confirmEnrolment,
  consumeRecoveryCode,
  deleteSecondFactor,
  findSecondFactor,
  replaceRecoveryCodes,
  revokeSessionRow,
  saveEnrolmentSecret,
  unusedRecoveryCodeCount,
  type StoredSecondFactor,
} from "@/db/queries/second-factor";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { loginThrottle } from "@/server/auth/throttle";
import {
  matchTotp,
  newRecoveryCodes,
  totpCodeAt,
  newTotpSecret,
  normaliseRecoveryCode,
  qrCodeDataUrl,
  recoveryCodeHash,
  totpUri,
} from "@/server/auth/totp";
import { vaultKeys } from "@/server/crypto/keys";
import { boundTo, open, seal } from "@/server/crypto/vault";
import { countFailedCredential } from "./count-failed-credential";
import { assertNotSelf, loadManagedUser } from "./load-managed-user";
import type { PendingSession } from "./resolve-session";

/**
 * The second sign-in step (decisions 0017 and 0018): TOTP enrolment at the first sign-in, a code
 * or a one-time recovery code at every sign-in after, and the administrator's reset. Every wrong
 * code counts against the account's lockout and the address's throttle like a wrong password, and
 * every outcome is audited. A secret is never returned except to the enrolling session, never
 * logged, and stored only sealed in the vault.
 */

type Refusal = "invalid" | "throttled" | "locked" | "expired";
export type SecondStepResult = { ok: true } | { ok: false; reason: Refusal };

/** The pending session ended while its attempt ran (signed out, reset, locked elsewhere). */
class SessionGone extends Error {}

const secretAad = (userId: number) => boundTo("user_second_factors", userId, "totp");

function openSecret(userId: number, stored: StoredSecondFactor): string {
  return open(vaultKeys(), { keyId: stored.keyId, iv: stored.iv, ciphertext: stored.ciphertext }, secretAad(userId));
}

export type TotpEnrolment = { secret: string; uri: string; qrCode: string };

/**
 * The secret a pending "enrol" session sets up in its authenticator app: the one already waiting
 * for its first code (so reloading the page does not invalidate a scanned QR code), or a new one.
 * Null when the account has meanwhile enrolled from another sign-in: this one must start again.
 */
export async function startTotpEnrolment(db: Db, pending: PendingSession): Promise<TotpEnrolment | null> {
  if (pending.step !== "enrol") throw new AppError("INVALID_STATE", "this session does not enrol");
  const secret = writeTransaction(db, (tx) => {
    const stored = findSecondFactor(tx, pending.userId);
    if (stored?.enrolledAt) return null;
    if (stored) return openSecret(pending.userId, stored);
    const fresh = newTotpSecret();
    saveEnrolmentSecret(tx, pending.userId, seal(vaultKeys(), fresh, secretAad(pending.userId)));
    return fresh;
  });
  if (secret === null) return null;
  const uri = totpUri(secret, pending.email);
  return { secret, uri, qrCode: await qrCodeDataUrl(uri) };
}

type Attempt = { db: Db; pending: PendingSession; ip: string | null; now: number };

/**
 * Common frame of a second-step attempt: refuses a throttled address and a locked account, runs
 * `check` in one write transaction, and on a wrong code counts the failure (which may lock the
 * account, and then ends the pending session).
 */
function attemptSecondStep<T>(
  { db, pending, ip, now }: Attempt,
  check: (tx: Db) => T | null,
): { ok: true; value: T } | { ok: false; reason: Refusal } {
  const throttleKey = ip ?? "unknown";
  if (loginThrottle().exceeded(throttleKey, now)) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, { action: "auth.login.failure", actorUserId: pending.userId, entityType: "user", entityId: pending.userId, ip, details: { reason: "throttled", secondStep: pending.step } }),
    );
    return { ok: false, reason: "throttled" };
  }
  try {
    return writeTransaction(db, (tx) => {
      const account = tx
        .select({ id: users.id, failedLogins: users.failedLogins, lockedUntil: users.lockedUntil })
        .from(users)
        .where(eq(users.id, pending.userId))
        .get();
      if (!account) return { ok: false as const, reason: "invalid" as const };
      if (account.lockedUntil !== null && account.lockedUntil > now) {
        revokeSessionRow(tx, pending.sessionId, now);
        recordAudit(tx, { action: "auth.login.locked", actorUserId: account.id, entityType: "user", entityId: account.id, ip, details: { reason: "account_locked", secondStep: pending.step } });
        return { ok: false as const, reason: "locked" as const };
      }
      const value = check(tx);
      if (value === null) {
        loginThrottle().attempt(throttleKey, now);
        const locked = countFailedCredential(tx, account, { now, ip, reason: "wrong_second_factor" });
        if (locked) revokeSessionRow(tx, pending.sessionId, now);
        return { ok: false as const, reason: locked ? ("locked" as const) : ("invalid" as const) };
      }
      tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, account.id)).run();
      // Rolls the whole attempt back (the code is not used up) if the session ended meanwhile.
      if (completeSecondStep(tx, pending.sessionId, now) === 0) throw new SessionGone();
      return { ok: true as const, value };
    });
  } catch (error) {
    if (error instanceof SessionGone) return { ok: false, reason: "expired" };
    throw error;
  }
}

/**
 * Confirms an enrolment with the first code from the app: the factor is enrolled, ten recovery
 * codes are issued (returned once, stored as hashes), and the session is signed in.
 */
export function confirmTotpEnrolment(
  db: Db,
  pending: PendingSession,
  input: { code: string; ip: string | null },
  now = Date.now(),
): { ok: true; recoveryCodes: string[] } | { ok: false; reason: Refusal } {
  if (pending.step !== "enrol") throw new AppError("INVALID_STATE", "this session does not enrol");
  const code = input.code.replace(/\s/g, "");
  const result = attemptSecondStep({ db, pending, ip: input.ip, now }, (tx) => {
    const stored = findSecondFactor(tx, pending.userId);
    if (!stored || stored.enrolledAt !== null) return null;
    const step = matchTotp(openSecret(pending.userId, stored), code, null, now);
    if (step === null || confirmEnrolment(tx, pending.userId, step, now) === 0) return null;
    const codes = newRecoveryCodes();
    replaceRecoveryCodes(tx, pending.userId, codes.map((c) => recoveryCodeHash(normaliseRecoveryCode(c)!)));
    recordAudit(tx, { action: "auth.second_factor.enrolled", actorUserId: pending.userId, entityType: "user", entityId: pending.userId, ip: input.ip, details: { method: "totp", recoveryCodes: codes.length } });
    return codes;
  });
  return result.ok ? { ok: true, recoveryCodes: result.value } : result;
}

/**
 * The second step of an enrolled account: a six-digit code from the app (not one already used:
 * its time step must be later than the last accepted), or one of the unused recovery codes (used
 * up by this sign-in).
 */
export function verifySecondFactor(
  db: Db,
  pending: PendingSession,
  input: { code: string; ip: string | null },
  now = Date.now(),
): SecondStepResult {
  if (pending.step !== "verify") throw new AppError("INVALID_STATE", "this session enrols");
  const typed = input.code.trim();
  const result = attemptSecondStep({ db, pending, ip: input.ip, now }, (tx) => {
    const stored = findSecondFactor(tx, pending.userId);
    if (!stored || stored.enrolledAt === null) return null;
    const digits = typed.replace(/\s/g, "");
    if (/^\d{6}$/.test(digits)) {
      const step = matchTotp(openSecret(pending.userId, stored), digits, stored.lastTimeStep, now);
      if (step === null || advanceTimeStep(tx, pending.userId, step, stored.lastTimeStep) === 0) return null;
      recordAudit(tx, { action: "auth.second_factor.passed", actorUserId: pending.userId, entityType: "user", entityId: pending.userId, ip: input.ip, details: { method: "totp" } });
      return true;
    }
    const recovery = normaliseRecoveryCode(typed);
    if (!recovery || !consumeRecoveryCode(tx, pending.userId, recoveryCodeHash(recovery), now)) return null;
    recordAudit(tx, { action: "auth.recovery_code.used", actorUserId: pending.userId, entityType: "user", entityId: pending.userId, ip: input.ip, details: { method: "recovery_code", remaining: unusedRecoveryCodeCount(tx, pending.userId) } });
    return true;
  });
  return result.ok ? { ok: true } : result;
}

/**
 * An administrator removes another user's second factor and recovery codes (a lost phone): every
 * session of that user ends, and their next sign-in enrols again (audited). Not on one's own
 * account: a hijacked administrator session could otherwise strip the factor that protects it.
 */
export function resetSecondFactor(db: Db, actor: SessionUser, userId: number, ip: string | null = null) {
  assertNotSelf(actor.id, userId, "id", "mfa.reset.self");
  return writeTransaction(db, (tx) => {
    loadManagedUser(tx, userId);
    const now = Date.now();
    const hadFactor = deleteSecondFactor(tx, userId);
    const sessionsRevoked = revokeUserSessions(tx, userId, now);
    recordAudit(tx, { action: "user.second_factor.reset", actorUserId: actor.id, entityType: "user", entityId: userId, ip, details: { hadFactor, sessionsRevoked } });
    return { id: userId, hadFactor, sessionsRevoked };
  });
}

/**
 * Demo data only (server/seed/demo.ts): enrols a demo account with the published demo secret, so the
 * two-command quick start can pass the second step (README; `passage demo:totp`).
 */
export function enrolDemoSecondFactor(db: Db, userId: number, demoSecret: string, now = Date.now()): void {
  writeTransaction(db, (tx) => {
    saveEnrolmentSecret(tx, userId, seal(vaultKeys(), demoSecret, secretAad(userId)));
    confirmEnrolment(tx, userId, null, now);
    recordAudit(tx, { action: "auth.second_factor.enrolled", entityType: "user", entityId: userId, details: { method: "totp", demo: true } });
  });
}

/**
 * The current code of a demo account, for `passage demo:totp`. Refused for any account whose
 * secret is not the published demo secret: it can never print a real account's code.
 */
export function currentDemoCode(db: Db, email: string, demoSecret: string, now = Date.now()): string {
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  const stored = user ? findSecondFactor(db, user.id) : undefined;
  if (!user || !stored || stored.enrolledAt === null || openSecret(user.id, stored) !== demoSecret) {
    throw new AppError("FORBIDDEN", "not a demo account with the demo second factor");
  }
  return totpCodeAt(demoSecret, now);
}

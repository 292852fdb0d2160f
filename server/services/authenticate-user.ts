import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { authSessions, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/record";
import { decoyPasswordHash, verifyPassword } from "@/server/auth/password";
import { hasEnrolledSecondFactor } from "@/db/queries/second-factor";
import type { Role } from "@/lib/permissions";
import { loginThrottle } from "@/server/auth/throttle";
import { env } from "@/server/env";
import { countFailedCredential } from "./count-failed-credential";

export type LoginResult =
  | { ok: true; userId: number; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * What a session opened by the password still owes (decision 0017): an enrolled account always
 * verifies its second factor; an account without one enrols if its role requires a second factor
 * (PASSAGE_MFA_ROLES, every role by default). How the password was set plays no part.
 */
function secondStepFor(db: Db, user: { id: number; role: Role }): "enrol" | "verify" | null {
  if (hasEnrolledSecondFactor(db, user.id)) return "verify";
  return env.PASSAGE_MFA_ROLES.has(user.role) ? "enrol" : null;
}

/** The User-Agent header as recorded with a session (decision 0031): at most 512 characters. */
const USER_AGENT_MAX = 512;
function recordedUserAgent(header: string | null | undefined): string | null {
  const value = header?.trim();
  return value ? value.slice(0, USER_AGENT_MAX) : null;
}

/**
 * Checks the password step of a sign-in. On success the new session may still owe a second step
 * (auth_sessions.second_step), and reaches nothing else until it is passed. Every failure returns the same `invalid` to the caller, whether the email is
 * unknown, the account inactive or locked, or the password wrong, and costs one argon2 verification
 * either way, so neither the answer nor its timing tells whether an email exists. The audit trail
 * records the real reason.
 */
export async function authenticateUser(
  db: Db,
  input: { email: string; password: string; ip: string | null; userAgent?: string | null },
): Promise<LoginResult> {
  const now = Date.now();
  if (!loginThrottle().attempt(input.ip ?? "unknown", now)) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, { action: "auth.login.failure", ip: input.ip, details: { reason: "throttled" } }),
    );
    return { ok: false, reason: "throttled" };
  }
  const email = input.email.trim().toLowerCase();
  const user = db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      failedLogins: users.failedLogins,
      lockedUntil: users.lockedUntil,
      role: users.role,
    })
    .from(users)
    .where(eq(users.email, email))
    .get();

  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);

  if (!user) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, { action: "auth.login.failure", ip: input.ip, details: { reason: "unknown_account" } }),
    );
    return { ok: false, reason: "invalid" };
  }
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  if (locked) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, {
        action: "auth.login.locked",
        actorUserId: user.id,
        entityType: "user",
        entityId: user.id,
        ip: input.ip,
        details: { reason: "account_locked" },
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  if (!user.active) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, {
        action: "auth.login.failure",
        actorUserId: user.id,
        entityType: "user",
        entityId: user.id,
        ip: input.ip,
        details: { reason: "inactive" },
      }),
    );
    return { ok: false, reason: "invalid" };
  }
  if (!passwordOk) {
    writeTransaction(db, (tx) => countFailedCredential(tx, user, { now, ip: input.ip, reason: "wrong_password" }));
    return { ok: false, reason: "invalid" };
  }

  const sessionId = randomBytes(32).toString("base64url");
  writeTransaction(db, (tx) => {
    tx.update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id))
      .run();
    const secondStep = secondStepFor(tx, user);
    tx.insert(authSessions)
      .values({ id: sessionId, userId: user.id, createdAt: now, lastSeenAt: now, secondStep, ip: input.ip, userAgent: recordedUserAgent(input.userAgent) })
      .run();
    recordAudit(tx, {
      action: "auth.login.success",
      actorUserId: user.id,
      entityType: "user",
      entityId: user.id,
      ip: input.ip,
      details: secondStep ? { secondStep } : undefined,
    });
  });
  return { ok: true, userId: user.id, sessionId };
}

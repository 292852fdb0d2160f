import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { authSessions, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/record";
import { decoyPasswordHash, verifyPassword } from "@/server/auth/password";
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from "@/server/auth/policy";
import { loginThrottle } from "@/server/auth/throttle";

export type LoginResult =
  | { ok: true; userId: number; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a login. Every failure returns the same `invalid` to the caller, whether the email is
 * unknown, the account inactive or locked, or the password wrong, and costs one argon2 verification
 * either way, so neither the answer nor its timing tells whether an email exists. The audit trail
 * records the real reason.
 */
export async function authenticateUser(
  db: Db,
  input: { email: string; password: string; ip: string | null },
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
    // A lock that has run out starts a fresh count.
    const previous = user.lockedUntil !== null ? 0 : user.failedLogins;
    const failures = previous + 1;
    const lockNow = failures >= MAX_FAILED_LOGINS;
    writeTransaction(db, (tx) => {
      tx.update(users)
        .set({ failedLogins: lockNow ? 0 : failures, lockedUntil: lockNow ? now + LOCKOUT_MS : null })
        .where(eq(users.id, user.id))
        .run();
      recordAudit(tx, {
        action: lockNow ? "auth.login.locked" : "auth.login.failure",
        actorUserId: user.id,
        entityType: "user",
        entityId: user.id,
        ip: input.ip,
        details: lockNow ? { reason: "locked_after_failures", failures } : { reason: "wrong_password", failures },
      });
    });
    return { ok: false, reason: "invalid" };
  }

  const sessionId = randomBytes(32).toString("base64url");
  writeTransaction(db, (tx) => {
    tx.update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id))
      .run();
    tx.insert(authSessions).values({ id: sessionId, userId: user.id, createdAt: now, lastSeenAt: now }).run();
    recordAudit(tx, {
      action: "auth.login.success",
      actorUserId: user.id,
      entityType: "user",
      entityId: user.id,
      ip: input.ip,
    });
  });
  return { ok: true, userId: user.id, sessionId };
}

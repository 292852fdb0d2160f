import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authSessions, recoveryCodes, userSecondFactors } from "../schema";

/** Storage of second factors (TOTP secrets sealed by the caller) and recovery code hashes. */

export type StoredSecondFactor = {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  enrolledAt: number | null;
  lastTimeStep: number | null;
};

export function findSecondFactor(db: Db, userId: number): StoredSecondFactor | undefined {
  return db
    .select({
      keyId: userSecondFactors.keyId,
      iv: userSecondFactors.iv,
      ciphertext: userSecondFactors.ciphertext,
      enrolledAt: userSecondFactors.enrolledAt,
      lastTimeStep: userSecondFactors.lastTimeStep,
    })
    .from(userSecondFactors)
    .where(eq(userSecondFactors.userId, userId))
    .get();
}

export function hasEnrolledSecondFactor(db: Db, userId: number): boolean {
  return (
    db
      .select({ userId: userSecondFactors.userId })
      .from(userSecondFactors)
      .where(and(eq(userSecondFactors.userId, userId), isNotNull(userSecondFactors.enrolledAt)))
      .get() !== undefined
  );
}

/** Starts (or restarts) an enrolment: the new secret replaces any earlier one not yet confirmed. */
export function saveEnrolmentSecret(tx: Db, userId: number, sealed: { keyId: string; iv: Buffer; ciphertext: Buffer }): void {
  tx.insert(userSecondFactors)
    .values({ userId, ...sealed, enrolledAt: null, lastTimeStep: null })
    .onConflictDoUpdate({
      target: userSecondFactors.userId,
      set: { ...sealed, enrolledAt: null, lastTimeStep: null },
      setWhere: isNull(userSecondFactors.enrolledAt),
    })
    .run();
}

/** Marks the factor enrolled and records the step of the code that confirmed it. */
export function confirmEnrolment(tx: Db, userId: number, timeStep: number | null, now: number): number {
  return tx
    .update(userSecondFactors)
    .set({ enrolledAt: now, lastTimeStep: timeStep })
    .where(and(eq(userSecondFactors.userId, userId), isNull(userSecondFactors.enrolledAt)))
    .run().changes;
}

/**
 * Records an accepted code's time step, only if it is later than the last one: two requests racing
 * with the same code cannot both pass (the second changes nothing and is refused).
 */
export function advanceTimeStep(tx: Db, userId: number, timeStep: number, previous: number | null): number {
  return tx
    .update(userSecondFactors)
    .set({ lastTimeStep: timeStep })
    .where(
      and(
        eq(userSecondFactors.userId, userId),
        previous === null ? isNull(userSecondFactors.lastTimeStep) : eq(userSecondFactors.lastTimeStep, previous),
      ),
    )
    .run().changes;
}

export function replaceRecoveryCodes(tx: Db, userId: number, hashes: string[]): void {
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  if (hashes.length > 0) tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash }))).run();
}

/** Uses up an unused recovery code of the user: true if there was one (it can never be used again). */
export function consumeRecoveryCode(tx: Db, userId: number, codeHash: string, now: number): boolean {
  return (
    tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .run().changes > 0
  );
}

export function unusedRecoveryCodeCount(db: Db, userId: number): number {
  return db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

/** Removes the user's second factor and recovery codes; says whether there was a factor. */
export function deleteSecondFactor(tx: Db, userId: number): boolean {
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  return tx.delete(userSecondFactors).where(eq(userSecondFactors.userId, userId)).run().changes > 0;
}

/** The pending session has passed its second step: it becomes a full session. */
export function completeSecondStep(tx: Db, sessionId: string, now: number): number {
  return tx
    .update(authSessions)
    .set({ secondStep: null, lastSeenAt: now })
    .where(and(eq(authSessions.id, sessionId), isNotNull(authSessions.secondStep), isNull(authSessions.revokedAt)))
    .run().changes;
}

/** Ends one session (a pending session whose account has just been locked). */
export function revokeSessionRow(tx: Db, sessionId: string, now: number): void {
  tx.update(authSessions).set({ revokedAt: now }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt))).run();
}

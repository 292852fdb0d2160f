import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { findSetupToken, markSetupTokenUsed } from "@/db/queries/account-setup";
import { revokeUserSessions, updateUserRow } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import type { TCompleteSetup } from "@/lib/schemas/admin";
import { recordAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import { assertPasswordAllowed } from "./create-user";
import { setupTokenHash } from "./issue-setup-link";

/** Every refusal of a link looks the same to the caller (unknown, used, expired, inactive account). */
function refused(): never {
  throw new AppError("INVALID_STATE", "set-up link not usable", { token: "access.errors.linkInvalid" });
}

/**
 * A person redeems their one-time set-up link and chooses their own password (decision 0020). The
 * link works once and until it expires; the password is held to the usual policy. This gives no case
 * access by itself: office memberships wait for a supervisor's confirmation. Audited.
 */
export async function completeAccountSetup(db: Db, input: TCompleteSetup, ip: string | null = null) {
  const tokenHash = setupTokenHash(input.token);
  const now = Date.now();
  const found = findSetupToken(db, tokenHash);
  if (!found || found.usedAt !== null || found.expiresAt <= now || !found.active) {
    writeTransaction(db, (tx) =>
      recordAudit(tx, {
        action: "user.setup_refused",
        entityType: found ? "user" : null,
        entityId: found?.userId ?? null,
        ip,
        details: { reason: !found ? "unknown" : found.usedAt !== null ? "used" : found.expiresAt <= now ? "expired" : "inactive" },
      }),
    );
    refused();
  }
  // Checked before the (slow) hash, so a refused password costs no argon2 work.
  assertPasswordAllowed(input.password, found.email);
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, (tx) => {
    if (!markSetupTokenUsed(tx, found.id, Date.now())) refused();
    const at = Date.now();
    updateUserRow(tx, found.userId, { passwordHash, passwordChangedAt: at, failedLogins: 0, lockedUntil: null });
    revokeUserSessions(tx, found.userId, at);
    recordAudit(tx, {
      action: "user.setup_completed",
      actorUserId: found.userId,
      entityType: "user",
      entityId: found.userId,
      ip,
      details: { purpose: found.purpose },
    });
    return { email: found.email };
  });
}

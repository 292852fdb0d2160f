import "server-only";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { identities } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ZIdentity, type TIdentity } from "@/lib/schemas/registry";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { vaultKeys } from "@/server/crypto/keys";
import { openJson } from "@/server/crypto/vault";
import { loadCaseInScope } from "./get-case";
import { revealLimitReached, revealRefused } from "./identity-limits";
import { IDENTITY_AAD } from "./register-case";

/**
 * Decrypts the identity of the person of a case, for a user allowed to see it, on their explicit
 * request. The audit event is written in the same transaction as the read: no decryption without
 * its record. A user who has reached the hourly limit of reveals is refused (and the refusal
 * audited, committed before the error: decision 0025).
 */
export function revealIdentity(db: Db, user: SessionUser, code: string, ip: string | null = null, limit?: number): TIdentity {
  const found = loadCaseInScope(db, user, code, "identity:read");
  const revealed = writeTransaction(db, (tx) => {
    if (revealLimitReached(tx, user, found, ip, limit)) return null;
    const row = tx.select().from(identities).where(eq(identities.personId, found.personId)).get();
    if (!row) throw new AppError("NOT_FOUND");
    const identity = openJson(vaultKeys(), row, IDENTITY_AAD(found.personId), (v) => ZIdentity.parse(v));
    recordAudit(tx, {
      action: "identity.revealed",
      actorUserId: user.id,
      entityType: "case",
      entityId: found.code,
      officeId: found.officeId,
      ip,
      details: { personCode: found.personCode },
    });
    return identity;
  });
  return revealed ?? revealRefused();
}

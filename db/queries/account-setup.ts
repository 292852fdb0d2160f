import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountSetupTokens, users } from "../schema";

/**
 * One-time set-up links (decision 0020). Only the SHA-256 of a token is stored; a user has at most
 * one link waiting: issuing a new one removes the older, unredeemed ones.
 */
export function replaceSetupToken(
  tx: Db,
  row: { userId: number; tokenHash: string; purpose: "create" | "reset"; createdBy: number | null; createdAt: number; expiresAt: number },
): void {
  tx.delete(accountSetupTokens)
    .where(and(eq(accountSetupTokens.userId, row.userId), isNull(accountSetupTokens.usedAt)))
    .run();
  tx.insert(accountSetupTokens).values(row).run();
}

/** The link whose token hashes to `tokenHash`, with its user's email and state. */
export function findSetupToken(db: Db, tokenHash: string) {
  return db
    .select({
      id: accountSetupTokens.id,
      userId: accountSetupTokens.userId,
      purpose: accountSetupTokens.purpose,
      expiresAt: accountSetupTokens.expiresAt,
      usedAt: accountSetupTokens.usedAt,
      email: users.email,
      active: users.active,
    })
    .from(accountSetupTokens)
    .innerJoin(users, eq(users.id, accountSetupTokens.userId))
    .where(eq(accountSetupTokens.tokenHash, tokenHash))
    .get();
}

/** Marks a link used; false if it already was (a second redemption racing the first). */
export function markSetupTokenUsed(tx: Db, id: number, now: number): boolean {
  return (
    tx
      .update(accountSetupTokens)
      .set({ usedAt: now })
      .where(and(eq(accountSetupTokens.id, id), isNull(accountSetupTokens.usedAt)))
      .run().changes === 1
  );
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { replaceSetupToken } from "@/db/queries/account-setup";
import { hashPassword } from "@/server/auth/password";

/** How long a set-up link works (decision 0020). */
export const SETUP_LINK_TTL_MS = 72 * 60 * 60 * 1000;

/** The stored form of a set-up token: its SHA-256 (the token is 256 random bits, so no salt or slow
 * hash is needed; a database thief cannot turn the hash back into a working link). */
export function setupTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The password hash of an account that has no password yet: argon2id of 256 random bits nobody
 * keeps, so no password verifies against it and a sign-in costs the same time as for any account. */
export function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString("base64url"));
}

export type SetupLink = { token: string; expiresAt: number };

/**
 * Issues a one-time set-up link for `userId` inside the caller's write transaction, replacing any
 * link still waiting. The token is returned once, to be shown once; only its hash is kept.
 */
export function issueSetupLink(
  tx: Db,
  userId: number,
  purpose: "create" | "reset",
  createdBy: number | null,
  now = Date.now(),
): SetupLink {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = now + SETUP_LINK_TTL_MS;
  replaceSetupToken(tx, { userId, tokenHash: setupTokenHash(token), purpose, createdBy, createdAt: now, expiresAt });
  return { token, expiresAt };
}

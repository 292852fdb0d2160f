import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { passwordLengthProblem, passwordPatternProblem, type PasswordProblem } from "@/lib/password-policy";

// fxa-common-password-list ships Mozilla's list of common passwords (tens of thousands of entries,
// drawn from the 10-million-password corpus) with a checker; it has no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonPasswords = require("fxa-common-password-list") as { test(password: string): boolean };

/** argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random string: verifying against it costs the same time as a real account, so a
 * login for an unknown email takes as long as one for a known email. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords.test(password) || commonPasswords.test(password.toLowerCase());
}

/** The whole policy: length, not one repeated character, common list, and not the user's own email. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const shape = passwordLengthProblem(password) ?? passwordPatternProblem(password);
  if (shape) return shape;
  if (isCommonPassword(password)) return "common";
  if (email) {
    const local = email.split("@")[0]?.toLowerCase() ?? "";
    if (local.length >= 4 && password.toLowerCase().includes(local)) return "contains_email";
  }
  return null;
}

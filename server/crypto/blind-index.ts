import "server-only";
import { createHmac } from "node:crypto";

/**
 * Blind index for probable-duplicate detection: an HMAC-SHA-256, under its own key, of the
 * normalised family name, given name and date of birth. Equal people give equal indexes without
 * anything being decrypted; the index reveals nothing without the key.
 */

/**
 * Lower-case, strip accents and everything that is not a letter or digit, so that "Ana-María " and
 * "ana maria" compare equal. Accents are removed only from Latin, Greek and Cyrillic letters: in
 * other scripts (Devanagari and Thai vowel signs, Japanese voicing marks) combining marks are part of
 * the letter and change the name, so they are kept. "ß" compares equal to "ss".
 */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .toLocaleLowerCase("en")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{M}\p{N}]/gu, "")
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, "$1")
    .normalize("NFC");
}

/** Accepts YYYY-MM-DD (or a year alone); anything else gives "" so partial dates still index. */
export function normaliseBirthDate(date: string | null | undefined): string {
  const v = (date ?? "").trim();
  return /^\d{4}(-\d{2}-\d{2})?$/.test(v) ? v : "";
}

export type BlindIndexInput = {
  familyName: string;
  givenName: string;
  birthDate?: string | null;
};

/** null when there is not enough to match on (both names needed), so empty identities never collide. */
export function blindIndex(key: Buffer, input: BlindIndexInput): string | null {
  const family = normaliseName(input.familyName);
  const given = normaliseName(input.givenName);
  if (!family || !given) return null;
  const material = [family, given, normaliseBirthDate(input.birthDate)].join("\u001f");
  return createHmac("sha256", key).update(material, "utf8").digest("base64url");
}

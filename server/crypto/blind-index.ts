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
  // ASCII (most names in most files) needs none of the Unicode work: same result, a tenth of the time.
  if (ASCII.test(name)) return name.toLowerCase().replace(NOT_ASCII_ALNUM, "");
  return normaliseUnicodeName(name);
}

const ASCII = /^[\x00-\x7f]*$/;
const NOT_ASCII_ALNUM = /[^a-z0-9]/g;

/** normaliseName() for any script (exported for the test that holds the ASCII path to it). */
export function normaliseUnicodeName(name: string): string {
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
  return indexOf(key, family, given, normaliseBirthDate(input.birthDate));
}

function indexOf(key: Buffer, family: string, given: string, birthDate: string): string {
  return createHmac("sha256", key).update([family, given, birthDate].join("\u001f"), "utf8").digest("base64url");
}

/**
 * Both indexes a person is stored with, normalising the names once: with the birth date (null
 * without one) and with the names alone.
 */
export function blindIndexes(key: Buffer, input: BlindIndexInput): { full: string | null; names: string | null } {
  const family = normaliseName(input.familyName);
  const given = normaliseName(input.givenName);
  if (!family || !given) return { full: null, names: null };
  const birthDate = normaliseBirthDate(input.birthDate);
  return { full: input.birthDate ? indexOf(key, family, given, birthDate) : null, names: indexOf(key, family, given, "") };
}

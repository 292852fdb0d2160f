/**
 * Pseudonymous codes for persons and cases: random, never derived from identity, easy to read
 * aloud and to type (Crockford base32: no I, L, O, U). 8 symbols = 40 random bits.
 */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const PERSON_CODE = /^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const CASE_CODE = /^C-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Turns what a user typed ("c 7kq2m9xd", "C-7KQ2-M9XD") into the canonical form, or null. */
export function normaliseCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  const m = /^([PC])([0-9A-Z]{8})$/.exec(compact);
  if (!m) return null;
  const body = m[2]!.replace(/O/g, "0").replace(/[IL]/g, "1");
  const code = `${m[1]}-${body.slice(0, 4)}-${body.slice(4)}`;
  return (m[1] === "P" ? PERSON_CODE : CASE_CODE).test(code) ? code : null;
}

/**
 * The start of a code as typed ("c-7kq", "P 7KQ2 M"), in canonical form ("C-7KQ", "P-7KQ2-M"), for
 * the case list's search by the start of a code; a complete code gives itself. At least one
 * symbol after the letter; null for anything that cannot start a code. Without a leading P or C
 * the symbols are taken as the start of a case code.
 */
export function normaliseCodePrefix(input: string): { kind: "person" | "case"; prefix: string } | null {
  const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  // The letter alone is no start of a code worth searching ("C" would be every case).
  if (compact === "P" || compact === "C") return null;
  const m = /^([PC])?([0-9A-Z]{1,8})$/.exec(compact);
  if (!m) return null;
  const letter = m[1] ?? "C";
  const body = m[2]!.replace(/O/g, "0").replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]+$/.test(body)) return null;
  const prefix = `${letter}-${body.slice(0, 4)}${body.length > 4 ? `-${body.slice(4)}` : ""}`;
  return { kind: letter === "P" ? "person" : "case", prefix };
}

/**
 * Password rules (NIST SP 800-63B): length 12 to 128, no composition rules, common passwords
 * refused, and no password made of one repeated character (twelve spaces, "aaaaaaaaaaaa"). The length rules are shared with the UI; the common-password check runs on the server
 * (server/auth/password.ts) against a list of well over 10,000 entries.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordProblem = "too_short" | "too_long" | "trivial" | "common" | "contains_email";

export function passwordLengthProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "too_short";
  if (length > PASSWORD_MAX) return "too_long";
  return null;
}

/**
 * A password of whitespace only, or of one character repeated, has the length of a passphrase and
 * the strength of none: every guesser tries those first. Compared by code point, so one repeated
 * emoji or accented letter is refused as well.
 */
export function passwordPatternProblem(password: string): PasswordProblem | null {
  if (password.trim() === "") return "trivial";
  const characters = new Set(password);
  return characters.size === 1 ? "trivial" : null;
}

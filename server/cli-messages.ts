import { createTranslator } from "use-intl/core";
import validation from "@/lib/i18n/messages/en/validation.json";

/**
 * Messages of the command line in words. zod messages in our schemas are catalogue keys
 * ("validation.passwordTooShort"); the command line speaks English (the operator's console), so a
 * key is looked up in the English catalogue and a field is named by the option that sets it.
 */
const t = createTranslator({ locale: "en", messages: { validation } });

/** The English text of a catalogue key such as "validation.passwordTooShort"; other text as it is. */
export function inWords(message: string): string {
  const key = /^validation\.([A-Za-z0-9_.]+)$/.exec(message)?.[1];
  const id = `validation.${key}` as Parameters<typeof t>[0];
  return key && t.has(id) ? t(id) : message;
}

/** zod issues as one line: "--email: Enter a valid email address.; password: Use at least 12 characters." */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], options: Readonly<Record<string, string>> = {}): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join(".");
      const name = options[field] ?? field;
      return name ? `${name}: ${inWords(issue.message)}` : inWords(issue.message);
    })
    .join("; ");
}

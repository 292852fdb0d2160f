/**
 * The message catalogue: one JSON file per domain (messages/<locale>/<namespace>.json), merged into
 * namespaces. Components read them with next-intl's useTranslations("<namespace>").
 */
export const LOCALES = ["en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const NAMESPACES = ["common", "auth", "validation", "errors", "cases", "admin", "audit", "statistics", "forms", "htcds", "assistance", "services", "organisations", "referrals", "transfers", "personLinks", "closure", "desk", "return", "reintegration", "interchange", "retention", "limits", "mfa", "access", "caseList", "rows", "askOnce", "account", "personSearch", "approvals", "unsaved", "importFormat"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`./messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}

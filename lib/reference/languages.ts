import languages from "@cospired/i18n-iso-languages";
import en from "@cospired/i18n-iso-languages/langs/en.json";

/**
 * Languages (ISO 639). Answers store the ISO 639-1 two-letter code, as HTCDS allows for
 * prs_PrimaryLanguage / prs_SecondaryLanguage; `toIso6392` gives the ISO 639-2/T three-letter code
 * for the interchange format. Names come from @cospired/i18n-iso-languages (pinned).
 */
languages.registerLocale(en);

export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languages.isValid(code);
}

export function languageName(code: string | null | undefined, locale = "en"): string {
  if (!code) return "";
  return languages.getName(code, locale) ?? code;
}

export function toIso6392(code: string): string | undefined {
  return languages.alpha2ToAlpha3T(code);
}

/** All ISO 639-1 languages with English names, sorted by name. */
export function languageOptions(locale = "en"): { code: string; name: string }[] {
  return Object.entries(languages.getNames(locale))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

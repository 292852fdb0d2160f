import { getRequestConfig } from "next-intl/server";
import { loadMessages, DEFAULT_LOCALE } from "./messages";

/**
 * next-intl request configuration. Passage ships English first; a language is added by adding a
 * folder under messages/ and its name to LOCALES, without touching components.
 */
export default getRequestConfig(async () => {
  const locale = DEFAULT_LOCALE;
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});

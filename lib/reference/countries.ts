import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import { COUNTRY_REGION_2012, STATISTICAL_REGIONS, type RegionId } from "./regions-2012.generated";

countries.registerLocale(en);

/** Region id for countries that no 2012 regional office listed: reported, never dropped. */
export const OTHER_REGION = "other" as const;
export type StatisticalRegion = RegionId | typeof OTHER_REGION;

export const REGION_IDS: readonly StatisticalRegion[] = [
  ...(Object.keys(STATISTICAL_REGIONS) as RegionId[]),
  OTHER_REGION,
];

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function countryName(code: string | null | undefined, locale = "en"): string {
  if (!code) return "";
  return countries.getName(code, locale) ?? code;
}

/** All ISO 3166-1 alpha-2 codes (plus XK, Kosovo) with English names, sorted by name. */
export function countryOptions(locale = "en"): { code: string; name: string }[] {
  const names = countries.getNames(locale, { select: "official" });
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

export function regionOfCountry(code: string | null | undefined): StatisticalRegion {
  if (!code) return OTHER_REGION;
  return COUNTRY_REGION_2012[code]?.[0] ?? OTHER_REGION;
}

export function regionName(region: StatisticalRegion): string {
  return region === OTHER_REGION ? "Other / not assigned" : STATISTICAL_REGIONS[region];
}

export { STATISTICAL_REGIONS };

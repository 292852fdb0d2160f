import { countryName, regionName, type StatisticalRegion } from "@/lib/reference/countries";
import { HTCDS_PICKLISTS } from "@/lib/reference/htcds.generated";
import { COUNTRY_DIMENSIONS, NOT_RECORDED, type Dimension } from "./indicators";

/**
 * Human labels of indicator values, shared by the pages (which pass next-intl's translator for the
 * "statistics" namespace) and the export files (which pass a lookup into the same catalogue file).
 * Countries and regions come from the reference data, sectors from the HTCDS picklist labels.
 */
export type Lookup = (key: string) => string | undefined;

const SECTOR_LABELS = new Map<string, string>(HTCDS_PICKLISTS.vic_ForcedLabourIndustry.values.map((v) => [v.name, v.label]));

export function valueLabel(dimension: Dimension | string, value: string | number, lookup: Lookup): string {
  const v = String(value);
  if (v === NOT_RECORDED) return lookup("values.not_recorded") ?? "Not recorded";
  if ((COUNTRY_DIMENSIONS as readonly string[]).includes(dimension)) return countryName(v) || v;
  if (dimension === "region") return regionName(v as StatisticalRegion);
  if (dimension === "forced_labour_sector") return SECTOR_LABELS.get(v) ?? v;
  if (dimension === "year" || dimension === "age_band") return v;
  return lookup(`values.${dimension}.${v}`) ?? v;
}

/** "assisted.by_sex" -> the catalogue key of its title. */
export function indicatorTitleKey(id: string): string {
  return `indicators.${id}.title`;
}

export function indicatorNoteKey(id: string): string {
  return `indicators.${id}.note`;
}

/** A Lookup over a message object (the parsed catalogue file), for code outside a request. */
export function lookupIn(messages: unknown): Lookup {
  return (key) => {
    let node: unknown = messages;
    for (const part of key.split(".")) {
      if (node && typeof node === "object" && part in node) node = (node as Record<string, unknown>)[part];
      else return undefined;
    }
    return typeof node === "string" ? node : undefined;
  };
}

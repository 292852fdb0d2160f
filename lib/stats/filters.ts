import { z } from "zod";
import { REGION_IDS } from "@/lib/reference/countries";
import { DEFAULT_K, MIN_K } from "./constants";
import { INDICATOR_IDS } from "./indicators";

/**
 * Filters of every statistic: a registration year or a period of years, a statistical region (of the
 * assisting office) and an office. The caller's own scope (their offices, or their region) is applied
 * on top by the server; a filter can only narrow it.
 */
const year = z.coerce.number().int().min(1990).max(2100);

export const ZStatsFilters = z
  .object({
    yearFrom: year,
    yearTo: year,
    region: z.enum(REGION_IDS as [string, ...string[]]).optional(),
    officeCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{2,20}$/)
      .optional(),
  })
  .refine((f) => f.yearFrom <= f.yearTo, { message: "validation.yearRange", path: ["yearTo"] })
  .refine((f) => f.yearTo - f.yearFrom <= 50, { message: "validation.yearRange", path: ["yearFrom"] });
export type TStatsFilters = z.infer<typeof ZStatsFilters>;

/** The one place where `?year=2012&region=...&office=...` (or `from`/`to`) becomes filters. */
export function filtersFromSearchParams(
  params: Record<string, string | string[] | undefined>,
  defaultYear: number,
): TStatsFilters {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const yearParam = one("year");
  const from = one("from") ?? yearParam;
  const to = one("to") ?? yearParam;
  const parsed = ZStatsFilters.safeParse({
    yearFrom: from ?? defaultYear,
    yearTo: to ?? from ?? defaultYear,
    region: one("region"),
    officeCode: one("office"),
  });
  if (parsed.success) return parsed.data;
  return { yearFrom: defaultYear, yearTo: defaultYear };
}

export const ZIndicatorQuery = z.object({
  id: z.enum(INDICATOR_IDS),
  filters: ZStatsFilters,
});

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export const EXPORT_MODES = ["suppress", "round"] as const;
export { DEFAULT_K, MIN_K };
export const ROUNDING_BASES = [5, 10] as const;

export const ZAggregateExport = z.object({
  indicators: z.array(z.enum(INDICATOR_IDS)).min(1).max(INDICATOR_IDS.length),
  filters: ZStatsFilters,
  format: z.enum(EXPORT_FORMATS),
  mode: z.enum(EXPORT_MODES).default("suppress"),
  k: z.number().int().min(MIN_K).max(1000).default(DEFAULT_K),
  base: z.union([z.literal(5), z.literal(10)]).default(10),
});
export type TAggregateExport = z.infer<typeof ZAggregateExport>;
export type TAggregateExportInput = z.input<typeof ZAggregateExport>;

export const ZMicrodataExport = z.object({
  filters: ZStatsFilters,
  format: z.enum(EXPORT_FORMATS),
  k: z.number().int().min(MIN_K).max(1000).default(DEFAULT_K),
});
export type TMicrodataExport = z.infer<typeof ZMicrodataExport>;

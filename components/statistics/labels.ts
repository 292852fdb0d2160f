import { getTranslations } from "next-intl/server";
import type { Lookup } from "@/lib/stats/labels";

/** The statistics catalogue as a Lookup (undefined for a missing key, so callers can fall back). */
export async function statisticsLookup(): Promise<{ t: Awaited<ReturnType<typeof getTranslations<"statistics">>>; lookup: Lookup }> {
  const t = await getTranslations("statistics");
  const lookup: Lookup = (key) => (t.has(key as never) ? t(key as never) : undefined);
  return { t, lookup };
}

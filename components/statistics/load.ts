import "server-only";
import { filtersFromSearchParams, type TStatsFilters } from "@/lib/stats/filters";
import { orNotFound, serverApi } from "@/server/caller";
import type { StatsOptions } from "./stats-filters";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Filters of a statistics page from its URL, within the user's scope: the default year is the
 * latest with cases (for the annual review, the latest complete one). An office or region outside the scope gives the page's 404.
 */
export async function loadStatsPage(searchParams: SearchParams, { completeYear = false }: { completeYear?: boolean } = {}) {
  const api = await serverApi();
  const options: StatsOptions = await api.stats.options();
  const thisYear = new Date().getUTCFullYear();
  // The annual review defaults to the last complete year with cases; dashboards to the latest.
  const defaultYear = (completeYear ? options.years.find((y) => y < thisYear) : undefined) ?? options.years[0] ?? thisYear;
  const filters: TStatsFilters = filtersFromSearchParams(await searchParams, defaultYear);
  return { api, options, filters, orNotFound };
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ExportPanel } from "@/components/statistics/export-panel";
import { loadStatsPage, type SearchParams } from "@/components/statistics/load";
import { describeFilterValues, StatsFilters } from "@/components/statistics/stats-filters";
import { StatsNav } from "@/components/statistics/stats-nav";
import { INDICATOR_IDS } from "@/lib/stats/indicators";
import { indicatorTitleKey } from "@/lib/stats/labels";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Statistics exports" };

/** Disclosure-controlled exports, for data officers only (export:aggregate:all). */
export default async function ExportPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser("export:aggregate:all");
  const t = await getTranslations("statistics");
  const { options, filters } = await loadStatsPage(searchParams);
  const words = await describeFilterValues(filters, options);
  const indicators = INDICATOR_IDS.map((id) => ({ id, title: t(indicatorTitleKey(id) as never) }));
  return (
    <div className="stats-page">
      <StatsNav current="export" canExport />
      <div className="page-header">
        <div>
          <h1>{t("export.title")}</h1>
          <p>{t("export.intro")}</p>
          <p className="small">{t("filters.showing", words)}</p>
        </div>
      </div>
      <StatsFilters action="/statistics/export" options={options} filters={filters} period />
      <p className="small muted">{t("export.filtersNote")}</p>
      <ExportPanel filters={filters} indicators={indicators} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AnnexTable, IndicatorBlock } from "@/components/statistics/indicator-block";
import { KeyFigures } from "@/components/statistics/key-figures";
import { loadStatsPage, type SearchParams } from "@/components/statistics/load";
import { describeFilterValues, StatsFilters } from "@/components/statistics/stats-filters";
import { StatsNav } from "@/components/statistics/stats-nav";
import { Workload } from "@/components/statistics/workload";
import { can } from "@/lib/permissions";
import { INDICATORS, yearRange } from "@/lib/stats/indicators";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Statistics" };

/**
 * Statistics dashboard. Data officers: every indicator for all offices (or their region), any year
 * or period, with filters. Supervisors: the same for their offices, and their workload.
 */
export default async function StatisticsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("stats:read:office");
  const t = await getTranslations("statistics");
  const { api, options, filters, orNotFound } = await loadStatsPage(searchParams);
  const results = await orNotFound(api.stats.indicators({ filters }));
  const words = await describeFilterValues(filters, options);
  const supervisor = can(user.role, "case:read:office");
  const [annexFrom, annexTo] = yearRange({ history: true }, filters);
  const annexYears = Array.from({ length: annexTo - annexFrom + 1 }, (_, i) => annexFrom + i);
  const query = new URLSearchParams({ year: String(filters.yearTo), ...(filters.region ? { region: filters.region } : {}), ...(filters.officeCode ? { office: filters.officeCode } : {}) });
  return (
    <div className="stats-page">
      <StatsNav current="dashboard" canExport={can(user.role, "export:aggregate:all")} />
      <div className="page-header">
        <div>
          <h1>{t("dashboard.title")}</h1>
          <p>{supervisor ? t("dashboard.introSupervisor") : t("dashboard.introDataOfficer")}</p>
          <p className="small">{t("filters.showing", words)}</p>
        </div>
        <div className="row no-print">
          <Link className="btn btn-secondary" href={`/statistics/review?${query.toString()}`}>
            {t("dashboard.openReview")}
          </Link>
          {can(user.role, "export:aggregate:all") && (
            <Link className="btn btn-secondary" href={`/statistics/export?${query.toString()}`}>
              {t("dashboard.openExports")}
            </Link>
          )}
        </div>
      </div>
      <StatsFilters action="/statistics" options={options} filters={filters} period />
      {supervisor && <Workload />}
      <section className="card" aria-labelledby="headline">
        <h2 id="headline">{t("dashboard.headline")}</h2>
        <KeyFigures results={results} />
        {results["assisted.individuals_vs_counts"].total === 0 && <p className="empty">{t("dashboard.noData")}</p>}
      </section>
      <section aria-labelledby="all-indicators">
        <h2 id="all-indicators">{t("dashboard.allIndicators")}</h2>
        <div className="stat-grid">
          {INDICATORS.filter((d) => d.dimensions.length === 1).map((d) => (
            <IndicatorBlock key={d.id} result={results[d.id]} idPrefix="dash" chart={false} />
          ))}
        </div>
        {INDICATORS.filter((d) => d.dimensions.length === 2).map((d) => (
          <AnnexTable key={d.id} result={results[d.id]} years={annexYears} idPrefix="dash" />
        ))}
      </section>
    </div>
  );
}

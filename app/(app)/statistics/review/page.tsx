import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AnnexTable, IndicatorBlock } from "@/components/statistics/indicator-block";
import { KeyFigures } from "@/components/statistics/key-figures";
import { loadStatsPage, type SearchParams } from "@/components/statistics/load";
import { PrintButton } from "@/components/statistics/print-button";
import { describeFilterValues, StatsFilters } from "@/components/statistics/stats-filters";
import { StatsNav } from "@/components/statistics/stats-nav";
import { can } from "@/lib/permissions";
import { regionName, type StatisticalRegion } from "@/lib/reference/countries";
import { yearRange, type IndicatorId, type IndicatorResult } from "@/lib/stats/indicators";
import { requireUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Annual review" };

type Results = Record<IndicatorId, IndicatorResult>;

/** The review's chapters and the indicators in each; regional sections show the report's regional figures. */
const CHAPTERS: { key: "profile" | "vot" | "avrr" | "other"; global: IndicatorId[]; regional: IndicatorId[] }[] = [
  {
    key: "profile",
    global: [
      "assisted.by_programme",
      "assisted.by_category",
      "assisted.by_sex",
      "assisted.by_age_group",
      "assisted.by_age_band",
      "assisted.by_region",
      "assisted.individuals_vs_counts",
      "assisted.by_category_multi",
    ],
    regional: ["assisted.by_programme", "assisted.by_category", "assisted.by_sex", "assisted.by_age_group"],
  },
  {
    key: "vot",
    global: [
      "vot.by_origin_country",
      "vot.by_identification_country",
      "vot.by_exploitation",
      "vot.by_trafficking_type",
      "vot.by_sex",
      "vot.by_age_group",
      "vot.by_forced_labour_sector",
      "vot.by_region",
    ],
    regional: ["vot.by_sex", "vot.by_age_group", "vot.by_origin_country", "vot.by_identification_country", "vot.by_exploitation", "vot.by_trafficking_type"],
  },
  {
    key: "avrr",
    global: [
      "avrr.by_host_country",
      "avrr.by_origin_country",
      "avrr.by_category",
      "avrr.by_sex",
      "avrr.by_age_group",
      "avrr.reintegration_by_type",
    ],
    regional: ["avrr.by_category", "avrr.by_age_group", "avrr.by_sex", "avrr.by_host_country", "avrr.by_origin_country", "avrr.reintegration_by_type"],
  },
  { key: "other", global: ["umc.by_sex", "gaf.assisted"], regional: ["umc.by_sex", "gaf.assisted"] },
];

async function Section({ results, prefix, regional }: { results: Results; prefix: string; regional: boolean }) {
  const t = await getTranslations("statistics");
  return (
    <>
      <KeyFigures results={results} />
      {CHAPTERS.map((chapter) => (
        <section key={chapter.key} className="stat-chapter" aria-labelledby={`${prefix}-${chapter.key}`}>
          <h3 id={`${prefix}-${chapter.key}`} className="stat-chapter-title">
            {t(`review.${chapter.key}`)}
          </h3>
          <div className="stat-grid">
            {(regional ? chapter.regional : chapter.global).map((id) => (
              <IndicatorBlock key={id} result={results[id]} idPrefix={prefix} headingLevel={4} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

/**
 * The annual review for a year: global figures, one section per statistical region, and the AVRR
 * annexes, from live data in the user's scope. Supervisors see their offices; data officers all
 * offices (or their region). Printable as a clean PDF.
 */
export default async function ReviewPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("stats:read:office");
  const t = await getTranslations("statistics");
  const { api, options, filters, orNotFound } = await loadStatsPage(searchParams, { completeYear: true });
  const review = await orNotFound(api.stats.review({ filters }));
  const words = await describeFilterValues(filters, options);
  const years: number[] = [];
  const [from, to] = yearRange({ history: true }, filters);
  for (let y = from; y <= to; y++) years.push(y);
  const showRegions = !filters.region && !filters.officeCode && review.regions.length > 1;
  // "Global" only when the figures cover every office; otherwise name what they cover.
  const sectionTitle = filters.officeCode
    ? words.office
    : filters.region || options.scope === "region"
      ? options.scope === "offices"
        ? `${words.region} · ${words.office}`
        : words.region
      : options.scope === "offices"
        ? words.office
        : t("review.global");

  return (
    <div className="stats-page">
      <StatsNav current="review" canExport={can(user.role, "export:aggregate:all")} />
      <div className="page-header">
        <div>
          <h1>{t("review.title", { period: words.period })}</h1>
          <p>{t("review.intro")}</p>
          <p className="small">{t("filters.showing", words)}</p>
        </div>
        <PrintButton label={t("review.print")} />
      </div>
      <StatsFilters action="/statistics/review" options={options} filters={filters} />
      <p className="print-only small">{t("review.printNote")}</p>

      {showRegions && (
        <nav className="card no-print" aria-labelledby="review-contents">
          <h2 id="review-contents">{t("review.contents")}</h2>
          <ol className="stat-contents">
            <li>
              <a href="#global">{t("review.global")}</a>
            </li>
            {review.regions.map((r) => (
              <li key={r.region}>
                <a href={`#region-${r.region}`}>{regionName(r.region as StatisticalRegion)}</a>
              </li>
            ))}
            <li>
              <a href="#annex">{t("review.annex")}</a>
            </li>
          </ol>
        </nav>
      )}

      <section id="global" className="stat-section" aria-labelledby="global-title">
        <h2 id="global-title">{sectionTitle}</h2>
        <Section results={review.global} prefix="global" regional={false} />
      </section>

      {showRegions &&
        review.regions.map((r) => (
          <section key={r.region} id={`region-${r.region}`} className="stat-section stat-region" aria-labelledby={`region-${r.region}-title`}>
            <h2 id={`region-${r.region}-title`}>{regionName(r.region as StatisticalRegion)}</h2>
            <Section results={r.results} prefix={`region-${r.region}`} regional />
          </section>
        ))}

      <section id="annex" className="stat-section" aria-labelledby="annex-title">
        <h2 id="annex-title">{t("review.annex")}</h2>
        <AnnexTable result={review.global["avrr.by_origin_country_year"]} years={years} idPrefix="annex" />
        <AnnexTable result={review.global["avrr.by_host_country_year"]} years={years} idPrefix="annex" />
      </section>
      <p className="small muted">{t("review.generated", { date: new Date().toISOString().slice(0, 10) })}</p>
    </div>
  );
}

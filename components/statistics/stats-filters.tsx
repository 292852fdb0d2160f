import { getTranslations } from "next-intl/server";
import { regionName, type StatisticalRegion } from "@/lib/reference/countries";
import type { TStatsFilters } from "@/lib/stats/filters";

export type StatsOptions = {
  scope: string;
  region: string | null;
  years: number[];
  regions: string[];
  offices: { code: string; name: string; region: string }[];
};

/**
 * Year (or period), region and office as a plain GET form: works without JavaScript, and the URL
 * holds only years, region ids and office codes. The menus list only what the user's scope holds.
 */
export async function StatsFilters({
  action,
  options,
  filters,
  period = false,
}: {
  action: string;
  options: StatsOptions;
  filters: TStatsFilters;
  period?: boolean;
}) {
  const t = await getTranslations("statistics");
  const years = [...new Set([...options.years, filters.yearFrom, filters.yearTo])].sort((a, b) => b - a);
  const yearSelect = (id: string, name: string, label: string, value: number) => (
    <div className="field field-narrow">
      <label htmlFor={id}>{label}</label>
      <select className="input" id={id} name={name} defaultValue={String(value)}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action={action} className="card row no-print stats-filters" aria-label={t("filters.label")}>
      {period ? (
        <>
          {yearSelect("f-from", "from", t("filters.from"), filters.yearFrom)}
          {yearSelect("f-to", "to", t("filters.to"), filters.yearTo)}
        </>
      ) : (
        yearSelect("f-year", "year", t("filters.year"), filters.yearTo)
      )}
      {options.scope === "region" ? (
        <p className="small muted">{t("filters.scopeRegion", { region: regionName(options.region as StatisticalRegion) })}</p>
      ) : (
        <div className="field">
          <label htmlFor="f-region">{t("filters.region")}</label>
          <select className="input" id="f-region" name="region" defaultValue={filters.region ?? ""}>
            <option value="">{t("filters.allRegions")}</option>
            {options.regions.map((r) => (
              <option key={r} value={r}>
                {regionName(r as StatisticalRegion)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="f-office">{t("filters.office")}</label>
        <select className="input" id="f-office" name="office" defaultValue={filters.officeCode ?? ""}>
          <option value="">{options.scope === "offices" ? t("filters.scopeOffices") : t("filters.allOffices")}</option>
          {options.offices.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name} ({o.code})
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions" style={{ marginTop: 0 }}>
        <button className="btn" type="submit">
          {t("filters.apply")}
        </button>
        <a className="btn btn-secondary" href={action}>
          {t("filters.reset")}
        </a>
      </div>
    </form>
  );
}

/** The filters as words, for headings and the printed page. */
export async function describeFilterValues(filters: TStatsFilters, options: StatsOptions): Promise<{ period: string; region: string; office: string }> {
  const t = await getTranslations("statistics");
  const period = filters.yearFrom === filters.yearTo ? String(filters.yearFrom) : t("filters.period", { from: filters.yearFrom, to: filters.yearTo });
  const region = filters.region
    ? regionName(filters.region as StatisticalRegion)
    : options.scope === "region"
      ? regionName(options.region as StatisticalRegion)
      : t("filters.allRegions");
  const office = filters.officeCode
    ? (options.offices.find((o) => o.code === filters.officeCode)?.name ?? filters.officeCode)
    : options.scope === "offices"
      ? t("filters.scopeOffices")
      : t("filters.allOffices");
  return { period, region, office };
}

import { getTranslations } from "next-intl/server";
import type { IndicatorId, IndicatorResult } from "@/lib/stats/indicators";

/** The headline numbers of a set of indicators: counts of assistance, individuals, victims, AVRR, GAF. */
export async function KeyFigures({ results }: { results: Record<IndicatorId, IndicatorResult> }) {
  const t = await getTranslations("statistics");
  const individuals = results["assisted.individuals_vs_counts"].rows.find((r) => r.measure === "individuals")?.count ?? 0;
  const figures = [
    { label: t("dashboard.countsOfAssistance"), value: results["assisted.individuals_vs_counts"].total },
    { label: t("dashboard.individuals"), value: individuals },
    { label: t("dashboard.victims"), value: results["vot.by_sex"].total },
    { label: t("dashboard.avrr"), value: results["avrr.by_sex"].total },
    { label: t("dashboard.gaf"), value: results["gaf.assisted"].total },
  ];
  return (
    <dl className="kpis">
      {figures.map((f) => (
        <div key={f.label} className="kpi">
          <dt>{f.label}</dt>
          <dd>{f.value.toLocaleString("en")}</dd>
        </div>
      ))}
    </dl>
  );
}

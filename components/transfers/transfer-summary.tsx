"use client";

import { useTranslations } from "next-intl";
import { countryName } from "@/lib/reference/countries";
import type { ServiceType } from "@/lib/reference/vocabulary";

export type TransferSummaryView = {
  sex: string;
  ageBand: string;
  citizenship: string | null;
  programme: "avrr" | "para" | "vulnerable_migrant" | null;
  catVictim: boolean;
  catUnaccompaniedChild: boolean;
  catHealth: boolean;
  catMainPopulation: boolean;
  traffickingStatus: string | null;
  traffickingType: "internal" | "international" | null;
  countryOfExploitation: string | null;
  returnCountry: string | null;
  exploitation: string[];
  determination: { decision: string; reviewedAt: number | null } | null;
  services: { type: ServiceType; status: string }[];
};

/**
 * What the origin office shares with the receiving office (server/services/transfers.ts
 * transferSummary): pseudonymous facts and the screening and services summaries. No identity, no text.
 */
export function TransferSummary({ summary }: { summary: TransferSummaryView }) {
  const t = useTranslations("transfers.summary");
  const tcases = useTranslations("cases");
  const tc = useTranslations("common");
  const th = useTranslations("htcds");
  const tf = useTranslations("forms");
  const ts = useTranslations("assistance.options");
  const categories = [
    summary.catVictim && "victim",
    summary.catUnaccompaniedChild && "unaccompanied_child",
    summary.catHealth && "health",
    summary.catMainPopulation && "main_population",
  ].filter((c): c is "victim" => Boolean(c));
  const exploitation = summary.exploitation.map((e) =>
    th.has(`vic_TypeOfExploitation.${e}`) ? th(`vic_TypeOfExploitation.${e}` as "vic_TypeOfExploitation.ForcedLabour") : tf.has(`options.ext.${e}`) ? tf(`options.ext.${e}` as "options.ext.DomesticServitude") : e,
  );
  return (
    <dl className="facts" data-testid="transfer-summary">
      <dt>{t("person")}</dt>
      <dd>
        {t("personValue", {
          sex: tc(`sex.${summary.sex as "Feminine"}`),
          ageBand: summary.ageBand === "unknown" ? tc("unknown") : summary.ageBand,
          citizenship: countryName(summary.citizenship) || tc("notRecorded"),
        })}
      </dd>
      <dt>{t("programme")}</dt>
      <dd>{summary.programme ? tcases(`programme.${summary.programme}`) : tcases("programme.none")}</dd>
      <dt>{t("categories")}</dt>
      <dd>{categories.length ? categories.map((c) => tcases(`category.${c}`)).join(", ") : tc("notRecorded")}</dd>
      <dt>{t("determination")}</dt>
      <dd>{summary.determination ? t("determinationApproved", { decision: tf(`screening.decisions.${summary.determination.decision as "victim"}`) }) : t("none")}</dd>
      <dt>{t("traffickingStatus")}</dt>
      <dd>{summary.traffickingStatus ? th(`vic_TraffickingStatus.${summary.traffickingStatus as "ActualVictimOfTrafficking"}`) : tc("notRecorded")}</dd>
      <dt>{t("traffickingType")}</dt>
      <dd>{summary.traffickingType ? tcases(`detail.traffickingTypes.${summary.traffickingType}`) : tc("notRecorded")}</dd>
      <dt>{t("exploitation")}</dt>
      <dd>{exploitation.length ? exploitation.join(", ") : tc("notRecorded")}</dd>
      <dt>{t("countryOfExploitation")}</dt>
      <dd>{countryName(summary.countryOfExploitation) || tc("notRecorded")}</dd>
      <dt>{t("returnCountry")}</dt>
      <dd>{countryName(summary.returnCountry) || tc("notRecorded")}</dd>
      <dt>{t("services")}</dt>
      <dd>
        {summary.services.length
          ? summary.services.map((s) => `${ts(`serviceTypes.${s.type}`)} (${ts.has(`serviceStatuses.${s.status}`) ? ts(`serviceStatuses.${s.status}` as "serviceStatuses.needed") : s.status})`).join(", ")
          : t("none")}
      </dd>
    </dl>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ConsentNeeded } from "@/components/consent/consent-needed";
import { getTranslations } from "next-intl/server";
import { MonitoringSection } from "@/components/reintegration/monitoring-section";
import { PlanSection } from "@/components/reintegration/plan-section";
import { StepsSection } from "@/components/reintegration/steps-section";
import { can } from "@/lib/permissions";
import { countryName } from "@/lib/reference/countries";
import { requireUser } from "@/server/auth/current-user";
import { orNotFound, serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Reintegration" };

/** The reintegration plan (objectives, steps) and the monitoring visits after return. */
export default async function ReintegrationPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requireUser("case:read:own");
  const { code } = await params;
  const api = await serverApi();
  const data = await orNotFound(api.reintegration.forCase({ code: decodeURIComponent(code) }));
  const consent = await orNotFound(api.consents.forCase({ code: data.case.code }));
  const providers = data.permissions.plan && can(user.role, "organisation:read:all")
    ? (await api.organisations.list({})).map((o) => ({ id: o.id, name: o.name, city: o.city, countryIso2: o.countryIso2 }))
    : [];
  const t = await getTranslations("reintegration");
  const today = new Date().toISOString().slice(0, 10);
  const c = data.case;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>
            <Link className="code" href={`/cases/${c.code}`}>
              {c.code}
            </Link>{" "}
            · {c.returnCountry ? t("subtitleCountry", { country: countryName(c.returnCountry) }) : t("subtitle")}
            {c.returnedOn && <> · {t("returnedOn", { date: c.returnedOn })}</>}
          </p>
        </div>
        <Link className="btn btn-secondary no-print" href={`/cases/${c.code}/return`}>
          {t("toReturn")}
        </Link>
      </div>
      {c.closed ? (
        <div className="alert alert-info" role="status">
          {t("closed")}
        </div>
      ) : (
        <ConsentNeeded code={c.code} block={consent.assistanceBlock} />
      )}
      {!c.enrolled && (
        <div className="alert alert-info" role="status">
          {t("notEnrolled")}
        </div>
      )}
      <p className="small muted" role="note">
        {data.coreTypes.length > 0 ? t("counted", { types: data.coreTypes.map((v) => t(`steps.types.${v}`)).join(", ") }) : t("countedNone")}
      </p>
      <PlanSection data={data} />
      <StepsSection data={data} providers={providers} today={today} />
      <MonitoringSection data={data} today={today} />
      <p className="no-print">
        <Link href={`/cases/${c.code}`}>← {t("backToCase")}</Link>
      </p>
    </>
  );
}

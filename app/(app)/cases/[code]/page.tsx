import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseOverview } from "@/components/assistance/case-overview";
import { ConsentCard } from "@/components/assistance/consent-card";
import { ServicesCard } from "@/components/assistance/services-card";
import { AssignCaseDialog } from "@/components/cases/assign-case-dialog";
import { CaseNotes } from "@/components/cases/case-notes";
import { EditCaseDialog } from "@/components/cases/edit-case-dialog";
import { IdentityPanel } from "@/components/cases/identity-panel";
import { ClosureSection } from "@/components/closure/closure-section";
import { ErasureSection } from "@/components/retention/erasure-section";
import { ReferralsSection } from "@/components/referrals/referrals-section";
import { TransfersSection } from "@/components/transfers/transfers-section";
import { PersonLinksSection } from "@/components/person-links/person-links-section";
import { ReintegrationCard } from "@/components/reintegration/reintegration-card";
import { ReturnCard } from "@/components/return/return-card";
import { can } from "@/lib/permissions";
import { countryName } from "@/lib/reference/countries";
import { CATEGORY_VALUES } from "@/lib/schemas/registry";
import { requireUser } from "@/server/auth/current-user";
import { orNotFound, serverApi } from "@/server/caller";

export const metadata: Metadata = { title: "Case" };

export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser("case:read:own");
  const { code } = await params;
  const { registered } = await searchParams;
  const api = await serverApi();
  const c = await orNotFound(api.cases.get({ code: decodeURIComponent(code) }));
  const determinations = await api.determinations.forCase({ code: c.code });
  const latestDetermination = determinations[0];
  // Consent, the interviews' overview and the services (issue 4).
  const consent = await api.consents.forCase({ code: c.code });
  const screeningState = await api.forms.get({ caseCode: c.code, formId: "screening" });
  const assistanceState = await api.forms.get({ caseCode: c.code, formId: "assistance" });
  const caseServices = await api.services.forCase({ code: c.code });
  const organisations = (can(user.role, "organisation:read:all") ? await api.organisations.list({ includeInactive: true }) : []).map((o) => ({
    id: o.id,
    name: o.name,
    city: o.city,
    countryIso2: o.countryIso2,
    active: o.active,
  }));
  const today = new Date().toISOString().slice(0, 10);
  const t = await getTranslations("cases");
  const tc = await getTranslations("common");
  const tf = await getTranslations("forms");
  const th = await getTranslations("htcds");
  const categories = [
    c.catVictim && "victim",
    c.catUnaccompaniedChild && "unaccompanied_child",
    c.catHealth && "health",
    c.catMainPopulation && "main_population",
  ].filter((v): v is (typeof CATEGORY_VALUES)[number] => Boolean(v));
  const closed = c.status === "Closed" || c.status === "ClosedReferred";

  return (
    <>
      {registered && (
        <div className="alert alert-success" role="status">
          {t("register.created", { caseCode: c.code, personCode: c.personCode })}
        </div>
      )}
      <div className="page-header">
        <div>
          <h1>
            <span className="code">{c.code}</span>{" "}
            <span className={`badge ${c.status === "Active" ? "badge-accent" : ""}`}>{t(`status.${c.status}`)}</span>
          </h1>
          <p>
            {t("detail.person")} <span className="code">{c.personCode}</span> · {c.officeName} ({c.officeCode}) · {t("detail.version", { version: c.version })}
          </p>
        </div>
        <div className="row no-print">
          {c.permissions.update && !closed && (
            <EditCaseDialog
              today={new Date().toISOString().slice(0, 10)}
              programmeLocked={c.programmeLocked}
              initial={{
                code: c.code,
                version: c.version,
                programme: c.programme,
                status: c.status === "FollowUp" ? "FollowUp" : "Active",
                registeredOn: c.registeredOn,
                countryOfIdentification: c.countryOfIdentification ?? "",
                categories,
              }}
            />
          )}
          {c.permissions.assign && (
            <AssignCaseDialog code={c.code} version={c.version} ownerId={c.ownerId} assigneeIds={c.assignees.map((a) => a.id)} />
          )}
        </div>
      </div>

      <div className="grid-2">
        <section className="card" aria-labelledby="case-facts">
          <h2 id="case-facts">{t("detail.caseFacts")}</h2>
          <dl className="facts">
            <dt>{t("detail.registeredOn")}</dt>
            <dd>{c.registeredOn}</dd>
            <dt>{t("detail.programme")}</dt>
            <dd>{c.programme ? t(`programme.${c.programme}`) : t("programme.none")}</dd>
            <dt>{t("detail.categories")}</dt>
            <dd>{categories.length ? categories.map((k) => t(`category.${k}`)).join(", ") : tc("notRecorded")}</dd>
            <dt>{t("detail.countryOfIdentification")}</dt>
            <dd>{countryName(c.countryOfIdentification) || tc("notRecorded")}</dd>
            <dt>{t("detail.traffickingStatus")}</dt>
            <dd>{c.traffickingStatus ? th(`vic_TraffickingStatus.${c.traffickingStatus as "ActualVictimOfTrafficking"}`) : tc("notRecorded")}</dd>
            <dt>{t("detail.traffickingType")}</dt>
            <dd>{c.traffickingType ? t(`detail.traffickingTypes.${c.traffickingType}`) : tc("notRecorded")}</dd>
            <dt>{t("detail.owner")}</dt>
            <dd>{c.ownerName}</dd>
            <dt>{t("detail.assigned")}</dt>
            <dd>{c.assignees.length ? c.assignees.map((a) => a.name).join(", ") : tc("none")}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="person-facts">
          <h2 id="person-facts">{t("detail.personFacts")}</h2>
          <dl className="facts">
            <dt>{t("detail.sex")}</dt>
            <dd>{tc(`sex.${c.sex as "Feminine"}`)}</dd>
            <dt>{t("detail.ageBand")}</dt>
            <dd>{c.ageBand === "unknown" ? tc("unknown") : c.ageBand}</dd>
            <dt>{t("detail.birthYear")}</dt>
            <dd>{c.birthYear ?? tc("unknown")}</dd>
            <dt>{t("detail.citizenship")}</dt>
            <dd>
              {[c.citizenship, ...(c.otherCitizenships?.split(";") ?? [])]
                .filter(Boolean)
                .map((code) => countryName(code))
                .join(", ") || tc("notRecorded")}
            </dd>
            <dt>{t("detail.otherCases")}</dt>
            <dd>
              {c.otherCases.length === 0
                ? t("detail.noOtherCases")
                : c.otherCases.map((o) => (
                    <span key={o.code}>
                      <span className="code">{o.code}</span> ({o.officeCode}, {t(`status.${o.status}`)}){" "}
                    </span>
                  ))}
            </dd>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="screening-card">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h2 id="screening-card">{tf("caseCard.title")}</h2>
          <Link className="btn btn-secondary no-print" href={`/cases/${c.code}/screening`}>
            {latestDetermination ? tf("caseCard.open") : tf("caseCard.start")}
          </Link>
        </div>
        {latestDetermination ? (
          <p>
            <span className="badge">{tf(`determinationStates.${latestDetermination.status}`)}</span>{" "}
            {tf("decisionWas", {
              decision: tf(`screening.decisions.${latestDetermination.decision as "victim"}`),
              revision: latestDetermination.revision ?? 0,
            })}
          </p>
        ) : (
          <p className="muted">{tf("caseCard.none")}</p>
        )}
      </section>

      <ConsentCard code={c.code} consent={consent} canWrite={can(user.role, "consent:write:own") && !closed} today={today} />
      <CaseOverview
        input={{
          caseCode: c.code,
          screening: screeningState,
          assistance: assistanceState,
          determination: latestDetermination?.status ?? null,
          consentBlock: consent.assistanceBlock,
          openServices: caseServices.filter((s) => s.status === "needed" || s.status === "offered").length,
          organisations,
          core: c.core,
        }}
      />
      <ServicesCard
        code={c.code}
        services={caseServices}
        organisations={organisations}
        canWrite={can(user.role, "service:write:own") && !closed && consent.assistanceBlock === null}
        blocked={can(user.role, "service:write:own") ? consent.assistanceBlock : null}
        today={today}
      />

      <ReturnCard code={c.code} />
      <ReintegrationCard code={c.code} />
      <ReferralsSection code={c.code} today={today} consentKey={Object.values(consent.states).join(":")} caseStatus={c.status} />
      <TransfersSection code={c.code} caseStatus={c.status} />
      <PersonLinksSection code={c.code} />
      <ClosureSection code={c.code} />
      {c.permissions.revealIdentity && <IdentityPanel code={c.code} recorded={c.hasIdentity} removal={c.identityRemoval} />}
      {can(user.role, "erasure:request:office") && <ErasureSection code={c.code} />}
      <CaseNotes code={c.code} canAdd={c.permissions.addNote && !closed} />
      <p className="no-print">
        <Link href="/cases">← {t("list.title")}</Link>
      </p>
    </>
  );
}

"use client";

import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { AnswersView } from "@/components/forms/answers-view";
import { FormLookupsProvider, type OrganisationOption } from "@/components/forms/lookups";
import { sectionProgress } from "@/lib/forms/conditions";
import { assistanceForm } from "@/lib/forms/assistance";
import { optionLabelKey } from "@/lib/forms/options";
import { screeningForm } from "@/lib/forms/screening";
import type { Answers, FieldDef, FormDefinition } from "@/lib/forms/types";
import { countryName } from "@/lib/reference/countries";

type Revision = { revision: number; submittedAt: number; byName: string };
export type FormSummary = {
  draft: { answers: Answers; updatedAt: number; byName: string } | null;
  latest: { revision: number; answers: Answers; submittedAt: number; byName: string } | null;
  revisions: Revision[];
};

export type OverviewInput = {
  caseCode: string;
  screening: FormSummary;
  assistance: FormSummary;
  /** Status of the latest screening determination, if any. */
  determination: "pending" | "approved" | "returned" | "superseded" | null;
  consentBlock: "missing" | "withdrawn" | null;
  /** Services still needed or offered: no outcome recorded yet. */
  openServices: number;
  organisations: OrganisationOption[];
  /** The case's core variables (set by the approved screening and the assistance form), as counted. */
  core: CaseCore;
};

export type CaseCore = {
  countryOfExploitation: string | null;
  traffickingType: "internal" | "international" | null;
  forcedLabourSector: string | null;
  fundingSource: "project" | "gaf" | null;
  exploitationTypes: string[];
};

function missingCount(definition: FormDefinition, answers: Answers): number {
  return sectionProgress(definition, answers).reduce((n, s) => n + (s.shown ? s.missing.length : 0), 0);
}

/** Screening and assistance at a glance: a readable summary, what is missing, the revisions. */
export function CaseOverview({ input }: { input: OverviewInput }) {
  const t = useTranslations("assistance.overview");
  const tr = useTranslations();
  const format = useFormatter();
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const { caseCode, screening, assistance } = input;

  const missing: { key: string; text: string; href: string }[] = [];
  if (input.consentBlock === "missing") missing.push({ key: "consent", text: t("missing.consent"), href: "#consent" });
  if (input.consentBlock === "withdrawn") missing.push({ key: "consent", text: t("missing.consentWithdrawn"), href: "#consent" });
  if (!screening.latest && !screening.draft) missing.push({ key: "screening", text: t("missing.screeningNotStarted"), href: `/cases/${caseCode}/screening` });
  if (screening.draft) {
    missing.push({ key: "screeningDraft", text: t("missing.draft", { form: t("screening"), count: missingCount(screeningForm, screening.draft.answers) }), href: `/cases/${caseCode}/screening` });
  }
  if (input.determination === "pending") missing.push({ key: "determination", text: t("missing.determinationPending"), href: `/cases/${caseCode}/screening` });
  if (input.determination === "returned") missing.push({ key: "determination", text: t("missing.determinationReturned"), href: `/cases/${caseCode}/screening` });
  if (!assistance.latest && !assistance.draft && input.consentBlock !== "withdrawn") {
    missing.push({ key: "assistance", text: t("missing.assistanceNotStarted"), href: `/cases/${caseCode}/assistance` });
  }
  if (assistance.draft) {
    missing.push({ key: "assistanceDraft", text: t("missing.draft", { form: t("assistance"), count: missingCount(assistanceForm, assistance.draft.answers) }), href: `/cases/${caseCode}/assistance` });
  }
  if (input.openServices > 0) missing.push({ key: "services", text: t("missing.openServices", { count: input.openServices }), href: "#services" });

  // The key facts are the case's core variables, not a second reading of one form's answers: the
  // approved screening sets them and the assistance interview refines them (issue 15 item 8).
  const { core } = input;
  const hasFacts = Boolean(core.countryOfExploitation || core.traffickingType || core.exploitationTypes.length || assistance.latest);
  const label = (field: "exploitationTypes" | "forcedLabourSector", value: string) => {
    const def = (assistanceForm as FormDefinition).sections.flatMap((s): readonly FieldDef[] => s.fields).find((f) => f.id === field);
    return def && (def.type === "multi" || def.type === "single") ? tr(optionLabelKey(def.options, value)) : value;
  };

  const formBlock = (id: "screening" | "assistance", summary: FormSummary, definition: FormDefinition) => (
    <div className="overview-form" data-testid={`overview-${id}`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h3>{t(id)}</h3>
        <Link className="btn btn-secondary btn-small no-print" href={`/cases/${caseCode}/${id}`}>
          {summary.latest || summary.draft ? t("open") : t("start")}
        </Link>
      </div>
      <p className="small">
        {summary.latest
          ? t("submitted", { revision: summary.latest.revision, name: summary.latest.byName, time: when(summary.latest.submittedAt) })
          : summary.draft
            ? t("draftOnly", { name: summary.draft.byName, time: when(summary.draft.updatedAt) })
            : t("notStarted")}
      </p>
      {summary.latest && (
        <details>
          <summary>{t("showAnswers")}</summary>
          <AnswersView definition={definition} answers={summary.latest.answers} compact />
        </details>
      )}
      {summary.revisions.length > 0 && (
        <>
          <h4 className="small">{t("revisions")}</h4>
          <ol className="history small">
            {summary.revisions.map((r) => (
              <li key={r.revision}>
                <Link href={`/cases/${caseCode}/${id}?revision=${r.revision}`}>{t("revision", { revision: r.revision })}</Link>{" "}
                <span className="muted">{t("by", { name: r.byName, time: when(r.submittedAt) })}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );

  return (
    <FormLookupsProvider value={{ organisations: input.organisations }}>
      <section className="card" aria-labelledby="overview-title" id="overview">
        <h2 id="overview-title">{t("title")}</h2>
        <div className="overview-missing">
          <h3>{t("missingTitle")}</h3>
          {missing.length === 0 ? (
            <p className="small">{t("nothingMissing")}</p>
          ) : (
            <ul className="small" data-testid="overview-missing">
              {missing.map((m) => (
                <li key={m.key}>
                  <a href={m.href}>{m.text}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
        {hasFacts && (
          <dl className="facts" data-testid="assistance-key-facts">
            <dt>{t("facts.exploitation")}</dt>
            <dd>{core.exploitationTypes.length ? core.exploitationTypes.map((v) => label("exploitationTypes", v)).join(", ") : tr("common.notRecorded")}</dd>
            {core.forcedLabourSector && (
              <>
                <dt>{t("facts.sector")}</dt>
                <dd>{label("forcedLabourSector", core.forcedLabourSector)}</dd>
              </>
            )}
            <dt>{t("facts.countryOfExploitation")}</dt>
            <dd>{core.countryOfExploitation ? countryName(core.countryOfExploitation) : tr("common.notRecorded")}</dd>
            <dt>{t("facts.journey")}</dt>
            <dd>
              {Array.isArray(assistance.latest?.answers.legs) && assistance.latest.answers.legs.length > 0
                ? (assistance.latest.answers.legs as Answers[])
                    .map((l, i) => `${i === 0 ? `${countryName(String(l.fromCountry))} → ` : ""}${countryName(String(l.toCountry))}`)
                    .join(" → ")
                : tr("common.notRecorded")}
            </dd>
            <dt>{t("facts.trafficking")}</dt>
            <dd>{core.traffickingType ? t(`facts.${core.traffickingType}`) : tr("common.notRecorded")}</dd>
            <dt>{t("facts.funding")}</dt>
            <dd>{core.fundingSource ? tr(`assistance.options.funding.${core.fundingSource}`) : tr("common.notRecorded")}</dd>
          </dl>
        )}
        <div className="grid-2">
          {formBlock("screening", screening, screeningForm)}
          {formBlock("assistance", assistance, assistanceForm)}
        </div>
      </section>
    </FormLookupsProvider>
  );
}

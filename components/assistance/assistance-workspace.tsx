"use client";

import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AnswersView } from "@/components/forms/answers-view";
import { PrefilledNotice } from "@/components/forms/prefilled-notice";
import { FormRenderer } from "@/components/forms/form-renderer";
import { FormLookupsProvider, type OrganisationOption } from "@/components/forms/lookups";
import { assistanceForm } from "@/lib/forms/assistance";
import type { Answers } from "@/lib/forms/types";

type Revision = { revision: number; submittedAt: number; byName: string };

export type AssistanceState = {
  caseCode: string;
  writable: boolean;
  canWrite: boolean;
  /** Why no new data can be entered: consent never given, or withdrawn (with the day). */
  consentBlock: { kind: "missing" } | { kind: "withdrawn"; on: string } | null;
  closed: boolean;
  draft: { answers: Answers; updatedAt: number; byName: string } | null;
  /** Ask once: the answers a new draft starts from (registration, the other forms); null once saved. */
  prefill: Answers | null;
  latest: { revision: number; answers: Answers; submittedAt: number; byName: string } | null;
  revisions: Revision[];
  viewing: { revision: number; answers: Answers } | null;
  organisations: OrganisationOption[];
};

/** Why the form is closed to new data, in words, with where to go next. */
export function ConsentBlockAlert({ caseCode, block }: { caseCode: string; block: NonNullable<AssistanceState["consentBlock"]> }) {
  const t = useTranslations("assistance");
  return (
    <div className={`alert ${block.kind === "withdrawn" ? "alert-error" : "alert-warning"}`} role="alert" data-testid="consent-block">
      <strong>{block.kind === "withdrawn" ? t("consentBlock.withdrawnTitle") : t("consentBlock.missingTitle")}</strong>{" "}
      {block.kind === "withdrawn" ? t("consentBlock.withdrawnBody", { date: block.on }) : t("consentBlock.missingBody")}{" "}
      <Link href={`/cases/${caseCode}#consent`}>{t("consentBlock.goToConsent")}</Link>
    </div>
  );
}

/** The assistance interview of a case: the consent gate, the form (draft, or a correction that
 * becomes a new revision), the submitted answers and the history of revisions. */
export function AssistanceWorkspace({ state }: { state: AssistanceState }) {
  const t = useTranslations("assistance");
  const tf = useTranslations("forms");
  const format = useFormatter();
  const router = useRouter();
  const canEdit = state.writable && state.canWrite;
  const [editing, setEditing] = useState(canEdit && (state.draft !== null || state.latest === null));
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const lookups = { organisations: state.organisations };

  if (state.viewing) {
    return (
      <FormLookupsProvider value={lookups}>
        <div className="stack">
          <div className="alert alert-info" role="status">
            {tf("viewingRevision", { revision: state.viewing.revision })} <Link href={`/cases/${state.caseCode}/assistance`}>{t("backToCurrent")}</Link>
          </div>
          <div className="card">
            <AnswersView definition={assistanceForm} answers={state.viewing.answers} />
          </div>
        </div>
      </FormLookupsProvider>
    );
  }

  return (
    <FormLookupsProvider value={lookups}>
      <div className="stack">
        {state.consentBlock && <ConsentBlockAlert caseCode={state.caseCode} block={state.consentBlock} />}
        {state.closed && (
          <div className="alert alert-info" role="status">
            {t("closedCase")}
          </div>
        )}

        {editing && canEdit ? (
          <>
            {state.draft && (
              <p className="small muted" role="status">
                {tf("resumingDraft", { name: state.draft.byName, time: when(state.draft.updatedAt) })}
              </p>
            )}
            {!state.draft && !state.latest && state.prefill && Object.keys(state.prefill).length > 0 && <PrefilledNotice form="assistance" />}
            <FormRenderer
              formId="assistance"
              caseCode={state.caseCode}
              initialAnswers={state.draft?.answers ?? state.latest?.answers ?? state.prefill ?? {}}
              initialUpdatedAt={state.draft?.updatedAt ?? null}
              onSubmitted={() => {
                setEditing(false);
                router.refresh();
              }}
            />
          </>
        ) : state.latest ? (
          <section className="card" aria-labelledby="answers-title">
            <div className="row" style={{ justifyContent: "space-between" }}>
              <h2 id="answers-title">{t("submittedAnswers", { revision: state.latest.revision })}</h2>
              {canEdit && (
                <button type="button" className="btn btn-secondary no-print" onClick={() => setEditing(true)}>
                  {t("correct")}
                </button>
              )}
            </div>
            <p className="small muted">{tf("submittedBy", { name: state.latest.byName, time: when(state.latest.submittedAt) })}</p>
            <AnswersView definition={assistanceForm} answers={state.latest.answers} />
          </section>
        ) : (
          !state.consentBlock && (
            <p className="muted" role="status">
              {t("notStarted")}
            </p>
          )
        )}

        {state.revisions.length > 0 && (
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">{tf("history")}</h2>
            <ol className="history">
              {state.revisions.map((r) => (
                <li key={r.revision}>
                  <Link href={`/cases/${state.caseCode}/assistance?revision=${r.revision}`}>{tf("revisionLabel", { revision: r.revision })}</Link>{" "}
                  <span className="muted small">{tf("submittedBy", { name: r.byName, time: when(r.submittedAt) })}</span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </FormLookupsProvider>
  );
}

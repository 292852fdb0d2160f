"use client";

import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AnswersView } from "@/components/forms/answers-view";
import { PrefilledNotice } from "@/components/forms/prefilled-notice";
import { FormRenderer } from "@/components/forms/form-renderer";
import { determine, screeningForm } from "@/lib/forms/screening";
import type { Answers } from "@/lib/forms/types";
import { DeterminationPanel, DeterminationSummary } from "./determination-panel";
import { ReviewPanel } from "./review-panel";

type Revision = { revision: number; submittedAt: number; byName: string };
type DeterminationRow = {
  id: number;
  computed: string;
  decision: string;
  status: "pending" | "approved" | "returned" | "superseded";
  revision: number | null;
  submittedAt: number;
  submittedBy: string;
  reviewedAt: number | null;
  reviewedBy: string | null;
  comment: string | null;
  canReview: boolean;
};

export type ScreeningState = {
  caseCode: string;
  writable: boolean;
  canWrite: boolean;
  draft: { answers: Answers; updatedAt: number; byName: string } | null;
  /** Ask once: the answers a new draft starts from (registration, the other forms); null once saved. */
  prefill: Answers | null;
  latest: { revision: number; answers: Answers; submittedAt: number; byName: string } | null;
  revisions: Revision[];
  determinations: DeterminationRow[];
  viewing: { revision: number; answers: Answers } | null;
};

const STATUS_BADGE: Record<DeterminationRow["status"], string> = {
  pending: "badge-warning",
  approved: "badge-success",
  returned: "badge-danger",
  superseded: "",
};

/** The screening of a case: its determinations and their review, the form (draft, or a correction
 * that becomes a new revision), and the history of revisions. */
export function ScreeningWorkspace({ state }: { state: ScreeningState }) {
  const t = useTranslations("forms");
  const format = useFormatter();
  const router = useRouter();
  const [editing, setEditing] = useState(state.writable && state.canWrite && (state.draft !== null || state.latest === null));
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const current = state.determinations[0];

  if (state.viewing) {
    return (
      <div className="stack">
        <div className="alert alert-info" role="status">
          {t("viewingRevision", { revision: state.viewing.revision })}{" "}
          <Link href={`/cases/${state.caseCode}/screening`}>{t("backToCurrent")}</Link>
        </div>
        <DeterminationSummary determination={determine(state.viewing.answers)} />
        <div className="card">
          <AnswersView definition={screeningForm} answers={state.viewing.answers} />
        </div>
      </div>
    );
  }

  return (
    <div className="stack">
      {current && (
        <section className="card" aria-labelledby="determination-title">
          <h2 id="determination-title">{t("determinationStatus")}</h2>
          <p>
            <span className={`badge ${STATUS_BADGE[current.status]}`}>{t(`determinationStates.${current.status}`)}</span>{" "}
            {t("decisionWas", { decision: t(`screening.decisions.${current.decision}`), revision: current.revision ?? 0 })}
            {current.computed !== current.decision && <> {t("overridesComputed", { computed: t(`determination.outcomes.${current.computed}`) })}</>}
          </p>
          <p className="small muted">
            {t("submittedBy", { name: current.submittedBy, time: when(current.submittedAt) })}
            {current.reviewedBy && current.reviewedAt && <> · {t("reviewedBy", { name: current.reviewedBy, time: when(current.reviewedAt) })}</>}
          </p>
          {current.comment && (
            <blockquote className="review-comment" data-testid="review-comment">
              <strong>{t("supervisorComment")}</strong> <span style={{ whiteSpace: "pre-wrap" }}>{current.comment}</span>
            </blockquote>
          )}
        </section>
      )}
      {current?.canReview && <ReviewPanel determinationId={current.id} />}

      {editing ? (
        <>
          {state.draft && (
            <p className="small muted" role="status">
              {t("resumingDraft", { name: state.draft.byName, time: when(state.draft.updatedAt) })}
            </p>
          )}
          {!state.draft && !state.latest && state.prefill && Object.keys(state.prefill).length > 0 && <PrefilledNotice form="screening" />}
          <FormRenderer
            formId="screening"
            caseCode={state.caseCode}
            initialAnswers={state.draft?.answers ?? state.latest?.answers ?? state.prefill ?? {}}
            initialUpdatedAt={state.draft?.updatedAt ?? null}
            sectionExtras={{ determination: <DeterminationPanel /> }}
            onSubmitted={() => {
              setEditing(false);
              router.refresh();
            }}
          />
        </>
      ) : (
        state.latest && (
          <section className="card" aria-labelledby="answers-title">
            <div className="row" style={{ justifyContent: "space-between" }}>
              <h2 id="answers-title">{t("submittedAnswers", { revision: state.latest.revision })}</h2>
              {state.writable && state.canWrite && (
                <button type="button" className="btn btn-secondary no-print" onClick={() => setEditing(true)}>
                  {t("correct")}
                </button>
              )}
            </div>
            <DeterminationSummary determination={determine(state.latest.answers)} />
            <AnswersView definition={screeningForm} answers={state.latest.answers} />
          </section>
        )
      )}

      {state.revisions.length > 0 && (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t("history")}</h2>
          <ol className="history">
            {state.revisions.map((r) => (
              <li key={r.revision}>
                <Link href={`/cases/${state.caseCode}/screening?revision=${r.revision}`}>{t("revisionLabel", { revision: r.revision })}</Link>{" "}
                <span className="muted small">{t("submittedBy", { name: r.byName, time: when(r.submittedAt) })}</span>
              </li>
            ))}
          </ol>
          {state.determinations.length > 1 && (
            <>
              <h3>{t("determinationHistory")}</h3>
              <ol className="history">
                {state.determinations.map((d) => (
                  <li key={d.id}>
                    <span className={`badge ${STATUS_BADGE[d.status]}`}>{t(`determinationStates.${d.status}`)}</span>{" "}
                    {t(`screening.decisions.${d.decision}`)} ({t("revisionLabel", { revision: d.revision ?? 0 })}){d.comment && <> — “{d.comment}”</>}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}
    </div>
  );
}

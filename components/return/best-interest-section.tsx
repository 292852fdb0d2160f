"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { ZRecordBestInterest, type TRecordBestInterest, type TRecordBestInterestInput } from "@/lib/schemas/return";
import { BEST_INTEREST_OUTCOMES } from "@/lib/workflows/return-reintegration";
import type { ReturnData } from "./types";

/**
 * An unaccompanied child travels only once a best-interest decision in favour of return is
 * recorded. The latest decision counts; earlier ones stay as history. Notes are encrypted.
 */
export function BestInterestSection({ data, today }: { data: ReturnData; today: string }) {
  const t = useTranslations("return.bestInterest");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const record = useMutation(trpc.returns.recordBestInterest.mutationOptions());
  const initial: TRecordBestInterestInput = { code: data.case.code, outcome: "" as TRecordBestInterestInput["outcome"], decidedOn: "", notes: "" };
  const { register, handleSubmit, formState, reset } = useForm<TRecordBestInterestInput, unknown, TRecordBestInterest>({
    resolver: zodResolver(ZRecordBestInterest),
    defaultValues: initial,
  });
  const [latest, ...earlier] = data.bestInterest;
  const onSubmit = handleSubmit((values) =>
    record.mutate(values, {
      onSuccess: () => {
        reset(initial);
        router.refresh();
      },
    }),
  );
  return (
    <section className="card" aria-labelledby="bid-title">
      <h2 id="bid-title">{t("title")}</h2>
      <p className="small muted">{t("intro")}</p>
      {latest ? (
        <div className={`alert ${latest.outcome === "in_favour_of_return" ? "alert-success" : "alert-warning"}`} role="status">
          <strong>{t(`outcomes.${latest.outcome}`)}</strong> — {t("decidedOn", { date: latest.decidedOn, name: latest.recordedBy })}
          {latest.notes && <p className="return-notes">{latest.notes}</p>}
        </div>
      ) : (
        <div className="alert alert-warning" role="status">
          {t("none")}
        </div>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>{t("earlier", { count: earlier.length })}</summary>
          <ul className="history">
            {earlier.map((d) => (
              <li key={d.id}>
                {t(`outcomes.${d.outcome}`)} — {t("decidedOn", { date: d.decidedOn, name: d.recordedBy })}
                {d.notes && <p className="return-notes">{d.notes}</p>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {data.permissions.travel && (
        <RecordWrapper collapsed={Boolean(latest)} label={t("recordNew")}>
          <form onSubmit={onSubmit} className="stack return-inline-form" noValidate>
            <h3>{t("record")}</h3>
            <ErrorBanner error={record.error} />
            <div className="form-grid">
              <Field id="bid-outcome" label={t("outcome")} error={formState.errors.outcome?.message}>
                {(aria) => (
                  <select className="input" {...aria} {...register("outcome")}>
                    <option value="">{t("choose")}</option>
                    {BEST_INTEREST_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {t(`outcomes.${o}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="bid-date" label={t("date")} error={formState.errors.decidedOn?.message}>
                {(aria) => <input className="input" type="date" max={today} {...aria} {...register("decidedOn")} />}
              </Field>
            </div>
            <Field id="bid-notes" label={t("notes")} hint={t("notesHint")} error={formState.errors.notes?.message} optional>
              {(aria) => <textarea className="input" maxLength={4000} {...aria} {...register("notes")} />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={record.isPending}>
                {record.isPending ? tc("actions.saving") : t("submit")}
              </button>
            </div>
          </form>
        </RecordWrapper>
      )}
    </section>
  );
}

/** Once a decision exists, a new one (a review) is recorded from a collapsed form. */
function RecordWrapper({ collapsed, label, children }: { collapsed: boolean; label: string; children: ReactNode }) {
  if (!collapsed) return <>{children}</>;
  return (
    <details className="return-inline-form no-print">
      <summary>{label}</summary>
      {children}
    </details>
  );
}

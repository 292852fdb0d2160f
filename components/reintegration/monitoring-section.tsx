"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Dialog } from "radix-ui";
import { useTRPC } from "@/components/providers/trpc";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { ReintegrationData, Visit } from "@/components/return/types";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { ZRecordVisit, type TRecordVisit, type TRecordVisitInput } from "@/lib/schemas/reintegration";
import { MONITORING_OUTCOMES } from "@/lib/workflows/return-reintegration";

/** Monitoring visits at 3, 6 and 12 months after return, scheduled when the return is recorded. */
export function MonitoringSection({ data, today }: { data: ReintegrationData; today: string }) {
  const t = useTranslations("reintegration.monitoring");
  return (
    <section className="card" aria-labelledby="monitoring-title">
      <h2 id="monitoring-title">{t("title")}</h2>
      {data.visits.length === 0 ? (
        <p className="muted">{data.case.returnedOn ? t("none") : t("notReturned")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("caption", { date: data.case.returnedOn ?? "" })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("visit")}</th>
                <th scope="col">{t("dueOn")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("visitedOn")}</th>
                <th scope="col">{t("outcome")}</th>
                {data.permissions.monitoring && <th scope="col" className="no-print">{t("actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.visits.map((v) => {
                const overdue = v.status === "scheduled" && v.dueOn < today;
                return (
                  <tr key={v.id}>
                    <td>{t("months", { months: v.months })}</td>
                    <td>{v.dueOn}</td>
                    <td>
                      <span className={`badge ${v.status === "done" ? "badge-success" : overdue || v.status === "missed" ? "badge-warning" : ""}`}>
                        {overdue ? t("overdue") : t(`statuses.${v.status}`)}
                      </span>
                    </td>
                    <td>{v.visitedOn ?? "—"}</td>
                    <td>
                      {v.outcome ? t(`outcomes.${v.outcome}`) : "—"}
                      {v.notes && <div className="small muted return-notes">{v.notes}</div>}
                      {v.recordedBy && v.status !== "scheduled" && <div className="small muted">{t("recordedBy", { name: v.recordedBy })}</div>}
                    </td>
                    {data.permissions.monitoring && <td className="no-print">{v.nextStates.length > 0 && <VisitDialog visit={v} today={today} returnedOn={data.case.returnedOn} />}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const FIELDS = ["status", "visitedOn", "outcome", "notes"] as const;

function VisitDialog({ visit, today, returnedOn }: { visit: Visit; today: string; returnedOn: string | null }) {
  const t = useTranslations("reintegration.monitoring");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const record = useMutation(trpc.reintegration.recordVisit.mutationOptions());
  const initial: TRecordVisitInput = { id: visit.id, updatedAt: visit.updatedAt, status: "done", visitedOn: today, outcome: null, notes: visit.notes ?? "" };
  const { register, handleSubmit, formState, reset, control, setError } = useForm<TRecordVisitInput, unknown, TRecordVisit>({
    resolver: zodResolver(ZRecordVisit),
    defaultValues: initial,
  });
  const status = useWatch({ control, name: "status" });
  const label = t("months", { months: visit.months });
  const onSubmit = handleSubmit((values) =>
    record.mutate(values, {
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
      onError: (error) => {
        applyServerErrors(error, setError, FIELDS);
      },
    }),
  );
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          reset(initial);
          record.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-secondary btn-small" aria-label={t("recordFor", { visit: label })}>
          {t("record")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog">
          <Dialog.Title>{t("recordTitle", { visit: label })}</Dialog.Title>
          <Dialog.Description className="muted small">{t("recordHelp", { date: visit.dueOn })}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={record.error} />
            <fieldset>
              <legend>{t("status")}</legend>
              <label className="checkbox">
                <input type="radio" value="done" {...register("status")} />
                {t("statuses.done")}
              </label>
              <label className="checkbox">
                <input type="radio" value="missed" {...register("status")} />
                {t("statuses.missed")}
              </label>
            </fieldset>
            {status === "done" && (
              <div className="form-grid">
                <Field id={`visit-${visit.id}-date`} label={t("visitedOn")} error={formState.errors.visitedOn?.message}>
                  {(aria) => <input className="input" type="date" min={returnedOn ?? undefined} max={today} {...aria} {...register("visitedOn")} />}
                </Field>
                <Field id={`visit-${visit.id}-outcome`} label={t("outcome")} error={formState.errors.outcome?.message}>
                  {(aria) => (
                    <select className="input" {...aria} {...register("outcome", { setValueAs: (v: string | null) => (v ? v : null) })}>
                      <option value="">{t("choose")}</option>
                      {MONITORING_OUTCOMES.map((o) => (
                        <option key={o} value={o}>
                          {t(`outcomes.${o}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
            )}
            <Field id={`visit-${visit.id}-notes`} label={t("notes")} hint={t("notesHint")} error={formState.errors.notes?.message} optional>
              {(aria) => <textarea className="input" maxLength={4000} {...aria} {...register("notes")} />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={record.isPending}>
                {record.isPending ? tc("actions.saving") : t("save")}
              </button>
              <Dialog.Close asChild>
                <button type="button" className="btn btn-secondary">
                  {tc("actions.cancel")}
                </button>
              </Dialog.Close>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Dialog } from "radix-ui";
import type { z } from "zod";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentDecision, type ConsentPurpose, type ConsentState } from "@/lib/consent";
import { ZRecordConsent } from "@/lib/schemas/assistance";

type ConsentEventView = { id: number; purpose: ConsentPurpose; decision: ConsentDecision; method: string | null; on: string; takenBy: string };

export type ConsentView = {
  states: Record<ConsentPurpose, ConsentState>;
  current: Record<ConsentPurpose, ConsentEventView | null>;
  history: ConsentEventView[];
  assistanceBlock: "missing" | "withdrawn" | null;
};

const BADGE: Record<ConsentState, string> = { given: "badge-success", refused: "badge-warning", withdrawn: "badge-danger", not_recorded: "" };

type Values = z.input<typeof ZRecordConsent>;

/** Records a decision on one purpose: given or refused, or the withdrawal of a given consent. */
function ConsentDialog({ code, purpose, withdraw, today }: { code: string; purpose: ConsentPurpose; withdraw: boolean; today: string }) {
  const t = useTranslations("assistance.consent");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const record = useMutation(trpc.consents.record.mutationOptions());
  const { register, handleSubmit, formState, reset } = useForm<Values, unknown, z.output<typeof ZRecordConsent>>({
    resolver: zodResolver(ZRecordConsent),
    defaultValues: { code, purpose, decision: withdraw ? "withdrawn" : "given", decidedOn: today, method: "written" },
  });
  const id = `consent-${purpose}-${withdraw ? "withdraw" : "record"}`;
  const label = t(`purposes.${purpose}`);
  const onSubmit = handleSubmit((values) =>
    record.mutate(values, {
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          reset();
          record.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={`btn btn-small no-print ${withdraw ? "btn-secondary" : ""}`} aria-label={withdraw ? t("withdrawFor", { purpose: label }) : t("recordFor", { purpose: label })}>
          {withdraw ? t("withdraw") : t("record")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{withdraw ? t("withdrawTitle", { purpose: label }) : t("recordTitle", { purpose: label })}</Dialog.Title>
          <Dialog.Description className="muted small">{withdraw ? t("withdrawHelp") : t(`explain.${purpose}`)}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={record.error} />
            {!withdraw && (
              <fieldset className="field">
                <legend>{t("decision")}</legend>
                <div className="row" style={{ gap: "1.25rem" }}>
                  {(["given", "refused"] as const).map((d) => (
                    <label key={d} className="checkbox">
                      <input type="radio" value={d} {...register("decision")} />
                      {t(`decisions.${d}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            <Field id={`${id}-on`} label={withdraw ? t("withdrawnOn") : t("decidedOn")} error={formState.errors.decidedOn?.message}>
              {(aria) => <input className="input" type="date" max={today} style={{ maxWidth: "14rem" }} {...aria} {...register("decidedOn")} />}
            </Field>
            <Field id={`${id}-method`} label={withdraw ? t("withdrawMethod") : t("method")} error={formState.errors.method?.message}>
              {(aria) => (
                <select className="input" {...aria} {...register("method")}>
                  {CONSENT_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {t(`methodOptions.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <p className="small muted">{t("takenByYou")}</p>
            <div className="form-actions">
              <button type="submit" className={`btn ${withdraw ? "btn-danger" : ""}`} disabled={record.isPending}>
                {record.isPending ? tc("actions.saving") : withdraw ? t("confirmWithdraw") : tc("actions.save")}
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

/** The case's consent: current state per purpose (with the day and who took it), actions, history. */
export function ConsentCard({ code, consent, canWrite, today }: { code: string; consent: ConsentView; canWrite: boolean; today: string }) {
  const t = useTranslations("assistance.consent");
  return (
    <section className="card" id="consent" aria-labelledby="consent-title">
      <h2 id="consent-title">{t("title")}</h2>
      {consent.assistanceBlock === "withdrawn" && (
        <div className="alert alert-error" role="alert">
          {t("withdrawnBanner")}
        </div>
      )}
      {consent.assistanceBlock === "missing" && <p className="muted">{t("neededForAssistance")}</p>}
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.purpose")}</th>
              <th scope="col">{t("columns.state")}</th>
              <th scope="col">{t("columns.when")}</th>
              {canWrite && <th scope="col">{t("columns.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {CONSENT_PURPOSES.map((purpose) => {
              const state = consent.states[purpose];
              const current = consent.current[purpose];
              return (
                <tr key={purpose} data-testid={`consent-${purpose}`}>
                  <th scope="row">{t(`purposes.${purpose}`)}</th>
                  <td>
                    <span className={`badge ${BADGE[state]}`}>{t(`states.${state}`)}</span>
                  </td>
                  <td className="small">
                    {current
                      ? t(current.decision === "withdrawn" ? "withdrawnOnBy" : "takenOn", {
                          date: current.on,
                          name: current.takenBy,
                          method: current.method ? t(`methods.${current.method as "oral"}`) : "—",
                        })
                      : "—"}
                  </td>
                  {canWrite && (
                    <td>
                      {state === "given" ? (
                        <ConsentDialog code={code} purpose={purpose} withdraw today={today} />
                      ) : (
                        <ConsentDialog code={code} purpose={purpose} withdraw={false} today={today} />
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {consent.history.length > 0 && (
        <details>
          <summary>{t("history", { count: consent.history.length })}</summary>
          <ol className="history">
            {consent.history.map((e) => (
              <li key={e.id}>
                {t("historyLine", { purpose: t(`purposes.${e.purpose}`), decision: t(`states.${e.decision}`), date: e.on, name: e.takenBy })}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

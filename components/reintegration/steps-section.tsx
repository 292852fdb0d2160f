"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Dialog } from "radix-ui";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import type { ReintegrationData, Step } from "@/components/return/types";
import { describeError } from "@/lib/trpc-errors";
import { ErrorBanner } from "@/components/ui/error-banner";
import { currencyDigits } from "@/lib/reference/currencies";
import { StepDialog, type ProviderOption } from "./step-dialog";

const STATUS_BADGE = { planned: "", in_progress: "badge-accent", done: "badge-success", cancelled: "badge-warning" } as const;

/** The plan's steps: type, planned date, provider, cost, status and completion date. */
export function StepsSection({ data, providers, today }: { data: ReintegrationData; providers: readonly ProviderOption[]; today: string }) {
  const t = useTranslations("reintegration.steps");
  const tc = useTranslations("common");
  const format = useFormatter();
  const cost = (s: Step) =>
    s.costMinor != null && s.currency ? format.number(s.costMinor / 10 ** currencyDigits(s.currency), { style: "currency", currency: s.currency }) : "—";
  return (
    <section className="card" aria-labelledby="steps-title">
      <div className="row return-card-head">
        <h2 id="steps-title">{t("title")}</h2>
        {data.permissions.plan && <StepDialog data={data} providers={providers} />}
      </div>
      <p className="small muted">{t("intro")}</p>
      {data.steps.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("type")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("plannedOn")}</th>
                <th scope="col">{t("provider")}</th>
                <th scope="col" className="num">
                  {t("cost")}
                </th>
                <th scope="col">{t("completedOn")}</th>
                {data.permissions.plan && <th scope="col" className="no-print">{t("actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.steps.map((s) => (
                <tr key={s.id}>
                  <td>
                    {t(`types.${s.type}`)}
                    {s.description && <div className="small muted return-notes">{s.description}</div>}
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[s.status]}`}>{t(`statuses.${s.status}`)}</span>
                  </td>
                  <td>{s.plannedOn ?? "—"}</td>
                  <td>{s.providerKind === "partner" ? (s.organisationName ?? tc("unknown")) : t("providers.self")}</td>
                  <td className="num">{cost(s)}</td>
                  <td>{s.completedOn ?? "—"}</td>
                  {data.permissions.plan && (
                    <td className="no-print">
                      <StepActions data={data} step={s} providers={providers} today={today} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function StepActions({ data, step, providers, today }: { data: ReintegrationData; step: Step; providers: readonly ProviderOption[]; today: string }) {
  const t = useTranslations("reintegration.steps");
  const trpc = useTRPC();
  const router = useRouter();
  const setStatus = useMutation(trpc.reintegration.setStepStatus.mutationOptions());
  const version = useVersion(versionKey.step(step.id), step.version);
  const label = t(`types.${step.type}`);
  if (step.nextStates.length === 0) return null;
  return (
    <div className="return-actions">
      <ErrorBanner error={setStatus.error} />
      {step.nextStates.includes("in_progress") && (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          aria-label={t("startFor", { type: label })}
          disabled={setStatus.isPending}
          onClick={() => setStatus.mutate({ id: step.id, version, status: "in_progress" }, { onSuccess: () => router.refresh() })}
        >
          {t("start")}
        </button>
      )}
      {step.nextStates.includes("done") && <DoneDialog step={step} today={today} />}
      <StepDialog data={data} step={step} providers={providers} />
      {step.nextStates.includes("cancelled") && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={t("cancelFor", { type: label })}
          disabled={setStatus.isPending}
          onClick={() => setStatus.mutate({ id: step.id, version, status: "cancelled" }, { onSuccess: () => router.refresh() })}
        >
          {t("cancelStep")}
        </button>
      )}
    </div>
  );
}

function DoneDialog({ step, today }: { step: Step; today: string }) {
  const t = useTranslations("reintegration.steps");
  const tc = useTranslations("common");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [completedOn, setCompletedOn] = useState(today);
  const setStatus = useMutation(trpc.reintegration.setStepStatus.mutationOptions());
  const version = useVersion(versionKey.step(step.id), step.version);
  const fieldMessage = describeError(setStatus.error).fields.completedOn;
  const label = t(`types.${step.type}`);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setStatus.mutate(
      { id: step.id, version, status: "done", completedOn },
      {
        onSuccess: () => {
          setOpen(false);
          router.refresh();
        },
      },
    );
  }
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setCompletedOn(today);
          setStatus.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-small" aria-label={t("doneFor", { type: label })}>
          {t("markDone")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t("doneTitle", { type: label })}</Dialog.Title>
          <Dialog.Description className="muted small">{t("doneHelp")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={setStatus.error} />
            <div className="field">
              <label htmlFor={`done-${step.id}`}>{t("completedOn")}</label>
              <input
                id={`done-${step.id}`}
                className="input"
                type="date"
                max={today}
                value={completedOn}
                onChange={(e) => setCompletedOn(e.target.value)}
                aria-invalid={Boolean(fieldMessage)}
              />
              {fieldMessage && <span className="error">{tr.has(fieldMessage) ? tr(fieldMessage) : tr("validation.invalid")}</span>}
            </div>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={setStatus.isPending || completedOn === ""}>
                {setStatus.isPending ? tc("actions.saving") : t("confirmDone")}
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

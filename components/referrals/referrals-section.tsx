"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Dialog } from "radix-ui";
import type { z } from "zod";
import { ErrorAlert } from "@/components/admin/error-alert";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { useReloadOnChange } from "@/components/ui/use-reload-on-change";
import { countryName } from "@/lib/reference/countries";
import { REFERRAL_REASONS, SERVICE_TYPES } from "@/lib/reference/vocabulary";
import { REFERRAL_DIRECTIONS, ZCreateReferral, ZUpdateReferralStatus } from "@/lib/schemas/referrals";
import type { EntryBlock } from "@/lib/consent";
import type { ReferralStatus } from "@/lib/workflows/case-lifecycle";
import { PartnerSearch, type ChosenPartner } from "./partner-search";

type Values = z.input<typeof ZCreateReferral>;
const FIELDS = ["direction", "organisationId", "services", "reason", "referredOn", "dueOn", "message", "includesIdentity", "overrideReason"] as const;
const STATUS_BADGE: Record<ReferralStatus, string> = { pending: "badge-accent", accepted: "badge-success", declined: "badge-danger", completed: "badge-success", cancelled: "" };

/** The form of a new referral: direction, partner (searched), services, reason, dates, message. */
function NewReferralDialog({
  code,
  today,
  blocks,
  canOverride,
}: {
  code: string;
  today: string;
  /** Why a referral of each direction cannot be recorded (the server's consent rule), or null. */
  blocks: Record<"outgoing" | "incoming", EntryBlock | null>;
  canOverride: boolean;
}) {
  const t = useTranslations("referrals");
  const tr = useTranslations();
  const tc = useTranslations("common");
  const ts = useTranslations("assistance.options.serviceTypes");
  const th = useTranslations("htcds.cas_ReasonForOutgoingReferral");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [partner, setPartner] = useState<ChosenPartner | null>(null);
  const [saved, setSaved] = useState(false);
  const create = useMutation(trpc.referrals.create.mutationOptions());
  const defaults: Values = {
    code,
    direction: "outgoing",
    organisationId: undefined as unknown as number,
    services: [],
    reason: "AdditionalServicesRequired",
    referredOn: today,
    dueOn: "",
    message: "",
    includesIdentity: false,
    overrideReason: "",
  };
  const { register, handleSubmit, formState, reset, setValue, setError, control, getValues } = useForm<Values, unknown, z.output<typeof ZCreateReferral>>({
    resolver: zodResolver(ZCreateReferral),
    defaultValues: defaults,
  });
  const direction = useWatch({ control, name: "direction" });
  const block = blocks[direction === "incoming" ? "incoming" : "outgoing"];
  const withdrawn = block === "withdrawn" || block === "missing";
  const blocked = block === "share_missing";
  const refused = withdrawn || (blocked && !canOverride);

  const onSubmit = handleSubmit((values) =>
    create.mutate(
      { ...values, overrideReason: blocked ? values.overrideReason : undefined },
      {
        onSuccess: () => {
          setOpen(false);
          setSaved(true);
          void queryClient.invalidateQueries({ queryKey: trpc.referrals.forCase.queryKey({ code }) });
        },
        onError: (error) => applyServerErrors(error, setError, FIELDS),
      },
    ),
  );

  function choose(p: ChosenPartner) {
    setPartner(p);
    setValue("organisationId", p.id, { shouldValidate: formState.isSubmitted });
    // Suggest the services the partner offers when none is ticked yet.
    if ((getValues("services") ?? []).length === 0 && p.services.length > 0) setValue("services", p.services);
  }

  const orgError = formState.errors.organisationId ? "referrals.validation.organisationRequired" : null;

  return (
    <>
      {saved && (
        <p role="status" className="small muted">
          {t("saved")}
        </p>
      )}
      <Dialog.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) {
            reset(defaults);
            setPartner(null);
            create.reset();
            setSaved(false);
          }
        }}
      >
        <Dialog.Trigger asChild>
          <button type="button" className="btn no-print">
            {t("new")}
          </button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog-content dialog-wide">
            <Dialog.Title>{t("newTitle")}</Dialog.Title>
            <Dialog.Description className="muted small">{t("newHelp")}</Dialog.Description>
            <form onSubmit={onSubmit} className="stack" noValidate>
              <ErrorAlert error={create.error} showFieldMessage />
              <fieldset>
                <legend>{t("direction.label")}</legend>
                {REFERRAL_DIRECTIONS.map((d) => (
                  <label key={d} className="checkbox">
                    <input type="radio" value={d} {...register("direction")} />
                    {t(`direction.${d}`)}
                  </label>
                ))}
              </fieldset>
              {withdrawn && (
                <div className="alert alert-error" role="alert">
                  {t("withdrawnNoEntry")}
                </div>
              )}
              {blocked && (
                <div className={`alert ${refused ? "alert-error" : "alert-warning"}`} role="alert">
                  {refused ? t("noConsentCaseworker") : t("noConsentSupervisor")}
                </div>
              )}
              {blocked && canOverride && (
                <Field id="referral-override" label={t("fields.overrideReason")} hint={t("fields.overrideReasonHint")} error={formState.errors.overrideReason?.message}>
                  {(aria) => <textarea className="input" maxLength={2000} {...aria} {...register("overrideReason")} />}
                </Field>
              )}
              <PartnerSearch idPrefix="referral" chosen={partner} onChoose={choose} error={orgError} />
              <fieldset aria-describedby={formState.errors.services ? "referral-services-error" : undefined}>
                <legend>{t("fields.services")}</legend>
                <div className="checkbox-grid">
                  {SERVICE_TYPES.map((s) => (
                    <label key={s} className="checkbox">
                      <input type="checkbox" value={s} {...register("services")} />
                      {ts(s)}
                    </label>
                  ))}
                </div>
                {formState.errors.services?.message && (
                  <span className="error" id="referral-services-error">
                    {tr.has(formState.errors.services.message) ? tr(formState.errors.services.message) : tr("validation.invalid")}
                  </span>
                )}
              </fieldset>
              <div className="form-grid">
                <Field id="referral-reason" label={t("fields.reason")} error={formState.errors.reason?.message}>
                  {(aria) => (
                    <select className="input" {...aria} {...register("reason")}>
                      {REFERRAL_REASONS.map((r) => (
                        <option key={r} value={r}>
                          {th(r as "Other")}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id="referral-on" label={t("fields.referredOn")} error={formState.errors.referredOn?.message}>
                  {(aria) => <input className="input" type="date" max={today} {...aria} {...register("referredOn")} />}
                </Field>
                <Field id="referral-due" label={t("fields.dueOn")} hint={t("fields.dueOnHint")} optional error={formState.errors.dueOn?.message}>
                  {(aria) => <input className="input" type="date" {...aria} {...register("dueOn")} />}
                </Field>
              </div>
              <Field id="referral-message" label={t("fields.message")} hint={t("fields.messageHint")} optional error={formState.errors.message?.message}>
                {(aria) => <textarea className="input" maxLength={4000} {...aria} {...register("message")} />}
              </Field>
              <label className="checkbox">
                <input type="checkbox" {...register("includesIdentity")} />
                {t("fields.includesIdentity")}
              </label>
              <div className="form-actions">
                <button type="submit" className="btn" disabled={create.isPending || refused}>
                  {create.isPending ? tc("actions.saving") : t("submit")}
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
    </>
  );
}

type Answer = z.input<typeof ZUpdateReferralStatus>;

/** Records the partner's answer, the completion, or the cancellation of a referral. */
function AnswerDialog({
  code,
  referral,
  status,
  today,
}: {
  code: string;
  referral: { id: number; version: number; organisationName: string };
  status: "accepted" | "declined" | "completed" | "cancelled";
  today: string;
}) {
  const t = useTranslations("referrals");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const update = useMutation(trpc.referrals.updateStatus.mutationOptions());
  const version = useVersion(versionKey.referral(referral.id), referral.version);
  const defaults: Answer = { id: referral.id, version: referral.version, status, on: today, declineReason: "" };
  const { register, handleSubmit, formState, reset, setError } = useForm<Answer, unknown, z.output<typeof ZUpdateReferralStatus>>({
    resolver: zodResolver(ZUpdateReferralStatus),
    defaultValues: defaults,
  });
  const id = `referral-${referral.id}-${status}`;
  const onSubmit = handleSubmit((values) =>
    update.mutate({ ...values, version }, {
      onSuccess: () => {
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.referrals.forCase.queryKey({ code }) });
      },
      onError: (error) => applyServerErrors(error, setError, ["on", "declineReason"]),
    }),
  );
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          reset(defaults);
          update.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={`btn btn-small no-print ${status === "cancelled" || status === "declined" ? "btn-secondary" : ""}`}>
          {t(`actions.${status}`)}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t(`answerTitle.${status}`)}</Dialog.Title>
          <Dialog.Description className="muted small">{t("answerFor", { organisation: referral.organisationName })}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorAlert error={update.error} showFieldMessage />
            <Field id={`${id}-on`} label={t("fields.on")} error={formState.errors.on?.message}>
              {(aria) => <input className="input" type="date" max={today} style={{ maxWidth: "14rem" }} {...aria} {...register("on")} />}
            </Field>
            {status === "declined" && (
              <Field id={`${id}-reason`} label={t("fields.declineReason")} error={formState.errors.declineReason?.message}>
                {(aria) => <textarea className="input" maxLength={2000} {...aria} {...register("declineReason")} />}
              </Field>
            )}
            <div className="form-actions">
              <button type="submit" className="btn" disabled={update.isPending}>
                {update.isPending ? tc("actions.saving") : tc("actions.save")}
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

/**
 * The case's referrals (issue 5): consent to share, the list with statuses and overdue flags, new
 * referral. `consentToShare` and `caseStatus` come from the page: when another section changes them
 * (consent recorded, case closed or reopened) the page re-renders and this section reloads.
 */
export function ReferralsSection({ code, today, consentKey, caseStatus }: { code: string; today: string; consentKey: string; caseStatus: string }) {
  const t = useTranslations("referrals");
  const ts = useTranslations("assistance.options.serviceTypes");
  const th = useTranslations("htcds.cas_ReasonForOutgoingReferral");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const data = useQuery(trpc.referrals.forCase.queryOptions({ code }));
  const view = data.data;
  const reload = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.referrals.forCase.queryKey({ code }) }), [queryClient, trpc, code]);
  useReloadOnChange(`${consentKey}:${caseStatus}`, reload);
  const withdrawn = view?.entryBlocks.outgoing === "withdrawn" && view.entryBlocks.incoming === "withdrawn";

  return (
    <section className="card" id="referrals" aria-labelledby="referrals-title">
      <div className="section-head">
        <div>
          <h2 id="referrals-title">{t("title")}</h2>
          <p className="small muted">{t("intro")}</p>
        </div>
        {view?.canWrite && !withdrawn && <NewReferralDialog code={code} today={today} blocks={view.entryBlocks} canOverride={view.canOverride} />}
      </div>
      <ErrorBanner error={data.error} />
      {view && (
        <p className="small" data-testid="consent-to-share">
          <span className={`badge ${view.consentToShare === "given" && !withdrawn ? "badge-success" : "badge-warning"}`}>{t("consentLine", { state: t(`consentStates.${view.consentToShare}`) })}</span>
        </p>
      )}
      {withdrawn && (
        <p className="alert alert-warning" data-testid="referrals-consent-withdrawn">
          {t("withdrawnNoEntry")}
        </p>
      )}
      {view?.caseClosed && <p className="muted small">{t("closedCase")}</p>}
      {view && view.referrals.length === 0 && <p className="muted">{t("empty")}</p>}
      {view && view.referrals.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.direction")}</th>
                <th scope="col">{t("columns.organisation")}</th>
                <th scope="col">{t("columns.services")}</th>
                <th scope="col">{t("columns.dates")}</th>
                <th scope="col">{t("columns.status")}</th>
                {view.canWrite && <th scope="col">{t("columns.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {view.referrals.map((r) => (
                <tr key={r.id} data-testid={`referral-${r.id}`}>
                  <td>{t(`direction.short.${r.direction}`)}</td>
                  <td>
                    {r.organisationName}
                    <span className="small muted"> · {countryName(r.organisationCountry)}</span>
                    <div className="small muted">{th(r.reason as "Other")}</div>
                  </td>
                  <td className="small">{r.services.map((s) => ts(s)).join(", ")}</td>
                  <td className="small">
                    {t("referredOn", { date: r.referredOn })}
                    {r.dueOn && <>, {t("dueOn", { date: r.dueOn })}</>}
                    {r.respondedOn && <>, {t("respondedOn", { date: r.respondedOn })}</>}
                    {r.completedOn && <>, {t("completedOn", { date: r.completedOn })}</>}
                    <div className="muted">{t("by", { name: r.createdBy })}</div>
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[r.status]}`}>{t(`status.${r.status}`)}</span>{" "}
                    {r.overdue && <span className="badge badge-danger">{t("overdue")}</span>}{" "}
                    {r.consentOverride && <span className="badge badge-warning">{t("overridden")}</span>}{" "}
                    {r.includesIdentity && <span className="badge badge-warning">{t("includesIdentity")}</span>}
                    {(r.message || r.overrideReason || r.declineReason) && (
                      <details className="referral-texts">
                        <summary className="small">{t("showTexts")}</summary>
                        <dl className="facts small">
                          {r.message && (
                            <>
                              <dt>{t("message")}</dt>
                              <dd className="prewrap">{r.message}</dd>
                            </>
                          )}
                          {r.overrideReason && (
                            <>
                              <dt>{t("overrideReason")}</dt>
                              <dd className="prewrap">{r.overrideReason}</dd>
                            </>
                          )}
                          {r.declineReason && (
                            <>
                              <dt>{t("declineReason")}</dt>
                              <dd className="prewrap">{r.declineReason}</dd>
                            </>
                          )}
                        </dl>
                      </details>
                    )}
                  </td>
                  {view.canWrite && (
                    <td>
                      <div className="row" style={{ gap: "0.35rem" }}>
                        {r.next.map((s) => (
                          <AnswerDialog key={s} code={code} referral={r} status={s as "accepted"} today={today} />
                        ))}
                      </div>
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

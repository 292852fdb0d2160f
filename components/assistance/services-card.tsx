"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { Dialog } from "radix-ui";
import type { OrganisationOption } from "@/components/forms/lookups";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { ZCreateService, ZUpdateService } from "@/lib/schemas/assistance";
import {
  FUNDING_SOURCES,
  nextStatuses,
  NOT_PROVIDED_REASONS,
  SERVICE_PROVIDERS,
  SERVICE_STATUSES,
  SERVICE_TYPES,
  type ServiceStatus,
} from "@/lib/services/rules";

export type ServiceRow = {
  id: number;
  type: (typeof SERVICE_TYPES)[number];
  status: ServiceStatus;
  provider: "self" | "partner" | null;
  organisationId: number | null;
  organisationName: string | null;
  funding: "project" | "gaf" | null;
  reason: (typeof NOT_PROVIDED_REASONS)[number] | null;
  startedOn: string | null;
  endedOn: string | null;
  source: "form" | "record";
  revision: number | null;
  version: number;
  notes: string | null;
  updatedBy: string;
};

type Values = {
  type: string;
  status: string;
  provider: string;
  organisationId: string;
  funding: string;
  reason: string;
  startedOn: string;
  endedOn: string;
  notes: string;
};

const FIELDS = ["type", "status", "provider", "organisationId", "funding", "reason", "startedOn", "endedOn", "notes"] as const;
const blank = (v: string) => (v === "" ? null : v);

/** Adds a service to the case (no `service`) or changes one, within the status rules. */
function ServiceDialog({ code, service, organisations, today }: { code: string; service?: ServiceRow; organisations: readonly OrganisationOption[]; today: string }) {
  const t = useTranslations("services");
  const ta = useTranslations("assistance.options");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const create = useMutation(trpc.services.create.mutationOptions());
  const update = useMutation(trpc.services.update.mutationOptions());
  const mutation = service ? update : create;
  const initial: Values = {
    type: service?.type ?? "",
    status: service?.status ?? "needed",
    provider: service?.provider ?? "",
    organisationId: service?.organisationId ? String(service.organisationId) : "",
    funding: service?.funding ?? "",
    reason: service?.reason ?? "",
    startedOn: service?.startedOn ?? "",
    endedOn: service?.endedOn ?? "",
    notes: service?.notes ?? "",
  };
  // The form holds strings; the request schema (with the status rules) checks the converted values.
  const toInput = (v: Values) => ({
    status: v.status as ServiceStatus,
    provider: blank(v.provider) as "self" | "partner" | null,
    organisationId: v.organisationId ? Number(v.organisationId) : null,
    funding: blank(v.funding) as "project" | "gaf" | null,
    reason: blank(v.reason) as ServiceRow["reason"],
    startedOn: v.startedOn,
    endedOn: v.endedOn,
    notes: v.notes,
  });
  const schemaResolver: Resolver<Values> = async (values) => {
    const input = service ? { id: service.id, version: service.version, ...toInput(values) } : { code, type: values.type, ...toInput(values) };
    const parsed = (service ? ZUpdateService : ZCreateService).safeParse(input);
    if (parsed.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "status");
      errors[key] ??= { type: "validation", message: issue.message };
    }
    return { values: {}, errors };
  };
  const { register, handleSubmit, formState, reset, control, setError } = useForm<Values>({ resolver: schemaResolver, defaultValues: initial });
  const serviceVersion = useVersion(versionKey.service(service?.id ?? 0), service?.version ?? null);
  const status = useWatch({ control, name: "status" });
  const provider = useWatch({ control, name: "provider" });
  const statuses = service ? nextStatuses(service.status) : [...SERVICE_STATUSES];
  const showProvider = status === "offered" || status === "provided";
  const idPrefix = service ? `service-${service.id}` : "new-service";

  const onSubmit = handleSubmit(async (values) => {
    try {
      const input = toInput(values);
      const cleaned = {
        ...input,
        provider: showProvider ? input.provider : null,
        organisationId: showProvider && input.provider === "partner" ? input.organisationId : null,
        reason: values.status === "not_provided" ? input.reason : null,
      };
      if (service) await update.mutateAsync({ id: service.id, version: serviceVersion ?? service.version, ...cleaned });
      else await create.mutateAsync({ code, type: values.type as ServiceRow["type"], ...cleaned });
      setOpen(false);
      router.refresh();
    } catch (error) {
      const fields = (error as { data?: { fieldErrors?: Record<string, string> | null } }).data?.fieldErrors ?? {};
      for (const [field, message] of Object.entries(fields)) {
        const name = FIELDS.find((f) => f === field);
        if (name) setError(name, { type: "server", message });
      }
    }
  });

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          reset(initial);
          mutation.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        {service ? (
          <button type="button" className="btn btn-secondary btn-small no-print" aria-label={t("changeFor", { type: ta(`serviceTypes.${service.type}`) })}>
            {t("change")}
          </button>
        ) : (
          <button type="button" className="btn btn-secondary no-print">
            {t("add")}
          </button>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog">
          <Dialog.Title>{service ? t("changeTitle", { type: ta(`serviceTypes.${service.type}`) }) : t("addTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">{service ? t("changeHelp") : t("addHelp")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={mutation.error} />
            {!service && (
              <Field id={`${idPrefix}-type`} label={t("fields.type")} error={formState.errors.type?.message}>
                {(aria) => (
                  <select className="input" {...aria} {...register("type")}>
                    <option value="">{t("choose")}</option>
                    {SERVICE_TYPES.map((v) => (
                      <option key={v} value={v}>
                        {ta(`serviceTypes.${v}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field id={`${idPrefix}-status`} label={t("fields.status")} error={formState.errors.status?.message}>
              {(aria) => (
                <select className="input" {...aria} {...register("status")}>
                  {statuses.map((v) => (
                    <option key={v} value={v}>
                      {ta(`serviceStatuses.${v}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {status === "not_provided" && (
              <Field id={`${idPrefix}-reason`} label={t("fields.reason")} error={formState.errors.reason?.message}>
                {(aria) => (
                  <select className="input" {...aria} {...register("reason")}>
                    <option value="">{t("choose")}</option>
                    {NOT_PROVIDED_REASONS.map((v) => (
                      <option key={v} value={v}>
                        {ta(`notProvidedReasons.${v}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {showProvider && (
              <Field id={`${idPrefix}-provider`} label={t("fields.provider")} error={formState.errors.provider?.message}>
                {(aria) => (
                  <select className="input" {...aria} {...register("provider")}>
                    <option value="">{t("choose")}</option>
                    {SERVICE_PROVIDERS.map((v) => (
                      <option key={v} value={v}>
                        {ta(`providers.${v}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {showProvider && provider === "partner" && (
              <Field id={`${idPrefix}-organisation`} label={t("fields.organisation")} error={formState.errors.organisationId?.message}>
                {(aria) => (
                  <select className="input" {...aria} {...register("organisationId")}>
                    <option value="">{t("chooseOrganisation")}</option>
                    {organisations
                      .filter((o) => o.active || o.id === service?.organisationId)
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name} ({o.city ? `${o.city}, ` : ""}
                          {o.countryIso2})
                        </option>
                      ))}
                  </select>
                )}
              </Field>
            )}
            {status !== "declined" && status !== "not_provided" && (
              <Field id={`${idPrefix}-funding`} label={t("fields.funding")} error={formState.errors.funding?.message} optional>
                {(aria) => (
                  <select className="input" {...aria} {...register("funding")}>
                    <option value="">{t("noFunding")}</option>
                    {FUNDING_SOURCES.map((v) => (
                      <option key={v} value={v}>
                        {ta(`funding.${v}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <div className="row" style={{ gap: "1rem" }}>
              <Field id={`${idPrefix}-start`} label={t("fields.startedOn")} error={formState.errors.startedOn?.message} optional>
                {(aria) => <input className="input" type="date" max={today} {...aria} {...register("startedOn")} />}
              </Field>
              <Field id={`${idPrefix}-end`} label={t("fields.endedOn")} error={formState.errors.endedOn?.message} optional>
                {(aria) => <input className="input" type="date" max={today} {...aria} {...register("endedOn")} />}
              </Field>
            </div>
            <Field id={`${idPrefix}-notes`} label={t("fields.notes")} hint={t("notesHint")} error={formState.errors.notes?.message} optional>
              {(aria) => <textarea className="input" rows={3} maxLength={4000} {...aria} {...register("notes")} />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={formState.isSubmitting}>
                {formState.isSubmitting ? tc("actions.saving") : tc("actions.save")}
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

const STATUS_BADGE: Record<ServiceStatus, string> = {
  needed: "badge-warning",
  offered: "badge-accent",
  provided: "badge-success",
  not_provided: "badge-danger",
  declined: "",
};

/** Every service of the case, from the interview and added later, in one list. */
export function ServicesCard({
  code,
  services,
  organisations,
  canWrite,
  blocked,
  today,
}: {
  code: string;
  services: ServiceRow[];
  organisations: readonly OrganisationOption[];
  /** The user may add and change services and the case takes new data (open, consent given). */
  canWrite: boolean;
  /** Why not, when the user could otherwise: consent missing or withdrawn. */
  blocked: "missing" | "withdrawn" | null;
  today: string;
}) {
  const t = useTranslations("services");
  const ta = useTranslations("assistance.options");
  return (
    <section className="card" id="services" aria-labelledby="services-title">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="services-title">{t("title")}</h2>
        {canWrite && <ServiceDialog code={code} organisations={organisations} today={today} />}
      </div>
      {blocked && (
        <p className={blocked === "withdrawn" ? "alert alert-error" : "muted"} role={blocked === "withdrawn" ? "alert" : undefined}>
          {blocked === "withdrawn" ? t("blockedWithdrawn") : t("blockedMissing")}
        </p>
      )}
      {services.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="services-table">
            <caption className="visually-hidden">{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.type")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.provider")}</th>
                <th scope="col">{t("columns.funding")}</th>
                <th scope="col">{t("columns.dates")}</th>
                <th scope="col">{t("columns.source")}</th>
                {canWrite && <th scope="col">{t("columns.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {ta(`serviceTypes.${s.type}`)}
                    {s.notes && <div className="small muted service-notes">{s.notes}</div>}
                  </th>
                  <td>
                    <span className={`badge ${STATUS_BADGE[s.status]}`}>{ta(`serviceStatuses.${s.status}`)}</span>
                    {s.reason && <div className="small">{ta(`notProvidedReasons.${s.reason}`)}</div>}
                  </td>
                  <td>{s.provider === "partner" ? (s.organisationName ?? ta("providers.partner")) : s.provider ? ta(`providers.${s.provider}`) : "—"}</td>
                  <td>{s.funding ? ta(`funding.${s.funding}`) : "—"}</td>
                  <td className="small" style={{ whiteSpace: "nowrap" }}>{s.startedOn ? (s.endedOn ? `${s.startedOn} – ${s.endedOn}` : s.startedOn) : "—"}</td>
                  <td className="small">{s.source === "form" ? t("fromInterview", { revision: s.revision ?? 0 }) : t("addedLater", { name: s.updatedBy })}</td>
                  {canWrite && (
                    <td>
                      <ServiceDialog code={code} service={s} organisations={organisations} today={today} />
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

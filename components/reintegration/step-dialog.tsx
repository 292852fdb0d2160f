"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Dialog } from "radix-ui";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { ReintegrationData, Step } from "@/components/return/types";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { countryName } from "@/lib/reference/countries";
import { currencyOptions, fromMinorUnits } from "@/lib/reference/currencies";
import { REINTEGRATION_TYPES } from "@/lib/reference/vocabulary";
import { ZAddStep, type TAddStep, type TAddStepInput } from "@/lib/schemas/reintegration";

export type ProviderOption = { id: number; name: string; city: string | null; countryIso2: string };

const FIELDS = ["type", "plannedOn", "providerKind", "organisationId", "cost", "currency", "description"] as const;

/** Adds a step to the plan (no `step`) or changes one not yet finished. The provider is our own
 * office or a partner organisation from the registry, those in the country of return first. */
export function StepDialog({ data, step, providers }: { data: ReintegrationData; step?: Step; providers: readonly ProviderOption[] }) {
  const t = useTranslations("reintegration.steps");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const add = useMutation(trpc.reintegration.addStep.mutationOptions());
  const update = useMutation(trpc.reintegration.updateStep.mutationOptions());
  const stepVersion = useVersion(versionKey.step(step?.id ?? 0), step?.version ?? null);
  const mutation = step ? update : add;
  const currencies = useMemo(() => currencyOptions(), []);
  const initial: TAddStepInput = {
    code: data.case.code,
    type: step?.type ?? ("" as TAddStepInput["type"]),
    plannedOn: step?.plannedOn ?? "",
    providerKind: step?.providerKind ?? "self",
    organisationId: step?.organisationId ?? null,
    cost: step?.costMinor != null && step.currency ? fromMinorUnits(step.costMinor, step.currency) : "",
    currency: step?.currency ?? "",
    description: step?.description ?? "",
  };
  const { register, handleSubmit, formState, reset, control, setError } = useForm<TAddStepInput, unknown, TAddStep>({
    resolver: zodResolver(ZAddStep),
    defaultValues: initial,
  });
  const providerKind = useWatch({ control, name: "providerKind" });
  const organisationId = useWatch({ control, name: "organisationId" });
  const returnCountry = data.case.returnCountry ?? data.case.officeCountry;
  const needle = search.trim().toLowerCase();
  const matching = providers.filter(
    (p) => p.id === organisationId || needle === "" || p.name.toLowerCase().includes(needle) || (p.city ?? "").toLowerCase().includes(needle),
  );
  const local = matching.filter((p) => p.countryIso2 === returnCountry);
  const elsewhere = matching.filter((p) => p.countryIso2 !== returnCountry);
  const label = (p: ProviderOption) => `${p.name}${p.city ? ` — ${p.city}` : ""}${p.countryIso2 !== returnCountry ? ` (${countryName(p.countryIso2)})` : ""}`;

  const onSubmit = handleSubmit(async (values) => {
    try {
      if (step) {
        const { code: _code, ...fields } = values;
        void _code;
        await update.mutateAsync({ id: step.id, version: stepVersion ?? step.version, ...fields });
      } else {
        await add.mutateAsync(values);
      }
      setOpen(false);
      router.refresh();
    } catch (error) {
      applyServerErrors(error, setError, FIELDS);
    }
  });
  const prefix = step ? `step-${step.id}` : "step-new";
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          reset(initial);
          setSearch("");
          mutation.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        {step ? (
          <button type="button" className="btn btn-secondary btn-small no-print" aria-label={t("editFor", { type: t(`types.${step.type}`) })}>
            {t("edit")}
          </button>
        ) : (
          <button type="button" className="btn no-print">
            {t("add")}
          </button>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog">
          <Dialog.Title>{step ? t("editTitle", { type: t(`types.${step.type}`) }) : t("addTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">{t("dialogHelp")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={mutation.error} />
            <div className="form-grid">
              <Field id={`${prefix}-type`} label={t("type")} error={formState.errors.type?.message}>
                {(aria) => (
                  <select className="input" {...aria} {...register("type")}>
                    <option value="">{t("choose")}</option>
                    {REINTEGRATION_TYPES.map((v) => (
                      <option key={v} value={v}>
                        {t(`types.${v}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`${prefix}-planned`} label={t("plannedOn")} error={formState.errors.plannedOn?.message} optional>
                {(aria) => <input className="input" type="date" {...aria} {...register("plannedOn")} />}
              </Field>
            </div>
            <fieldset>
              <legend>{t("provider")}</legend>
              <label className="checkbox">
                <input type="radio" value="self" {...register("providerKind")} />
                {t("providers.self")}
              </label>
              <label className="checkbox">
                <input type="radio" value="partner" {...register("providerKind")} />
                {t("providers.partner")}
              </label>
              {providerKind === "partner" && (
                <div className="stack return-provider">
                  <div className="field">
                    <label htmlFor={`${prefix}-search`}>{t("searchPartner")}</label>
                    <input id={`${prefix}-search`} className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t("searchHint")} />
                  </div>
                  <Field id={`${prefix}-organisation`} label={t("partner")} error={formState.errors.organisationId?.message}>
                    {(aria) => (
                      <select className="input" {...aria} {...register("organisationId", { setValueAs: (v: string | number | null) => (v === "" || v === null ? null : Number(v)) })}>
                        <option value="">{providers.length === 0 ? t("noPartners") : matching.length ? t("choosePartner") : t("noPartner")}</option>
                        {local.length > 0 && (
                          <optgroup label={t("inCountry", { country: countryName(returnCountry) })}>
                            {local.map((p) => (
                              <option key={p.id} value={p.id}>
                                {label(p)}
                              </option>
                            ))}
                          </optgroup>
                        )}
                        {elsewhere.length > 0 && (
                          <optgroup label={t("elsewhere")}>
                            {elsewhere.map((p) => (
                              <option key={p.id} value={p.id}>
                                {label(p)}
                              </option>
                            ))}
                          </optgroup>
                        )}
                      </select>
                    )}
                  </Field>
                </div>
              )}
            </fieldset>
            <div className="form-grid">
              <Field id={`${prefix}-cost`} label={t("cost")} hint={t("costHint")} error={formState.errors.cost?.message} optional>
                {(aria) => <input className="input" inputMode="decimal" maxLength={20} {...aria} {...register("cost")} />}
              </Field>
              <Field id={`${prefix}-currency`} label={t("currency")} error={formState.errors.currency?.message} optional>
                {(aria) => (
                  <select className="input" {...aria} {...register("currency")}>
                    <option value="">{t("chooseCurrency")}</option>
                    {currencies.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field id={`${prefix}-description`} label={t("description")} hint={t("descriptionHint")} error={formState.errors.description?.message} optional>
              {(aria) => <textarea className="input" maxLength={2000} {...aria} {...register("description")} />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={mutation.isPending}>
                {mutation.isPending ? tc("actions.saving") : step ? tc("actions.save") : t("addSubmit")}
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

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm, type FieldErrors } from "react-hook-form";
import { Dialog } from "radix-ui";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { CountrySelect } from "@/components/ui/country-select";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { RepeatableRows } from "@/components/forms/repeatable-rows";
import { ZPlanTravel, type TPlanTravel, type TPlanTravelInput } from "@/lib/schemas/return";
import { FIT_TO_TRAVEL, TRAVEL_DOCUMENTS } from "@/lib/workflows/return-reintegration";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { Movement, ReturnData } from "./types";

type LegErrors = FieldErrors<NonNullable<TPlanTravelInput["legs"]>[number]>;
// Fields whose server messages show on the form (a "status" message shows in the travel list instead).
const FIELDS = ["fromCountry", "toCountry", "departureOn", "arrivalOn", "fitToTravel"] as const;

/** Plans return travel (no `movement`) or changes travel not yet taken: dates, itinerary legs,
 * escort, the fit-to-travel check and the travel documents. */
export function TravelDialog({ data, movement }: { data: ReturnData; movement?: Movement }) {
  const t = useTranslations("return.travel");
  const tc = useTranslations("common");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const plan = useMutation(trpc.returns.planTravel.mutationOptions());
  const update = useMutation(trpc.returns.updateTravel.mutationOptions());
  const mutation = movement ? update : plan;
  const initial: TPlanTravelInput = movement
    ? {
        code: data.case.code,
        fromCountry: movement.fromCountry,
        toCountry: movement.toCountry,
        departureOn: movement.departureOn,
        arrivalOn: movement.arrivalOn ?? "",
        legs: movement.legs.map((l) => ({ ...l, carrier: l.carrier ?? "" })),
        escort: movement.escort,
        fitToTravel: movement.fitToTravel,
        documents: movement.documents,
      }
    : {
        code: data.case.code,
        fromCountry: data.case.hostCountry ?? data.case.officeCountry,
        toCountry: data.case.returnCountry ?? "",
        departureOn: "",
        arrivalOn: "",
        legs: [],
        escort: false,
        fitToTravel: "not_checked",
        documents: [],
      };
  const { register, handleSubmit, formState, reset, control, setError } = useForm<TPlanTravelInput, unknown, TPlanTravel>({
    resolver: zodResolver(ZPlanTravel),
    defaultValues: initial,
  });
  const legs = useFieldArray({ control, name: "legs" });
  const movementVersion = useVersion(versionKey.movement(movement?.id ?? 0), movement?.version ?? null);
  const onSubmit = handleSubmit(async (values) => {
    try {
      if (movement) {
        const { code: _code, ...fields } = values;
        void _code;
        await update.mutateAsync({ id: movement.id, version: movementVersion ?? movement.version, ...fields });
      } else {
        await plan.mutateAsync(values);
      }
      setOpen(false);
      router.refresh();
    } catch (error) {
      applyServerErrors(error, setError, FIELDS);
    }
  });
  const legError = (i: number): LegErrors | undefined => formState.errors.legs?.[i] as LegErrors | undefined;
  const prefix = movement ? `travel-${movement.id}` : "travel-new";
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
        <button type="button" className={`btn ${movement ? "btn-secondary btn-small" : ""} no-print`}>
          {movement ? t("edit") : t("plan")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog return-travel-dialog">
          <Dialog.Title>{movement ? t("editTitle") : t("planTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">{t("dialogHelp")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={mutation.error} />
            <div className="form-grid">
              <Field id={`${prefix}-from`} label={t("fromCountry")} error={formState.errors.fromCountry?.message}>
                {(aria) => <CountrySelect placeholder={tr("return.chooseCountry")} {...aria} {...register("fromCountry")} />}
              </Field>
              <Field id={`${prefix}-to`} label={t("toCountry")} error={formState.errors.toCountry?.message}>
                {(aria) => <CountrySelect placeholder={tr("return.chooseCountry")} {...aria} {...register("toCountry")} />}
              </Field>
              <Field id={`${prefix}-departure`} label={t("departureOn")} error={formState.errors.departureOn?.message}>
                {(aria) => <input className="input" type="date" {...aria} {...register("departureOn")} />}
              </Field>
              <Field id={`${prefix}-arrival`} label={t("arrivalOn")} error={formState.errors.arrivalOn?.message} optional>
                {(aria) => <input className="input" type="date" {...aria} {...register("arrivalOn")} />}
              </Field>
            </div>

            <fieldset>
              <legend>{t("legs")}</legend>
              <p className="small muted">{t("legsHint")}</p>
              <RepeatableRows
                name="legs"
                rows={legs}
                empty={() => ({ from: "", to: "", departOn: "", carrier: "", transit: false })}
                focusField="from"
                max={8}
                addLabel={t("addLeg")}
                rowLabel={(i) => t("legN", { n: i + 1 })}
                removeLabel={(i) => t("removeLeg", { n: i + 1 })}
              >
                {(i) => (
                  <>
                    <div className="form-grid">
                      <Field id={`${prefix}-leg-${i}-from`} label={t("legFrom")} error={legError(i)?.from?.message}>
                        {(aria) => <input className="input" maxLength={80} {...aria} {...register(`legs.${i}.from`)} />}
                      </Field>
                      <Field id={`${prefix}-leg-${i}-to`} label={t("legTo")} error={legError(i)?.to?.message}>
                        {(aria) => <input className="input" maxLength={80} {...aria} {...register(`legs.${i}.to`)} />}
                      </Field>
                      <Field id={`${prefix}-leg-${i}-date`} label={t("legDate")} error={legError(i)?.departOn?.message}>
                        {(aria) => <input className="input" type="date" {...aria} {...register(`legs.${i}.departOn`)} />}
                      </Field>
                      <Field id={`${prefix}-leg-${i}-carrier`} label={t("legCarrier")} error={legError(i)?.carrier?.message} optional>
                        {(aria) => <input className="input" maxLength={80} {...aria} {...register(`legs.${i}.carrier`)} />}
                      </Field>
                    </div>
                    <label className="checkbox">
                      <input type="checkbox" {...register(`legs.${i}.transit`)} />
                      {t("legTransit")}
                    </label>
                  </>
                )}
              </RepeatableRows>
            </fieldset>

            <fieldset>
              <legend>{t("checks")}</legend>
              <div className="stack">
                <Field id={`${prefix}-fit`} label={t("fitToTravel")} hint={t("fitToTravelHint")} error={formState.errors.fitToTravel?.message}>
                  {(aria) => (
                    <select className="input" {...aria} {...register("fitToTravel")}>
                      {FIT_TO_TRAVEL.map((f) => (
                        <option key={f} value={f}>
                          {t(`fit.${f}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <label className="checkbox">
                  <input type="checkbox" {...register("escort")} />
                  {t("escort")}
                </label>
              </div>
            </fieldset>

            <fieldset>
              <legend>{t("documents")}</legend>
              <div className="checkbox-grid">
                {TRAVEL_DOCUMENTS.map((d) => (
                  <label key={d} className="checkbox">
                    <input type="checkbox" value={d} {...register("documents")} />
                    {t(`documentTypes.${d}`)}
                  </label>
                ))}
              </div>
            </fieldset>

            <div className="form-actions">
              <button type="submit" className="btn" disabled={mutation.isPending}>
                {mutation.isPending ? tc("actions.saving") : movement ? tc("actions.save") : t("planSubmit")}
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

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Dialog } from "radix-ui";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { CountrySelect } from "@/components/ui/country-select";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { countryName } from "@/lib/reference/countries";
import { RETURN_PROGRAMMES, ZEnrolProgramme, type TEnrolProgramme, type TEnrolProgrammeInput } from "@/lib/schemas/return";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { ReturnData } from "./types";

const FIELDS = ["programme", "hostCountry", "returnCountry", "returnedOn"] as const;

/** Enrolment in AVRR or PARA: host country (and office), country of return, return date. */
export function ProgrammeSection({ data, today }: { data: ReturnData; today: string }) {
  const t = useTranslations("return");
  const tc = useTranslations("common");
  const c = data.case;
  const enrolled = c.programme === "avrr" || c.programme === "para";
  return (
    <section className="card" aria-labelledby="programme-title">
      <div className="row return-card-head">
        <h2 id="programme-title">{t("programme.title")}</h2>
        {data.permissions.enrol && <EnrolDialog data={data} today={today} />}
      </div>
      {!enrolled ? (
        <p className="muted">{c.programme === "vulnerable_migrant" ? t("programme.directAssistance") : t("programme.none")}</p>
      ) : (
        <dl className="facts">
          <dt>{t("programme.label")}</dt>
          <dd>{t(`programme.options.${c.programme as "avrr"}`)}</dd>
          <dt>{t("programme.hostCountry")}</dt>
          <dd>{countryName(c.hostCountry) || tc("notRecorded")}</dd>
          <dt>{t("programme.hostOffice")}</dt>
          <dd>{data.hostOffice ? `${data.hostOffice.name} (${data.hostOffice.code})` : tc("notRecorded")}</dd>
          <dt>{t("programme.returnCountry")}</dt>
          <dd>{countryName(c.returnCountry) || tc("notRecorded")}</dd>
          <dt>{t("programme.returnedOn")}</dt>
          <dd>{c.returnedOn ?? t("programme.notReturned")}</dd>
        </dl>
      )}
    </section>
  );
}

function EnrolDialog({ data, today }: { data: ReturnData; today: string }) {
  const t = useTranslations("return");
  const tc = useTranslations("common");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const enrol = useMutation(trpc.returns.enrol.mutationOptions());
  const c = data.case;
  const version = useVersion(versionKey.case(c.code), c.version);
  const initial: TEnrolProgrammeInput = {
    code: c.code,
    version: c.version,
    programme: c.programme === "para" ? "para" : "avrr",
    // A destination office enrols for AVRR from its own country; an origin office receives returnees.
    hostCountry: c.hostCountry ?? (c.programme === "para" ? "" : c.officeCountry),
    returnCountry: c.returnCountry ?? "",
    returnedOn: c.returnedOn ?? "",
  };
  const { register, handleSubmit, formState, reset, control, setError, getValues, setValue } = useForm<TEnrolProgrammeInput, unknown, TEnrolProgramme>({
    resolver: zodResolver(ZEnrolProgramme),
    defaultValues: initial,
  });
  const programme = useWatch({ control, name: "programme" });
  const onSubmit = handleSubmit((values) =>
    enrol.mutate({ ...values, version }, {
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
      onError: (error) => {
        applyServerErrors(error, setError, FIELDS);
      },
    }),
  );
  const enrolled = c.programme === "avrr" || c.programme === "para";
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          reset(initial);
          enrol.reset();
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={`btn ${enrolled ? "btn-secondary" : ""} no-print`}>
          {enrolled ? t("programme.change") : t("programme.enrol")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog">
          <Dialog.Title>{t("programme.dialogTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">{t("programme.dialogHelp")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={enrol.error} />
            <fieldset aria-describedby={formState.errors.programme ? "enrol-programme-error" : undefined}>
              <legend>{t("programme.label")}</legend>
              {RETURN_PROGRAMMES.map((p) => (
                <label key={p} className="checkbox">
                  <input
                    type="radio"
                    value={p}
                    {...register("programme", {
                      // AVRR from a destination office: the host country is, most often, the office's.
                      onChange: (e: { target: { value: string } }) => {
                        if (e.target.value === "avrr" && !getValues("hostCountry")) setValue("hostCountry", c.officeCountry);
                      },
                    })}
                  />
                  <span>
                    {t(`programme.options.${p}`)}
                    <span className="muted small return-option-hint">{t(`programme.hints.${p}`)}</span>
                  </span>
                </label>
              ))}
              {formState.errors.programme?.message && (
                <span className="error" id="enrol-programme-error">
                  {tr.has(formState.errors.programme.message) ? tr(formState.errors.programme.message) : tr("validation.invalid")}
                </span>
              )}
            </fieldset>
            <Field id="enrol-host" label={t("programme.hostCountry")} hint={t("programme.hostCountryHint")} error={formState.errors.hostCountry?.message}>
              {(aria) => <CountrySelect placeholder={t("chooseCountry")} {...aria} {...register("hostCountry")} />}
            </Field>
            <Field id="enrol-return" label={t("programme.returnCountry")} error={formState.errors.returnCountry?.message}>
              {(aria) => <CountrySelect placeholder={t("chooseCountry")} {...aria} {...register("returnCountry")} />}
            </Field>
            {data.returnDateFromTravel ? (
              <p className="muted small">{t("programme.returnDateFromTravel")}</p>
            ) : (
              <Field
                id="enrol-returned"
                label={t("programme.returnedOn")}
                hint={programme === "para" ? t("programme.returnedOnHintPara") : t("programme.returnedOnHintAvrr")}
                error={formState.errors.returnedOn?.message}
                optional
              >
                {(aria) => <input className="input" type="date" max={today} {...aria} {...register("returnedOn")} />}
              </Field>
            )}
            <div className="form-actions">
              <button type="submit" className="btn" disabled={enrol.isPending}>
                {enrol.isPending ? tc("actions.saving") : tc("actions.save")}
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

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors } from "react-hook-form";
import { useTRPC } from "@/components/providers/trpc";
import { CountrySelect } from "@/components/ui/country-select";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { countProblems, ErrorSummary } from "@/components/forms/error-summary";
import { RepeatableRows } from "@/components/forms/repeatable-rows";
import { useUnsavedChangesGuard } from "@/components/forms/use-unsaved-changes-guard";
import { describeError } from "@/lib/trpc-errors";
import {
  DOCUMENT_TYPES,
  PROGRAMME_VALUES,
  SEX_VALUES,
  ZRegisterCase,
  type TRegisterCase,
  type TRegisterCaseInput,
} from "@/lib/schemas/registry";

type Office = { id: number; code: string; name: string };

/** Reads a nested error message (a catalogue key) by dotted path. */
function errorAt(errors: FieldErrors<TRegisterCaseInput>, path: string): string | null {
  let node: unknown = errors;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : null;
}

export function RegisterCaseForm({ offices, today }: { offices: Office[]; today: string }) {
  const t = useTranslations("cases.register");
  const tc = useTranslations("common");
  const tCases = useTranslations("cases");
  const tl = useTranslations("personLinks.register");
  const tr = useTranslations("rows");
  const trpc = useTRPC();
  const form = useForm<TRegisterCaseInput, unknown, TRegisterCase>({
    resolver: zodResolver(ZRegisterCase),
    mode: "onTouched",
    // A refused submit focuses the error summary, which leads to the first problem.
    shouldFocusError: false,
    defaultValues: {
      identity: { familyName: "", givenName: "", aliases: [], birthDate: "", placeOfBirth: "", documents: [], phone: "", address: "", nextOfKin: [] },
      person: { sex: "NonSpecifiedUnknown", citizenship: "", otherCitizenships: [] },
      registeredOn: today,
      officeId: offices[0]?.id,
      countryOfIdentification: "",
    },
  });
  const { register, control, handleSubmit, formState, setError, setValue } = form;
  const errors = formState.errors;
  const documents = useFieldArray({ control, name: "identity.documents" });
  const kin = useFieldArray({ control, name: "identity.nextOfKin" });
  const register_ = useMutation(trpc.cases.register.mutationOptions());
  const duplicates = useMutation(trpc.persons.probableDuplicates.mutationOptions());
  const [linked, setLinked] = useState<string | null>(null);
  const [askElsewhere, setAskElsewhere] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [refused, setRefused] = useState(0);
  // No draft of an identity is kept anywhere (not in browser storage either): leaving with
  // something typed asks first (docs/decisions/0033); once registered, `navigate` leaves unheld.
  const guard = useUnsavedChangesGuard({ dirty: formState.isDirty });

  // Probable-duplicate check as the names are typed (debounced; POST so names stay out of URLs).
  const [familyName, givenName, birthDate] = useWatch({ control, name: ["identity.familyName", "identity.givenName", "identity.birthDate"] });
  const checkDuplicates = duplicates.mutate; // stable across renders (TanStack Query)
  useEffect(() => {
    if (!familyName?.trim() || !givenName?.trim()) return;
    const timer = window.setTimeout(() => {
      checkDuplicates({ familyName, givenName, birthDate: birthDate || undefined });
    }, 600);
    return () => window.clearTimeout(timer);
  }, [familyName, givenName, birthDate, checkDuplicates]);

  const onSubmit = handleSubmit((values) => {
    register_.mutate(
      { ...values, linkPersonCode: linked ?? undefined, requestLink: asking || undefined },
      {
        onSuccess: (result) => guard.navigate(`/cases/${result.caseCode}?registered=1`),
        onError: (error) => {
          const fields = Object.entries(describeError(error).fields);
          for (const [path, message] of fields) {
            setError(path as "identity.familyName", { message });
          }
          if (fields.length > 0) setRefused((n) => n + 1);
        },
      },
    );
  }, () => setRefused((n) => n + 1));

  const matches = duplicates.data?.matches ?? [];
  // Another office's probable match: only that it exists (docs/decisions/0015).
  const elsewhere = duplicates.data?.elsewhere ?? null;
  const asking = askElsewhere && elsewhere !== null && linked === null;

  return (
    <form ref={formRef} onSubmit={onSubmit} className="stack" noValidate aria-describedby="register-intro">
      <p id="register-intro" className="muted">
        {t("intro")}
      </p>
      <ErrorSummary formRef={formRef} attempt={refused} count={countProblems(errors)} />
      <ErrorBanner error={register_.error} />

      <fieldset className="card identity-panel">
        <legend>{t("identityLegend")}</legend>
        <p className="small muted">{t("identityHint")}</p>
        <div className="form-grid">
          <Field id="familyName" label={t("familyName")} error={errorAt(errors, "identity.familyName")}>
            {(aria) => <input className="input" autoComplete="off" {...aria} {...register("identity.familyName")} />}
          </Field>
          <Field id="givenName" label={t("givenName")} error={errorAt(errors, "identity.givenName")}>
            {(aria) => <input className="input" autoComplete="off" {...aria} {...register("identity.givenName")} />}
          </Field>
          <Field id="birthDate" label={t("birthDate")} hint={t("birthDateHint")} optional error={errorAt(errors, "identity.birthDate")}>
            {(aria) => <input className="input" type="date" max={today} {...aria} {...register("identity.birthDate")} />}
          </Field>
          <Field id="placeOfBirth" label={t("placeOfBirth")} optional error={errorAt(errors, "identity.placeOfBirth")}>
            {(aria) => <input className="input" autoComplete="off" {...aria} {...register("identity.placeOfBirth")} />}
          </Field>
          <Field id="aliases" label={t("aliases")} hint={t("aliasesHint")} optional error={errorAt(errors, "identity.aliases")}>
            {(aria) => (
              <Controller
                control={control}
                name="identity.aliases"
                render={({ field }) => (
                  <input
                    className="input"
                    autoComplete="off"
                    {...aria}
                    defaultValue={(field.value ?? []).join("; ")}
                    onBlur={(e) => {
                      field.onChange(e.target.value.split(";").map((s) => s.trim()).filter(Boolean));
                      field.onBlur();
                    }}
                  />
                )}
              />
            )}
          </Field>
          <Field id="phone" label={t("phone")} optional error={errorAt(errors, "identity.phone")}>
            {(aria) => <input className="input" type="tel" autoComplete="off" {...aria} {...register("identity.phone")} />}
          </Field>
          <Field id="address" label={t("address")} optional error={errorAt(errors, "identity.address")}>
            {(aria) => <input className="input" autoComplete="off" {...aria} {...register("identity.address")} />}
          </Field>
        </div>

        {/* Always rendered, so the buttons below do not move while the check runs. */}
        <p className="small muted status-line" role="status">
          {duplicates.isPending ? t("checking") : ""}
        </p>
        {matches.length > 0 && (
          <div className="alert alert-warning" role="alert" style={{ marginTop: "1rem" }}>
            <strong>{t("duplicatesTitle")}</strong>
            <p>{t("duplicatesBody", { withBirth: matches.some((m) => m.match === "strong") ? "yes" : "no" })}</p>
            <ul>
              {matches.map((m) => (
                <li key={m.personCode} className="row" style={{ alignItems: "center" }}>
                  <span>
                    {t("duplicateRow", { personCode: m.personCode, officeName: m.officeName, officeCode: m.officeCode, cases: m.caseCount })} —{" "}
                    {m.match === "strong" ? t("matchStrong") : t("matchNames")}
                  </span>
                  {linked === m.personCode ? (
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => setLinked(null)}>
                      {t("unlink")}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => {
                        setLinked(m.personCode);
                        setAskElsewhere(false);
                      }}
                    >
                      {t("link", { personCode: m.personCode })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {linked && <p role="status">{t("linked", { personCode: linked })}</p>}
          </div>
        )}
        {elsewhere && (
          <div className="alert alert-warning" role="alert" style={{ marginTop: "1rem" }} data-testid="duplicate-elsewhere">
            <strong>{tl("elsewhereTitle")}</strong>
            <p>{tl("elsewhereBody", { withBirth: elsewhere.match === "strong" ? "yes" : "no" })}</p>
            <p>{tl("elsewhereHow")}</p>
            {asking ? (
              <>
                <p role="status">{tl("asking")}</p>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => setAskElsewhere(false)}>
                  {tl("dontAsk")}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setAskElsewhere(true);
                  setLinked(null);
                }}
              >
                {tl("ask")}
              </button>
            )}
          </div>
        )}

        <fieldset style={{ marginTop: "1rem" }}>
          <legend>{t("documentsLegend")}</legend>
          <RepeatableRows
            name="identity.documents"
            rows={documents}
            empty={() => ({ type: "passport" as const, number: "", issuingCountry: "" })}
            focusField="number"
            max={10}
            addLabel={t("addDocument")}
            rowLabel={(i) => tr("document", { n: i + 1 })}
            removeLabel={(i) => tr("removeDocument", { n: i + 1 })}
            className="form-grid"
          >
            {(i) => (
              <>
                <Field id={`doc-type-${i}`} label={t("documentType")} error={errorAt(errors, `identity.documents.${i}.type`)}>
                  {(aria) => (
                    <select className="input" {...aria} {...register(`identity.documents.${i}.type`)}>
                      {DOCUMENT_TYPES.map((d) => (
                        <option key={d} value={d}>
                          {t(`documentTypes.${d}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={`doc-number-${i}`} label={t("documentNumber")} error={errorAt(errors, `identity.documents.${i}.number`)}>
                  {(aria) => <input className="input" autoComplete="off" {...aria} {...register(`identity.documents.${i}.number`)} />}
                </Field>
                <Field id={`doc-country-${i}`} label={t("issuingCountry")} optional error={errorAt(errors, `identity.documents.${i}.issuingCountry`)}>
                  {(aria) => <CountrySelect placeholder={t("chooseCountry")} {...aria} {...register(`identity.documents.${i}.issuingCountry`)} />}
                </Field>
              </>
            )}
          </RepeatableRows>
        </fieldset>

        <fieldset style={{ marginTop: "1rem" }}>
          <legend>{t("kinLegend")}</legend>
          <RepeatableRows
            name="identity.nextOfKin"
            rows={kin}
            empty={() => ({ name: "", relationship: "", phone: "" })}
            focusField="name"
            max={5}
            addLabel={t("addKin")}
            rowLabel={(i) => tr("kin", { n: i + 1 })}
            removeLabel={(i) => tr("removeKin", { n: i + 1 })}
            className="form-grid"
          >
            {(i) => (
              <>
                <Field id={`kin-name-${i}`} label={t("kinName")} error={errorAt(errors, `identity.nextOfKin.${i}.name`)}>
                  {(aria) => <input className="input" autoComplete="off" {...aria} {...register(`identity.nextOfKin.${i}.name`)} />}
                </Field>
                <Field id={`kin-rel-${i}`} label={t("kinRelationship")} optional error={errorAt(errors, `identity.nextOfKin.${i}.relationship`)}>
                  {(aria) => <input className="input" autoComplete="off" {...aria} {...register(`identity.nextOfKin.${i}.relationship`)} />}
                </Field>
                <Field id={`kin-phone-${i}`} label={t("kinPhone")} optional error={errorAt(errors, `identity.nextOfKin.${i}.phone`)}>
                  {(aria) => <input className="input" type="tel" autoComplete="off" {...aria} {...register(`identity.nextOfKin.${i}.phone`)} />}
                </Field>
              </>
            )}
          </RepeatableRows>
        </fieldset>
      </fieldset>

      <fieldset className="card">
        <legend>{t("factsLegend")}</legend>
        <div className="form-grid">
          <Field id="sex" label={t("sex")} error={errorAt(errors, "person.sex")}>
            {(aria) => (
              <select className="input" {...aria} {...register("person.sex")}>
                {SEX_VALUES.map((s) => (
                  <option key={s} value={s}>
                    {tc(`sex.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="birthYear" label={t("birthYear")} hint={t("birthYearHint")} optional error={errorAt(errors, "person.birthYear")}>
            {(aria) => (
              <input
                className="input"
                inputMode="numeric"
                {...aria}
                {...register("person.birthYear", { setValueAs: (v: string) => (v === "" || v === undefined ? undefined : v) })}
              />
            )}
          </Field>
          <Field id="citizenship" label={t("citizenship")} optional error={errorAt(errors, "person.citizenship")}>
            {(aria) => <CountrySelect placeholder={t("chooseCountry")} {...aria} {...register("person.citizenship")} />}
          </Field>
          <Field id="otherCitizenship" label={t("otherCitizenship")} optional error={errorAt(errors, "person.otherCitizenships")}>
            {(aria) => (
              <CountrySelect
                placeholder={t("chooseCountry")}
                {...aria}
                onChange={(e) => setValue("person.otherCitizenships", e.target.value ? [e.target.value] : [], { shouldDirty: true })}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t("caseLegend")}</legend>
        <div className="form-grid">
          <Field id="registeredOn" label={t("registeredOn")} error={errorAt(errors, "registeredOn")}>
            {(aria) => <input className="input" type="date" max={today} {...aria} {...register("registeredOn")} />}
          </Field>
          <Field id="officeId" label={t("office")} error={errorAt(errors, "officeId")}>
            {(aria) => (
              <select className="input" {...aria} {...register("officeId", { valueAsNumber: true })}>
                {offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="programme" label={t("programme")} optional error={errorAt(errors, "programme")}>
            {(aria) => (
              <select className="input" {...aria} {...register("programme", { setValueAs: (v: string) => (v ? v : undefined) })}>
                <option value="">{tCases("programme.none")}</option>
                {PROGRAMME_VALUES.map((p) => (
                  <option key={p} value={p}>
                    {tCases(`programme.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="countryOfIdentification"
            label={t("countryOfIdentification")}
            hint={t("countryOfIdentificationHint")}
            optional
            error={errorAt(errors, "countryOfIdentification")}
          >
            {(aria) => <CountrySelect placeholder={t("chooseCountry")} {...aria} {...register("countryOfIdentification")} />}
          </Field>
        </div>
      </fieldset>

      <div className="form-actions">
        <button className="btn" type="submit" disabled={register_.isPending}>
          {register_.isPending ? t("submitting") : t("submit")}
        </button>
      </div>
      {guard.dialog}
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { useTRPC } from "@/components/providers/trpc";
import { CountrySelect } from "@/components/ui/country-select";
import { Field } from "@/components/ui/field";
import { isCountryCode, regionName, regionOfCountry } from "@/lib/reference/countries";
import { ZCreateOffice, ZUpdateOffice } from "@/lib/schemas/admin";
import type { OfficeRow } from "../types";
import { FormDialog } from "@/components/ui/form-dialog";

type Values = { id?: number; code: string; name: string; countryIso2: string; active: boolean };

const FIELDS = ["code", "name", "countryIso2", "active"] as const;

function initialValues(office: OfficeRow | undefined): Values {
  if (!office) return { code: "", name: "", countryIso2: "", active: true };
  return { id: office.id, code: office.code, name: office.name, countryIso2: office.countryIso2, active: office.active };
}

/** Creates an office (no `office`) or edits one. The statistical region shown follows the country
 * as it is chosen, exactly as the server will compute it. */
export function OfficeFormDialog({ office, onDone }: { office?: OfficeRow; onDone: (message: string) => void }) {
  const t = useTranslations("admin.offices");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const creating = !office;
  const idPrefix = creating ? "new-office" : `office-${office.id}`;

  // Create and update validate the same fields (update has no code, and adds `active`).
  const resolver = zodResolver(creating ? ZCreateOffice : ZUpdateOffice.omit({ version: true })) as unknown as Resolver<Values>;
  const form = useForm<Values>({
    resolver,
    defaultValues: initialValues(office),
  });
  const { register, formState, control } = form;
  const country = useWatch({ control, name: "countryIso2" });
  const create = useMutation(trpc.offices.create.mutationOptions());
  const update = useMutation(trpc.offices.update.mutationOptions());
  const reloadList = () => queryClient.invalidateQueries({ queryKey: trpc.offices.list.queryKey() });

  const save = async (values: Values): Promise<string> => {
    if (creating) {
      const created = await create.mutateAsync({ code: values.code, name: values.name, countryIso2: values.countryIso2 });
      return t("done.created", { code: created.code });
    }
    const result = await update.mutateAsync({
      id: office.id,
      // The version this dialog was opened with: a save over someone else's newer edit is
      // refused with the same message as for cases; the list is reloaded after every save.
      version: office.version,
      name: values.name,
      countryIso2: values.countryIso2,
      active: values.active,
    });
    return t(result.changed.length ? "done.updated" : "done.unchanged", { code: result.code });
  };

  const upper = country ? country.toUpperCase() : "";
  const region = isCountryCode(upper) ? regionName(regionOfCountry(upper)) : "—";

  return (
    <FormDialog
      form={form}
      resetTo={initialValues(office)}
      serverFields={FIELDS}
      contentClassName="admin-dialog"
      trigger={
        creating ? (
          <button type="button" className="btn">
            {t("create")}
          </button>
        ) : (
          <button type="button" className="btn btn-secondary btn-small" aria-label={t("editFor", { code: office.code })}>
            {t("edit")}
          </button>
        )
      }
      title={creating ? t("createTitle") : t("editTitle", { code: office.code })}
      description={t("fields.regionHint")}
      onSubmit={save}
      onDone={async (message) => {
        await reloadList();
        onDone(message);
      }}
      // A stale edit: reload the list so that the next opening starts from the newer version.
      onError={reloadList}
    >
      {creating && (
        <Field id={`${idPrefix}-code`} label={t("fields.code")} hint={t("fields.codeHint")} error={formState.errors.code?.message}>
          {(aria) => (
            <input className="input code" autoComplete="off" spellCheck={false} maxLength={16} {...aria} {...register("code")} />
          )}
        </Field>
      )}
      <Field id={`${idPrefix}-name`} label={t("fields.name")} error={formState.errors.name?.message}>
        {(aria) => <input className="input" autoComplete="off" {...aria} {...register("name")} />}
      </Field>
      <Field id={`${idPrefix}-country`} label={t("fields.country")} error={formState.errors.countryIso2?.message}>
        {(aria) => <CountrySelect placeholder={t("fields.chooseCountry")} {...aria} {...register("countryIso2")} />}
      </Field>
      <p className="small" aria-live="polite">
        <span className="muted">{t("fields.region")}: </span>
        {region}
      </p>
      {!creating && (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" aria-describedby={`${idPrefix}-active-hint`} {...register("active")} />
            {t("fields.active")}
          </label>
          <span className="hint" id={`${idPrefix}-active-hint`}>
            {t("fields.activeHint")}
          </span>
        </div>
      )}
    </FormDialog>
  );
}

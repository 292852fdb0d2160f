"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useController, useForm, type Resolver } from "react-hook-form";
import { useTRPC } from "@/components/providers/trpc";
import { CountrySelect } from "@/components/ui/country-select";
import { FormDialog } from "@/components/ui/form-dialog";
import { Field } from "@/components/ui/field";
import { ORGANISATION_TYPES } from "@/lib/reference/vocabulary";
import { ZCreateOrganisation, ZUpdateOrganisation } from "@/lib/schemas/assistance";
import { SERVICE_TYPES, type ServiceType } from "@/lib/services/rules";

export type OrganisationRow = {
  id: number;
  name: string;
  type: string;
  countryIso2: string;
  city: string | null;
  phone: string | null;
  email: string | null;
  contactName: string | null;
  officeId: number | null;
  officeCode: string | null;
  active: boolean;
  /** The version read, sent back with an edit (a stale one is refused: errors.STALE_VERSION). */
  version: number;
  canManage: boolean;
  services: ServiceType[];
};

type Values = {
  name: string;
  type: string;
  countryIso2: string;
  city: string;
  phone: string;
  email: string;
  contactName: string;
  services: ServiceType[];
  officeId: number | null;
  active: boolean;
};

const FIELDS = ["name", "type", "countryIso2", "city", "phone", "email", "contactName", "services", "officeId"] as const;

function initialValues(o: OrganisationRow | undefined, defaultOfficeId: number | null): Values {
  return {
    name: o?.name ?? "",
    type: o?.type ?? "",
    countryIso2: o?.countryIso2 ?? "",
    city: o?.city ?? "",
    phone: o?.phone ?? "",
    email: o?.email ?? "",
    contactName: o?.contactName ?? "",
    services: o?.services ?? [],
    officeId: o ? o.officeId : defaultOfficeId,
    active: o?.active ?? true,
  };
}

function ServicesChecklist({ control, idPrefix, label }: { control: ReturnType<typeof useForm<Values>>["control"]; idPrefix: string; label: string }) {
  const ta = useTranslations("assistance.options.serviceTypes");
  const { field } = useController({ control, name: "services" });
  const selected = field.value ?? [];
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <div className="checkbox-grid">
        {SERVICE_TYPES.map((s) => (
          <label key={s} className="checkbox">
            <input
              type="checkbox"
              id={`${idPrefix}-svc-${s}`}
              checked={selected.includes(s)}
              onChange={(e) => field.onChange(e.target.checked ? [...selected, s] : selected.filter((x) => x !== s))}
            />
            {ta(s)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Adds a partner organisation (no `organisation`) or edits one. */
export function OrganisationFormDialog({
  organisation,
  offices,
  onDone,
}: {
  organisation?: OrganisationRow;
  /** Offices the user may file an organisation under; null = central (administrators). */
  offices: { id: number | null; label: string }[];
  onDone: (message: string) => void;
}) {
  const t = useTranslations("organisations");
  const th = useTranslations("htcds.org_Type");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const creating = !organisation;
  const idPrefix = creating ? "new-org" : `org-${organisation.id}`;
  const resolver = zodResolver(creating ? ZCreateOrganisation : ZUpdateOrganisation.omit({ id: true, version: true })) as unknown as Resolver<Values>;
  const form = useForm<Values>({ resolver, defaultValues: initialValues(organisation, offices[0]?.id ?? null) });
  const { register, formState, control } = form;
  const create = useMutation(trpc.organisations.create.mutationOptions());
  const update = useMutation(trpc.organisations.update.mutationOptions());

  const reloadList = () => queryClient.invalidateQueries({ queryKey: trpc.organisations.list.queryKey() });
  const save = (v: Values) => {
    const common = { name: v.name, type: v.type, countryIso2: v.countryIso2, city: v.city, phone: v.phone, email: v.email, contactName: v.contactName, services: v.services };
    return creating
      ? create.mutateAsync({ ...common, officeId: v.officeId })
      : update.mutateAsync({ ...common, id: organisation.id, version: organisation.version, active: v.active });
  };

  return (
    <FormDialog
      form={form}
      resetTo={initialValues(organisation, offices[0]?.id ?? null)}
      serverFields={FIELDS}
      contentClassName="admin-dialog"
      trigger={
        creating ? (
          <button type="button" className="btn">
            {t("create")}
          </button>
        ) : (
          <button type="button" className="btn btn-secondary btn-small" aria-label={t("editFor", { name: organisation.name })}>
            {t("edit")}
          </button>
        )
      }
      title={creating ? t("createTitle") : t("editTitle", { name: organisation.name })}
      description={t("dialogHelp")}
      onSubmit={save}
      onDone={async (result) => {
        await reloadList();
        onDone(t(creating ? "done.created" : "done.updated", { name: result.name }));
      }}
      // A stale edit: reload the list so that the next opening starts from the newer version.
      onError={reloadList}
    >
      <Field id={`${idPrefix}-name`} label={t("fields.name")} error={formState.errors.name?.message}>
        {(aria) => <input className="input" autoComplete="off" {...aria} {...register("name")} />}
      </Field>
      <Field id={`${idPrefix}-type`} label={t("fields.type")} error={formState.errors.type?.message}>
        {(aria) => (
          <select className="input" {...aria} {...register("type")}>
            <option value="">{t("fields.chooseType")}</option>
            {ORGANISATION_TYPES.map((v) => (
              <option key={v} value={v}>
                {th(v)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}-country`} label={t("fields.country")} error={formState.errors.countryIso2?.message}>
        {(aria) => <CountrySelect placeholder={t("fields.chooseCountry")} {...aria} {...register("countryIso2")} />}
      </Field>
      <Field id={`${idPrefix}-city`} label={t("fields.city")} error={formState.errors.city?.message} optional>
        {(aria) => <input className="input" autoComplete="off" {...aria} {...register("city")} />}
      </Field>
      <Field id={`${idPrefix}-contact`} label={t("fields.contactName")} error={formState.errors.contactName?.message} optional>
        {(aria) => <input className="input" autoComplete="off" {...aria} {...register("contactName")} />}
      </Field>
      <Field id={`${idPrefix}-phone`} label={t("fields.phone")} error={formState.errors.phone?.message} optional>
        {(aria) => <input className="input" type="tel" autoComplete="off" {...aria} {...register("phone")} />}
      </Field>
      <Field id={`${idPrefix}-email`} label={t("fields.email")} error={formState.errors.email?.message} optional>
        {(aria) => <input className="input" type="email" autoComplete="off" {...aria} {...register("email")} />}
      </Field>
      <ServicesChecklist control={control} idPrefix={idPrefix} label={t("fields.services")} />
      {creating && offices.length > 1 && (
        <Field id={`${idPrefix}-office`} label={t("fields.office")} error={formState.errors.officeId?.message}>
          {(aria) => (
            <select className="input" {...aria} {...register("officeId", { setValueAs: (v: unknown) => (v === "" || v === null ? null : Number(v)) })}>
              {offices.map((o) => (
                <option key={o.id ?? "central"} value={o.id ?? ""}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {!creating && (
        <label className="checkbox">
          <input type="checkbox" {...register("active")} />
          {t("fields.active")}
        </label>
      )}
    </FormDialog>
  );
}

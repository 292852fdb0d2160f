"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { CountrySelect } from "@/components/ui/country-select";
import { FormDialog } from "@/components/ui/form-dialog";
import { Field } from "@/components/ui/field";
import { CATEGORY_VALUES, PROGRAMME_VALUES, ZUpdateCase, type TUpdateCase } from "@/lib/schemas/registry";
import type { z } from "zod";

export type EditableCase = z.input<typeof ZUpdateCase>;

const FIELDS = ["status", "programme", "registeredOn", "countryOfIdentification", "categories"] as const;

/** Edits the registration facts of a case, with optimistic locking: a stale save keeps the dialog
 * open with everything typed and says that someone else changed the case. */
export function EditCaseDialog({ initial, today, programmeLocked }: { initial: EditableCase; today: string; programmeLocked: boolean }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.cases.update.mutationOptions());
  const version = useVersion(versionKey.case(initial.code), initial.version);
  const form = useForm<EditableCase, unknown, TUpdateCase>({
    resolver: zodResolver(ZUpdateCase),
    defaultValues: initial,
  });
  const { register, formState } = form;
  return (
    <FormDialog
      form={form}
      trigger={
        <button type="button" className="btn btn-secondary no-print">
          {t("detail.edit")}
        </button>
      }
      title={t("detail.editTitle", { code: initial.code })}
      description={t("detail.caseFacts")}
      hideDescription
      serverFields={FIELDS}
      onSubmit={(values) => update.mutateAsync({ ...values, version })}
      onDone={() => router.refresh()}
    >
      <Field id="edit-status" label={t("detail.status")} error={formState.errors.status?.message}>
        {(aria) => (
          <select className="input" {...aria} {...register("status")}>
            <option value="Active">{t("status.Active")}</option>
            <option value="FollowUp">{t("status.FollowUp")}</option>
          </select>
        )}
      </Field>
      <Field
        id="edit-programme"
        label={t("detail.programme")}
        hint={programmeLocked ? t("detail.programmeLocked") : undefined}
        error={formState.errors.programme?.message}
      >
        {(aria) =>
          // Once travel exists the programme is the Return page's: shown, not editable here
          // (the field is not registered, so the form sends the value it was opened with).
          programmeLocked ? (
            <output id={aria.id} aria-describedby={aria["aria-describedby"]} className="input input-static">
              {t(initial.programme ? `programme.${initial.programme}` : "programme.none")}
            </output>
          ) : (
            <select className="input" {...aria} {...register("programme", { setValueAs: (v: string | null) => (v ? v : null) })}>
              <option value="">{t("programme.none")}</option>
              {PROGRAMME_VALUES.map((p) => (
                <option key={p} value={p}>
                  {t(`programme.${p}`)}
                </option>
              ))}
            </select>
          )
        }
      </Field>
      <Field id="edit-registered" label={t("detail.registeredOn")} error={formState.errors.registeredOn?.message}>
        {(aria) => <input className="input" type="date" max={today} {...aria} {...register("registeredOn")} />}
      </Field>
      <Field id="edit-coi" label={t("detail.countryOfIdentification")} error={formState.errors.countryOfIdentification?.message}>
        {(aria) => <CountrySelect placeholder={t("register.chooseCountry")} {...aria} {...register("countryOfIdentification")} />}
      </Field>
      <fieldset>
        <legend>{t("detail.categories")}</legend>
        {CATEGORY_VALUES.map((c) => (
          <label key={c} className="checkbox">
            <input type="checkbox" value={c} {...register("categories")} />
            {t(`category.${c}`)}
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}

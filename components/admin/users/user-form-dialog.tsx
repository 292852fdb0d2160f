"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm, useWatch, type Resolver } from "react-hook-form";
import { Dialog } from "radix-ui";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/permissions";
import { REGION_IDS, regionName } from "@/lib/reference/countries";
import { ZCreateUser, ZUpdateUserForm } from "@/lib/schemas/admin";
import { ErrorAlert } from "../error-alert";
import { applyServerErrors } from "@/components/forms/server-errors";
import { OfficePicker } from "./office-picker";
import { SetupLink } from "./setup-link";
import type { OfficeChoice, UserRow } from "../types";

type Values = {
  id?: number;
  email: string;
  name: string;
  role: Role;
  officeIds: number[];
  regionScope: string | null;
};

const FIELDS = ["email", "name", "role", "officeIds", "regionScope"] as const;

function initialValues(user: UserRow | undefined): Values {
  if (!user) return { email: "", name: "", role: "caseworker", officeIds: [], regionScope: null };
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    officeIds: user.offices.map((o) => o.id),
    regionScope: user.regionScope,
  };
}

/**
 * Creates a user (no `user`) or edits one. Validation runs in the browser with the server's own
 * schema; the server's refusals (taken email, weak password...) land on their fields, and the
 * dialog stays open with everything typed.
 */
export function UserFormDialog({
  user,
  offices,
  isSelf = false,
  onDone,
}: {
  user?: UserRow;
  offices: OfficeChoice[];
  isSelf?: boolean;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // After a create: the set-up link, shown once in place of the form (decision 0020).
  const [created, setCreated] = useState<{ name: string; token: string; expiresAt: number; offices: string[] } | null>(null);
  const ta = useTranslations("access.setupLink");
  const creating = !user;
  const idPrefix = creating ? "new-user" : `user-${user.id}`;

  // The create and update schemas validate the same fields (update has no email or password).
  const resolver = zodResolver(creating ? ZCreateUser : ZUpdateUserForm) as unknown as Resolver<Values>;
  const form = useForm<Values>({ resolver, defaultValues: initialValues(user) });
  const { register, handleSubmit, control, formState, setError, setValue, reset } = form;
  const role = useWatch({ control, name: "role" });

  const create = useMutation(trpc.users.create.mutationOptions());
  const update = useMutation(trpc.users.update.mutationOptions());
  const mutation = creating ? create : update;

  const finish = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
    setOpen(false);
    onDone(message);
  };

  const onSubmit = handleSubmit(async (values) => {
    const assignment = {
      name: values.name,
      role: values.role,
      officeIds: values.officeIds,
      regionScope: values.role === "data_officer" ? values.regionScope : null,
    };
    try {
      if (creating) {
        const result = await create.mutateAsync({ ...assignment, email: values.email });
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
        const officeCodes = offices.filter((o) => assignment.officeIds.includes(o.id)).map((o) => o.code);
        setCreated({ name: values.name, token: result.setupToken, expiresAt: result.expiresAt, offices: officeCodes });
        onDone(t("done.created", { name: values.name }));
      } else {
        const result = await update.mutateAsync({ ...assignment, id: user.id, version: user.version });
        await finish(t(result.changed.length ? "done.updated" : "done.unchanged", { name: values.name }));
      }
    } catch (error) {
      // A stale edit: reload the list so that the next opening starts from the newer version.
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      applyServerErrors(error, setError, FIELDS);
    }
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) {
      reset(initialValues(user));
      create.reset();
      update.reset();
    }
    // The link is never shown again once the dialog closes.
    if (!next) setCreated(null);
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        {creating ? (
          <button type="button" className="btn">
            {t("create")}
          </button>
        ) : (
          <button type="button" className="btn btn-secondary btn-small" aria-label={`${t("edit")}: ${user.name}`}>
            {t("edit")}
          </button>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content admin-dialog">
          <Dialog.Title>{created ? ta("title", { name: created.name }) : creating ? t("createTitle") : t("editTitle", { name: user.name })}</Dialog.Title>
          {created ? (
            <Dialog.Description className="visually-hidden">{ta("label")}</Dialog.Description>
          ) : (
            <Dialog.Description className="muted small">{t(`roleHelp.${role}`)}</Dialog.Description>
          )}
          {created ? (
            <SetupLink name={created.name} token={created.token} expiresAt={created.expiresAt} pendingOffices={created.offices} />
          ) : (
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorAlert error={mutation.error} />
            {creating ? (
              <Field id={`${idPrefix}-email`} label={t("fields.email")} error={formState.errors.email?.message}>
                {(aria) => <input className="input" type="email" autoComplete="off" {...aria} {...register("email")} />}
              </Field>
            ) : (
              <p className="small">
                <span className="muted">{t("fields.email")}: </span>
                {user.email}
              </p>
            )}
            <Field id={`${idPrefix}-name`} label={t("fields.name")} hint={t("fields.nameHint")} error={formState.errors.name?.message}>
              {(aria) => <input className="input" autoComplete="off" {...aria} {...register("name")} />}
            </Field>
            {isSelf ? (
              <p className="small">
                <span className="muted">{t("fields.role")}: </span>
                {tc(`roles.${role}`)}
                <br />
                <span className="muted">{t("selfRoleNote")}</span>
              </p>
            ) : (
              <Field id={`${idPrefix}-role`} label={t("fields.role")} error={formState.errors.role?.message}>
                {(aria) => (
                  <select
                    className="input"
                    {...aria}
                    {...register("role", {
                      onChange: (e: { target: { value: string } }) => {
                        if (e.target.value !== "data_officer") setValue("regionScope", null);
                      },
                    })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {tc(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Controller
              control={control}
              name="officeIds"
              render={({ field, fieldState }) => (
                <OfficePicker
                  idPrefix={idPrefix}
                  role={role}
                  offices={offices}
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                />
              )}
            />
            {role === "data_officer" && (
              <Field
                id={`${idPrefix}-region`}
                label={t("fields.regionScope")}
                hint={t("fields.regionScopeHint")}
                error={formState.errors.regionScope?.message}
              >
                {(aria) => (
                  <select
                    className="input"
                    {...aria}
                    {...register("regionScope", { setValueAs: (v: string | null) => (v ? v : null) })}
                  >
                    <option value="">{t("allRegions")}</option>
                    {REGION_IDS.map((r) => (
                      <option key={r} value={r}>
                        {regionName(r)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
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
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import type { ReintegrationData } from "@/components/return/types";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { ZSavePlan, type TSavePlan, type TSavePlanInput } from "@/lib/schemas/reintegration";

/** The plan's objectives: free text, encrypted; saved with the version read. */
export function PlanSection({ data }: { data: ReintegrationData }) {
  const t = useTranslations("reintegration.plan");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState(data.plan === null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.reintegration.savePlan.mutationOptions());
  const initial: TSavePlanInput = { code: data.case.code, version: data.plan?.version ?? null, objectives: data.plan?.objectives ?? "" };
  const { register, handleSubmit, formState, reset } = useForm<TSavePlanInput, unknown, TSavePlan>({ resolver: zodResolver(ZSavePlan), defaultValues: initial });
  const version = useVersion(versionKey.plan(data.case.code), initial.version);
  const onSubmit = handleSubmit((values) =>
    save.mutate({ ...values, version }, {
      onSuccess: () => {
        reset(values);
        setEditing(false);
        setSaved(true);
        router.refresh();
      },
    }),
  );
  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">{t("title")}</h2>
      <p className="small muted">{t("intro")}</p>
      {data.plan && !editing && (
        <>
          <p className="return-notes">{data.plan.objectives}</p>
          <p className="small muted">{t("updated", { time: format.dateTime(new Date(data.plan.updatedAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
          {saved && (
            <p role="status" className="muted">
              {t("saved")}
            </p>
          )}
          {data.permissions.plan && (
            <button
              type="button"
              className="btn btn-secondary no-print"
              onClick={() => {
                reset(initial);
                setSaved(false);
                setEditing(true);
              }}
            >
              {t("edit")}
            </button>
          )}
        </>
      )}
      {!data.plan && !data.permissions.plan && <p className="muted">{t("none")}</p>}
      {editing && data.permissions.plan && (
        <form onSubmit={onSubmit} className="stack" noValidate>
          <ErrorBanner error={save.error} />
          <Field id="plan-objectives" label={t("objectives")} hint={t("objectivesHint")} error={formState.errors.objectives?.message}>
            {(aria) => <textarea className="input" maxLength={4000} rows={5} {...aria} {...register("objectives")} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={save.isPending}>
              {save.isPending ? tc("actions.saving") : t("save")}
            </button>
            {data.plan && (
              <button type="button" className="btn btn-secondary" onClick={() => setEditing(false)}>
                {tc("actions.cancel")}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

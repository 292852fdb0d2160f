"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { FormProvider, useForm, type FieldValues } from "react-hook-form";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { formSubmitSchema, FORMS, type FormId } from "@/lib/forms/registry";
import type { Answers, FormDefinition } from "@/lib/forms/types";
import { describeError } from "@/lib/trpc-errors";
import { countProblems, ErrorSummary } from "./error-summary";
import { FormField, ShowWhen } from "./form-field";
import { FormProgress } from "./form-progress";
import { StickyActions } from "./sticky-actions";
import { useAutosave } from "./use-autosave";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard";

/**
 * The generic form renderer: any FormDefinition, with react-hook-form and the zod schema derived from
 * the definition. Drafts save to the server about a second after the last change, when a field
 * loses focus and on "Save draft"; leaving with unsaved changes saves first or asks (useAutosave,
 * useUnsavedChangesGuard);
 * submitting validates with the submission schema (required-when rules), shows every missing answer,
 * and keeps everything typed whatever happens.
 */
export function FormRenderer({
  formId,
  caseCode,
  initialAnswers,
  initialUpdatedAt,
  sectionExtras,
  onSubmitted,
}: {
  formId: FormId;
  caseCode: string;
  initialAnswers: Answers;
  initialUpdatedAt: number | null;
  /** Form-specific panels shown at the end of a section (e.g. the live determination). */
  sectionExtras?: Partial<Record<string, ReactNode>>;
  onSubmitted: (revision: number) => void;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const definition: FormDefinition = FORMS[formId].definition;
  const resolver = useMemo(() => zodResolver(formSubmitSchema(formId)), [formId]);
  const form = useForm<FieldValues>({ defaultValues: initialAnswers, resolver, mode: "onSubmit", reValidateMode: "onChange", shouldFocusError: false });
  const saveDraft = useMutation(trpc.forms.saveDraft.mutationOptions());
  const submit = useMutation(trpc.forms.submit.mutationOptions());
  const baseUpdatedAt = useRef<number | null>(initialUpdatedAt);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Refused submits so far: each one focuses the error summary (not the last field in error).
  const [refused, setRefused] = useState(0);

  const { mutateAsync: saveDraftAsync } = saveDraft;
  const saveValues = useCallback(async () => {
    const result = await saveDraftAsync({ caseCode, formId, answers: form.getValues(), baseUpdatedAt: baseUpdatedAt.current });
    baseUpdatedAt.current = result.updatedAt;
    return result.updatedAt;
  }, [saveDraftAsync, caseCode, formId, form]);
  const { status: save, autosave } = useAutosave(saveValues);
  const { dialog: leaveDialog } = useUnsavedChangesGuard({
    dirty: save.kind !== "idle" && save.kind !== "saved",
    isDirty: autosave.isDirty,
    save: autosave.flush,
  });

  // Every change (a subscription, so typing does not re-render the form) starts the pause.
  useEffect(() => form.subscribe({ formState: { values: true }, callback: autosave.change }), [form, autosave]);

  const onValid = async (values: FieldValues) => {
      autosave.dispose();
      setSubmitError(null);
      try {
        const { revision } = await submit.mutateAsync({ caseCode, formId, answers: values });
        autosave.reset();
        onSubmitted(revision);
      } catch (error) {
        setSubmitError(error);
        const fields = Object.entries(describeError(error).fields);
        for (const [path, message] of fields) form.setError(path, { message });
        if (fields.length > 0) setRefused((n) => n + 1);
      }
  };
  const onInvalid = () => {
    setSubmitError(null);
    setRefused((n) => n + 1);
  };

  const errorCount = countProblems(form.formState.errors);

  return (
    <FormProvider {...form}>
      <div className="form-layout">
        <FormProgress definition={definition} />
        <form ref={formRef} onBlur={autosave.blur} onSubmit={(e) => void form.handleSubmit(onValid, onInvalid)(e)} noValidate className="stack form-body" aria-label={t(definition.title)}>
          <ErrorSummary formRef={formRef} attempt={refused} count={errorCount} />
          {/* A refusal the fields explain is already in the summary; the banner is for the rest. */}
          {submitError !== null && Object.keys(describeError(submitError).fields).length === 0 && <ErrorBanner error={submitError} />}
          {definition.sections.map((section) => (
            <ShowWhen key={section.id} condition={section.shownWhen}>
              <section className="card form-section" id={`section-${section.id}`} aria-labelledby={`section-${section.id}-title`}>
                <h2 id={`section-${section.id}-title`}>{t(section.title)}</h2>
                {section.intro && <p className="muted">{t(section.intro)}</p>}
                {sectionExtras?.[section.id]}
                <div className="stack">
                  {section.fields.map((field) => (
                    <FormField key={field.id} field={field} />
                  ))}
                </div>
              </section>
            </ShowWhen>
          ))}
          <StickyActions>
            <button type="button" className="btn btn-secondary" onClick={() => void autosave.flush({ force: true })} disabled={save.kind === "saving"}>
              {t("forms.saveDraft")}
            </button>
            <button type="submit" className="btn" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? t("forms.submitting") : t("forms.submit")}
            </button>
            <span className="small muted sticky-status" role="status" aria-live="polite">
              {save.kind === "saving" && t("forms.saving")}
              {save.kind === "dirty" && t("forms.unsaved")}
              {save.kind === "saved" && t("forms.savedAt", { time: format.dateTime(new Date(save.at), { timeStyle: "short" }) })}
            </span>
          </StickyActions>
          {save.kind === "error" && (
            <div className="alert alert-error" role="alert">
              {describeError(save.error).code === "VALIDATION" ? t("forms.draftInvalid") : `${t(`errors.${describeError(save.error).code}`)} ${t("forms.draftNotSaved")}`}
            </div>
          )}
        </form>
      </div>
      {leaveDialog}
    </FormProvider>
  );
}

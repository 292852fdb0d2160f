"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactElement, type ReactNode } from "react";
import type { DefaultValues, FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Dialog } from "radix-ui";
import { applyServerErrors } from "@/components/forms/server-errors";
import { ErrorBanner } from "./error-banner";

/**
 * The one dialog with a form (decision 0029): a Radix dialog (focus trapped, Escape closes, focus back
 * on the trigger) around a react-hook-form `form` the caller made with the zod resolver the
 * procedure's input also uses (so it can watch its own fields), the error banner of a refused submit
 * in the user's words, the server's per-field messages put on their fields (the first focused), and
 * the submit and cancel buttons. What the user typed stays in the form after a refusal.
 *
 * `onSubmit` calls the mutation and throws its error; the dialog closes only when it resolves, then
 * `onDone` runs (reload the list, a message, router.refresh()). The field controls are `children`.
 */
export function FormDialog<TInput extends FieldValues, TOutput = TInput, TResult = unknown>({
  trigger,
  title,
  description,
  hideDescription = false,
  contentClassName,
  form,
  resetTo,
  onOpen,
  serverFields = [],
  onSubmit,
  onDone,
  onError,
  showFieldMessage = false,
  extraError,
  submitLabel,
  submittingLabel,
  submitClassName = "btn",
  submitDisabled = false,
  children,
}: {
  /** The button that opens the dialog (rendered through Dialog.Trigger asChild). */
  trigger: ReactElement;
  title: ReactNode;
  description: ReactNode;
  /** The description is for screen readers only (the title says it all to a sighted user). */
  hideDescription?: boolean;
  /** Added to dialog-content, e.g. "admin-dialog" (wider). */
  contentClassName?: string;
  form: UseFormReturn<TInput, unknown, TOutput>;
  /** Opening starts from these values again (without it, what was typed and cancelled is kept). */
  resetTo?: DefaultValues<TInput>;
  /** Runs on each opening (e.g. clear a search box). */
  onOpen?: () => void;
  /** The fields the server may put a message on (applyServerErrors). */
  serverFields?: readonly Path<TInput>[];
  onSubmit: (values: TOutput) => Promise<TResult>;
  onDone?: (result: TResult) => void | Promise<void>;
  /** After a refusal, e.g. reload a list so the next opening starts from a newer version. */
  onError?: (error: unknown) => void | Promise<void>;
  /** The banner says the server's specific message when no field shows it (ErrorBanner). */
  showFieldMessage?: boolean;
  /** An error from elsewhere shown in the same banner (e.g. a query the form's options need). */
  extraError?: unknown;
  /** Default: common.actions.save. */
  submitLabel?: string;
  /** Default: common.actions.saving. */
  submittingLabel?: string;
  submitClassName?: string;
  submitDisabled?: boolean;
  children: ReactNode;
}) {
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { handleSubmit, formState, reset } = form;

  const submit = handleSubmit(async (values) => {
    setError(null);
    let result: TResult;
    try {
      result = await onSubmit(values);
    } catch (refused) {
      setError(refused);
      applyServerErrors(refused, form.setError, serverFields);
      await onError?.(refused);
      return;
    }
    setOpen(false);
    await onDone?.(result);
  });

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setError(null);
          if (resetTo) reset(resetTo);
          onOpen?.();
        }
      }}
    >
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className={contentClassName ? `dialog-content ${contentClassName}` : "dialog-content"}>
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description className={hideDescription ? "visually-hidden" : "muted small"}>{description}</Dialog.Description>
          <form onSubmit={submit} className="stack" noValidate>
            <ErrorBanner error={error ?? extraError} showFieldMessage={showFieldMessage} />
            {children}
            <div className="form-actions">
              <button type="submit" className={submitClassName} disabled={formState.isSubmitting || submitDisabled}>
                {formState.isSubmitting ? (submittingLabel ?? tc("actions.saving")) : (submitLabel ?? tc("actions.save"))}
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

"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Dialog } from "radix-ui";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { ErrorBanner } from "@/components/ui/error-banner";

/** A supervisor sets the owner and the other caseworkers assigned to a case of their office. */
export function AssignCaseDialog({ code, version: pageVersion, ownerId, assigneeIds }: { code: string; version: number; ownerId: number; assigneeIds: number[] }) {
  const t = useTranslations("cases.detail");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const people = useQuery({ ...trpc.cases.assignable.queryOptions({ code }), enabled: open });
  const assign = useMutation(trpc.cases.assign.mutationOptions());
  const version = useVersion(versionKey.case(code), pageVersion);
  const [owner, setOwner] = useState(ownerId);
  const [assigned, setAssigned] = useState<number[]>(assigneeIds);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    assign.mutate(
      { code, version, ownerId: owner, assigneeIds: assigned },
      { onSuccess: () => { setOpen(false); router.refresh(); } },
    );
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-secondary no-print">
          {t("assign")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t("assignTitle")}</Dialog.Title>
          <Dialog.Description className="visually-hidden">{t("assignTitle")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack">
            <ErrorBanner error={assign.error ?? people.error} />
            <div className="field">
              <label htmlFor="assign-owner">{t("ownerLabel")}</label>
              <select id="assign-owner" className="input" value={owner} onChange={(e) => setOwner(Number(e.target.value))}>
                {(people.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({tc(`roles.${p.role}`)})
                  </option>
                ))}
              </select>
            </div>
            <fieldset>
              <legend>{t("assigneesLabel")}</legend>
              {(people.data ?? [])
                .filter((p) => p.id !== owner)
                .map((p) => (
                  <label key={p.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={assigned.includes(p.id)}
                      onChange={(e) => setAssigned((a) => (e.target.checked ? [...a, p.id] : a.filter((id) => id !== p.id)))}
                    />
                    {p.name}
                  </label>
                ))}
            </fieldset>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={assign.isPending || !people.data}>
                {tc("actions.save")}
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

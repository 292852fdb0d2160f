"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";

/** Encrypted case notes: loaded (and the reading audited) only when the user opens them. */
export function CaseNotes({ code, canAdd }: { code: string; canAdd: boolean }) {
  const t = useTranslations("cases.detail");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState("");
  const [saved, setSaved] = useState(false);
  const notes = useQuery({ ...trpc.cases.notes.queryOptions({ code }), enabled: open, gcTime: 0 });
  const add = useMutation(trpc.cases.addNote.mutationOptions());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { code, body: draft },
      {
        onSuccess: () => {
          setDraft("");
          setSaved(true);
          setOpen(true);
          void queryClient.invalidateQueries({ queryKey: trpc.cases.notes.queryKey({ code }) });
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t("notes")}</h2>
      <p className="small muted">{t("notesHint")}</p>
      {!open ? (
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {t("showNotes")}
        </button>
      ) : (
        <>
          <ErrorBanner error={notes.error} />
          {notes.data?.length === 0 && <p className="muted">{t("noNotes")}</p>}
          <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
            {notes.data?.map((n) => (
              <li key={n.id} className="card" style={{ marginBottom: 0 }}>
                <p style={{ whiteSpace: "pre-wrap" }}>{n.body}</p>
                <p className="small muted">{t("by", { name: n.authorName, time: format.dateTime(new Date(n.createdAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
              </li>
            ))}
          </ol>
        </>
      )}
      {canAdd && (
        <form onSubmit={onSubmit} className="stack" style={{ marginTop: "1rem" }}>
          <ErrorBanner error={add.error} />
          <div className="field">
            <label htmlFor="new-note">{t("noteLabel")}</label>
            <textarea id="new-note" className="input" value={draft} onChange={(e) => { setDraft(e.target.value); setSaved(false); }} maxLength={20000} />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={add.isPending || draft.trim() === ""}>
              {t("addNote")}
            </button>
            {saved && <span role="status" className="muted">{t("noteSaved")}</span>}
          </div>
        </form>
      )}
    </section>
  );
}

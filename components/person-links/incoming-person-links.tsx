"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Dialog } from "radix-ui";
import { ErrorAlert } from "@/components/admin/error-alert";
import { useTRPC } from "@/components/providers/trpc";
import { Field } from "@/components/ui/field";
import { countryName } from "@/lib/reference/countries";

type Facts = { sex: string; birthYear: number | null; citizenship: string | null };

export type IncomingPersonLinkView = {
  id: number;
  match: "strong" | "names";
  requestedAt: number;
  requestedBy: string;
  ownRequest: boolean;
  fromOfficeCode: string;
  fromOfficeName: string;
  person: Facts & { code: string };
  typed: Facts;
  cases: { code: string; status: string; registeredOn: string }[];
};

/** Accept or decline (with a reason) one link request. */
function DecideDialog({ request, action, onDone }: { request: IncomingPersonLinkView; action: "accept" | "decline"; onDone: (message: string) => void }) {
  const t = useTranslations("personLinks.queue");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const decide = useMutation(trpc.personLinks.decide.mutationOptions());
  const idp = `person-link-${request.id}-${action}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (action === "decline" && reason.trim() === "") {
      setMissing(true);
      return;
    }
    decide.mutate(action === "accept" ? { id: request.id, action } : { id: request.id, action, reason }, {
      onSuccess: () => {
        setOpen(false);
        onDone(action === "accept" ? t("accepted") : t("declinedDone"));
        router.refresh();
      },
    });
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          decide.reset();
          setMissing(false);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={`btn btn-small ${action === "decline" ? "btn-secondary" : ""}`}>
          {t(action)}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t(action === "accept" ? "acceptTitle" : "declineTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">
            {action === "accept" ? t("acceptHelp", { personCode: request.person.code }) : t("declineHelp")}
          </Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorAlert error={decide.error} showFieldMessage />
            {action === "decline" && (
              <Field id={`${idp}-reason`} label={t("reason")} error={missing ? "personLinks.validation.reasonRequired" : null}>
                {(aria) => (
                  <textarea
                    className="input"
                    maxLength={2000}
                    value={reason}
                    {...aria}
                    onChange={(e) => {
                      setReason(e.target.value);
                      setMissing(false);
                    }}
                  />
                )}
              </Field>
            )}
            <div className="form-actions">
              <button type="submit" className="btn" disabled={decide.isPending}>
                {decide.isPending ? tc("actions.saving") : t(action)}
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

/**
 * Requests of other offices to link their new case to a person of the supervisor's office (issue 11
 * item 2): what matched, the pseudonymous facts on both sides, the office's own cases of the
 * person, and the decision. No identity crosses before acceptance.
 */
export function IncomingPersonLinks({ requests }: { requests: IncomingPersonLinkView[] }) {
  const t = useTranslations("personLinks.queue");
  const tc = useTranslations("common");
  const tCases = useTranslations("cases");
  const format = useFormatter();
  const [done, setDone] = useState<string | null>(null);
  const facts = (f: Facts) =>
    t("facts", {
      sex: tc(`sex.${f.sex as "Feminine"}`),
      birthYear: f.birthYear === null ? t("unknown") : String(f.birthYear),
      citizenship: f.citizenship ? countryName(f.citizenship) : t("unknown"),
    });
  return (
    <section className="card" aria-labelledby="incoming-person-links-title" id="incoming-person-links" style={{ marginBlockStart: "1.5rem" }}>
      <h2 className="with-count">
        <span id="incoming-person-links-title">{t("title")}</span> <span className="badge">{requests.length}</span>
      </h2>
      <p className="small muted">{t("intro")}</p>
      {done && (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      )}
      {requests.length === 0 && <p className="muted">{t("empty")}</p>}
      <ul className="transfer-list">
        {requests.map((r) => (
          <li key={r.id} data-testid={`incoming-person-link-${r.id}`}>
            <p>
              <strong>
                {t("from", {
                  office: `${r.fromOfficeName} (${r.fromOfficeCode})`,
                  name: r.requestedBy,
                  time: format.dateTime(new Date(r.requestedAt), { dateStyle: "medium", timeStyle: "short" }),
                })}
              </strong>
            </p>
            <dl className="facts">
              <dt>{t("match")}</dt>
              <dd>{r.match === "strong" ? t("matchStrong") : t("matchNames")}</dd>
              <dt>{t("yourPerson")}</dt>
              <dd>
                <bdi className="code">{r.person.code}</bdi> · {facts(r.person)}
              </dd>
              <dt>{t("typed")}</dt>
              <dd>{facts(r.typed)}</dd>
              <dt>{t("yourCases")}</dt>
              <dd>
                {r.cases.map((c) => (
                  <span key={c.code}>
                    <bdi className="code">{c.code}</bdi> ({tCases(`status.${c.status as "Active"}`)}, {c.registeredOn}){" "}
                  </span>
                ))}
              </dd>
            </dl>
            {r.ownRequest ? (
              <p className="muted small">{t("ownRequest")}</p>
            ) : (
              <div className="row" style={{ gap: "0.5rem", marginTop: "0.5rem" }}>
                <DecideDialog request={r} action="accept" onDone={setDone} />
                <DecideDialog request={r} action="decline" onDone={setDone} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Dialog } from "radix-ui";
import { useVersion } from "@/components/providers/saved-versions";
import { useTRPC } from "@/components/providers/trpc";
import { versionKey } from "@/lib/saved-versions";
import { ErrorBanner } from "@/components/ui/error-banner";
import { countryName } from "@/lib/reference/countries";
import { TravelDialog } from "./travel-dialog";
import { firstFieldMessage } from "@/components/forms/server-errors";
import { describeError } from "@/lib/trpc-errors";
import type { Movement, ReturnData } from "./types";

const STATUS_BADGE = { planned: "badge-accent", travelled: "badge-success", cancelled: "", no_show: "badge-warning" } as const;

/** Return travel: each movement with its itinerary, checks and what still blocks it. */
export function TravelSection({ data, today }: { data: ReturnData; today: string }) {
  const t = useTranslations("return.travel");
  const active = data.travel.some((m) => m.status === "planned" || m.status === "no_show" || m.status === "travelled");
  const canPlan = data.permissions.travel && data.case.programme === "avrr" && !active && data.case.returnedOn === null;
  return (
    <section className="card" aria-labelledby="travel-title">
      <div className="row return-card-head">
        <h2 id="travel-title">{t("title")}</h2>
        {canPlan && <TravelDialog data={data} />}
      </div>
      {data.case.programme !== "avrr" && <p className="muted">{data.case.programme === "para" ? t("para") : t("notAvrr")}</p>}
      {data.case.programme === "avrr" && data.travel.length === 0 && (
        <p className="muted">{data.case.returnedOn ? t("returnedElsewhere", { date: data.case.returnedOn }) : t("none")}</p>
      )}
      <ol className="return-movements">
        {[...data.travel].reverse().map((m) => (
          <MovementItem key={m.id} data={data} movement={m} today={today} />
        ))}
      </ol>
    </section>
  );
}

function MovementItem({ data, movement: m, today }: { data: ReturnData; movement: Movement; today: string }) {
  const t = useTranslations("return.travel");
  const tc = useTranslations("common");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const setStatus = useMutation(trpc.returns.setTravelStatus.mutationOptions());
  const version = useVersion(versionKey.movement(m.id), m.version);
  const editable = data.permissions.travel && (m.status === "planned" || m.status === "no_show");
  const fieldMessage = firstFieldMessage(setStatus.error);
  const change = (status: "planned" | "cancelled" | "no_show") =>
    setStatus.mutate({ id: m.id, version, status }, { onSuccess: () => router.refresh() });
  return (
    <li className="return-movement" aria-labelledby={`movement-${m.id}`}>
      <div className="row return-card-head">
        <h3 id={`movement-${m.id}`}>
          {t("route", { from: countryName(m.fromCountry), to: countryName(m.toCountry) })}{" "}
          <span className={`badge ${STATUS_BADGE[m.status]}`}>{t(`statuses.${m.status}`)}</span>
        </h3>
        {editable && <TravelDialog data={data} movement={m} />}
      </div>
      <dl className="facts">
        <dt>{t("departureOn")}</dt>
        <dd>{m.departureOn}</dd>
        <dt>{m.status === "travelled" ? t("arrivedOn") : t("arrivalOn")}</dt>
        <dd>{m.arrivalOn ?? tc("notRecorded")}</dd>
        <dt>{t("fitToTravel")}</dt>
        <dd>{t(`fit.${m.fitToTravel}`)}</dd>
        <dt>{t("escortLabel")}</dt>
        <dd>{m.escort ? t("escorted") : t("notEscorted")}</dd>
        <dt>{t("documents")}</dt>
        <dd>{m.documents.length ? m.documents.map((d) => t(`documentTypes.${d}`)).join(", ") : tc("none")}</dd>
      </dl>
      {m.legs.length > 0 && (
        <div className="table-wrap return-legs">
          <table className="table">
            <caption className="visually-hidden">{t("legsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("legFrom")}</th>
                <th scope="col">{t("legTo")}</th>
                <th scope="col">{t("legDate")}</th>
                <th scope="col">{t("legCarrier")}</th>
              </tr>
            </thead>
            <tbody>
              {m.legs.map((l, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>{l.from}</td>
                  <td>
                    {l.to} {l.transit && <span className="badge">{t("transit")}</span>}
                  </td>
                  <td>{l.departOn}</td>
                  <td>{l.carrier ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {m.blockers.length > 0 && (
        <div className="alert alert-warning" role="status">
          <strong>{t("blockedTitle")}</strong>
          <ul>
            {m.blockers.map((b) => (
              <li key={b}>{tr(`return.blockers.${b}`)}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorBanner error={setStatus.error} />
      {fieldMessage && tr.has(fieldMessage) && <p className="error">{tr(fieldMessage)}</p>}
      {editable && (
        <div className="row no-print">
          {m.nextStates.includes("travelled") && <TravelledDialog movement={m} today={today} blocked={m.blockers.length > 0} />}
          {m.nextStates.includes("planned") && (
            <button type="button" className="btn btn-secondary" onClick={() => change("planned")} disabled={setStatus.isPending}>
              {t("replan")}
            </button>
          )}
          {m.nextStates.includes("no_show") && (
            <button type="button" className="btn btn-secondary" onClick={() => change("no_show")} disabled={setStatus.isPending}>
              {t("markNoShow")}
            </button>
          )}
          {m.nextStates.includes("cancelled") && (
            <button type="button" className="btn btn-secondary" onClick={() => change("cancelled")} disabled={setStatus.isPending}>
              {t("cancelTravel")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Marks travel as travelled with the arrival date: the case's return date, from which the
 * monitoring visits at 3, 6 and 12 months are scheduled. */
function TravelledDialog({ movement, today, blocked }: { movement: Movement; today: string; blocked: boolean }) {
  const t = useTranslations("return.travel");
  const tc = useTranslations("common");
  const tr = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [arrivalOn, setArrivalOn] = useState(movement.arrivalOn ?? movement.departureOn);
  const setStatus = useMutation(trpc.returns.setTravelStatus.mutationOptions());
  const version = useVersion(versionKey.movement(movement.id), movement.version);
  const { arrivalOn: arrivalMessage, status: statusMessage } = describeError(setStatus.error).fields;
  const fieldMessage = arrivalMessage ?? statusMessage;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setStatus.mutate(
      { id: movement.id, version, status: "travelled", arrivalOn },
      {
        onSuccess: () => {
          setOpen(false);
          router.refresh();
        },
      },
    );
  }
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setStatus.reset();
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="btn" disabled={blocked} aria-describedby={blocked ? `movement-${movement.id}` : undefined}>
          {t("markTravelled")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{t("travelledTitle")}</Dialog.Title>
          <Dialog.Description className="muted small">{t("travelledHelp")}</Dialog.Description>
          <form onSubmit={onSubmit} className="stack" noValidate>
            <ErrorBanner error={setStatus.error} />
            <div className="field">
              <label htmlFor={`arrival-${movement.id}`}>{t("arrivedOn")}</label>
              <input
                id={`arrival-${movement.id}`}
                className="input"
                type="date"
                min={movement.departureOn}
                max={today}
                value={arrivalOn}
                onChange={(e) => setArrivalOn(e.target.value)}
                aria-invalid={Boolean(fieldMessage)}
                aria-describedby={fieldMessage ? `arrival-${movement.id}-error` : undefined}
              />
              {fieldMessage && (
                <span className="error" id={`arrival-${movement.id}-error`}>
                  {tr.has(fieldMessage) ? tr(fieldMessage) : tr("validation.invalid")}
                </span>
              )}
            </div>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={setStatus.isPending || arrivalOn === ""}>
                {setStatus.isPending ? tc("actions.saving") : t("confirmTravelled")}
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

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useForm, type FieldErrors } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { Field } from "@/components/ui/field";
import { ZFindPersonByName, type TFindPersonByName } from "@/lib/schemas/person-search";

type Parsed = z.output<typeof ZFindPersonByName>;

function message(errors: FieldErrors<TFindPersonByName>, name: keyof TFindPersonByName): string | null {
  const m = errors[name]?.message;
  return typeof m === "string" ? m : null;
}

/**
 * Find a person of the user's offices by name (issue 15 item 2), on the case list. The names go to
 * the server in a POST body only (never the URL) and are matched through the blind index; the
 * answer holds person and case codes, offices and statuses, never a name. The form is cleared of
 * nothing: what was typed stays, so a search can be narrowed with a birth date.
 */
export function FindPersonByName({ today }: { today: string }) {
  const t = useTranslations("personSearch");
  const tCases = useTranslations("cases");
  const trpc = useTRPC();
  const search = useMutation(trpc.persons.findByName.mutationOptions());
  const { register, handleSubmit, formState } = useForm<TFindPersonByName, unknown, Parsed>({
    resolver: zodResolver(ZFindPersonByName),
    defaultValues: { familyName: "", givenName: "", birthDate: "" },
  });
  const errors = formState.errors;
  const onSubmit = handleSubmit((values) => search.mutate(values));
  const found = search.data?.persons;

  return (
    <details className="card no-print find-person">
      <summary>
        <h2 className="find-person-title">{t("title")}</h2>
      </summary>
      <p className="small muted" id="find-person-intro">
        {t("intro")}
      </p>
      <form onSubmit={onSubmit} noValidate role="search" aria-label={t("title")} aria-describedby="find-person-intro" className="find-person-form">
        <Field id="fp-family" label={t("familyName")} error={message(errors, "familyName")}>
          {(aria) => <input className="input" autoComplete="off" {...aria} {...register("familyName")} />}
        </Field>
        <Field id="fp-given" label={t("givenName")} error={message(errors, "givenName")}>
          {(aria) => <input className="input" autoComplete="off" {...aria} {...register("givenName")} />}
        </Field>
        <Field id="fp-birth" label={t("birthDate")} optional error={message(errors, "birthDate")}>
          {(aria) => <input className="input" type="date" max={today} {...aria} {...register("birthDate")} />}
        </Field>
        <div className="find-person-actions">
          <button type="submit" className="btn" disabled={search.isPending}>
            {t("submit")}
          </button>
        </div>
      </form>
      <ErrorBanner error={search.error} />
      <div aria-live="polite">
        {found && (
          <>
            <p className="find-person-count">{t("count", { count: found.length })}</p>
            {found.length > 0 && (
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t("resultsCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.person")}</th>
                      <th scope="col">{t("columns.match")}</th>
                      <th scope="col">{t("columns.registeredBy")}</th>
                      <th scope="col">{t("columns.cases")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {found.map((p) => (
                      <tr key={p.personCode}>
                        <td>
                          <bdi className="code">{p.personCode}</bdi>
                        </td>
                        <td>{t(`match.${p.match}`)}</td>
                        <td>
                          <bdi className="code">{p.registeredOfficeCode}</bdi> <span className="small muted">{p.registeredOfficeName}</span>
                        </td>
                        <td>
                          {p.cases.length === 0 ? (
                            <span className="muted">{t("noCases")}</span>
                          ) : (
                            <ul className="find-person-cases">
                              {p.cases.map((c) => (
                                <li key={c.code}>
                                  {c.readable ? (
                                    <Link className="code" href={`/cases/${c.code}`}>
                                      {c.code}
                                    </Link>
                                  ) : (
                                    <bdi className="code">{c.code}</bdi>
                                  )}{" "}
                                  <span className={`badge ${c.status === "Active" ? "badge-accent" : ""}`}>{tCases(`status.${c.status}`)}</span>{" "}
                                  <span className="small muted">
                                    <bdi>{c.officeCode}</bdi>
                                  </span>
                                  {!c.readable && <span className="small muted"> {t("notYours")}</span>}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </div>
    </details>
  );
}

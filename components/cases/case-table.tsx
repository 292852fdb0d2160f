"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorBanner } from "@/components/ui/error-banner";
import { countryName } from "@/lib/reference/countries";
import type { TCaseListQuery } from "@/lib/schemas/registry";

type SortKey = "code" | "personCode" | "status" | "registeredOn" | "ageBand" | "citizenship" | "officeCode" | "ownerName";

/** The case list: server-filtered and keyset-paginated ("Load more"); loaded rows sort by column. */
export function CaseTable({ query }: { query: Omit<TCaseListQuery, "cursor"> }) {
  const t = useTranslations("cases");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 } | null>(null);
  const list = useInfiniteQuery(
    trpc.cases.list.infiniteQueryOptions(query, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const rows = useMemo(() => {
    const all = list.data?.pages.flatMap((p) => p.rows) ?? [];
    if (!sort) return all;
    return [...all].sort((a, b) => String(a[sort.key] ?? "").localeCompare(String(b[sort.key] ?? "")) * sort.dir);
  }, [list.data, sort]);

  if (list.error) return <ErrorBanner error={list.error} />;
  if (list.data?.pages[0]?.invalidSearch) {
    return (
      <div className="alert alert-warning" role="alert">
        {t("list.invalidSearch")}
      </div>
    );
  }

  const header = (key: SortKey, label: string) => {
    const active = sort?.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : "none"}>
        <button type="button" onClick={() => setSort(active && sort.dir === 1 ? { key, dir: -1 } : { key, dir: 1 })}>
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 1 ? "▲" : "▼") : "↕"}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("list.title")}</caption>
          <thead>
            <tr>
              {header("code", t("list.columns.code"))}
              {header("personCode", t("list.columns.person"))}
              {header("status", t("list.columns.status"))}
              <th scope="col">{t("list.columns.programme")}</th>
              <th scope="col">{t("list.columns.categories")}</th>
              <th scope="col">{t("list.columns.sex")}</th>
              {header("ageBand", t("list.columns.ageBand"))}
              {header("citizenship", t("list.columns.citizenship"))}
              {header("registeredOn", t("list.columns.registeredOn"))}
              {header("officeCode", t("list.columns.office"))}
              {header("ownerName", t("list.columns.owner"))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <td>
                  <Link className="code" href={`/cases/${row.code}`}>
                    {row.code}
                  </Link>
                </td>
                <td className="code">{row.personCode}</td>
                <td>
                  <span className={`badge ${row.status === "Active" ? "badge-accent" : ""}`}>{t(`status.${row.status}`)}</span>
                </td>
                <td>{row.programme ? t(`programme.short.${row.programme}`) : <span className="muted">—</span>}</td>
                <td>
                  {row.catVictim && <span className="badge badge-danger">{t("category.victim")}</span>}{" "}
                  {row.catUnaccompaniedChild && <span className="badge badge-warning">{t("category.unaccompanied_child")}</span>}{" "}
                  {row.catHealth && <span className="badge">{t("category.health")}</span>}
                </td>
                <td>{tc(`sex.${row.sex as "Feminine"}`)}</td>
                <td>{row.ageBand === "unknown" ? tc("unknown") : row.ageBand}</td>
                <td>{row.citizenship ? countryName(row.citizenship) : <span className="muted">—</span>}</td>
                <td>{row.registeredOn}</td>
                <td>{row.officeCode}</td>
                <td>{row.ownerName}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.isPending && <p className="empty">{tc("actions.loading")}</p>}
        {!list.isPending && rows.length === 0 && <p className="empty">{t("list.empty")}</p>}
      </div>
      <div className="row">
        <span className="muted small" aria-live="polite">
          {t("list.count", { count: rows.length })}
        </span>
        {list.hasNextPage && (
          <button type="button" className="btn btn-secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? tc("actions.loading") : tc("actions.loadMore")}
          </button>
        )}
      </div>
    </div>
  );
}

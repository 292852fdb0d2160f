"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "../error-alert";
import { AuditFilters, type AuditFilterValues } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { ExportAuditForm } from "./export-audit-form";
import { VerifyChainButton } from "./verify-chain-button";

/** The audit page: filters, 50 events at a time (keyset "load more"), chain verification, and the
 * export of the filtered events. */
export function AuditView({ canVerify, canExport, showIp }: { canVerify: boolean; canExport: boolean; showIp: boolean }) {
  const t = useTranslations("audit");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const list = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const actors = useQuery(trpc.users.list.queryOptions({ sort: "name", direction: "asc" }));
  const offices = useQuery(trpc.offices.list.queryOptions({}));
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <div className="stack">
      {canVerify && <VerifyChainButton />}
      <AuditFilters
        values={filters}
        actors={actors.data?.rows ?? []}
        offices={offices.data ?? []}
        onApply={setFilters}
      />
      {canExport && <ExportAuditForm filters={filters} />}
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <p className="empty">{tc("actions.loading")}</p>
      ) : rows.length === 0 ? (
        <p className="empty card">{t("empty")}</p>
      ) : (
        <AuditTable rows={rows} showIp={showIp} />
      )}
      <div className="row">
        <span className="muted small" aria-live="polite">
          {list.isPending ? null : t("count", { count: rows.length })}
        </span>
        {list.hasNextPage && (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? tc("actions.loading") : tc("actions.loadMore")}
          </button>
        )}
      </div>
    </div>
  );
}

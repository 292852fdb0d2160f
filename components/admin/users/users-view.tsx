"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorAlert } from "../error-alert";
import { UserFilters, type UserFilterValues } from "./user-filters";
import { UserTable, type SortState } from "./user-table";
import { UserFormDialog } from "./user-form-dialog";

/** The users page: filters, the table, the create dialog and a polite status line for results. */
export function UsersView({ viewerId, canManage }: { viewerId: number; canManage: boolean }) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const [filters, setFilters] = useState<UserFilterValues>({});
  const [sort, setSort] = useState<SortState>({ sort: "name", direction: "asc" });
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const list = useQuery(trpc.users.list.queryOptions({ ...filters, ...sort }));
  const officeList = useQuery(trpc.offices.list.queryOptions({}));
  const offices = officeList.data ?? [];

  const onDone = (message: string) => {
    setActionError(null);
    setNotice(message);
  };
  const onError = (error: unknown) => {
    setNotice(null);
    setActionError(error);
  };

  return (
    <div className="stack">
      <div className="row admin-toolbar">
        {canManage && <UserFormDialog offices={offices} onDone={onDone} />}
        <p className="admin-notice" role="status" aria-live="polite">
          {notice}
        </p>
      </div>
      <ErrorAlert error={actionError} showFieldMessage />
      <UserFilters values={filters} offices={offices} onApply={setFilters} />
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <p className="empty">{tc("actions.loading")}</p>
      ) : list.data && list.data.rows.length === 0 ? (
        <p className="empty card">{t("empty")}</p>
      ) : list.data ? (
        <>
          <UserTable
            rows={list.data.rows}
            sort={sort}
            onSort={setSort}
            viewerId={viewerId}
            canManage={canManage}
            offices={offices}
            onDone={onDone}
            onError={onError}
          />
          <p className="muted small">{t("count", { count: list.data.rows.length })}</p>
          {list.data.truncated && (
            <div className="alert alert-warning" role="status">
              {t("truncated")}
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}

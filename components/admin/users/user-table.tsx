"use client";

import { useTranslations } from "next-intl";
import { regionName, REGION_IDS } from "@/lib/reference/countries";
import type { UserSort } from "@/lib/schemas/admin";
import { formatUtc } from "../format";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { ResetSecondFactorDialog } from "./reset-second-factor-dialog";
import { SetActiveDialog } from "./set-active-dialog";
import type { OfficeChoice, UserRow } from "../types";
import { UnlockButton } from "./unlock-button";
import { UserFormDialog } from "./user-form-dialog";

export type SortState = { sort: UserSort; direction: "asc" | "desc" };

function scopeText(user: UserRow, allRegions: string, pending: string): string {
  // A membership not yet confirmed by a supervisor of the office gives no case access (decision 0020).
  if (user.role === "caseworker" || user.role === "supervisor") {
    return user.offices.map((o) => (o.confirmed ? o.code : `${o.code} (${pending})`)).join(", ");
  }
  if (user.role === "data_officer") {
    const region = REGION_IDS.find((r) => r === user.regionScope);
    return region ? regionName(region) : allRegions;
  }
  return "—";
}

/** The user table. Columns sort on the server; management actions only for administrators. */
export function UserTable({
  rows,
  sort,
  onSort,
  viewerId,
  canManage,
  offices,
  onDone,
  onError,
}: {
  rows: UserRow[];
  sort: SortState;
  onSort: (sort: SortState) => void;
  viewerId: number;
  canManage: boolean;
  offices: OfficeChoice[];
  onDone: (message: string) => void;
  onError: (error: unknown) => void;
}) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("common");
  const tm = useTranslations("mfa");
  const ta = useTranslations("access");

  const header = (key: UserSort, label: string) => {
    const active = sort.sort === key;
    return (
      <th scope="col" aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}>
        <button
          type="button"
          onClick={() => onSort({ sort: key, direction: active && sort.direction === "asc" ? "desc" : "asc" })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t("title")}</caption>
        <thead>
          <tr>
            {header("name", t("columns.name"))}
            {header("email", t("columns.email"))}
            {header("role", t("columns.role"))}
            <th scope="col">{t("columns.offices")}</th>
            <th scope="col">{t("columns.status")}</th>
            {header("lastLogin", t("columns.lastLogin"))}
            {header("created", t("columns.created"))}
            {canManage && <th scope="col">{t("columns.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((user) => {
            const isSelf = user.id === viewerId;
            return (
              <tr key={user.id} className={user.active ? undefined : "admin-row-inactive"}>
                <td>
                  {user.name}
                  {isSelf && <span className="muted small"> ({t("self")})</span>}
                </td>
                <td>{user.email}</td>
                <td>{tc(`roles.${user.role}`)}</td>
                <td>{scopeText(user, t("allRegions"), ta("pendingBadge"))}</td>
                <td>
                  <div className="admin-badges">
                    <span className={`badge ${user.active ? "badge-success" : ""}`}>
                      {user.active ? t("status.active") : t("status.inactive")}
                    </span>
                    {user.locked && user.lockedUntil !== null && (
                      <span className="badge badge-danger">{t("status.locked", { time: formatUtc(user.lockedUntil) })}</span>
                    )}
                    {!user.secondFactor && <span className="badge badge-warning">{tm("status.none")}</span>}
                    {!user.locked && user.failedLogins > 0 && (
                      <span className="badge badge-warning">{t("status.failedLogins", { count: user.failedLogins })}</span>
                    )}
                  </div>
                </td>
                <td>{user.lastLoginAt ? formatUtc(user.lastLoginAt) : <span className="muted">{t("never")}</span>}</td>
                <td>{formatUtc(user.createdAt)}</td>
                {canManage && (
                  <td>
                    <div className="admin-actions" role="group" aria-label={t("actionsFor", { name: user.name })}>
                      <UserFormDialog user={user} offices={offices} isSelf={isSelf} onDone={onDone} />
                      {!isSelf && <ResetPasswordDialog user={user} onDone={onDone} />}
                      {!isSelf && user.secondFactor && <ResetSecondFactorDialog user={user} onDone={onDone} />}
                      {(user.locked || user.failedLogins > 0) && (
                        <UnlockButton user={user} onDone={onDone} onError={onError} />
                      )}
                      {!isSelf && <SetActiveDialog user={user} onDone={onDone} />}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

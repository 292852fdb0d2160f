import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { countryName } from "@/lib/reference/countries";
import { caseListParams, DEFAULT_DIRECTION, type CaseListSort, type TCaseListQueryParsed } from "@/lib/schemas/case-list";
import type { CaseListPage } from "./case-list-types";

/** The categories the list shows, each as a short badge (the full name on hover and for screen readers). */
const CATEGORY_BADGES = [
  { key: "victim", flag: "catVictim", tone: "badge-danger" },
  { key: "unaccompanied_child", flag: "catUnaccompaniedChild", tone: "badge-warning" },
  { key: "health", flag: "catHealth", tone: "" },
] as const;

/** The href of the case list with `change` applied to the current query. */
function hrefWith(query: TCaseListQueryParsed, change: Partial<TCaseListQueryParsed>): string {
  const params = caseListParams({ ...query, ...change });
  const qs = params.toString();
  return qs ? `/cases?${qs}` : "/cases";
}

/**
 * The case list (issue 15, item 3): one page of the whole list as the server sorted and filtered it.
 * Rendered on the server from the URL's query: column headers and page links are plain links, so
 * the sort shown is the sort applied, and a reload or a shared link shows the same page.
 */
export async function CaseTable({ data, query, showOffice }: { data: CaseListPage; query: TCaseListQueryParsed; showOffice: boolean }) {
  const t = await getTranslations("cases");
  const tl = await getTranslations("caseList");
  const tc = await getTranslations("common");
  const applied = { ...query, sort: data.sort, dir: data.dir };

  if (data.invalidSearch) {
    return (
      <div className="alert alert-warning" role="alert">
        {t("list.invalidSearch")}
      </div>
    );
  }

  /** A sortable header: a link that applies the sort (the other direction when it is already applied). */
  const header = (key: CaseListSort, label: string) => {
    const active = data.sort === key;
    const dir = active ? (data.dir === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[key];
    return (
      <th scope="col" aria-sort={active ? (data.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link className="sort-link" href={hrefWith(applied, { sort: key, dir, page: 1 })}>
          {label}
          <span className="visually-hidden"> {tl(active ? `sortedBy.${data.dir}` : "sortBy")}</span>
          <span aria-hidden="true" className="sort-mark">
            {active ? (data.dir === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </Link>
      </th>
    );
  };

  const first = data.total === 0 ? 0 : (data.page - 1) * data.limit + 1;
  const last = Math.min(data.total, data.page * data.limit);
  const pages = pageNumbers(data.page, data.pageCount);

  return (
    <div className="stack case-list">
      <p className="small muted case-list-summary" aria-live="polite" data-testid="case-list-summary">
        {tl("summary", { first, last, total: data.total, sort: tl(`sorts.${data.sort}`), dir: tl(`directions.${data.sort === "registered" || data.sort === "next_due" ? "date" : "text"}.${data.dir}`) })}
      </p>
      <div className="table-wrap">
        <table className="table table-compact" data-testid="case-list">
          <caption className="visually-hidden">{t("list.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("list.columns.code")}</th>
              <th scope="col">{t("list.columns.person")}</th>
              {header("status", t("list.columns.status"))}
              {header("programme", t("list.columns.programme"))}
              <th scope="col">{t("list.columns.categories")}</th>
              <th scope="col">{tl("columns.sexAge")}</th>
              <th scope="col">{t("list.columns.citizenship")}</th>
              {header("registered", t("list.columns.registeredOn"))}
              {header("next_due", tl("columns.nextDue"))}
              {showOffice && <th scope="col">{t("list.columns.office")}</th>}
              {header("owner", t("list.columns.owner"))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.code}>
                <td>
                  <Link className="code" href={`/cases/${row.code}`}>
                    {row.code}
                  </Link>
                </td>
                <td className="code">{row.personCode}</td>
                <td className="case-list-status">
                  <span className={`badge ${row.status === "Active" ? "badge-accent" : ""}`}>{t(`status.${row.status}`)}</span>
                </td>
                <td>{row.programme ? <Clipped text={t(`programme.short.${row.programme}`)} size="s" /> : <span className="muted">—</span>}</td>
                <td className="case-list-categories">
                  {CATEGORY_BADGES.filter((c) => row[c.flag]).map((c) => (
                    <span key={c.key} className={`badge ${c.tone}`} title={t(`category.${c.key}`)}>
                      <span aria-hidden="true">{tl(`categoryShort.${c.key}`)}</span>
                      <span className="visually-hidden">{t(`category.${c.key}`)}</span>
                    </span>
                  ))}
                </td>
                <td className="nowrap">
                  {tc(`sex.${row.sex as "Feminine"}`)}, {row.ageBand === "unknown" ? tc("unknown") : row.ageBand}
                </td>
                <td>{row.citizenship ? <Clipped text={countryName(row.citizenship)} size="m" /> : <span className="muted">—</span>}</td>
                <td className="nowrap">{row.registeredOn}</td>
                <td className="nowrap">{row.nextDueOn ?? <span className="muted">—</span>}</td>
                {showOffice && <td className="nowrap">{row.officeCode}</td>}
                <td>
                  <Clipped text={row.ownerName} size="m" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.rows.length === 0 && <p className="empty">{data.total === 0 ? t("list.empty") : tl("pastLastPage")}</p>}
      </div>
      {(data.pageCount > 1 || (data.rows.length === 0 && data.total > 0)) && (
        <nav className="pagination no-print" aria-label={tl("pages")}>
          {data.page > 1 ? (
            <Link className="btn btn-secondary btn-small" href={hrefWith(applied, { page: data.page - 1 })} rel="prev">
              {tl("previous")}
            </Link>
          ) : null}
          <ol className="pagination-pages">
            {pages.map((p, i) =>
              p === null ? (
                <li key={`gap-${i}`} aria-hidden="true">
                  …
                </li>
              ) : (
                <li key={p}>
                  <Link
                    className={`btn btn-small ${p === data.page ? "" : "btn-ghost"}`}
                    href={hrefWith(applied, { page: p })}
                    aria-current={p === data.page ? "page" : undefined}
                    aria-label={tl("pageN", { page: p, count: data.pageCount })}
                  >
                    {p}
                  </Link>
                </li>
              ),
            )}
          </ol>
          {data.page < data.pageCount ? (
            <Link className="btn btn-secondary btn-small" href={hrefWith(applied, { page: data.page + 1 })} rel="next">
              {tl("next")}
            </Link>
          ) : null}
        </nav>
      )}
    </div>
  );
}

/** A value kept to one line so that every column fits at 1366 px; the whole text on hover and for screen readers. */
function Clipped({ text, size }: { text: string; size: "s" | "m" }) {
  return (
    <span className={`clipped clipped-${size}`} title={text}>
      {text}
    </span>
  );
}

/** The page numbers to offer: the first, the last, and two either side of the current (null: a gap). */
function pageNumbers(current: number, count: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= count; p++) {
    if (p === 1 || p === count || Math.abs(p - current) <= 2) out.push(p);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}

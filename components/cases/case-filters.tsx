import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CASE_LIST_SORTS, SORT_DIRECTIONS, type TCaseListQueryParsed } from "@/lib/schemas/case-list";
import { CASE_STATUS_VALUES, CATEGORY_VALUES, PROGRAMME_VALUES } from "@/lib/schemas/registry";

/** Filters and sort as a plain GET form: works without JavaScript, and the URL holds only codes and
 * filter values, never identity. Applying them starts again at the first page. `values` is the
 * query the server applied, so the form shows exactly that. */
export async function CaseFilters({ values, owners }: { values: TCaseListQueryParsed & { dir: "asc" | "desc" }; owners: { id: number; name: string }[] }) {
  const t = await getTranslations("cases");
  const tl = await getTranslations("caseList");
  const tc = await getTranslations("common");
  return (
    <form method="get" action="/cases" className="card row no-print case-filters" role="search" aria-label={t("list.title")}>
      <div className="field">
        <label htmlFor="f-search">{t("list.search")}</label>
        <input className="input code" id="f-search" name="search" defaultValue={values.search ?? ""} placeholder={t("list.searchHint")} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="f-status">{t("list.status")}</label>
        <select className="input" id="f-status" name="status" defaultValue={values.status ?? ""}>
          <option value="">{tc("all")}</option>
          {CASE_STATUS_VALUES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-programme">{t("list.programme")}</label>
        <select className="input" id="f-programme" name="programme" defaultValue={values.programme ?? ""}>
          <option value="">{tc("all")}</option>
          {PROGRAMME_VALUES.map((p) => (
            <option key={p} value={p}>
              {t(`programme.short.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-category">{t("list.category")}</label>
        <select className="input" id="f-category" name="category" defaultValue={values.category ?? ""}>
          <option value="">{tc("all")}</option>
          {CATEGORY_VALUES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-owner">{tl("owner")}</label>
        <select className="input" id="f-owner" name="ownerId" defaultValue={values.ownerId ? String(values.ownerId) : ""}>
          <option value="">{tc("all")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-sort">{tl("sort")}</label>
        <select className="input" id="f-sort" name="sort" defaultValue={values.sort}>
          {CASE_LIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {tl(`sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-dir">{tl("direction")}</label>
        <select className="input" id="f-dir" name="dir" defaultValue={values.dir}>
          {SORT_DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {tl(`directionOptions.${d}`)}
            </option>
          ))}
        </select>
      </div>
      {values.officeId && <input type="hidden" name="officeId" value={values.officeId} />}
      <div className="form-actions" style={{ marginTop: 0 }}>
        <button className="btn" type="submit">
          {tc("actions.apply")}
        </button>
        <Link className="btn btn-secondary" href="/cases">
          {tc("actions.reset")}
        </Link>
      </div>
    </form>
  );
}

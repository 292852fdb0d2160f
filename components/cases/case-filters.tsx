import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CASE_STATUS_VALUES, CATEGORY_VALUES, PROGRAMME_VALUES } from "@/lib/schemas/registry";

export type CaseFilterValues = {
  search?: string;
  status?: string;
  programme?: string;
  category?: string;
  sort?: string;
};

/** Filters as a plain GET form: works without JavaScript, and the URL holds only codes and
 * filter values, never identity. */
export async function CaseFilters({ values }: { values: CaseFilterValues }) {
  const t = await getTranslations("cases");
  const tc = await getTranslations("common");
  return (
    <form method="get" className="card row no-print" role="search" aria-label={t("list.title")}>
      <div className="field">
        <label htmlFor="f-search">{t("list.search")}</label>
        <input className="input code" id="f-search" name="search" defaultValue={values.search} placeholder={t("list.searchHint")} autoComplete="off" />
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
        <label htmlFor="f-sort">{t("list.sort")}</label>
        <select className="input" id="f-sort" name="sort" defaultValue={values.sort ?? "newest"}>
          <option value="newest">{t("list.newest")}</option>
          <option value="oldest">{t("list.oldest")}</option>
        </select>
      </div>
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

import { StatsBarChart, type ChartDatum } from "@/components/charts/bar-chart";
import { StatsPieChart } from "@/components/charts/pie-chart";
import {
  indicatorById,
  NOT_RECORDED,
  topRows,
  type IndicatorResult,
  type IndicatorRow,
} from "@/lib/stats/indicators";
import { indicatorNoteKey, indicatorTitleKey, valueLabel } from "@/lib/stats/labels";
import { statisticsLookup } from "./labels";

const pct = (n: number, total: number) => (total > 0 ? `${((100 * n) / total).toFixed(1)}%` : "–");

/**
 * One indicator as the review shows it: a heading, a chart (visual only) and the table with the
 * same figures, its total, and notes on the unit and on multi-valued counting. Country breakdowns
 * show the top N and one "other" row, so the rows still sum to the total.
 */
export async function IndicatorBlock({
  result,
  headingLevel = 3,
  chart = true,
  idPrefix,
}: {
  result: IndicatorResult;
  headingLevel?: 3 | 4;
  chart?: boolean;
  idPrefix: string;
}) {
  const { t, lookup } = await statisticsLookup();
  const definition = indicatorById(result.id)!;
  const dimension = definition.dimensions[0]!;
  const title = lookup(indicatorTitleKey(result.id)) ?? result.id;
  const note = lookup(indicatorNoteKey(result.id));
  const headingId = `${idPrefix}-${result.id.replace(/\./g, "-")}`;
  const Heading = headingLevel === 3 ? "h3" : "h4";

  let rows: IndicatorRow[] = result.rows;
  let other: { count: number; values: number } | null = null;
  if (definition.top) {
    const top = topRows(result, definition.top);
    rows = top.rows;
    if (top.otherValues > 0) other = { count: top.otherCount, values: top.otherValues };
  }
  const label = (r: IndicatorRow) => valueLabel(dimension, r[dimension]!, lookup);
  /** Charts prefer the catalogue's short label, when it has one. */
  const chartLabelOf = (r: IndicatorRow) => lookup(`values.short.${dimension}.${r[dimension]}`) ?? label(r);
  const chartData: ChartDatum[] = rows
    .filter((r) => r.count > 0 || r[dimension] !== NOT_RECORDED)
    .map((r) => ({ label: chartLabelOf(r), value: r.count, muted: r[dimension] === NOT_RECORDED }));
  if (other) chartData.splice(chartData.length - (rows.at(-1)?.[dimension] === NOT_RECORDED ? 1 : 0), 0, {
    label: t("table.otherValues", { n: other.values }),
    value: other.count,
    muted: true,
  });
  const chartLabel = t("table.chartAlt", { title });
  const showChart = chart && definition.chart !== "none" && result.total > 0;

  return (
    <section className="stat-block" aria-labelledby={headingId} data-indicator={result.id}>
      <Heading id={headingId}>{title}</Heading>
      <p className="small muted stat-unit">
        <code>{result.id}</code> · {t(`units.${result.unit}`)}
      </p>
      {showChart &&
        (definition.chart === "pie" ? (
          <StatsPieChart data={chartData} label={chartLabel} />
        ) : (
          <StatsBarChart data={chartData} label={chartLabel} orientation={definition.chart === "column" ? "vertical" : "horizontal"} />
        ))}
      <div className="table-wrap">
        <table className="table stat-table">
          <thead>
            <tr>
              <th scope="col">{t(`dimensions.${dimension}`)}</th>
              <th scope="col" className="num">
                {t("table.count")}
              </th>
              <th scope="col" className="num">
                {t("table.share")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((r) => r[dimension] !== NOT_RECORDED)
              .map((r) => (
                <tr key={String(r[dimension])}>
                  <th scope="row">{label(r)}</th>
                  <td className="num">{r.count.toLocaleString("en")}</td>
                  <td className="num">{pct(r.count, result.total)}</td>
                </tr>
              ))}
            {other && (
              <tr className="muted">
                <th scope="row">{t("table.otherValues", { n: other.values })}</th>
                <td className="num">{other.count.toLocaleString("en")}</td>
                <td className="num">{pct(other.count, result.total)}</td>
              </tr>
            )}
            {rows
              .filter((r) => r[dimension] === NOT_RECORDED)
              .map((r) => (
                <tr key={NOT_RECORDED} className="muted">
                  <th scope="row">{label(r)}</th>
                  <td className="num">{r.count.toLocaleString("en")}</td>
                  <td className="num">{pct(r.count, result.total)}</td>
                </tr>
              ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("table.total")}</th>
              <td className="num">{result.total.toLocaleString("en")}</td>
              <td className="num">{result.total > 0 && !result.multiValued ? "100%" : ""}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {note && <p className="small muted">{note}</p>}
      {result.multiValued && <p className="small muted">{t("table.multiNote")}</p>}
    </section>
  );
}

/** An annex table: countries by year with row and column totals. */
export async function AnnexTable({ result, years: allYears, idPrefix }: { result: IndicatorResult; years: number[]; idPrefix: string }) {
  // Leading years without any case are left out (the period starts with the first year with data).
  const first = Math.min(...result.rows.map((r) => Number(r[result.dimensions[1]!])));
  const years = Number.isFinite(first) ? allYears.filter((y) => y >= first) : allYears;
  const { t, lookup } = await statisticsLookup();
  const [d0, d1] = result.dimensions as [string, string];
  const title = lookup(indicatorTitleKey(result.id)) ?? result.id;
  const headingId = `${idPrefix}-${result.id.replace(/\./g, "-")}`;
  const matrix = new Map<string, Map<number, number>>();
  for (const r of result.rows) {
    const row = matrix.get(String(r[d0])) ?? new Map<number, number>();
    row.set(Number(r[d1]), r.count);
    matrix.set(String(r[d0]), row);
  }
  const colTotals = years.map((y) => [...matrix.values()].reduce((s, row) => s + (row.get(y) ?? 0), 0));
  return (
    <section className="stat-block stat-annex" aria-labelledby={headingId} data-indicator={result.id}>
      <h3 id={headingId}>{title}</h3>
      <p className="small muted stat-unit">
        <code>{result.id}</code> · {t(`units.${result.unit}`)} · {t("review.annexNote", { from: years[0] ?? "", to: years.at(-1) ?? "" })}
      </p>
      <div className="table-wrap">
        <table className="table stat-table stat-table-wide">
          <thead>
            <tr>
              <th scope="col">{t(`dimensions.${d0}`)}</th>
              {years.map((y) => (
                <th key={y} scope="col" className="num">
                  {y}
                </th>
              ))}
              <th scope="col" className="num">
                {t("table.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...matrix.entries()].map(([key, row]) => (
              <tr key={key}>
                <th scope="row">{valueLabel(d0, key, lookup)}</th>
                {years.map((y) => (
                  <td key={y} className="num">
                    {row.get(y) ? row.get(y)!.toLocaleString("en") : ""}
                  </td>
                ))}
                <td className="num">{[...row.values()].reduce((s, n) => s + n, 0).toLocaleString("en")}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("table.total")}</th>
              {colTotals.map((n, i) => (
                <td key={years[i]} className="num">
                  {n.toLocaleString("en")}
                </td>
              ))}
              <td className="num">{result.total.toLocaleString("en")}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import messages from "@/lib/i18n/messages/en/statistics.json";
import { ZStatsFilters, MIN_K, type TStatsFilters } from "@/lib/stats/filters";
import { INDICATORS, type IndicatorId, type IndicatorResult } from "@/lib/stats/indicators";
import { indicatorTitleKey, lookupIn, valueLabel } from "@/lib/stats/labels";
import { recordAudit } from "@/server/audit/record";
import { computeAll } from "./compute";
import { protectResults, ruleText, type ProtectedTable } from "./export";
import { assertFiltersInScope } from "./scope";

/**
 * `npm run passage -- stats --year YYYY [--region R] [--office CODE] [--json] [--export k]`:
 * every indicator, from the same code as the pages, over all offices. Exact counts (an operator's
 * tool), unless --export k applies the export rule (suppression with threshold k and the audit).
 * Every run is an audit event ("stats.cli").
 */
export type StatsCliOptions = { year?: string; from?: string; to?: string; region?: string; office?: string; json?: boolean; export?: string };

type JsonRow = Record<string, string | number>;
type JsonIndicator = { unit: string; rows: JsonRow[]; total: number | string };

function exactJson(result: IndicatorResult): JsonIndicator {
  return { unit: result.unit, rows: result.rows.map((r) => ({ ...r })), total: result.total };
}

/** A protected table back into rows: every cell (zeros too, so an absent row reveals nothing). */
function protectedJson(pt: ProtectedTable): JsonIndicator {
  const [d0, d1] = pt.definition.dimensions as [string, string | undefined];
  const rows: JsonRow[] = [];
  pt.rowKeys.forEach((key, r) => {
    if (!d1) rows.push({ [d0]: key, count: pt.published[r]![0]! });
    else pt.colKeys.forEach((col, c) => rows.push({ [d0]: key, [d1]: Number(col), count: pt.published[r]![c]! }));
  });
  const totalRow = pt.published[pt.rowKeys.length]!;
  return { unit: pt.definition.unit, rows, total: totalRow[totalRow.length - 1]! };
}

export class StatsCliUsage extends Error {}

export function parseStatsFilters(options: StatsCliOptions): TStatsFilters {
  const from = options.from ?? options.year;
  const to = options.to ?? options.year ?? options.from;
  if (!from) throw new StatsCliUsage("stats needs --year YYYY (or --from YYYY --to YYYY)");
  const parsed = ZStatsFilters.safeParse({ yearFrom: from, yearTo: to, region: options.region, officeCode: options.office });
  if (!parsed.success) throw new StatsCliUsage(`invalid filters: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export async function runStatsCli(db: Db, options: StatsCliOptions, write: (text: string) => void): Promise<void> {
  const filters = parseStatsFilters(options);
  let k: number | null = null;
  if (options.export !== undefined) {
    k = Number(options.export);
    if (!Number.isInteger(k) || k < MIN_K) throw new StatsCliUsage(`--export needs a whole number k of at least ${MIN_K}`);
  }
  try {
    assertFiltersInScope(db, { kind: "all" }, filters);
  } catch {
    throw new StatsCliUsage(`unknown office code ${filters.officeCode}`);
  }
  const results = computeAll(db, filters, { kind: "all" });
  writeTransaction(db, (tx) =>
    recordAudit(tx, {
      action: "stats.cli",
      entityType: "statistics",
      details: { yearFrom: filters.yearFrom, yearTo: filters.yearTo, region: filters.region ?? null, office: filters.officeCode ?? null, export: k },
    }),
  );

  const indicators: Record<string, JsonIndicator> = {};
  if (k === null) {
    for (const id of Object.keys(results) as IndicatorId[]) indicators[id] = exactJson(results[id]);
  } else {
    for (const pt of await protectResults(results, filters, { mode: "suppress", k })) indicators[pt.definition.id] = protectedJson(pt);
  }

  if (options.json) {
    const out = k === null ? { indicators } : { rule: ruleText({ mode: "suppress", k }), indicators };
    write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lookup = lookupIn(messages);
  const period = filters.yearFrom === filters.yearTo ? `${filters.yearFrom}` : `${filters.yearFrom}-${filters.yearTo}`;
  write(`Passage statistics ${period}${filters.region ? `, region ${filters.region}` : ""}${filters.officeCode ? `, office ${filters.officeCode}` : ""}\n`);
  if (k !== null) write(`${ruleText({ mode: "suppress", k })}\n`);
  for (const definition of INDICATORS) {
    const ind = indicators[definition.id]!;
    write(`\n${definition.id}: ${lookup(indicatorTitleKey(definition.id)) ?? ""} (${definition.unit})\n`);
    for (const row of ind.rows) {
      const label = definition.dimensions.map((d) => valueLabel(d, row[d]!, lookup)).join(" / ");
      write(`  ${label.padEnd(48)} ${String(row.count).padStart(8)}\n`);
    }
    write(`  ${"Total".padEnd(48)} ${String(ind.total).padStart(8)}\n`);
  }
}

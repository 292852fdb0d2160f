import "server-only";
import { writeTransaction, type Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import messages from "@/lib/i18n/messages/en/statistics.json";
import { extend, roundTable, SUPPRESSED, type Table } from "@/lib/stats/disclosure";
import type { TAggregateExport, TStatsFilters } from "@/lib/stats/filters";
import {
  indicatorById,
  type IndicatorDefinition,
  type IndicatorId,
  type IndicatorResult,
} from "@/lib/stats/indicators";
import { indicatorNoteKey, indicatorTitleKey, lookupIn, valueLabel } from "@/lib/stats/labels";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { computeAll } from "./compute";
import { MIME, toCsv, toXlsx, type Cell, type Sheet } from "./files";
import { DisclosureRefused, protectTable } from "./lp-audit";
import { assertFiltersInScope, statsScopeFor, type StatsScope } from "./scope";
import { yearRange } from "./sql";

const lookup = lookupIn(messages);
const t = (key: string) => lookup(key) ?? key;

export type Rule = { mode: "suppress"; k: number } | { mode: "round"; base: number } | { mode: "none" };

export function ruleText(rule: Rule): string {
  switch (rule.mode) {
    case "suppress":
      return (
        `Disclosure control: counts from 1 to ${rule.k - 1} are suppressed (shown as "${SUPPRESSED}"), together with further ` +
        `cells (complementary suppression) so that no suppressed value can be recomputed from row, column or grand totals. ` +
        `Audit: for every suppressed value the range of values consistent with all published figures was computed by ` +
        `linear programming (GLPK); every range is at least ${rule.k} wide.`
      );
    case "round":
      return (
        `Disclosure control: every cell and every total is rounded to the nearest multiple of ${rule.base}. ` +
        `Totals are rounded independently and may differ from the sum of the rounded cells.`
      );
    case "none":
      return "No disclosure control: exact counts, for internal use only.";
  }
}

export function describeFilters(filters: TStatsFilters): string {
  const period = filters.yearFrom === filters.yearTo ? String(filters.yearFrom) : `${filters.yearFrom}-${filters.yearTo}`;
  return `Registration year ${period}; region: ${filters.region ?? "all"}; office: ${filters.officeCode ?? "all"}`;
}

/** An indicator result as a table: 1-D results are one column; 2-D results (country x year) a matrix. */
export type LabelledTable = {
  table: Table;
  definition: IndicatorDefinition;
  rowHeader: string;
  colHeaders: string[];
  /** The raw values behind the row and column labels (codes, years). */
  rowKeys: string[];
  colKeys: string[];
};

export function tableOf(result: IndicatorResult, filters: TStatsFilters): LabelledTable {
  const definition = indicatorById(result.id)!;
  const [d0, d1] = definition.dimensions as [string, string | undefined];
  if (!d1) {
    return {
      definition,
      rowHeader: t(`dimensions.${d0}`),
      colHeaders: [t("table.count")],
      rowKeys: result.rows.map((r) => String(r[d0])),
      colKeys: ["count"],
      table: {
        rowLabels: result.rows.map((r) => valueLabel(d0, r[d0]!, lookup)),
        colLabels: ["count"],
        cells: result.rows.map((r) => [r.count]),
        additive: !result.multiValued,
        grandTotal: result.total,
      },
    };
  }
  const [from, to] = yearRange(definition, filters);
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  const order: string[] = [];
  const byKey = new Map<string, number>();
  for (const r of result.rows) {
    const a = String(r[d0]);
    if (!order.includes(a)) order.push(a);
    byKey.set(`${a}\u0000${r[d1]}`, r.count);
  }
  return {
    definition,
    rowHeader: t(`dimensions.${d0}`),
    colHeaders: years.map(String),
    rowKeys: order,
    colKeys: years.map(String),
    table: {
      rowLabels: order.map((a) => valueLabel(d0, a, lookup)),
      colLabels: years.map(String),
      cells: order.map((a) => years.map((y) => byKey.get(`${a}\u0000${y}`) ?? 0)),
      additive: true,
    },
  };
}

/** Published values of the extended matrix: numbers, or the suppression marker. */
type Published = (number | string)[][];

export type ProtectedTable = LabelledTable & { published: Published; suppressed: number };

/** Applies the rule to one table. Throws DisclosureRefused if suppression cannot be made safe. */
export async function applyRule(lt: LabelledTable, rule: Rule): Promise<ProtectedTable> {
  if (rule.mode === "round") {
    return { ...lt, published: roundTable(extend(lt.table), rule.base), suppressed: 0 };
  }
  if (rule.mode === "none") {
    return { ...lt, published: extend(lt.table).values, suppressed: 0 };
  }
  const done = await protectTable(lt.table, rule.k);
  const published = done.extended.values.map((row, r) => row.map((v, c) => (done.mask[r]![c] ? SUPPRESSED : v)));
  return { ...lt, published, suppressed: done.suppressed };
}

/**
 * Tables that share cells must share their suppression: with a single year, the 1-D AVRR country
 * table equals the last column of its annex (country x year) table. When both are exported, the
 * 1-D table is taken from the protected annex column, so it publishes nothing the annex hides.
 */
const LINKED: Partial<Record<IndicatorId, IndicatorId>> = {
  "avrr.by_host_country": "avrr.by_host_country_year",
  "avrr.by_origin_country": "avrr.by_origin_country_year",
};

function fromAnnexColumn(single: LabelledTable, annex: ProtectedTable): ProtectedTable {
  const last = annex.table.colLabels.length - 1;
  const column = new Map<string, number | string>();
  annex.table.rowLabels.forEach((label, r) => column.set(label, annex.published[r]![last]!));
  const rows: Published = single.table.rowLabels.map((label, r) => [column.get(label) ?? single.table.cells[r]![0]!]);
  rows.push([annex.published[annex.table.rowLabels.length]![last]!]);
  // A row missing from the annex has a zero count in that year: published as 0 either way.
  return { ...single, published: rows, suppressed: rows.flat().filter((v) => v === SUPPRESSED).length };
}

export async function protectResults(
  results: Partial<Record<IndicatorId, IndicatorResult>>,
  filters: TStatsFilters,
  rule: Rule,
): Promise<ProtectedTable[]> {
  const out = new Map<IndicatorId, ProtectedTable>();
  const ids = Object.keys(results) as IndicatorId[];
  const singleYear = filters.yearFrom === filters.yearTo;
  // Annex tables first, so linked tables can reuse their protected column.
  const ordered = [...ids].sort((a, b) => Number(Boolean(LINKED[a])) - Number(Boolean(LINKED[b])));
  for (const id of ordered) {
    const lt = tableOf(results[id]!, filters);
    const annexId = LINKED[id];
    const annex = annexId && singleYear && rule.mode === "suppress" ? out.get(annexId) : undefined;
    out.set(id, annex ? fromAnnexColumn(lt, annex) : await applyRule(lt, rule));
  }
  return ids.map((id) => out.get(id)!);
}

/** The rows of one table as they appear in a file: title, note, header, values, totals. */
export function sheetOf(pt: ProtectedTable): Sheet {
  const { definition, table, published } = pt;
  const rows: Cell[][] = [];
  rows.push([`${definition.id}: ${t(indicatorTitleKey(definition.id))}`]);
  rows.push([`Unit: ${t(`units.${definition.unit}`)}`]);
  const note = lookup(indicatorNoteKey(definition.id));
  if (note) rows.push([note]);
  if (definition.multiValued) rows.push([t("table.multiNote")]);
  const twoD = table.colLabels.length > 1;
  rows.push([pt.rowHeader, ...pt.colHeaders, ...(twoD ? [t("table.total")] : [])]);
  table.rowLabels.forEach((label, r) => rows.push([label, ...published[r]!]));
  rows.push([t("table.total"), ...published[table.rowLabels.length]!]);
  return { name: definition.id, rows };
}

export type ExportResult = { filename: string; mimeType: string; base64: string; suppressed: number; tables: number };

function fileStem(filters: TStatsFilters): string {
  const period = filters.yearFrom === filters.yearTo ? String(filters.yearFrom) : `${filters.yearFrom}-${filters.yearTo}`;
  const parts = ["passage-statistics", period, filters.region, filters.officeCode].filter(Boolean) as string[];
  return parts.join("_").replace(/[^A-Za-z0-9_.-]/g, "-");
}

/** The about block at the top of every file: what, for which filters, under which rule. */
export function preamble(title: string, filters: TStatsFilters, rule: Rule): Cell[][] {
  return [[title], [`Generated: ${new Date().toISOString()}`], [`Filters: ${describeFilters(filters)}`], [ruleText(rule)], []];
}

/**
 * The data officer's aggregate export: computes the chosen indicators in the user's scope, applies
 * the rule, writes the file, and records an audit event (or a refusal event, and refuses).
 */
export async function exportAggregates(db: Db, user: SessionUser, input: TAggregateExport, ip: string | null = null): Promise<ExportResult> {
  const scope: StatsScope = statsScopeFor(user);
  assertFiltersInScope(db, scope, input.filters);
  const results = computeAll(db, input.filters, scope, input.indicators);
  const rule: Rule = input.mode === "round" ? { mode: "round", base: input.base } : { mode: "suppress", k: input.k };
  const audit = (action: "stats.exported" | "stats.export_refused", extra: Record<string, unknown>) =>
    writeTransaction(db, (tx) =>
      recordAudit(tx, {
        action,
        actorUserId: user.id,
        ip,
        entityType: "statistics",
        details: {
          format: input.format,
          mode: rule.mode,
          ...(rule.mode === "suppress" ? { k: rule.k } : rule.mode === "round" ? { base: rule.base } : {}),
          indicators: input.indicators,
          yearFrom: input.filters.yearFrom,
          yearTo: input.filters.yearTo,
          region: input.filters.region ?? null,
          office: input.filters.officeCode ?? null,
          ...extra,
        },
      }),
    );

  let tables: ProtectedTable[];
  try {
    tables = await protectResults(results, input.filters, rule);
  } catch (error) {
    if (error instanceof DisclosureRefused) {
      audit("stats.export_refused", { weakCells: error.weak });
      throw new AppError("INVALID_STATE", "DISCLOSURE_REFUSED");
    }
    throw error;
  }
  const suppressed = tables.reduce((s, tb) => s + tb.suppressed, 0);
  const about: Sheet = { name: "About", rows: preamble("Passage statistics export", input.filters, rule) };
  const sheets = [about, ...tables.map(sheetOf)];
  const buffer =
    input.format === "csv"
      ? toCsv(sheets)
      : await toXlsx(
          sheets.map((s) => (s === about ? s : { ...s, rows: [...preamble(s.name, input.filters, rule).slice(3, 4), ...s.rows] })),
          (s) => (s.name === "About" ? [0] : [1]),
        );
  audit("stats.exported", { tables: tables.length, suppressedCells: suppressed, bytes: buffer.length });
  return {
    filename: `${fileStem(input.filters)}.${input.format}`,
    mimeType: MIME[input.format],
    base64: buffer.toString("base64"),
    suppressed,
    tables: tables.length,
  };
}

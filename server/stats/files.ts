import "server-only";
import Papa from "papaparse";

/**
 * Writing export files: CSV (papaparse) and XLSX (exceljs). Every text cell is protected against
 * spreadsheet formula injection; numbers stay numbers.
 */

export type Cell = string | number | null;
export type Sheet = { name: string; rows: Cell[][] };

/** A text cell starting with = + - @ tab or CR is prefixed with ' so no spreadsheet runs it. */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function safe(cell: Cell): Cell {
  return typeof cell === "string" ? safeText(cell) : cell;
}

/**
 * One CSV file; sheets follow each other, separated by a blank line. `comments` become leading
 * lines starting with "# " (for files read by programs that skip comment lines).
 */
export function toCsv(sheets: readonly Sheet[], comments: readonly string[] = []): Buffer {
  const rows: Cell[][] = [];
  sheets.forEach((sheet, i) => {
    if (i > 0) rows.push([]);
    for (const row of sheet.rows) rows.push(row.map(safe));
  });
  const width = Math.max(1, ...rows.map((r) => r.length));
  // Rectangular, so every line has the same number of fields; empty cells are empty strings.
  const data = rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] === null || r[i] === undefined ? "" : r[i])));
  // A BOM so spreadsheet programs read UTF-8 (country names with accents).
  const head = comments.map((c) => `# ${c.replace(/[\r\n]+/g, " ")}\r\n`).join("");
  return Buffer.from(`\ufeff${head}${Papa.unparse(data, { newline: "\r\n", quotes: false, escapeFormulae: false })}\r\n`, "utf8");
}

type ExcelModule = typeof import("exceljs");

/** exceljs, loaded at run time from node_modules rather than bundled into the server build. */
async function excel(): Promise<ExcelModule> {
  const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "exceljs")) as ExcelModule & { default?: ExcelModule };
  return mod.default ?? mod;
}

/** An XLSX workbook with one worksheet per sheet; the first `headerRows` rows of each are bold. */
export async function toXlsx(sheets: readonly Sheet[], headerRows: (sheet: Sheet) => number[] = () => []): Promise<Buffer> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Passage";
  const used = new Set<string>();
  for (const sheet of sheets) {
    // Excel: at most 31 characters, none of : \ / ? * [ ], unique.
    let name = sheet.name.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "Sheet";
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)}~${n}`;
    used.add(name.toLowerCase());
    const ws = workbook.addWorksheet(name);
    for (const row of sheet.rows) ws.addRow(row.map((c) => (c === null ? null : safe(c))));
    for (const r of headerRows(sheet)) ws.getRow(r + 1).font = { bold: true };
    ws.getColumn(1).width = 42;
  }
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

export const MIME = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

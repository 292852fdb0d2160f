import "server-only";
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from "node:fs";
import Papa from "papaparse";
import { columnDef, type Message } from "@/lib/interchange/format";

/**
 * Reading interchange files row by row with flat memory, whatever their size.
 *
 * CSV is read synchronously in 1 MiB chunks. A small state machine that follows papaparse's quoting
 * rules finds the last complete record of each chunk; papaparse parses the complete records and the
 * rest is carried over. Being synchronous, the same reader serves the validation pass (which yields
 * to the event loop between chunks) and the commit pass (which runs inside one write transaction,
 * where nothing may wait). A record longer than MAX_RECORD_BYTES (an unclosed quote, or a huge
 * cell) stops the reading with an error instead of growing memory.
 *
 * XLSX is read with exceljs's streaming WorkbookReader (first worksheet only); the validation pass
 * writes its rows to a normalised CSV in the import's private folder, which the commit pass reads.
 */

export const CHUNK_BYTES = 1 << 20;
/** A record (one row) may be at most this long: 33 columns of at most 10,000 characters fit. */
export const MAX_RECORD_BYTES = 16 << 20;

export type FileFormat = "csv" | "xlsx";

export class TableError extends Error {
  constructor(
    readonly row: number | null,
    readonly detail: Message,
  ) {
    super(`interchange file error: ${detail.key}`);
    this.name = "TableError";
  }
}

/** Formats a byte count for messages (e.g. "16 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1_000_000)} MB`;
}

// ---------------------------------------------------------------------------------------------
// Sniffing
// ---------------------------------------------------------------------------------------------

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * What the file is, from its first 64 KiB: XLSX (a zip), or UTF-8 text that may be CSV. Binary
 * files, other encodings and empty files are refused with a message.
 */
export function sniffFile(path: string): FileFormat {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const bytes = head.subarray(0, n);
    if (n === 0) throw new TableError(null, { key: "empty" });
    if (bytes.subarray(0, 4).equals(ZIP)) return "xlsx";
    if (bytes.includes(0)) throw new TableError(null, { key: "notCsv" });
    try {
      // stream: true tolerates a multi-byte character cut at the end of the 64 KiB.
      new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    } catch {
      throw new TableError(null, { key: "encoding" });
    }
    const text = bytes.toString("utf8").replace(/^\ufeff/, "");
    if (text.trim() === "") throw new TableError(null, { key: "empty" });
    return "csv";
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export type Row = { row: number; cells: string[] };

export type CsvOptions = {
  /** Called after each chunk with the bytes read so far and the file size. */
  onChunk?: (bytesRead: number, size: number) => void;
};

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Picks the delimiter that splits the header into the most known column names (comma by default). */
function detectDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    const count = headerLine.split(d).filter((name) => columnDef(name.replace(/^"|"$/g, "").trim())).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The records of a CSV file, in order, with their row numbers (1 = the column names; a record that
 * spans lines inside quotes is one row). Blank records are skipped but counted.
 */
export function* readCsv(path: string, options: CsvOptions = {}): Generator<Row> {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let carry: Buffer = Buffer.alloc(0);
    let position = 0;
    let row = 0;
    let delimiter = -1;
    let delimiterText = ",";
    let newline = "\n";
    // Scanner state over `carry` (bytes after the last complete record).
    let state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote inside quoted
    let scanned = 0;

    const parse = (bytes: Buffer): Row[] => {
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        throw new TableError(row + 1, { key: "encoding" });
      }
      if (row === 0) text = text.replace(/^\ufeff/, "");
      const result = Papa.parse<string[]>(text, { delimiter: delimiterText, newline: newline as "\n" | "\r\n", skipEmptyLines: false });
      const data = result.data;
      // Input ends with a newline: papaparse adds an empty last record, which is not a row.
      if (data.length > 0 && /\n$/.test(text)) {
        const last = data[data.length - 1]!;
        if (last.length === 1 && last[0] === "") data.pop();
      }
      const bad = new Set(result.errors.filter((e) => e.type === "Quotes").map((e) => e.row));
      const rows: Row[] = [];
      for (let i = 0; i < data.length; i++) {
        row += 1;
        if (bad.has(i)) throw new TableError(row, { key: "notCsv" });
        const cells = data[i]!;
        if (cells.length === 1 && cells[0]!.trim() === "") continue; // blank line
        rows.push({ row, cells });
      }
      return rows;
    };

    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, position);
      position += n;
      const eof = n === 0;
      if (!eof) carry = carry.length === 0 ? chunk.subarray(0, n) : Buffer.concat([carry, chunk.subarray(0, n)]);

      if (delimiter < 0) {
        // The header decides the delimiter and the newline: wait for its end (or the file's).
        const lf = carry.indexOf(LF);
        if (lf < 0 && !eof && carry.length < MAX_RECORD_BYTES) continue;
        const headerBytes = carry.subarray(0, lf < 0 ? carry.length : lf);
        delimiterText = detectDelimiter(headerBytes.toString("utf8").replace(/^\ufeff/, ""));
        delimiter = delimiterText.charCodeAt(0);
        newline = lf > 0 && carry[lf - 1] === CR ? "\r\n" : "\n";
      }

      // Find the end of the last complete record in carry.
      let boundary = -1;
      for (let i = scanned; i < carry.length; i++) {
        const b = carry[i]!;
        switch (state) {
          case 0:
            if (b === QUOTE) state = 2;
            else if (b === LF) boundary = i;
            else if (b !== delimiter) state = 1;
            break;
          case 1:
            if (b === delimiter) state = 0;
            else if (b === LF) {
              state = 0;
              boundary = i;
            }
            break;
          case 2:
            if (b === QUOTE) state = 3;
            break;
          case 3:
            if (b === QUOTE) state = 2;
            else if (b === delimiter) state = 0;
            else if (b === LF) {
              state = 0;
              boundary = i;
            } else if (b !== CR) state = 2;
            break;
        }
      }
      scanned = carry.length;

      if (boundary >= 0) {
        // The scanner's state at the end of carry is the state of what follows the boundary.
        const complete = carry.subarray(0, boundary + 1);
        carry = carry.subarray(boundary + 1);
        scanned = carry.length;
        yield* parse(complete);
      }
      if (carry.length > MAX_RECORD_BYTES) {
        throw new TableError(row + 1, { key: "rowTooLong", params: { row: row + 1, max: megabytes(MAX_RECORD_BYTES) } });
      }
      options.onChunk?.(position, size);
      if (eof) {
        if (carry.length > 0) yield* parse(carry);
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

type ExcelModule = typeof import("exceljs");

/** exceljs, loaded at run time from node_modules rather than bundled into the server build. */
async function excel(): Promise<ExcelModule> {
  const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "exceljs")) as ExcelModule & { default?: ExcelModule };
  return mod.default ?? mod;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The text of an XLSX cell; dates (and date serials in date columns) as YYYY-MM-DD. */
export function xlsxCellText(value: unknown, isDateColumn: boolean): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : isoDay(value.getTime());
  if (typeof value === "number") {
    if (isDateColumn && value > 0 && value < 2_958_466) return isoDay(EXCEL_EPOCH + Math.round(value) * 86_400_000);
    return String(value);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "object") {
    const v = value as { richText?: { text?: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? "").join("");
    if ("result" in v) return xlsxCellText(v.result, isDateColumn);
    if (typeof v.text === "string") return v.text;
    if (typeof v.error === "string") return v.error;
  }
  return String(value);
}

export type XlsxOptions = {
  /** Bytes of the file read so far, and its size. */
  onBytes?: (bytesRead: number, size: number) => void;
};

/**
 * The rows of the first worksheet of an XLSX file, as text cells (row 1 = the column names).
 * Date columns are recognised from the header, so that date cells and serials become YYYY-MM-DD.
 */
export async function* readXlsx(path: string, options: XlsxOptions = {}): AsyncGenerator<Row> {
  const ExcelJS = await excel();
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const size = statSync(path).size;
  stream.on("data", () => options.onBytes?.(stream.bytesRead, size));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let dateColumns: boolean[] = [];
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const values = (r as unknown as { values: unknown[] }).values;
        const width = Math.max(0, values.length - 1);
        if (r.number === 1) {
          const names = Array.from({ length: width }, (_, i) => xlsxCellText(values[i + 1], false).trim());
          dateColumns = names.map((n) => columnDef(n)?.kind === "date");
          yield { row: 1, cells: names };
          continue;
        }
        const cells = Array.from({ length: width }, (_, i) => xlsxCellText(values[i + 1], dateColumns[i] === true));
        if (cells.every((c) => c.trim() === "")) continue;
        yield { row: r.number, cells };
      }
      break; // first worksheet only
    }
  } catch (error) {
    if (error instanceof TableError) throw error;
    throw new TableError(null, { key: "notXlsx" });
  } finally {
    stream.destroy();
  }
}

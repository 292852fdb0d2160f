import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { COLUMN_NAMES, COLUMNS, MAX_CELL_CHARS, type Message } from "@/lib/interchange/format";
import { TableError, type FileFormat } from "./read-table";
import type { ByteSource } from "./temp-files";

/**
 * Parsing an interchange file where a failure cannot end the server (decision 0013): in a worker
 * thread (server/interchange/parse-worker.mjs) with its own heap limit, no environment and no
 * file access. The worker asks for byte ranges of the file (this thread reads them from the
 * source, opening the sealed upload) and sends rows in batches, waiting for each batch to be taken
 * (so memory holds one batch). A refused file rejects with a TableError carrying the message; a
 * worker that dies (out of memory, a bug) rejects with ReaderFailed, and the process goes on.
 */

export type ParseLimits = {
  /** A longer cell is reported (cellTooLong) and not kept. */
  maxCellChars: number;
  /** More columns (with values) stop the reading. */
  maxColumns: number;
  /** A longer CSV record, XLSX row or XLSX text stops the reading. */
  maxRecordBytes: number;
  /** Inflated bytes of one zip entry, and of all entries read. */
  maxEntryBytes: number;
  maxTotalInflatedBytes: number;
  /** Bytes of shared-strings text held, and how many strings. */
  maxSharedStringsBytes: number;
  maxSharedStrings: number;
  /** sax's buffer limit (an attribute, a tag name...; text arrives in pieces of this size). */
  maxXmlBuffer: number;
  /** The worker's heap (V8 old generation), in MiB. */
  heapMb: number;
};

/** The web import: up to 100,000 case rows (WEB_IMPORT_MAX_ROWS). */
export const WEB_LIMITS: ParseLimits = {
  maxCellChars: MAX_CELL_CHARS,
  maxColumns: 256,
  maxRecordBytes: 16 << 20,
  maxEntryBytes: 1 << 30,
  maxTotalInflatedBytes: 1.5 * (1 << 30),
  maxSharedStringsBytes: 128 << 20,
  maxSharedStrings: 4_000_000,
  maxXmlBuffer: 64 * 1024,
  heapMb: 192,
};

/** The command line: files of a million rows and more, the same bounds on cells and rows. */
export const CLI_LIMITS: ParseLimits = {
  ...WEB_LIMITS,
  maxEntryBytes: 8 * (1 << 30),
  maxTotalInflatedBytes: 12 * (1 << 30),
  maxSharedStringsBytes: 512 << 20,
  maxSharedStrings: 32_000_000,
  heapMb: 384,
};

export type ParsedRow = { row: number; cells: string[]; long?: [index: number, length: number][] };

/** The worker stopped without finishing: out of memory, or an error of its own. */
export class ReaderFailed extends Error {
  readonly detail: Message = { key: "readerFailed" };
  constructor(readonly reason: "memory" | "error") {
    super(`the file reader stopped (${reason})`);
    this.name = "ReaderFailed";
  }
}

const WORKER_FILE = path.join(process.cwd(), "server", "interchange", "parse-worker.mjs");
const DATE_COLUMNS = COLUMNS.filter((c) => c.kind === "date").map((c) => c.name);
const CHUNK_BYTES = 1 << 20;

type FromWorker =
  | { t: "read"; id: number; start: number; end: number }
  | { t: "rows"; id: number; rows: [number, string[], [number, number][]?][] }
  | { t: "refused"; row: number | null; message: Message }
  | { t: "done" };

export type ParseOptions = {
  format: FileFormat;
  limits: ParseLimits;
  /** Takes a batch of rows; returns false to stop reading (the rest of the file is not read). */
  onRows: (rows: ParsedRow[]) => boolean | Promise<boolean>;
  /** Bytes of the file read so far, and its size. */
  onProgress?: (done: number, total: number) => void;
};

/** Reads the rows of `source` in a worker; resolves when every row was taken (or onRows said stop). */
export function parseInWorker(source: ByteSource, options: ParseOptions): Promise<void> {
  const { heapMb, ...limits } = options.limits;
  const worker = new Worker(WORKER_FILE, {
    workerData: { format: options.format, size: source.size, limits, columns: COLUMN_NAMES, dateColumns: DATE_COLUMNS, chunkBytes: CHUNK_BYTES },
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    // Nothing of the server's: no environment (keys), no inherited flags or loaders; its output
    // (which a library could fill with the file's content) is dropped.
    env: {},
    execArgv: [],
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  let served = 0;

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown) => {
      if (settled) return;
      settled = true;
      // Settled once the worker is gone, so that its memory is given back when the caller goes on.
      const end = () => (error === null ? resolve() : reject(error));
      worker.terminate().then(end, end);
    };
    worker.on("message", (m: FromWorker) => {
      if (settled) return;
      try {
        switch (m.t) {
          case "read": {
            const data = source.read(m.start, m.end);
            served = Math.max(served, m.start + data.length);
            options.onProgress?.(Math.min(served, source.size), source.size);
            worker.postMessage({ id: m.id, data });
            return;
          }
          case "rows": {
            const rows = m.rows.map(([row, cells, long]): ParsedRow => (long ? { row, cells, long } : { row, cells }));
            Promise.resolve(options.onRows(rows)).then(
              (more) => {
                if (settled) return;
                if (more) worker.postMessage({ id: m.id });
                else settle(null);
              },
              (error: unknown) => settle(error),
            );
            return;
          }
          case "refused":
            settle(new TableError(m.row, m.message));
            return;
          case "done":
            settle(null);
            return;
        }
      } catch (error) {
        settle(error);
      }
    });
    worker.on("error", (error: NodeJS.ErrnoException) => settle(new ReaderFailed(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "error")));
    worker.on("exit", () => settle(new ReaderFailed("error")));
  });
}

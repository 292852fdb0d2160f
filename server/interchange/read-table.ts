import "server-only";
import type { Message } from "@/lib/interchange/format";

/**
 * What an interchange file is, and the errors of reading one. The rows themselves are read in a
 * worker thread (parse-in-worker.ts, parse-worker.mjs; decision 0013).
 */

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

/** How much of the file sniffFile looks at. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * What the file is, from its first 64 KiB: XLSX (a zip), or UTF-8 text that may be CSV. Binary
 * files, other encodings and empty files are refused with a message.
 */
export function sniffFile(bytes: Buffer): FileFormat {
  if (bytes.length === 0) throw new TableError(null, { key: "empty" });
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
}

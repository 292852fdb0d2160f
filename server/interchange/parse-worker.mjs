// @ts-check
/**
 * The parser of uploaded interchange files, run in a worker thread with its own heap limit
 * (server/interchange/parse-in-worker.ts, decision 0013). It knows nothing of the database, the
 * keys or the environment (it is started with an empty env): it asks the main thread for byte
 * ranges of the file, and sends back rows of text cells, every one of them bounded:
 *
 * - a cell longer than `maxCellChars` is sent empty, with its length (the row is reported); its
 *   characters beyond the limit are counted, never held (XLSX) or held only within the bounded
 *   record (CSV);
 * - a CSV record longer than `maxRecordBytes`, an XLSX row whose text is longer, or a single XLSX
 *   text run longer, stops the reading ("rowTooLong");
 * - more than `maxColumns` columns (CSV: counted while scanning, before the record is split;
 *   XLSX: from the cell reference, before the cell is read) stops the reading;
 * - XLSX: only the entries needed are inflated (relationships, workbook, shared strings, the first
 *   worksheet); the inflated bytes of each are counted as they stream, against a per-entry and a
 *   total limit, and the declared sizes are checked before; the shared strings are kept in one
 *   compact buffer with a limit on its bytes and on their number; XML is parsed by sax, whose
 *   internal buffers are bounded (sax.MAX_BUFFER_LENGTH), without DTDs.
 *
 * Anything that still goes wrong ends this thread only: its heap limit turns a runaway into
 * ERR_WORKER_OUT_OF_MEMORY in the main thread, which fails the import job and keeps serving.
 *
 * Plain JavaScript (type-checked through JSDoc): Node loads it directly from disk under
 * `next start`, the command line (tsx) and vitest alike, without a bundler or a TypeScript loader.
 *
 * Protocol (messages to the main thread; those with an `id` are answered with the same id):
 *   { t: "read", id, start, end }  -> { id, data: Uint8Array }   bytes [start, end) of the file
 *   { t: "rows", id, rows }        -> { id }                     rows: [row, cells, long?][]
 *   { t: "refused", row, message }                               the file is refused (the end)
 *   { t: "done" }                                                every row was sent (the end)
 */
import { parentPort, workerData } from "node:worker_threads";
import { Readable } from "node:stream";
import Papa from "papaparse";
import sax from "sax";
import yauzl from "yauzl";

/**
 * @typedef {{ maxCellChars: number; maxColumns: number; maxRecordBytes: number; maxEntryBytes: number;
 *   maxTotalInflatedBytes: number; maxSharedStringsBytes: number; maxSharedStrings: number; maxXmlBuffer: number }} Limits
 * @typedef {{ format: "csv" | "xlsx"; size: number; limits: Limits; columns: string[]; dateColumns: string[]; chunkBytes: number }} Job
 * @typedef {[number, string[], ([number, number][] | undefined)?]} WireRow
 * @typedef {{ key: string; params?: Record<string, string | number> }} Message
 */

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const job = /** @type {Job} */ (workerData);
const L = job.limits;

/** A refusal of the file: ends the parse with a message for the person. */
class Refused extends Error {
  /** @param {number | null} row @param {Message} message */
  constructor(row, message) {
    super(`refused: ${message.key}`);
    this.row = row;
    this.message_ = message;
  }
}

const mb = (/** @type {number} */ bytes) => `${Math.round(bytes / 1_000_000)} MB`;

// ---------------------------------------------------------------------------------------------
// Talking to the main thread
// ---------------------------------------------------------------------------------------------

/** @type {Map<number, (reply: { data?: Uint8Array }) => void>} */
const waiting = new Map();
let nextId = 1;
port.on("message", (/** @type {{ id: number; data?: Uint8Array }} */ reply) => {
  const resolve = waiting.get(reply.id);
  waiting.delete(reply.id);
  resolve?.(reply);
});

/** @param {Record<string, unknown>} message @returns {Promise<{ data?: Uint8Array }>} */
function ask(message) {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    port.postMessage({ ...message, id });
  });
}

/** Bytes [start, end) of the file. */
async function read(/** @type {number} */ start, /** @type {number} */ end) {
  const reply = await ask({ t: "read", start, end });
  const data = reply.data ?? new Uint8Array(0);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Rows waiting to be sent, and their size in characters. */
/** @type {WireRow[]} */
let outbox = [];
let outboxChars = 0;
const BATCH_ROWS = 2_000;
const BATCH_CHARS = 4 << 20;

/** @param {WireRow} row */
function queue(row) {
  outbox.push(row);
  for (const c of row[1]) outboxChars += c.length;
}

/** Sends the queued rows and waits until the main thread has taken them (back-pressure). */
async function flush(force = false) {
  if (outbox.length === 0 || (!force && outbox.length < BATCH_ROWS && outboxChars < BATCH_CHARS)) return;
  const rows = outbox;
  outbox = [];
  outboxChars = 0;
  await ask({ t: "rows", rows });
}

/**
 * A row's cells, with the over-long ones emptied and listed with their length.
 * @param {number} row @param {string[]} cells @returns {WireRow}
 */
function bounded(row, cells) {
  /** @type {[number, number][] | undefined} */
  let long;
  for (let i = 0; i < cells.length; i++) {
    const length = /** @type {string} */ (cells[i]).length;
    if (length > L.maxCellChars) {
      (long ??= []).push([i, length]);
      cells[i] = "";
    }
  }
  return long ? [row, cells, long] : [row, cells];
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const KNOWN = new Set(job.columns);

/** The delimiter that splits the header into the most known column names (comma by default). */
function detectDelimiter(/** @type {string} */ headerLine) {
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    const count = headerLine.split(d).filter((name) => KNOWN.has(name.replace(/^"|"$/g, "").trim())).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * CSV read in chunks: a byte-level state machine that follows papaparse's quoting rules finds the
 * last complete record of each chunk and counts each record's fields; papaparse parses the
 * complete records and the rest is carried over. A record longer than maxRecordBytes, or with
 * more than maxColumns fields, stops the reading before it is split into cells.
 */
async function readCsv() {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let carry = /** @type {Buffer} */ (Buffer.alloc(0));
  let position = 0;
  let row = 0;
  let delimiter = -1;
  let delimiterText = ",";
  let newline = "\n";
  let state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote inside quoted
  let scanned = 0;
  let records = 0; // records ended by the scanner
  let fields = 1; // fields of the record being scanned

  const parse = (/** @type {Buffer} */ bytes) => {
    let text;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new Refused(row + 1, { key: "encoding" });
    }
    if (row === 0) text = text.replace(/^\ufeff/, "");
    const result = Papa.parse(text, { delimiter: delimiterText, newline: /** @type {"\n" | "\r\n"} */ (newline), skipEmptyLines: false });
    const data = /** @type {string[][]} */ (result.data);
    if (data.length > 0 && /\n$/.test(text)) {
      const last = /** @type {string[]} */ (data[data.length - 1]);
      if (last.length === 1 && last[0] === "") data.pop();
    }
    const bad = new Set(result.errors.filter((e) => e.type === "Quotes").map((e) => e.row));
    for (let i = 0; i < data.length; i++) {
      row += 1;
      if (bad.has(i)) throw new Refused(row, { key: "notCsv" });
      const cells = /** @type {string[]} */ (data[i]);
      if (cells.length === 1 && /** @type {string} */ (cells[0]).trim() === "") continue;
      queue(bounded(row, cells));
    }
  };

  for (;;) {
    const chunk = position < job.size ? await read(position, Math.min(job.size, position + job.chunkBytes)) : Buffer.alloc(0);
    position += chunk.length;
    const eof = chunk.length === 0;
    if (!eof) carry = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);

    if (delimiter < 0) {
      const lf = carry.indexOf(LF);
      if (lf < 0 && !eof && carry.length < L.maxRecordBytes) continue;
      const headerBytes = carry.subarray(0, lf < 0 ? carry.length : lf);
      delimiterText = detectDelimiter(headerBytes.toString("utf8").replace(/^\ufeff/, ""));
      delimiter = delimiterText.charCodeAt(0);
      newline = lf > 0 && carry[lf - 1] === CR ? "\r\n" : "\n";
    }

    let boundary = -1;
    for (let i = scanned; i < carry.length; i++) {
      const b = carry[i];
      let end = false;
      switch (state) {
        case 0:
          if (b === QUOTE) state = 2;
          else if (b === LF) end = true;
          else if (b === delimiter) fields += 1;
          else state = 1;
          break;
        case 1:
          if (b === delimiter) {
            state = 0;
            fields += 1;
          } else if (b === LF) end = true;
          break;
        case 2:
          if (b === QUOTE) state = 3;
          break;
        case 3:
          if (b === QUOTE) state = 2;
          else if (b === delimiter) {
            state = 0;
            fields += 1;
          } else if (b === LF) end = true;
          else if (b !== CR) state = 2;
          break;
      }
      if (fields > L.maxColumns) throw new Refused(records + 1, { key: "tooManyColumns", params: { row: records + 1, max: L.maxColumns } });
      if (end) {
        state = 0;
        boundary = i;
        records += 1;
        fields = 1;
      }
    }
    scanned = carry.length;

    if (boundary >= 0) {
      const complete = carry.subarray(0, boundary + 1);
      carry = carry.subarray(boundary + 1);
      scanned = carry.length;
      parse(complete);
    }
    if (carry.length > L.maxRecordBytes) throw new Refused(row + 1, { key: "rowTooLong", params: { row: row + 1, max: mb(L.maxRecordBytes) } });
    await flush();
    if (eof) {
      if (carry.length > 0) parse(carry);
      await flush(true);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX: the zip
// ---------------------------------------------------------------------------------------------

const notXlsx = () => new Refused(null, { key: "notXlsx" });

/**
 * Compressed bytes go to the inflater in pieces this small: zlib inflates each piece it is given
 * to the end before it waits, and deflate inflates at most about 1,032 times, so one piece never
 * becomes more than about 1 MiB at once (a bomb's whole entry, given at once, would).
 */
const ZIP_PIECE = 1024;

/** yauzl reads the file through the main thread, a chunk at a time, handed on in small pieces. */
class WorkerReader extends yauzl.RandomAccessReader {
  /** @override @param {number} start @param {number} end */
  _readStreamForRange(start, end) {
    let at = start;
    let chunk = /** @type {Buffer} */ (Buffer.alloc(0));
    let used = 0;
    return new Readable({
      highWaterMark: ZIP_PIECE,
      read() {
        if (used < chunk.length) {
          this.push(chunk.subarray(used, used + ZIP_PIECE));
          used += ZIP_PIECE;
          return;
        }
        if (at >= end) {
          this.push(null);
          return;
        }
        const to = Math.min(end, at + job.chunkBytes);
        read(at, to).then(
          (data) => {
            at = to;
            if (data.length === 0) {
              this.push(null);
              return;
            }
            chunk = data;
            used = Math.min(ZIP_PIECE, data.length);
            this.push(data.subarray(0, used));
          },
          (error) => this.destroy(error),
        );
      },
    });
  }
}

/** @returns {Promise<import("yauzl").ZipFile>} */
function openZip() {
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(new WorkerReader(), job.size, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error || !zip ? reject(notXlsx()) : resolve(zip),
    );
  });
}

/** The entries of the zip, by name (the central directory only: nothing is inflated). */
async function listEntries(/** @type {import("yauzl").ZipFile} */ zip) {
  if (zip.entryCount > 10_000) throw notXlsx();
  /** @type {Map<string, import("yauzl").Entry>} */
  const entries = new Map();
  await new Promise((resolve, reject) => {
    zip.on("entry", (/** @type {import("yauzl").Entry} */ entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", resolve);
    zip.on("error", () => reject(notXlsx()));
    zip.readEntry();
  });
  return entries;
}

let inflatedTotal = 0;
const tooLarge = () => new Refused(null, { key: "xlsxTooLarge", params: { max: mb(L.maxEntryBytes), total: mb(L.maxTotalInflatedBytes) } });

/**
 * Inflates one entry, giving its text to `onText` piece by piece; its inflated bytes are counted
 * as they come, and the reading stops at the limit (never after the entry has been inflated).
 * @param {import("yauzl").ZipFile} zip @param {import("yauzl").Entry} entry @param {number} maxBytes
 * @param {(text: string) => void | Promise<void>} onText
 */
async function inflate(zip, entry, maxBytes, onText) {
  if (entry.uncompressedSize > maxBytes || inflatedTotal + entry.uncompressedSize > L.maxTotalInflatedBytes) throw tooLarge();
  if (entry.isEncrypted()) throw notXlsx();
  /** @type {import("node:stream").Readable} */
  const stream = await new Promise((resolve, reject) => zip.openReadStream(entry, (error, s) => (error || !s ? reject(notXlsx()) : resolve(s))));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      bytes += chunk.length;
      inflatedTotal += chunk.length;
      if (bytes > maxBytes || inflatedTotal > L.maxTotalInflatedBytes) throw tooLarge();
      await onText(decoder.decode(chunk, { stream: true }));
    }
    await onText(decoder.decode());
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw notXlsx();
  } finally {
    stream.destroy();
  }
}

/**
 * A strict sax parser over one entry: no DTD, bounded nesting, internal buffers bounded by
 * sax.MAX_BUFFER_LENGTH (long text arrives in pieces, any other over-long token is an error).
 * sax checks its buffers only when it tracks positions: `position: true` is what bounds them.
 * @param {{ open?: (name: string, attributes: Record<string, string>) => void; close?: (name: string) => void; text?: (text: string) => void }} handlers
 */
function xmlParser(handlers) {
  /** @type {{ MAX_BUFFER_LENGTH: number }} */ (/** @type {unknown} */ (sax)).MAX_BUFFER_LENGTH = L.maxXmlBuffer;
  const parser = sax.parser(true, { trim: false, normalize: false, lowercase: false, xmlns: false, position: true });
  let depth = 0;
  /** @type {Error | null} */
  let failure = null;
  parser.onerror = () => {
    failure ??= notXlsx();
  };
  parser.ondoctype = () => {
    failure ??= notXlsx();
  };
  parser.onopentag = (tag) => {
    if (++depth > 64) failure ??= notXlsx();
    if (failure) return;
    try {
      handlers.open?.(localName(tag.name), /** @type {Record<string, string>} */ (tag.attributes));
    } catch (error) {
      failure ??= /** @type {Error} */ (error);
    }
  };
  parser.onclosetag = (name) => {
    depth -= 1;
    if (failure) return;
    try {
      handlers.close?.(localName(name));
    } catch (error) {
      failure ??= /** @type {Error} */ (error);
    }
  };
  const onText = (/** @type {string} */ text) => {
    if (failure) return;
    try {
      handlers.text?.(text);
    } catch (error) {
      failure ??= /** @type {Error} */ (error);
    }
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  return {
    /** @param {string} text */
    write(text) {
      if (failure) throw failure;
      if (text) parser.write(text);
      if (failure) throw failure;
    },
    end() {
      parser.close();
      if (failure) throw failure;
    },
  };
}

const localName = (/** @type {string} */ name) => name.slice(name.indexOf(":") + 1);

/** Parses a small XML entry (relationships, workbook) with the handlers. */
async function parseSmall(/** @type {import("yauzl").ZipFile} */ zip, /** @type {import("yauzl").Entry | undefined} */ entry, /** @type {Parameters<typeof xmlParser>[0]} */ handlers) {
  if (!entry) throw notXlsx();
  const xml = xmlParser(handlers);
  await inflate(zip, entry, 16 << 20, (text) => xml.write(text));
  xml.end();
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolvePart(/** @type {string} */ base, /** @type {string} */ target) {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

/** Relationships of a part: id -> { type, target }. */
async function relationships(/** @type {import("yauzl").ZipFile} */ zip, /** @type {Map<string, import("yauzl").Entry>} */ entries, /** @type {string} */ part) {
  const slash = part.lastIndexOf("/");
  const relsName = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  /** @type {Map<string, { type: string; target: string }>} */
  const rels = new Map();
  if (!entries.has(relsName)) return rels;
  await parseSmall(zip, entries.get(relsName), {
    open(name, a) {
      if (name === "Relationship" && a.Id && a.Target && rels.size < 10_000) rels.set(a.Id, { type: a.Type ?? "", target: resolvePart(part, a.Target) });
    },
  });
  return rels;
}

// ---------------------------------------------------------------------------------------------
// XLSX: shared strings, kept compactly
// ---------------------------------------------------------------------------------------------

class SharedStrings {
  constructor() {
    this.buffer = Buffer.alloc(1 << 16);
    this.used = 0;
    this.ends = new Uint32Array(1 << 12);
    this.count = 0;
    /** @type {Map<number, number>} index -> length of a string longer than maxCellChars (kept empty) */
    this.long = new Map();
  }

  /** @param {string} text @param {number} length */
  add(text, length) {
    if (this.count >= L.maxSharedStrings) throw sharedTooLarge();
    if (length > L.maxCellChars) {
      this.long.set(this.count, length);
      text = "";
    }
    const bytes = Buffer.byteLength(text, "utf8");
    if (this.used + bytes > L.maxSharedStringsBytes) throw sharedTooLarge();
    if (this.used + bytes > this.buffer.length) {
      const bigger = Buffer.alloc(Math.min(L.maxSharedStringsBytes, Math.max(this.buffer.length * 2, this.used + bytes)));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(text, this.used, "utf8");
    if (this.count >= this.ends.length) {
      const more = new Uint32Array(this.ends.length * 2);
      more.set(this.ends);
      this.ends = more;
    }
    this.ends[this.count++] = this.used;
  }

  /** @param {number} i @returns {{ text: string; length: number } | null} */
  get(i) {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return null;
    const start = i === 0 ? 0 : /** @type {number} */ (this.ends[i - 1]);
    const text = this.buffer.toString("utf8", start, this.ends[i]);
    return { text, length: this.long.get(i) ?? text.length };
  }
}

const sharedTooLarge = () => new Refused(null, { key: "sharedStringsTooLarge", params: { max: mb(L.maxSharedStringsBytes) } });

/**
 * Text gathered from pieces, holding at most maxCellChars + 1 characters and counting the rest.
 * `limitRow` is the row named when one text is longer than maxRecordBytes.
 */
class BoundedText {
  constructor() {
    this.text = "";
    this.length = 0;
  }
  /** @param {string} piece @param {number | null} row */
  add(piece, row) {
    this.length += piece.length;
    if (this.length > L.maxRecordBytes) throw new Refused(row, { key: "rowTooLong", params: { row: row ?? 0, max: mb(L.maxRecordBytes) } });
    if (this.text.length <= L.maxCellChars) this.text += piece.slice(0, L.maxCellChars + 1 - this.text.length);
  }
  reset() {
    this.text = "";
    this.length = 0;
  }
}

async function readSharedStrings(/** @type {import("yauzl").ZipFile} */ zip, /** @type {import("yauzl").Entry} */ entry) {
  const strings = new SharedStrings();
  const text = new BoundedText();
  let inItem = false;
  let inT = false;
  let phonetic = 0;
  const xml = xmlParser({
    open(name) {
      if (name === "si") {
        inItem = true;
        text.reset();
      } else if (name === "rPh") phonetic += 1;
      else if (name === "t" && inItem && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === "si") {
        strings.add(text.text, text.length);
        inItem = false;
      } else if (name === "rPh") phonetic -= 1;
      else if (name === "t") inT = false;
    },
    text(piece) {
      if (inT) text.add(piece, null);
    },
  });
  await inflate(zip, entry, L.maxEntryBytes, (t) => xml.write(t));
  xml.end();
  return strings;
}

// ---------------------------------------------------------------------------------------------
// XLSX: the first worksheet
// ---------------------------------------------------------------------------------------------

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const isoDay = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);

/** Column number (1-based) of a cell reference such as "AB12"; 0 when there is none. */
function columnOf(/** @type {string | undefined} */ ref) {
  if (!ref) return 0;
  let n = 0;
  for (let i = 0; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else break;
  }
  return n;
}

/** The text of a cell as a spreadsheet shows it for interchange: dates in date columns as YYYY-MM-DD. */
function cellText(/** @type {string} */ type, /** @type {string} */ raw, /** @type {boolean} */ isDateColumn) {
  switch (type) {
    case "b":
      return raw.trim() === "1" ? "TRUE" : "FALSE";
    case "d":
      return /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : raw;
    case "e":
    case "str":
    case "inlineStr":
      return raw;
    default: {
      if (raw.trim() === "") return "";
      const value = Number(raw);
      if (!Number.isFinite(value)) return raw;
      if (isDateColumn && value > 0 && value < 2_958_466) return isoDay(EXCEL_EPOCH + Math.round(value) * 86_400_000);
      return String(value);
    }
  }
}

async function readSheet(/** @type {import("yauzl").ZipFile} */ zip, /** @type {import("yauzl").Entry} */ entry, /** @type {SharedStrings | null} */ strings) {
  const dateNames = new Set(job.dateColumns);
  /** @type {boolean[] | null} */
  let dateColumns = null;
  let rowNumber = 0;
  /** @type {string[]} */
  let cells = [];
  /** @type {[number, number][] | undefined} */
  let long;
  let rowChars = 0;
  let col = 0;
  let type = "n";
  let inValue = false;
  let inInline = false;
  let inT = false;
  let phonetic = 0;
  let hasValue = false;
  const text = new BoundedText();

  const xml = xmlParser({
    open(name, a) {
      if (name === "row") {
        const r = Number(a.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        cells = [];
        long = undefined;
        rowChars = 0;
        col = 0;
      } else if (name === "c") {
        col = columnOf(a.r) || col + 1;
        type = a.t ?? "n";
        hasValue = false;
        text.reset();
      } else if (name === "v") {
        inValue = true;
        hasValue = true;
      } else if (name === "is") {
        inInline = true;
        hasValue = true;
      } else if (name === "rPh") phonetic += 1;
      else if (name === "t" && inInline && phonetic === 0) inT = true;
    },
    text(piece) {
      if (inValue || inT) {
        rowChars += piece.length;
        if (rowChars > L.maxRecordBytes) throw new Refused(rowNumber, { key: "rowTooLong", params: { row: rowNumber, max: mb(L.maxRecordBytes) } });
        text.add(piece, rowNumber);
      }
    },
    close(name) {
      if (name === "v") inValue = false;
      else if (name === "t") inT = false;
      else if (name === "rPh") phonetic -= 1;
      else if (name === "is") inInline = false;
      else if (name === "c") {
        if (!hasValue) return;
        let value = text.text;
        let length = text.length;
        if (type === "s") {
          const shared = strings?.get(Number(value.trim())) ?? null;
          if (!shared) throw notXlsx();
          value = shared.text;
          length = shared.length;
        } else if (length <= L.maxCellChars) {
          value = cellText(type, value, dateColumns?.[col - 1] === true);
          length = value.length;
        }
        if (value === "" && length === 0) return;
        if (col > L.maxColumns) throw new Refused(rowNumber, { key: "tooManyColumns", params: { row: rowNumber, max: L.maxColumns } });
        while (cells.length < col - 1) cells.push("");
        if (length > L.maxCellChars) {
          (long ??= []).push([col - 1, length]);
          value = "";
        }
        cells[col - 1] = value;
      } else if (name === "row") {
        if (cells.every((c) => c.trim() === "") && !long) return;
        if (!dateColumns) {
          dateColumns = cells.map((c) => dateNames.has(c.trim()));
          cells = cells.map((c) => c.trim());
        }
        queue(long ? [rowNumber, cells, long] : [rowNumber, cells]);
      }
    },
  });
  await inflate(zip, entry, L.maxEntryBytes, async (t) => {
    xml.write(t);
    await flush();
  });
  xml.end();
  await flush(true);
}

async function readXlsx() {
  const zip = await openZip();
  const entries = await listEntries(zip);
  const root = await relationships(zip, entries, "");
  const workbookPart = [...root.values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookRels = await relationships(zip, entries, workbookPart);
  /** @type {string | null} */
  let firstSheetId = null;
  await parseSmall(zip, entries.get(workbookPart), {
    open(name, a) {
      if (name === "sheet" && firstSheetId === null) firstSheetId = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? null;
    },
  });
  const sheetPart = firstSheetId ? workbookRels.get(firstSheetId)?.target : undefined;
  const sheet = sheetPart ? entries.get(sheetPart) : undefined;
  if (!sheet) throw notXlsx();
  const sharedPart = [...workbookRels.values()].find((r) => r.type.endsWith("/sharedStrings"))?.target;
  const sharedEntry = sharedPart ? entries.get(sharedPart) : undefined;
  const strings = sharedEntry ? await readSharedStrings(zip, sharedEntry) : null;
  await readSheet(zip, sheet, strings);
  zip.close();
}

// ---------------------------------------------------------------------------------------------

(job.format === "csv" ? readCsv() : readXlsx()).then(
  () => port.postMessage({ t: "done" }),
  (error) => {
    if (error instanceof Refused) port.postMessage({ t: "refused", row: error.row, message: error.message_ });
    // Anything else (a bug, a library's error): the main thread fails the job with a message
    // that quotes nothing from the file.
    else throw error;
  },
);

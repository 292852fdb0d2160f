import "server-only";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { writeTransaction, type Db } from "@/db/client";
import {
  allOffices,
  caseValuesCopy,
  firstStaffStatement,
  importInserts,
  importLookups,
  isCodeClash,
  maxPersonId as maxPersonIdOf,
  type ImportLookups,
} from "@/db/queries/interchange";
import { CASE_CODE, CODE_ALPHABET, PERSON_CODE } from "@/lib/codes";
import { AppError } from "@/lib/errors";
import {
  checkHeader,
  MAX_CELL_CHARS,
  parseRow,
  type InterchangeCase,
  type Message,
  type MessageKey,
  type MessageParams,
  type RowError,
} from "@/lib/interchange/format";
import { vaultIdentity } from "@/lib/interchange/identity";
import { can } from "@/lib/permissions";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/session-user";
import { blindIndexes } from "@/server/crypto/blind-index";
import { blindIndexKey, blindIndexKeys, vaultKeys } from "@/server/crypto/keys";
import { sealJson } from "@/server/crypto/vault";
import { IDENTITY_AAD } from "@/server/services/register-case";
import { createJobFolder, removeJobFolder } from "./job-folders";
import { CLI_LIMITS, parseInWorker, WEB_LIMITS, type ParsedRow, type ParseLimits } from "./parse-in-worker";
import { SNIFF_BYTES, sniffFile, TableError, type FileFormat } from "./read-table";
import { plainFileSource, readSpool, SpoolWriter, TempFileDamaged, temporaryKey, type ByteSource, type Spool, type TempKey } from "./temp-files";

/**
 * Importing cases from an interchange file (docs/import-format.md), in two passes over the file:
 *
 * 1. validateImport() has the file parsed in a worker thread with its own heap limit and bounds on
 *    every cell, row and inflated byte (parse-in-worker.ts, decision 0013), checks every row it
 *    receives (asynchronously, yielding to the event loop), (lib/interchange/format.ts parseRow), checks offices and the importer's right to
 *    import into them, duplicate ext_ExternalCaseId within the file, what is already imported and
 *    which persons are already known, and collects up to `maxErrors` problems with row and column.
 *    Nothing is written to the database. The rows are kept in a spool sealed with a key of this
 *    import alone (temp-files.ts, decision 0014). Memory: one entry per row for the duplicate
 *    check, nothing else per row.
 * 2. commitImport() reads the spool (what was checked, not the file again) and writes everything in ONE write transaction (BEGIN
 *    IMMEDIATE, writeTransaction) with prepared statements: all rows or none. It runs
 *    synchronously, so no other statement of this process can slip into the transaction.
 *
 * Re-importing does not duplicate: a row whose ext_ExternalCaseId is already a case of its office
 * (its external id, or its case code, which is what an export writes) is skipped and reported.
 * Persons: rows with the same ext_ExternalPersonId are one person; a value that is the external id
 * (or person code) of a person of the row's office (registered by it or with a case in it) links to
 * that person; one of another office registered before the import is never linked to (a new person,
 * with a warning: office boundaries, docs/decisions/0015), while a person the same file created
 * stays one person across the file's offices; otherwise, when the row has names and a birth date whose blind
 * index matches exactly one person of the row's office registered before the import, the case is
 * linked to that person and reported as a probable duplicate.
 *
 * One audit event per import, with counts only.
 */

export type ImportActor = { kind: "user"; user: SessionUser } | { kind: "cli" };

export type ImportOptions = {
  actor: ImportActor;
  /** Office for rows without ext_OfficeCode (and when the file has no such column). */
  defaultOfficeCode?: string | null;
  /** How many problems are listed (all are counted). */
  maxErrors?: number;
  /**
   * The most case rows accepted (the web import's WEB_IMPORT_MAX_ROWS): the commit writes in one
   * transaction that holds up every other request of the process. None for the command line.
   */
  maxRows?: number;
  /** The import's private folder (job-folders.ts), for the spool; one of its own by default. */
  workDir?: string;
  /** Bounds of the parse; the web's for users, the command line's for the command line. */
  limits?: ParseLimits;
  /** Progress of the validation pass: work done and total (bytes of the file). */
  onProgress?: (done: number, total: number) => void;
  /** Checked between chunks: stop validating when it returns true. */
  cancelled?: () => boolean;
  /** "Today" for dates in the future (YYYY-MM-DD); the current UTC date by default. */
  today?: string;
};

export type ValidationReport = {
  format: FileFormat | null;
  /** Data rows read (blank rows are not counted). */
  rows: number;
  errors: RowError[];
  errorCount: number;
  /** Facts that disagree with each other, imported as given. */
  warnings: RowError[];
  warningCount: number;
  toImport: number;
  alreadyImported: number;
  alreadyImportedRows: number[];
  /** Rows whose person is already in Passage (by ext_ExternalPersonId). */
  existingPersons: number;
  probableDuplicates: { row: number; personCode: string }[];
  probableDuplicateCount: number;
  withIdentity: number;
  offices: { code: string; cases: number }[];
};

export type ImportResult = {
  cases: number;
  persons: number;
  alreadyImported: number;
  existingPersons: number;
  probableDuplicates: number;
  withIdentity: number;
  offices: { code: string; cases: number }[];
};

/** A validated file, ready to be committed (or discarded). */
export type ValidatedImport = {
  report: ValidationReport;
  /** The checked rows, sealed (only when the report has no problem), and their key. */
  spool: Spool | null;
  key: TempKey;
  /** The column names (row 1). */
  columns: string[];
  defaultOfficeCode: string | null;
  today: string;
  /** A temporary folder this module created (removed by discardValidated). */
  ownWorkDir: string | null;
};

export const DEFAULT_MAX_ERRORS = 1_000;
/** SQLite page cache during a commit, in KiB (see commitImport). */
export const IMPORT_CACHE_KIB = 128 * 1024;
const LIST_LIMIT = 100;

// ---------------------------------------------------------------------------------------------
// Offices and permissions
// ---------------------------------------------------------------------------------------------

type OfficeInfo = { id: number; code: string; active: boolean; allowed: boolean; ownerId: number | null };

/**
 * The offices by code, with whether the actor may import into them and who will own the cases:
 * the importer when they work in the office, otherwise (administrators, the command line) the
 * office's first active supervisor, or else its first active caseworker.
 */
function loadOffices(db: Db, actor: ImportActor): Map<string, OfficeInfo> {
  const staff = firstStaffStatement(db);
  const map = new Map<string, OfficeInfo>();
  for (const o of allOffices(db)) {
    let allowed: boolean;
    let ownerId: number | null = null;
    if (actor.kind === "cli") allowed = true;
    else {
      const u = actor.user;
      const member = u.officeIds.includes(o.id);
      allowed = can(u.role, "import:write:all") || (member && can(u.role, "import:write:office"));
      if (member && (u.role === "supervisor" || u.role === "caseworker")) ownerId = u.id;
    }
    ownerId ??= staff(o.id, "supervisor") ?? staff(o.id, "caseworker") ?? null;
    map.set(o.code, { id: o.id, code: o.code, active: o.active === 1, allowed, ownerId });
  }
  return map;
}

function officeProblem(office: OfficeInfo | undefined, code: string): { key: MessageKey; params: MessageParams } | null {
  if (!office) return { key: "unknownOffice", params: { value: code } };
  if (!office.allowed) return { key: "officeNotAllowed", params: { value: code } };
  if (!office.active) return { key: "officeInactive", params: { value: code } };
  if (office.ownerId === null) return { key: "officeNoStaff", params: { value: code } };
  return null;
}

function assertActorMayImport(actor: ImportActor): void {
  if (actor.kind === "user" && !can(actor.user.role, "import:write:office")) throw new AppError("FORBIDDEN");
}

// ---------------------------------------------------------------------------------------------
// Lookups shared by both passes
// ---------------------------------------------------------------------------------------------

type Lookups = ImportLookups;

function alreadyImported(l: Lookups, officeId: number, externalCaseId: string): boolean {
  return l.caseOfOffice(officeId, externalCaseId, CASE_CODE.test(externalCaseId)) !== undefined;
}

/** The person a row's ext_ExternalPersonId names: linked to only when it is a person of the row's
 * office; another office's person is never linked to across offices (docs/decisions/0015). */
function existingPerson(l: Lookups, externalPersonId: string | null, officeId: number): { id: number; inOffice: boolean } | null {
  if (!externalPersonId) return null;
  return l.person(externalPersonId, PERSON_CODE.test(externalPersonId), officeId) ?? null;
}

/** The one person registered before the import whose names and birth date match, or null. */
/** The blind indexes of a row's identity: names and birth date (when given), and names alone. */
function blindIndexesOf(value: InterchangeCase): { full: string | null; names: string | null } {
  const i = value.identity;
  if (!i) return { full: null, names: null };
  return blindIndexes(blindIndexKey(), i);
}

/** The one person registered before the import whose names and birth date match, or null. */
function blindIndexMatch(l: Lookups, full: string | null, maxPersonId: number, officeId: number, value?: InterchangeCase): { id: number; code: string } | null {
  if (!full) return null;
  const found = l.personsByBlindIndex(full, maxPersonId, officeId);
  if (found.length === 0 && value?.identity) {
    // During a blind index key rotation (decision 0022), persons not yet recomputed are under the previous key.
    for (const key of blindIndexKeys().slice(1)) {
      const previous = blindIndexes(key, value.identity).full;
      const old = previous ? l.personsByBlindIndex(previous, maxPersonId, officeId) : [];
      if (old.length > 0) return old.length === 1 ? old[0]! : null;
    }
  }
  return found.length === 1 ? found[0]! : null;
}

/**
 * Turns a row of cells into a record keyed by column name (extra non-empty cells are counted: an
 * error). Records of one file are made by one constructor, so they share one object shape.
 */
function recordMaker(columns: readonly string[]): (cells: readonly string[]) => { record: Record<string, string>; extra: number } {
  // A constructor (not object literals) so that V8 gives every record of the file one shape.
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class
  class FileRecord {
    constructor(cells: readonly string[]) {
      const self = this as unknown as Record<string, string>;
      for (let i = 0; i < columns.length; i++) self[columns[i]!] = cells[i] ?? "";
    }
  }
  return (cells) => {
    let extra = 0;
    for (let i = columns.length; i < cells.length; i++) if (cells[i]!.trim() !== "") extra += 1;
    return { record: new FileRecord(cells) as unknown as Record<string, string>, extra };
  };
}

// ---------------------------------------------------------------------------------------------
// Pass 1: validation
// ---------------------------------------------------------------------------------------------

function emptyReport(format: FileFormat | null): ValidationReport {
  return {
    format,
    rows: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
    warningCount: 0,
    toImport: 0,
    alreadyImported: 0,
    alreadyImportedRows: [],
    existingPersons: 0,
    probableDuplicates: [],
    probableDuplicateCount: 0,
    withIdentity: 0,
    offices: [],
  };
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * Pass 1: reads and checks the whole file without writing anything. The result says what an
 * import would do, and lists the problems (none: it may be committed).
 */
export async function validateImport(db: Db, file: string | ByteSource, options: ImportOptions): Promise<ValidatedImport> {
  assertActorMayImport(options.actor);
  const source = typeof file === "string" ? plainFileSource(file) : file;
  try {
    return await validateSource(db, source, options);
  } finally {
    if (typeof file === "string") source.close();
  }
}

async function validateSource(db: Db, source: ByteSource, options: ImportOptions): Promise<ValidatedImport> {
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const today = options.today ?? todayUtc();
  const defaultOfficeCode = options.defaultOfficeCode?.trim().toUpperCase() || null;
  const validated: ValidatedImport = {
    report: emptyReport(null),
    spool: null,
    key: temporaryKey(),
    columns: [],
    defaultOfficeCode,
    today,
    ownWorkDir: null,
  };
  const report = validated.report;
  const addError = (error: RowError) => {
    report.errorCount += 1;
    if (report.errors.length < maxErrors) report.errors.push(error);
  };

  let format: FileFormat;
  try {
    format = sniffFile(source.read(0, SNIFF_BYTES));
  } catch (error) {
    if (error instanceof TableError) {
      addError({ row: error.row, column: null, message: error.detail });
      return validated;
    }
    throw error;
  }
  report.format = format;

  const offices = loadOffices(db, options.actor);
  let defaultOffice: OfficeInfo | null = null;
  if (defaultOfficeCode) {
    const problem = officeProblem(offices.get(defaultOfficeCode), defaultOfficeCode);
    if (problem) {
      addError({ row: null, column: null, message: problem });
      return validated;
    }
    defaultOffice = offices.get(defaultOfficeCode)!;
  }
  const l = importLookups(db);
  const maxPersonId = maxPersonIdOf(db);
  const firstRowOf = new Map<string, number>();
  const perOffice = new Map<string, number>();

  // The rows, as checked, go to the sealed spool that the commit reads (kept while there is no problem).
  const dir = options.workDir ?? createJobFolder();
  if (!options.workDir) validated.ownWorkDir = dir;
  const spoolFile = path.join(dir, `rows-${randomBytes(6).toString("hex")}.spool`);
  let spool: SpoolWriter | null = new SpoolWriter(spoolFile, validated.key);
  const dropSpool = () => {
    spool?.abort();
    spool = null;
    rmSync(spoolFile, { force: true });
  };

  let columns: string[] | null = null;
  let recordOf: ReturnType<typeof recordMaker> = () => ({ record: {}, extra: 0 });
  let headerFailed = false;
  let fatal = false;

  /** Cells longer than the limit arrive empty, with their length: reported, never held. */
  const longCells = (r: ParsedRow): boolean => {
    if (!r.long) return false;
    for (const [index, length] of r.long) {
      addError({ row: r.row, column: columns?.[index] || null, message: { key: "cellTooLong", params: { length, max: MAX_CELL_CHARS } } });
    }
    return true;
  };

  const handle = (r: ParsedRow): boolean => {
    if (!columns) {
      longCells(r);
      const header = checkHeader(r.cells, { officeDefault: defaultOffice !== null });
      columns = header.columns;
      validated.columns = columns;
      recordOf = recordMaker(columns);
      for (const e of header.errors) addError(e);
      // Unknown or repeated columns are reported and the rows still checked (without them); without
      // a required column, or any known column, every row would fail: stop at the header.
      if (header.errors.some((e) => !["unknownColumn", "unknownColumnSuggest", "duplicateColumn"].includes(e.message.key))) {
        headerFailed = true;
        return false;
      }
      return true;
    }
    if (options.maxRows !== undefined && report.rows >= options.maxRows) {
      addError({ row: r.row, column: null, message: { key: "tooManyRowsForWeb", params: { max: options.maxRows.toLocaleString("en"), row: r.row - 1 } } });
      fatal = true;
      return false;
    }
    report.rows += 1;
    if (longCells(r)) return true;
    const { record, extra } = recordOf(r.cells);
    if (extra > 0) {
      addError({ row: r.row, column: null, message: { key: "fieldCount", params: { count: r.cells.length, expected: columns.length } } });
      return true;
    }
    const parsed = parseRow(record, r.row, { today });
    for (const w of parsed.warnings) {
      report.warningCount += 1;
      if (report.warnings.length < maxErrors) report.warnings.push(w);
    }
    if (!parsed.ok) {
      for (const e of parsed.errors) addError(e);
      return true;
    }
    const value = parsed.value;
    const code = value.officeCode ?? defaultOffice?.code ?? "";
    const office = offices.get(code);
    const problem = officeProblem(office, code);
    if (problem) {
      addError({ row: r.row, column: value.officeCode ? "ext_OfficeCode" : null, message: problem });
      return true;
    }
    const key = `${office!.id}\u0000${value.externalCaseId}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      addError({ row: r.row, column: "ext_ExternalCaseId", message: { key: "duplicateCaseId", params: { value: value.externalCaseId, firstRow: first } } });
      return true;
    }
    firstRowOf.set(key, r.row);
    if (alreadyImported(l, office!.id, value.externalCaseId)) {
      report.alreadyImported += 1;
      if (report.alreadyImportedRows.length < LIST_LIMIT) report.alreadyImportedRows.push(r.row);
      return true;
    }
    report.toImport += 1;
    perOffice.set(office!.code, (perOffice.get(office!.code) ?? 0) + 1);
    if (value.identity) report.withIdentity += 1;
    const known = existingPerson(l, value.externalPersonId, office!.id);
    if (known && !known.inOffice) {
      report.warningCount += 1;
      if (report.warnings.length < maxErrors) {
        report.warnings.push({ row: r.row, column: "ext_ExternalPersonId", message: { key: "personOfOtherOffice", params: { office: office!.code } } });
      }
    }
    if (known?.inOffice) report.existingPersons += 1;
    else {
      const match = value.identity?.birthDate ? blindIndexMatch(l, blindIndexesOf(value).full, maxPersonId, office!.id, value) : null;
      if (match) {
        report.probableDuplicateCount += 1;
        if (report.probableDuplicates.length < LIST_LIMIT) report.probableDuplicates.push({ row: r.row, personCode: match.code });
      }
    }
    return true;
  };

  try {
    await parseInWorker(source, {
      format,
      limits: options.limits ?? (options.actor.kind === "cli" ? CLI_LIMITS : WEB_LIMITS),
      onProgress: options.onProgress,
      onRows: async (rows) => {
        if (options.cancelled?.()) throw new ImportCancelled();
        for (const r of rows) {
          if (!handle(r)) return false;
          if (report.errorCount > 0) dropSpool();
          else spool?.append([r.row, r.cells]);
        }
        await yieldToEventLoop();
        return !options.cancelled?.();
      },
    });
  } catch (error) {
    if (!(error instanceof TableError)) {
      dropSpool();
      discardValidated(validated);
      throw error;
    }
    addError({ row: error.row, column: null, message: error.detail });
    fatal = true;
  }
  if (!fatal && !columns) addError({ row: null, column: null, message: { key: "empty" } });
  else if (!fatal && !headerFailed && report.rows === 0) addError({ row: null, column: null, message: { key: "noRows" } });
  report.offices = [...perOffice.entries()].map(([code, cases]) => ({ code, cases })).sort((a, b) => a.code.localeCompare(b.code));
  if (report.errorCount > 0) {
    // A refused file leaves nothing behind.
    dropSpool();
    if (validated.ownWorkDir) removeJobFolder(validated.ownWorkDir);
    validated.ownWorkDir = null;
  }
  const finished: SpoolWriter | null = spool;
  if (finished) validated.spool = finished.close();
  return validated;
}

export class ImportCancelled extends Error {
  constructor() {
    super("import cancelled");
    this.name = "ImportCancelled";
  }
}

/** Removes the temporary files of a validated import (its spool, and its folder if it made one). */
export function discardValidated(validated: ValidatedImport): void {
  if (validated.spool) rmSync(validated.spool.file, { force: true });
  validated.spool = null;
  if (validated.ownWorkDir) removeJobFolder(validated.ownWorkDir);
  validated.ownWorkDir = null;
}

// ---------------------------------------------------------------------------------------------
// Pass 2: commit
// ---------------------------------------------------------------------------------------------

/** Random codes like randomCode() (40 bits from the CSPRNG), drawn from a pooled buffer for speed. */
function codeGenerator(): (prefix: "P" | "C") => string {
  let pool = randomBytes(0);
  let at = 0;
  return (prefix) => {
    if (at + 5 > pool.length) {
      pool = randomBytes(5 * 4096);
      at = 0;
    }
    const a = (pool[at]! << 12) | (pool[at + 1]! << 4) | (pool[at + 2]! >> 4);
    const b = ((pool[at + 2]! & 15) << 16) | (pool[at + 3]! << 8) | pool[at + 4]!;
    at += 5;
    const s = (v: number, shift: number) => CODE_ALPHABET[(v >> shift) & 31]!;
    return `${prefix}-${s(a, 15)}${s(a, 10)}${s(a, 5)}${s(a, 0)}-${s(b, 15)}${s(b, 10)}${s(b, 5)}${s(b, 0)}`;
  };
}

class ChangedSinceValidation extends Error {
  constructor(readonly row: number | null) {
    super("the file changed after validation");
    this.name = "ChangedSinceValidation";
  }
}

/** The checked rows to commit (from the spool; the first is the column names), with their row numbers. */
function* commitRows(validated: ValidatedImport): Generator<{ row: number; record: Record<string, string> }> {
  const recordOf = recordMaker(validated.columns);
  let header = true;
  for (const [row, cells] of readSpool(validated.spool!, validated.key)) {
    if (header) header = false;
    else yield { row, record: recordOf(cells).record };
  }
}

/**
 * Pass 2: writes the validated file in one write transaction, or nothing. Permissions and offices
 * are checked again for `options.actor` (the user committing); a row that no longer passes (the
 * file changed) rolls everything back.
 */
export function commitImport(db: Db, validated: ValidatedImport, options: { actor: ImportActor; ip?: string | null }): ImportResult {
  assertActorMayImport(options.actor);
  if (validated.report.errorCount > 0 || !validated.spool) throw new AppError("VALIDATION");

  // A large transaction inserts into indexes of random keys (codes, external ids): with SQLite's
  // default 2 MB page cache most inserts would read their page again. A larger cache for the
  // duration of the import (memory stays bounded by it), then back to what it was.
  const client = db.$client;
  const cacheSize = client.memory ? null : Number(client.pragma("cache_size", { simple: true }));
  if (cacheSize !== null && cacheSize > -IMPORT_CACHE_KIB) client.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return writeTransaction(db, (tx) => commitInTransaction(tx, validated, options));
  } catch (error) {
    if (error instanceof ChangedSinceValidation) throw new ImportChanged(error.row);
    if (error instanceof TempFileDamaged) throw new ImportChanged(null);
    throw error;
  } finally {
    if (cacheSize !== null && cacheSize > -IMPORT_CACHE_KIB) client.pragma(`cache_size = ${cacheSize}`);
  }
}

/** The file no longer matches what was validated: nothing was imported. */
export class ImportChanged extends Error {
  readonly detail: Message = { key: "changedSinceValidation" };
  constructor(readonly row: number | null) {
    super("the file changed after it was validated; nothing was imported");
    this.name = "ImportChanged";
  }
}

function commitInTransaction(tx: Db, validated: ValidatedImport, options: { actor: ImportActor; ip?: string | null }): ImportResult {
  const offices = loadOffices(tx, options.actor);
  const l = importLookups(tx);
  const maxPersonId = maxPersonIdOf(tx);
  const defaultOffice = validated.defaultOfficeCode ? offices.get(validated.defaultOfficeCode) : undefined;
  const importerId = options.actor.kind === "user" ? options.actor.user.id : null;
  const now = Date.now();
  const code = codeGenerator();
  const ring = vaultKeys();
  const insert = importInserts(tx);

  /** Inserts with a fresh random code, drawing again on the (rare) clash with an existing code. */
  const withCode = (prefix: "P" | "C", run: (code: string) => number): number => {
    for (let attempt = 0; ; attempt++) {
      try {
        return run(code(prefix));
      } catch (error) {
        if (attempt < 8 && isCodeClash(error)) continue;
        throw error;
      }
    }
  };

  /** Office and external person id -> the person rows of this file were given (by blind index, or new for another office's id). */
  const linkedByBlindIndex = new Map<string, { id: number; inOffice: true }>();
  const perOffice = new Map<string, number>();
  const result: ImportResult = { cases: 0, persons: 0, alreadyImported: 0, existingPersons: 0, probableDuplicates: 0, withIdentity: 0, offices: [] };

  for (const { row, record } of commitRows(validated)) {
    const parsed = parseRow(record, row, { today: validated.today });
    if (!parsed.ok) throw new ChangedSinceValidation(row);
    const v = parsed.value;
    const office = v.officeCode ? offices.get(v.officeCode) : defaultOffice;
    if (!office || officeProblem(office, office.code)) throw new ChangedSinceValidation(row);
    if (alreadyImported(l, office.id, v.externalCaseId)) {
      result.alreadyImported += 1;
      continue;
    }

    // The person: known by external id (or code), linked through the blind index, or new.
    // Another office's person is never linked to: the row gets a new person of its office, without
    // the external id (taken by that person); rows of the file naming the same id share it.
    const known = v.externalPersonId ? (linkedByBlindIndex.get(`${office.id}\u0000${v.externalPersonId}`) ?? existingPerson(l, v.externalPersonId, office.id)) : null;
    // A person this file created (after maxPersonId) is the file's own: its rows for several offices
    // stay one person, as the importer (allowed into each of them) stated.
    const otherOffice = known !== null && !known.inOffice && known.id <= maxPersonId;
    let personId = known !== null && !otherOffice ? known.id : null;
    const indexes = personId === null ? blindIndexesOf(v) : { full: null, names: null };
    if (personId !== null) result.existingPersons += 1;
    else {
      const match = blindIndexMatch(l, indexes.full, maxPersonId, office.id, v);
      if (match) {
        personId = match.id;
        result.probableDuplicates += 1;
        if (v.externalPersonId) linkedByBlindIndex.set(`${office.id}\u0000${v.externalPersonId}`, { id: match.id, inOffice: true });
      }
    }
    if (personId === null) {
      const i = v.identity;
      const newId = withCode("P", (pc) =>
        insert.person({
          code: pc,
          sex: v.sex,
          birthYear: v.birthYear,
          citizenship: v.citizenships[0] ?? null,
          otherCitizenships: v.citizenships.slice(1).join(";") || null,
          blindIndex: indexes.full ?? indexes.names,
          blindIndexNames: indexes.names,
          externalId: otherOffice ? null : v.externalPersonId,
          registeredOfficeId: office.id,
          createdBy: importerId,
          createdAt: now,
        }),
      );
      if (i) insert.identity(newId, sealJson(ring, vaultIdentity(i), IDENTITY_AAD(newId)), now);
      if (otherOffice) linkedByBlindIndex.set(`${office.id}\u0000${v.externalPersonId}`, { id: newId, inOffice: true });
      personId = newId;
      result.persons += 1;
    }
    if (v.identity) result.withIdentity += 1;

    const has = (c: string) => (v.categories.includes(c as never) ? 1 : 0);
    const caseId = withCode("C", (cc) =>
      insert.case({
        code: cc,
        personId: personId!,
        officeId: office.id,
        ownerId: office.ownerId!,
        status: v.status,
        programme: v.programme,
        catVictim: has("victim"),
        catUmc: has("unaccompanied_child"),
        catHealth: has("health"),
        catMain: has("main_population"),
        traffickingStatus: v.traffickingStatus,
        fundingSource: v.fundingSource,
        registeredOn: v.registeredOn,
        registrationYear: Number(v.registeredOn.slice(0, 4)),
        sex: v.sex,
        ageAtRegistration: v.ageAtRegistration,
        citizenship: v.citizenships[0] ?? null,
        countryOfIdentification: v.countryOfIdentification,
        countryOfExploitation: v.countryOfExploitation,
        traffickingType: v.traffickingType,
        forcedLabourSector: v.forcedLabourSector,
        recruiterRelationship: v.recruiterRelationship,
        hostCountry: v.hostCountry,
        returnCountry: v.returnCountry,
        returnedOn: v.returnedOn,
        externalId: v.externalCaseId,
        createdBy: importerId,
        createdAt: now,
        updatedAt: now,
        exploitationTypes: caseValuesCopy(v.exploitation),
        reintegrationTypes: caseValuesCopy(v.reintegration),
      }),
    );
    for (const value of v.exploitation) insert.value(caseId, "exploitation", value);
    for (const value of v.control) insert.value(caseId, "control", value);
    for (const value of v.sexExploitation) insert.value(caseId, "sex_exploitation", value);
    for (const value of v.reintegration) insert.value(caseId, "reintegration", value);
    for (const value of v.transit) insert.value(caseId, "transit", value);
    result.cases += 1;
    perOffice.set(office.code, (perOffice.get(office.code) ?? 0) + 1);
  }

  result.offices = [...perOffice.entries()].map(([c, cases]) => ({ code: c, cases })).sort((a, b) => a.code.localeCompare(b.code));
  const single = result.offices.length === 1 ? offices.get(result.offices[0]!.code) : undefined;
  recordAudit(tx, {
    action: "cases.imported",
    actorUserId: importerId,
    entityType: single ? "office" : null,
    entityId: single?.code ?? null,
    officeId: single?.id ?? null,
    ip: options.ip ?? null,
    details: {
      source: options.actor.kind === "cli" ? "cli" : "web",
      format: validated.report.format,
      rows: validated.report.rows,
      cases: result.cases,
      persons: result.persons,
      alreadyImported: result.alreadyImported,
      existingPersons: result.existingPersons,
      probableDuplicates: result.probableDuplicates,
      withIdentity: result.withIdentity,
      offices: Object.fromEntries(result.offices.map((o) => [o.code, o.cases])),
    },
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Both passes
// ---------------------------------------------------------------------------------------------

export type ImportOutcome =
  | { committed: false; report: ValidationReport }
  | { committed: true; report: ValidationReport; result: ImportResult };

/**
 * Validates the file and, when it has no problem and this is not a dry run, commits it (the
 * command line and tests; the web UI runs the two passes as separate steps).
 */
export async function importCases(db: Db, filePath: string, options: ImportOptions & { dryRun?: boolean; ip?: string | null }): Promise<ImportOutcome> {
  const validated = await validateImport(db, filePath, options);
  try {
    if (options.dryRun || validated.report.errorCount > 0) return { committed: false, report: validated.report };
    const result = commitImport(db, validated, { actor: options.actor, ip: options.ip });
    return { committed: true, report: validated.report, result };
  } finally {
    discardValidated(validated);
  }
}

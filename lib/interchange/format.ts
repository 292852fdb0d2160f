/**
 * The interchange format of Passage (docs/import-format.md): one CSV (or XLSX) row per case, with
 * the column names of the Human Trafficking Case Data Standard (HTCDS 2.0, "Human Trafficking Case
 * Data Standard (HTCDS) by IOM", CC BY 4.0) where the standard has the concept, and documented
 * `ext_` columns for what it lacks. Picklists use the standard's value NAMES; multi-values are
 * separated by ";"; countries are ISO 3166-1 alpha-2 codes; dates are YYYY-MM-DD.
 *
 * Pure and isomorphic: the import (server/interchange), the export, the command line and the tests
 * use these definitions. Messages are message-catalogue keys of the `interchange` namespace
 * (lib/i18n/messages/en/interchange.json) with parameters; a value of an identity column is never
 * put into a message.
 */
import { HTCDS_PICKLISTS } from "@/lib/reference/htcds.generated";
import { isCountryCode } from "@/lib/reference/countries";
import {
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  FORCED_LABOUR_SECTORS,
  RECRUITER_RELATIONSHIPS,
  REINTEGRATION_TYPES,
  SEX_EXPLOITATION_TYPES,
  TRAFFICKING_STATUSES,
} from "@/lib/reference/vocabulary";

/** A single cell may hold at most this many characters (a 10 MB cell is refused, not stored). */
export const MAX_CELL_CHARS = 10_000;
/** Values separated by ";" in one cell. */
export const MULTI_SEPARATOR = ";";
/** Earliest registration date: statistics cover 1990 onwards (lib/stats/filters.ts). */
export const MIN_REGISTRATION_DATE = "1990-01-01";
export const MIN_BIRTH_YEAR = 1900;
export const MAX_AGE = 120;

export const CASE_STATUS_VALUES = ["Active", "FollowUp", "Closed", "ClosedReferred"] as const;
export const PROGRAMME_VALUES = ["avrr", "para", "vulnerable_migrant"] as const;
export const CATEGORY_VALUES = ["victim", "unaccompanied_child", "health", "main_population"] as const;
export const FUNDING_VALUES = ["project", "gaf"] as const;
export const TRAFFICKING_TYPE_VALUES = ["internal", "international"] as const;
const SEX_VALUES = HTCDS_PICKLISTS.prs_Gender.values.map((v) => v.name);

export type ColumnKind =
  | "id" // an identifier from another system: printable text, at most 64 characters
  | "office" // an office code
  | "text" // identity text
  | "phone"
  | "date"
  | "year"
  | "age"
  | "country"
  | "countries"
  | "one" // one value of a picklist
  | "many"; // several values of a picklist

export type ColumnDef = {
  readonly name: string;
  readonly kind: ColumnKind;
  /** `htcds`: the standard's field; `ext`: Passage's documented extension. */
  readonly source: "htcds" | "ext";
  /** Identity: optional, goes only into the encrypted vault, never into a message or a log. */
  readonly identity?: true;
  /** The column must be present and every row must have a value. */
  readonly required?: true;
  readonly values?: readonly string[];
  readonly max?: number;
};

const col = <const C extends ColumnDef>(c: C) => c;

/** Every column, in the order of an export. */
export const COLUMNS = [
  col({ name: "ext_ExternalCaseId", kind: "id", source: "ext", required: true, max: 64 }),
  col({ name: "ext_ExternalPersonId", kind: "id", source: "ext", max: 64 }),
  col({ name: "ext_OfficeCode", kind: "office", source: "ext" }),
  col({ name: "ext_RegistrationDate", kind: "date", source: "ext", required: true }),
  col({ name: "cas_Status", kind: "one", source: "htcds", values: CASE_STATUS_VALUES }),
  col({ name: "ext_Programme", kind: "one", source: "ext", values: PROGRAMME_VALUES }),
  col({ name: "ext_BeneficiaryCategories", kind: "many", source: "ext", values: CATEGORY_VALUES }),
  col({ name: "ext_FundingSource", kind: "one", source: "ext", values: FUNDING_VALUES }),
  col({ name: "prs_FirstName", kind: "text", source: "htcds", identity: true, max: 200 }),
  col({ name: "prs_SecondName", kind: "text", source: "htcds", identity: true, max: 200 }),
  col({ name: "prs_Birthdate", kind: "date", source: "htcds", identity: true }),
  col({ name: "prs_IdentityNumber", kind: "text", source: "htcds", identity: true, max: 64 }),
  col({ name: "prs_MobilePhone", kind: "phone", source: "htcds", identity: true }),
  col({ name: "prs_MailingCity", kind: "text", source: "htcds", identity: true, max: 200 }),
  col({ name: "prs_MailingCountry", kind: "country", source: "htcds", identity: true }),
  col({ name: "prs_Gender", kind: "one", source: "htcds", required: true, values: SEX_VALUES }),
  col({ name: "ext_BirthYear", kind: "year", source: "ext" }),
  col({ name: "ext_AgeAtRegistration", kind: "age", source: "ext" }),
  col({ name: "prs_Citizenship", kind: "countries", source: "htcds", max: 6 }),
  col({ name: "vic_TraffickingStatus", kind: "one", source: "htcds", values: TRAFFICKING_STATUSES }),
  col({ name: "vic_TypeOfExploitation", kind: "many", source: "htcds", values: EXPLOITATION_TYPES }),
  col({ name: "vic_ForcedLabourIndustry", kind: "one", source: "htcds", values: FORCED_LABOUR_SECTORS }),
  col({ name: "vic_TypeOfSexExploitation", kind: "many", source: "htcds", values: SEX_EXPLOITATION_TYPES }),
  col({ name: "vic_MethodsOfControl", kind: "many", source: "htcds", values: CONTROL_METHODS }),
  col({ name: "vic_RelationshipToTrafficker", kind: "one", source: "htcds", values: RECRUITER_RELATIONSHIPS }),
  col({ name: "ext_TraffickingType", kind: "one", source: "ext", values: TRAFFICKING_TYPE_VALUES }),
  col({ name: "ext_CountryOfIdentification", kind: "country", source: "ext" }),
  col({ name: "ext_CountryOfExploitation", kind: "country", source: "ext" }),
  col({ name: "ext_TransitCountries", kind: "countries", source: "ext", max: 20 }),
  col({ name: "ext_HostCountry", kind: "country", source: "ext" }),
  col({ name: "ext_CountryOfReturn", kind: "country", source: "ext" }),
  col({ name: "ext_ReturnDate", kind: "date", source: "ext" }),
  col({ name: "ext_ReintegrationAssistance", kind: "many", source: "ext", values: REINTEGRATION_TYPES }),
] as const satisfies readonly ColumnDef[];

export type ColumnName = (typeof COLUMNS)[number]["name"];
export const COLUMN_NAMES: readonly ColumnName[] = COLUMNS.map((c) => c.name);
const BY_NAME = new Map<string, ColumnDef>(COLUMNS.map((c) => [c.name, c]));
export const IDENTITY_COLUMNS: readonly ColumnName[] = COLUMNS.filter((c) => "identity" in c && c.identity).map((c) => c.name);
export const REQUIRED_COLUMNS: readonly ColumnName[] = COLUMNS.filter((c) => "required" in c && c.required).map((c) => c.name);

export function columnDef(name: string): ColumnDef | undefined {
  return BY_NAME.get(name);
}

export function isIdentityColumn(name: string): boolean {
  return BY_NAME.get(name)?.identity === true;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Keys of `interchange.errors.*` (lib/i18n/messages/en/interchange.json). */
export const MESSAGE_KEYS = [
  "empty",
  "noRows",
  "notCsv",
  "notXlsx",
  "encoding",
  "tooLarge",
  "tooManyRowsForWeb",
  "rowTooLong",
  "separator",
  "noKnownColumns",
  "unknownColumn",
  "unknownColumnSuggest",
  "duplicateColumn",
  "missingColumn",
  "officeColumnMissing",
  "fieldCount",
  "cellTooLong",
  "required",
  "id",
  "text",
  "phone",
  "date",
  "dateIdentity",
  "dateInFuture",
  "dateTooEarly",
  "year",
  "age",
  "country",
  "countryIdentity",
  "tooManyValues",
  "picklist",
  "picklistMany",
  "identityNeedsNames",
  "birthYearMismatch",
  "ageMismatch",
  "beforeBirth",
  "childCategory",
  "duplicateCaseId",
  "personOfOtherOffice",
  "unknownOffice",
  "officeNotAllowed",
  "officeInactive",
  "officeNoStaff",
  "changedSinceValidation",
  "failed",
  "tooManyColumns",
  "xlsxTooLarge",
  "sharedStringsTooLarge",
  "readerFailed",
] as const;
export type MessageKey = (typeof MESSAGE_KEYS)[number];
export type MessageParams = Record<string, string | number>;
export type Message = { key: MessageKey; params?: MessageParams };

/** One problem of a file: its row (1 = the column names) and column when they apply. */
export type RowError = { row: number | null; column: string | null; message: Message };

const MAX_SHOWN = 60;
/** A value quoted in a message: shortened, control characters made visible. */
export function shown(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean;
}

/**
 * Renders a message with `{name}` placeholders (the catalogue's interchange messages use no other
 * ICU syntax, so the command line can render them without the UI's formatter).
 */
export function renderMessage(catalogue: Record<string, string>, message: Message): string {
  const template = catalogue[message.key] ?? message.key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    message.params && name in message.params ? String(message.params[name]) : whole,
  );
}

// ---------------------------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------------------------

export type HeaderCheck = { columns: string[]; errors: RowError[] };

/**
 * Checks the column names (row 1): every name must be a known column, once; required columns must
 * be present; `ext_OfficeCode` is required unless the import names a default office. A header
 * with no known column at all is not an interchange file.
 */
export function checkHeader(names: readonly string[], options: { officeDefault: boolean }): HeaderCheck {
  const columns = names.map((n, i) => (i === 0 ? n.replace(/^\ufeff/, "") : n).trim());
  const errors: RowError[] = [];
  const known = columns.filter((c) => BY_NAME.has(c));
  if (known.length === 0) {
    const joined = columns.join(",");
    const separated = /[;\t|]/.test(joined) && [";", "\t", "|"].some((s) => joined.split(s).some((p) => BY_NAME.has(p.trim())));
    return { columns, errors: [{ row: 1, column: null, message: { key: separated ? "separator" : "noKnownColumns" } }] };
  }
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (name === "" && columns.slice(i).every((c) => c === "")) return; // trailing empty header cells
    if (!BY_NAME.has(name)) {
      const column = shown(name || `#${i + 1}`);
      const suggestion = suggest(name);
      errors.push({
        row: 1,
        column,
        message: suggestion ? { key: "unknownColumnSuggest", params: { column, suggestion } } : { key: "unknownColumn", params: { column } },
      });
    } else if (seen.has(name)) {
      errors.push({ row: 1, column: name, message: { key: "duplicateColumn", params: { column: name } } });
    }
    seen.add(name);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) errors.push({ row: 1, column: required, message: { key: "missingColumn", params: { column: required } } });
  }
  if (!options.officeDefault && !seen.has("ext_OfficeCode")) {
    errors.push({ row: 1, column: "ext_OfficeCode", message: { key: "officeColumnMissing" } });
  }
  return { columns, errors };
}

/** The known column closest to an unknown name (case and separators ignored), or "". */
function suggest(name: string): string {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const target = squash(name);
  if (!target) return "";
  let best = "";
  let bestScore = Infinity;
  for (const c of COLUMN_NAMES) {
    const candidate = squash(c);
    const score = candidate === target ? 0 : candidate.endsWith(target) || target.endsWith(candidate.replace(/^(prs|vic|cas|ext)/, "")) ? 1 : distance(candidate, target);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return bestScore <= Math.max(2, Math.floor(target.length / 4)) ? best : "";
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 6) return 99;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

type Of<T extends readonly string[]> = T[number];

/** The identity of a row, as it goes into the vault (server/interchange maps it onto ZIdentity). */
export type InterchangeIdentity = {
  givenName: string;
  familyName: string;
  birthDate: string | null;
  identityNumber: string | null;
  phone: string | null;
  city: string | null;
  country: string | null;
};

/** One case of the interchange format, typed and validated. */
export type InterchangeCase = {
  externalCaseId: string;
  externalPersonId: string | null;
  /** Upper-case office code, or null to use the import's default office. */
  officeCode: string | null;
  registeredOn: string;
  status: Of<typeof CASE_STATUS_VALUES>;
  programme: Of<typeof PROGRAMME_VALUES> | null;
  categories: Of<typeof CATEGORY_VALUES>[];
  fundingSource: Of<typeof FUNDING_VALUES> | null;
  identity: InterchangeIdentity | null;
  sex: string;
  birthYear: number | null;
  ageAtRegistration: number | null;
  /** The first is the primary citizenship. */
  citizenships: string[];
  traffickingStatus: string | null;
  exploitation: string[];
  forcedLabourSector: string | null;
  sexExploitation: string[];
  control: string[];
  recruiterRelationship: string | null;
  traffickingType: Of<typeof TRAFFICKING_TYPE_VALUES> | null;
  countryOfIdentification: string | null;
  countryOfExploitation: string | null;
  transit: string[];
  hostCountry: string | null;
  returnCountry: string | null;
  returnedOn: string | null;
  reintegration: string[];
};

/**
 * Errors refuse the row (and so the import); warnings are facts that disagree with each other but
 * may well be what the source recorded (an age that does not fit the year of birth): the row is
 * imported as it is and the warning is reported.
 */
export type ParseResult =
  | { ok: true; value: InterchangeCase; warnings: RowError[] }
  | { ok: false; errors: RowError[]; warnings: RowError[] };

/** A row as read from the file: column name -> cell text (absent columns are absent or ""). */
export type RawRecord = Readonly<Record<string, string | undefined>>;

const PICKLIST_INDEX = new Map<string, Map<string, string>>(
  COLUMNS.filter((c) => c.kind === "one" || c.kind === "many").map((c) => [
    c.name,
    new Map((c as ColumnDef).values!.flatMap((v) => [[v, v] as const, [v.toLowerCase(), v] as const])),
  ]),
);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PHONE = /^\+?[0-9 ()-]{4,24}$/;
// Printable characters only (no control characters) in identifiers.
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A value an export escaped: one added apostrophe before (other apostrophes and) = + - @ tab CR. */
const FORMULA_ESCAPED = /^'+[=+\-@\t\r]/;

/** Undoes the export's protection against formula injection ("'=..." was "=..."). */
export function unescapeFormula(value: string): string {
  return FORMULA_ESCAPED.test(value) ? value.slice(1) : value;
}

/**
 * A text cell starting with = + - @ tab or CR gets a leading ' so no spreadsheet runs it; so does a
 * value that already starts with apostrophes before one of those, so that import can always remove
 * exactly one.
 */
export function escapeFormula(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

export type ParseOptions = {
  /** Today, YYYY-MM-DD (dates after it are refused); defaults to the current UTC date. */
  today?: string;
};

const split = (v: string) => [...new Set(v.split(MULTI_SEPARATOR).map((p) => p.trim()).filter(Boolean))];
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The cells of one row with the checks of each kind of column. A class (not closures) because a
 * million rows go through it: methods live once on the prototype.
 */
class RowReader {
  readonly errors: RowError[] = [];
  readonly warnings: RowError[] = [];
  constructor(
    private readonly record: RawRecord,
    private readonly rowNumber: number,
    readonly today: string,
  ) {}

  fail(column: string, key: MessageKey, params?: MessageParams): void {
    this.errors.push({ row: this.rowNumber, column, message: params ? { key, params } : { key } });
  }

  warn(column: string, key: MessageKey, params: MessageParams): void {
    this.warnings.push({ row: this.rowNumber, column, message: { key, params } });
  }

  /** The trimmed cell, "" when absent; null (with an error) when too long. */
  cell(name: ColumnName): string | null {
    const raw = this.record[name];
    if (raw === undefined || raw === "") return "";
    if (raw.length > MAX_CELL_CHARS) {
      this.fail(name, "cellTooLong", { length: raw.length, max: MAX_CELL_CHARS });
      return null;
    }
    const trimmed = raw.trim();
    return FORMULA_ESCAPED.test(trimmed) ? trimmed.slice(1).trim() : trimmed;
  }

  required(name: ColumnName, value: string | null): value is string {
    if (value === "") this.fail(name, "required");
    return !!value;
  }

  id(name: ColumnName, mustHave: boolean): string | null {
    const v = this.cell(name);
    if (v === null) return null;
    if (v === "") {
      if (mustHave) this.fail(name, "required");
      return null;
    }
    if (v.length > 64 || CONTROL.test(v)) {
      this.fail(name, "id", { value: shown(v), max: 64 });
      return null;
    }
    return v;
  }

  date(name: ColumnName, identity = false): string | null {
    const v = this.cell(name);
    if (!v) return null;
    if (!isIsoDate(v)) {
      if (identity) this.fail(name, "dateIdentity");
      else this.fail(name, "date", { value: shown(v) });
      return null;
    }
    if (v > this.today) {
      this.fail(name, "dateInFuture");
      return null;
    }
    return v;
  }

  country(name: ColumnName, identity = false): string | null {
    const v = this.cell(name);
    if (!v) return null;
    const code = v.toUpperCase();
    if (!isCountry(code)) {
      if (identity) this.fail(name, "countryIdentity");
      else this.fail(name, "country", { value: shown(v) });
      return null;
    }
    return code;
  }

  countries(name: ColumnName, max: number): string[] {
    const v = this.cell(name);
    if (!v) return [];
    const out: string[] = [];
    const bad: string[] = [];
    for (const part of split(v)) {
      const code = part.toUpperCase();
      if (isCountry(code)) {
        if (!out.includes(code)) out.push(code);
      } else bad.push(part);
    }
    if (bad.length) this.fail(name, "country", { value: shown(bad.join(MULTI_SEPARATOR)) });
    if (out.length > max) this.fail(name, "tooManyValues", { count: out.length, max });
    return out;
  }

  one(name: ColumnName): string | null {
    const v = this.cell(name);
    if (!v) return null;
    const found = PICKLIST_INDEX.get(name)!.get(v) ?? PICKLIST_INDEX.get(name)!.get(v.toLowerCase());
    if (!found) {
      this.fail(name, "picklist", { value: shown(v), allowed: allowedValues(name) });
      return null;
    }
    return found;
  }

  many(name: ColumnName): string[] {
    const v = this.cell(name);
    if (!v) return [];
    const index = PICKLIST_INDEX.get(name)!;
    const out: string[] = [];
    const bad: string[] = [];
    for (const part of split(v)) {
      const found = index.get(part) ?? index.get(part.toLowerCase());
      if (found) {
        if (!out.includes(found)) out.push(found);
      } else bad.push(part);
    }
    if (bad.length) this.fail(name, "picklistMany", { value: shown(bad.join(MULTI_SEPARATOR)), allowed: allowedValues(name) });
    return out;
  }

  integer(name: ColumnName, min: number, max: number, key: "year" | "age"): number | null {
    const v = this.cell(name);
    if (!v) return null;
    const n = /^\d{1,4}$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.fail(name, key, { value: shown(v), min, max });
      return null;
    }
    return n;
  }

  text(name: ColumnName, max: number): string | null {
    const v = this.cell(name);
    if (!v) return null;
    if (v.length > max || TEXT_CONTROL.test(v)) {
      this.fail(name, "text", { max });
      return null;
    }
    return v;
  }

  hasAny(names: readonly ColumnName[]): boolean {
    for (const n of names) if ((this.record[n] ?? "").trim() !== "") return true;
    return false;
  }
}

const COUNTRY_CACHE = new Map<string, boolean>();
function isCountry(code: string): boolean {
  let ok = COUNTRY_CACHE.get(code);
  if (ok === undefined) {
    ok = isCountryCode(code);
    if (COUNTRY_CACHE.size < 10_000) COUNTRY_CACHE.set(code, ok);
  }
  return ok;
}

/**
 * Validates one row and returns the typed case, or every problem of the row (row number, column,
 * message). Only syntax and consistency within the row: offices, permissions, duplicates across
 * rows and what is already in the database are the import's business.
 */
export function parseRow(record: RawRecord, rowNumber: number, options: ParseOptions = {}): ParseResult {
  const r = new RowReader(record, rowNumber, options.today ?? new Date().toISOString().slice(0, 10));
  const today = r.today;

  // Case
  const externalCaseId = r.id("ext_ExternalCaseId", true);
  const externalPersonId = r.id("ext_ExternalPersonId", false);
  const officeRaw = r.cell("ext_OfficeCode");
  let officeCode: string | null = null;
  if (officeRaw) {
    officeCode = officeRaw.toUpperCase();
    if (!/^[A-Z0-9-]{2,20}$/.test(officeCode)) {
      r.fail("ext_OfficeCode", "unknownOffice", { value: shown(officeRaw) });
      officeCode = null;
    }
  }
  const registeredRaw = r.cell("ext_RegistrationDate");
  let registeredOn: string | null = null;
  if (r.required("ext_RegistrationDate", registeredRaw)) {
    registeredOn = r.date("ext_RegistrationDate");
    if (registeredOn && registeredOn < MIN_REGISTRATION_DATE) {
      r.fail("ext_RegistrationDate", "dateTooEarly", { value: registeredOn, min: MIN_REGISTRATION_DATE });
      registeredOn = null;
    }
  }
  const status = (r.one("cas_Status") ?? "Active") as InterchangeCase["status"];
  const programme = r.one("ext_Programme") as InterchangeCase["programme"];
  const categories = r.many("ext_BeneficiaryCategories") as InterchangeCase["categories"];
  const fundingSource = r.one("ext_FundingSource") as InterchangeCase["fundingSource"];

  // Identity
  let identity: InterchangeIdentity | null = null;
  let birthDate: string | null = null;
  if (r.hasAny(IDENTITY_COLUMNS)) {
    const givenName = r.text("prs_FirstName", 200);
    const familyName = r.text("prs_SecondName", 200);
    birthDate = r.date("prs_Birthdate", true);
    const identityNumber = r.text("prs_IdentityNumber", 64);
    let phone = r.cell("prs_MobilePhone");
    if (phone && !PHONE.test(phone)) {
      r.fail("prs_MobilePhone", "phone");
      phone = null;
    }
    const city = r.text("prs_MailingCity", 200);
    const mailingCountry = r.country("prs_MailingCountry", true);
    if (givenName && familyName) {
      identity = { givenName, familyName, birthDate, identityNumber, phone: phone || null, city, country: mailingCountry };
    } else {
      r.fail(givenName ? "prs_SecondName" : "prs_FirstName", "identityNeedsNames");
    }
  }

  // Person
  const sexRaw = r.cell("prs_Gender");
  const sex = r.required("prs_Gender", sexRaw) ? r.one("prs_Gender") : null;
  const currentYear = Number(today.slice(0, 4));
  let birthYear = r.integer("ext_BirthYear", MIN_BIRTH_YEAR, currentYear, "year");
  const age = r.integer("ext_AgeAtRegistration", 0, MAX_AGE, "age");
  const citizenships = r.countries("prs_Citizenship", 6);
  if (birthDate) {
    const fromDate = Number(birthDate.slice(0, 4));
    if (birthYear !== null && birthYear !== fromDate) r.fail("ext_BirthYear", "birthYearMismatch", { year: birthYear });
    birthYear ??= fromDate;
  }
  let ageAtRegistration = age;
  if (registeredOn) {
    if (birthDate && registeredOn < birthDate) r.fail("ext_RegistrationDate", "beforeBirth", { value: registeredOn });
    else if (birthYear !== null && Number(registeredOn.slice(0, 4)) < birthYear) r.fail("ext_RegistrationDate", "beforeBirth", { value: registeredOn });
    else if (birthYear !== null) {
      // Whole years at registration: the birth date gives it exactly, the year alone within one.
      const upper = Number(registeredOn.slice(0, 4)) - birthYear;
      if (age !== null && (age > upper || age < upper - 1)) r.warn("ext_AgeAtRegistration", "ageMismatch", { age, min: Math.max(0, upper - 1), max: upper });
      ageAtRegistration ??= birthDate ? ageOnDate(registeredOn, birthDate) : upper;
    }
  }
  if (categories.includes("unaccompanied_child") && ageAtRegistration !== null && ageAtRegistration >= 18) {
    r.warn("ext_BeneficiaryCategories", "childCategory", { age: ageAtRegistration });
  }

  // Victim
  const traffickingStatus = r.one("vic_TraffickingStatus");
  const exploitation = r.many("vic_TypeOfExploitation");
  const forcedLabourSector = r.one("vic_ForcedLabourIndustry");
  const sexExploitation = r.many("vic_TypeOfSexExploitation");
  const control = r.many("vic_MethodsOfControl");
  const recruiterRelationship = r.one("vic_RelationshipToTrafficker");
  const traffickingType = r.one("ext_TraffickingType") as InterchangeCase["traffickingType"];
  const countryOfIdentification = r.country("ext_CountryOfIdentification");
  const countryOfExploitation = r.country("ext_CountryOfExploitation");
  const transit = r.countries("ext_TransitCountries", 20);

  // Return and reintegration
  const hostCountry = r.country("ext_HostCountry");
  const returnCountry = r.country("ext_CountryOfReturn");
  const returnedOn = r.date("ext_ReturnDate");
  const reintegration = r.many("ext_ReintegrationAssistance");

  const { errors, warnings } = r;
  if (errors.length > 0 || !externalCaseId || !registeredOn || !sex) {
    return { ok: false, errors, warnings };
  }
  return {
    ok: true,
    warnings,
    value: {
      externalCaseId,
      externalPersonId,
      officeCode,
      registeredOn,
      status,
      programme,
      categories,
      fundingSource,
      identity,
      sex,
      birthYear,
      ageAtRegistration,
      citizenships,
      traffickingStatus,
      exploitation,
      forcedLabourSector,
      sexExploitation,
      control,
      recruiterRelationship,
      traffickingType,
      countryOfIdentification,
      countryOfExploitation,
      transit,
      hostCountry,
      returnCountry,
      returnedOn,
      reintegration,
    },
  };
}

function ageOnDate(on: string, birthDate: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The allowed values of a picklist column, for messages. */
export function allowedValues(name: string): string {
  return (BY_NAME.get(name)?.values ?? []).join(", ");
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/** The columns of an export: every column, identity columns only when asked for. */
export function exportColumns(withIdentity: boolean): readonly ColumnName[] {
  return withIdentity ? COLUMN_NAMES : COLUMN_NAMES.filter((c) => !isIdentityColumn(c));
}

const join = (values: readonly string[]) => values.join(MULTI_SEPARATOR);

/**
 * One case as a row of cells in the order of `columns`. Text that a spreadsheet could run as a
 * formula is escaped with a leading ' (parseRow removes it again).
 */
export function toRow(c: InterchangeCase, columns: readonly ColumnName[] = COLUMN_NAMES): string[] {
  const i = c.identity;
  const cells: Record<ColumnName, string | number | null> = {
    ext_ExternalCaseId: escapeFormula(c.externalCaseId),
    ext_ExternalPersonId: c.externalPersonId === null ? null : escapeFormula(c.externalPersonId),
    ext_OfficeCode: c.officeCode,
    ext_RegistrationDate: c.registeredOn,
    cas_Status: c.status,
    ext_Programme: c.programme,
    ext_BeneficiaryCategories: join(c.categories),
    ext_FundingSource: c.fundingSource,
    prs_FirstName: i ? escapeFormula(i.givenName) : null,
    prs_SecondName: i ? escapeFormula(i.familyName) : null,
    prs_Birthdate: i?.birthDate ?? null,
    prs_IdentityNumber: i?.identityNumber ? escapeFormula(i.identityNumber) : null,
    prs_MobilePhone: i?.phone ? escapeFormula(i.phone) : null,
    prs_MailingCity: i?.city ? escapeFormula(i.city) : null,
    prs_MailingCountry: i?.country ?? null,
    prs_Gender: c.sex,
    ext_BirthYear: c.birthYear,
    ext_AgeAtRegistration: c.ageAtRegistration,
    prs_Citizenship: join(c.citizenships),
    vic_TraffickingStatus: c.traffickingStatus,
    vic_TypeOfExploitation: join(c.exploitation),
    vic_ForcedLabourIndustry: c.forcedLabourSector,
    vic_TypeOfSexExploitation: join(c.sexExploitation),
    vic_MethodsOfControl: join(c.control),
    vic_RelationshipToTrafficker: c.recruiterRelationship,
    ext_TraffickingType: c.traffickingType,
    ext_CountryOfIdentification: c.countryOfIdentification,
    ext_CountryOfExploitation: c.countryOfExploitation,
    ext_TransitCountries: join(c.transit),
    ext_HostCountry: c.hostCountry,
    ext_CountryOfReturn: c.returnCountry,
    ext_ReturnDate: c.returnedOn,
    ext_ReintegrationAssistance: join(c.reintegration),
  };
  return columns.map((name) => {
    const v = cells[name];
    return v === null || v === undefined ? "" : String(v);
  });
}

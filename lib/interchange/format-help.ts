/**
 * The import format help page (/import/format, issue 15 item 13), derived from the one definition
 * of the columns (COLUMNS in ./format.ts): names, kinds, required, limits and allowed values come
 * from there; the words come from the `importFormat` message namespace (one meaning per column,
 * one description per kind). Nothing here repeats a column by hand: sections are runs of COLUMNS,
 * named by their first column.
 */
import { COLUMNS, type ColumnDef, type ColumnKind, type ColumnName, MIN_BIRTH_YEAR, MAX_AGE } from "@/lib/interchange/format";
import { exampleRow } from "@/lib/interchange/template";

export const HELP_SECTIONS = ["case", "identity", "person", "victim", "return"] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

/** Each section starts at this column and runs to the next section's first column. */
const SECTION_STARTS: Record<HelpSection, ColumnName> = {
  case: "ext_ExternalCaseId",
  identity: "prs_FirstName",
  person: "prs_Gender",
  victim: "vic_TraffickingStatus",
  return: "ext_HostCountry",
};

export type HelpColumn = {
  name: ColumnName;
  required: boolean;
  /** Message key under `importFormat.kinds` and its parameters. */
  kind: ColumnKind;
  kindParams: Record<string, number>;
  /** The allowed values of a picklist column, as they are written in the file; empty otherwise. */
  values: readonly string[];
  /** The template's example value ("" when the example leaves it empty). */
  example: string;
};

function kindParams(c: ColumnDef): Record<string, number> {
  if (c.kind === "year") return { min: MIN_BIRTH_YEAR };
  if (c.kind === "age") return { max: MAX_AGE };
  return c.max === undefined ? {} : { max: c.max };
}

/**
 * The columns of the help page, grouped into sections, in the order of COLUMNS; the examples are
 * the template's row (with the office code the user's template carries).
 */
export function helpSections(officeCode: string | null): { section: HelpSection; columns: HelpColumn[] }[] {
  const example = exampleRow(officeCode);
  const starts = HELP_SECTIONS.map((s) => COLUMNS.findIndex((c) => c.name === SECTION_STARTS[s]));
  return HELP_SECTIONS.map((section, i) => ({
    section,
    columns: COLUMNS.slice(starts[i], starts[i + 1] ?? COLUMNS.length).map((c: ColumnDef & { name: ColumnName }) => ({
      name: c.name,
      required: c.required === true,
      kind: c.kind,
      kindParams: kindParams(c),
      values: c.values ?? [],
      example: example[c.name],
    })),
  }));
}

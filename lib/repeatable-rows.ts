import { z } from "zod";

/**
 * Repeatable rows (documents, next of kin, journey legs, any repeatable group of a form): a row that
 * was added and left empty is not an answer. It never blocks a submit and is never stored; its
 * fields are not "required" (issue 15, item 7). One rule, used by the request schemas (so the
 * browser's form and the server agree), the form definitions' required rules and their storage.
 */

/** Whether a value is empty: missing, blank text, no choice, an empty list, an unticked box. */
function isBlankValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * Whether a row holds nothing typed. `preset` names the fields that start with a value of their own
 * (a select whose first option is chosen, such as a document's type): they do not make a row filled.
 */
export function isBlankRow(row: unknown, preset: readonly string[] = []): boolean {
  if (row === undefined || row === null) return true;
  if (typeof row !== "object") return false;
  return Object.entries(row).every(([key, value]) => preset.includes(key) || isBlankValue(value));
}

/**
 * The schema of a list of repeatable rows: each filled row is checked with `item` (its problems keep
 * the row's position, so they appear beside the right row), blank rows are dropped from the result.
 */
export function repeatableRows<T extends z.ZodType>(item: T, options: { max: number; maxMessage?: string; preset?: readonly string[] }) {
  const preset = options.preset ?? [];
  const schema = z
    .array(z.unknown())
    .max(options.max, options.maxMessage)
    .default([])
    .superRefine((rows, ctx) => {
      rows.forEach((row, i) => {
        if (isBlankRow(row, preset)) return;
        const parsed = item.safeParse(row);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [i, ...issue.path] });
        }
      });
    })
    .transform((rows) => rows.filter((row) => !isBlankRow(row, preset)).map((row) => item.parse(row) as z.output<T>));
  // The browser's form types its rows as the item's input; what comes out is the filled rows, parsed.
  return schema as unknown as z.ZodDefault<z.ZodType<z.output<T>[], z.input<T>[]>>;
}

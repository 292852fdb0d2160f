import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { describeError } from "@/lib/trpc-errors";

/**
 * Puts the server's per-field messages (catalogue keys) on the form's fields, focusing the first,
 * and returns the error code for the banner. What the user typed stays in the form.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): ReturnType<typeof describeError>["code"] {
  const described = describeError(error);
  let first = true;
  for (const [field, message] of Object.entries(described.fields)) {
    const name = fields.find((f) => f === field);
    if (!name) continue;
    setError(name, { type: "server", message }, { shouldFocus: first });
    first = false;
  }
  return described.code;
}

/** The first server field message of an error that has no form field to sit on (e.g. "id"). */
export function firstFieldMessage(error: unknown): string | null {
  return Object.values(describeError(error).fields)[0] ?? null;
}

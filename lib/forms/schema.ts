import { z } from "zod";
import { isBlankRow } from "@/lib/repeatable-rows";
import { isCountryCode } from "@/lib/reference/countries";
import { isLanguageCode } from "@/lib/reference/languages";
import { isAnswered, isFieldRequired, isFieldShown, visibleFields } from "./conditions";
import { optionValues } from "./options";
import { YES_NO_UNKNOWN, type Answers, type FieldDef, type FormDefinition, type ScalarField } from "./types";

/**
 * zod schemas derived from a form definition. The same schemas validate in the browser
 * (react-hook-form's zodResolver) and on the server (tRPC input), so a rule lives in one place.
 *
 * - draftSchema: types and limits only; anything may be missing (drafts save half-done work).
 * - submitSchema: the draft schema plus the required-when rules of the fields that are shown.
 * Messages are catalogue keys.
 */

/** "" and NaN (an empty number input) mean "not answered". */
const blankToUndefined = (v: unknown) =>
  v === "" || v === null || (typeof v === "number" && Number.isNaN(v)) ? undefined : v;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function scalarSchema(field: ScalarField): z.ZodType {
  switch (field.type) {
    case "text":
      return z.string().trim().max(field.maxLength ?? 500, "validation.tooLong");
    case "longtext":
      return z.string().max(field.maxLength ?? 10_000, "validation.tooLong");
    case "number": {
      let n = z.coerce.number({ message: "validation.number" });
      if (field.integer) n = n.int("validation.integer");
      if (field.min !== undefined) n = n.min(field.min, "validation.numberRange");
      if (field.max !== undefined) n = n.max(field.max, "validation.numberRange");
      return n;
    }
    case "date": {
      let d = z.string().regex(ISO_DATE, "validation.date").refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "validation.date");
      if (field.notFuture !== false) d = d.refine((v) => v <= new Date().toISOString().slice(0, 10), "validation.dateInFuture");
      return d;
    }
    case "single":
      return z.enum(optionValues(field.options) as [string, ...string[]], { message: "validation.option" });
    case "multi":
      return z.array(z.enum(optionValues(field.options) as [string, ...string[]], { message: "validation.option" })).max(50);
    case "country":
      return z.string().refine(isCountryCode, "validation.country");
    case "countries":
      return z.array(z.string().refine(isCountryCode, "validation.country")).max(30);
    case "language":
      return z.string().refine(isLanguageCode, "validation.language");
    case "languages":
      return z.array(z.string().refine(isLanguageCode, "validation.language")).max(30);
    case "organisation":
      return z.coerce.number({ message: "validation.option" }).int("validation.option").positive("validation.option");
    case "yesno":
      return z.enum(YES_NO_UNKNOWN, { message: "validation.option" });
  }
}

function optional(schema: z.ZodType): z.ZodType {
  return z.preprocess(blankToUndefined, schema.optional());
}

function fieldSchema(field: FieldDef): z.ZodType {
  if (field.type === "group") {
    const item = z.object(Object.fromEntries(field.fields.map((f) => [f.id, optional(scalarSchema(f))])));
    return z.array(item).max(field.max ?? 20);
  }
  return scalarSchema(field);
}

function allFields(def: FormDefinition): FieldDef[] {
  return def.sections.flatMap((s) => s.fields);
}

export function draftSchema(def: FormDefinition) {
  return z.object(Object.fromEntries(allFields(def).map((f) => [f.id, optional(fieldSchema(f))])));
}

/** Adds "required" issues for the visible required fields (and group item fields) left empty. */
export function requiredIssues(def: FormDefinition, answers: Answers): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const { field } of visibleFields(def, answers)) {
    const value = answers[field.id];
    if (isFieldRequired(field, answers) && !isAnswered(value)) {
      issues.push({ path: [field.id], message: "validation.required" });
    }
    if (field.type === "group" && Array.isArray(value)) {
      value.forEach((item: Answers, i) => {
        // A row added and left empty is not an answer: nothing in it is required (lib/repeatable-rows.ts).
        if (isBlankRow(item)) return;
        for (const sub of field.fields) {
          if (isFieldShown(sub, item ?? {}) && isFieldRequired(sub, item ?? {}) && !isAnswered(item?.[sub.id])) {
            issues.push({ path: [field.id, i, sub.id], message: "validation.required" });
          }
        }
      });
    }
  }
  return issues;
}

export function submitSchema(def: FormDefinition) {
  return draftSchema(def).superRefine((answers, ctx) => {
    for (const issue of requiredIssues(def, answers as Answers)) ctx.addIssue({ code: "custom", ...issue });
  });
}

import { isBlankRow } from "@/lib/repeatable-rows";
import type { Answers, Condition, FieldDef, FormDefinition, SectionDef } from "./types";

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  // A repeatable group is answered by its filled rows; rows added and left empty do not count.
  if (Array.isArray(value)) return value.some((item) => typeof item !== "object" || !isBlankRow(item));
  return true;
}

/** Evaluates a condition against the current answers. */
export function holds(condition: Condition, answers: Answers): boolean {
  if ("all" in condition) return condition.all.every((c) => holds(c, answers));
  if ("any" in condition) return condition.any.some((c) => holds(c, answers));
  if ("not" in condition) return !holds(condition.not, answers);
  const value = answers[condition.field];
  if ("equals" in condition) return value === condition.equals;
  if ("in" in condition) return condition.in.includes(value as string | number);
  if ("includes" in condition) return Array.isArray(value) && value.includes(condition.includes);
  if ("answered" in condition) return isAnswered(value) === condition.answered;
  if ("lessThan" in condition) return typeof value === "number" && value < condition.lessThan;
  return false;
}

export function isSectionShown(section: SectionDef, answers: Answers): boolean {
  return !section.shownWhen || holds(section.shownWhen, answers);
}

export function isFieldShown(field: FieldDef, answers: Answers): boolean {
  return !field.shownWhen || holds(field.shownWhen, answers);
}

export function isFieldRequired(field: FieldDef, answers: Answers): boolean {
  if (!field.required) return false;
  return field.required === true || holds(field.required, answers);
}

/** The field ids a condition reads (for re-rendering only what depends on them). */
export function conditionFields(condition: Condition | undefined): string[] {
  if (!condition) return [];
  if ("all" in condition) return condition.all.flatMap(conditionFields);
  if ("any" in condition) return condition.any.flatMap(conditionFields);
  if ("not" in condition) return conditionFields(condition.not);
  return [condition.field];
}

export { isAnswered };

/** Every visible field with its section, in order. */
export function visibleFields(def: FormDefinition, answers: Answers): { section: SectionDef; field: FieldDef }[] {
  return def.sections
    .filter((s) => isSectionShown(s, answers))
    .flatMap((section) => section.fields.filter((f) => isFieldShown(f, answers)).map((field) => ({ section, field })));
}

/** Answers without what is hidden: what is not shown is not stored (e.g. no consent, minimal data). */
export function pruneHidden(def: FormDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const { field } of visibleFields(def, answers)) {
    const value = answers[field.id];
    if (value === undefined) continue;
    // Inside a repeatable group, each item keeps only the questions its own answers show.
    kept[field.id] =
      field.type === "group" && Array.isArray(value)
        ? value.filter((item) => !isBlankRow(item)).map((item: Answers) =>
            Object.fromEntries(field.fields.filter((sub) => isFieldShown(sub, item ?? {})).flatMap((sub) => (item?.[sub.id] === undefined ? [] : [[sub.id, item[sub.id]]]))),
          )
        : value;
  }
  return kept;
}

/** Per section: required visible fields answered / total, and which are missing. */
export function sectionProgress(def: FormDefinition, answers: Answers) {
  return def.sections.map((section) => {
    const shown = isSectionShown(section, answers);
    const required = shown
      ? section.fields.filter((f) => isFieldShown(f, answers) && isFieldRequired(f, answers))
      : [];
    const missing = required.filter((f) => !isAnswered(answers[f.id])).map((f) => f.id);
    const answered = shown ? section.fields.filter((f) => isFieldShown(f, answers) && isAnswered(answers[f.id])).length : 0;
    return { id: section.id, title: section.title, shown, required: required.length, missing, answered };
  });
}

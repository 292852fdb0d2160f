import type { Answers, FieldDef, FormDefinition, ScalarField } from "./types";

const FREE_TEXT: ReadonlySet<ScalarField["type"]> = new Set(["text", "longtext"]);

function keptFields(fields: readonly FieldDef[]): Map<string, FieldDef> {
  return new Map(fields.filter((f) => f.type === "group" || !FREE_TEXT.has(f.type)).map((f) => [f.id, f]));
}

/**
 * The answers without their free text (issue 11 item 12): every answer to a `text` or `longtext`
 * field, at the top level or inside a repeatable group, is dropped; choices, countries, dates,
 * numbers and yes/no answers stay. An answer the definition does not know (a field of an older
 * version) is dropped too: what cannot be shown to be a choice is treated as text.
 */
export function withoutFreeText(definition: FormDefinition, answers: Answers): Answers {
  const top = keptFields(definition.sections.flatMap((s) => s.fields));
  const out: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    const field = top.get(id);
    if (!field) continue;
    if (field.type !== "group") {
      out[id] = value;
      continue;
    }
    const inner = keptFields(field.fields);
    out[id] = Array.isArray(value)
      ? value.map((item: unknown) =>
          item !== null && typeof item === "object"
            ? Object.fromEntries(Object.entries(item as Record<string, unknown>).filter(([k]) => inner.has(k)))
            : {},
        )
      : [];
  }
  return out;
}

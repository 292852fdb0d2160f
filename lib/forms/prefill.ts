import { draftSchema } from "./schema";
import type { Answers, FieldDef, FormDefinition, PrefillSource, RegistrationFact } from "./types";

/**
 * Ask once (issue 15 item 8). A field of a form definition may name where a new draft takes its
 * first value from (`prefill`): a fact registration recorded, or a field of another form's submitted
 * answers. `prefillAnswers` reads those sources for one definition; the server calls it when a form
 * has neither a draft nor a submitted revision (server/services/form-responses.ts), so prefilled
 * values are only the defaults of a new draft: they never overwrite what someone saved.
 */

/** What registration knows, as the case and its person record it. */
export type RegistrationFacts = Partial<Record<RegistrationFact, string | number | null>>;

export type PrefillInputs = {
  registration: RegistrationFacts;
  /** The submitted answers of other forms of the case, by form id (the approved revision where one is approved). */
  forms: Partial<Record<string, Answers>>;
};

function sourceValue(source: PrefillSource, inputs: PrefillInputs): unknown {
  if ("registration" in source) return inputs.registration[source.registration];
  return inputs.forms[source.form]?.[source.field];
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** The fields of a definition that name a prefill source (for the definitions' own tests). */
export function prefilledFields(definition: FormDefinition): (FieldDef & { prefill: PrefillSource })[] {
  return definition.sections.flatMap((s) => s.fields).filter((f): f is FieldDef & { prefill: PrefillSource } => f.prefill !== undefined);
}

/**
 * The first answers of a new draft: every field with a prefill source whose value is known and
 * valid for the field (a value the field would refuse, e.g. an old free-text language, is left out).
 */
export function prefillAnswers(definition: FormDefinition, inputs: PrefillInputs): Answers {
  const shape = draftSchema(definition).shape;
  const answers: Answers = {};
  for (const field of prefilledFields(definition)) {
    const value = sourceValue(field.prefill, inputs);
    if (isEmpty(value)) continue;
    const parsed = shape[field.id]?.safeParse(value);
    if (parsed?.success && !isEmpty(parsed.data)) answers[field.id] = parsed.data;
  }
  return answers;
}

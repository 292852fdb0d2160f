import { draftSchema, submitSchema } from "./schema";
import { assistanceExtraIssues, assistanceForm } from "./assistance";
import { screeningExtraIssues, screeningForm } from "./screening";
import type { Answers, FormDefinition } from "./types";

/** Every form Passage knows, by id: its definition and its extra submission rules. */
export type RegisteredForm = {
  definition: FormDefinition;
  /** Rules beyond required-when (e.g. a reason when overriding the computed determination). */
  extraIssues?: (answers: Answers) => { path: string[]; message: string }[];
};

export const FORMS = {
  screening: { definition: screeningForm, extraIssues: screeningExtraIssues },
  assistance: { definition: assistanceForm, extraIssues: assistanceExtraIssues },
} as const satisfies Record<string, RegisteredForm>;

export type FormId = keyof typeof FORMS;
export const FORM_IDS = Object.keys(FORMS) as FormId[];

export function formDraftSchema(formId: FormId) {
  return draftSchema(FORMS[formId].definition);
}

export function formSubmitSchema(formId: FormId) {
  const form: RegisteredForm = FORMS[formId];
  return submitSchema(form.definition).superRefine((answers, ctx) => {
    for (const issue of form.extraIssues?.(answers as Answers) ?? []) ctx.addIssue({ code: "custom", ...issue });
  });
}

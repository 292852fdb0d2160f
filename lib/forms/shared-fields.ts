import type { PrefillSource, ScalarField } from "./types";

/**
 * Fields that more than one form asks, defined once so that they take the same values (issue 15
 * item 8): the language of the interview is an ISO 639-1 code from one list in every form.
 */
export const interviewLanguageField = {
  id: "interviewLanguage",
  type: "language",
  label: "askOnce.interviewLanguage",
  required: true,
} as const satisfies ScalarField;

/** A prefill source naming a field of the submitted screening. */
export const fromScreening = (field: string): PrefillSource => ({ form: "screening", field });

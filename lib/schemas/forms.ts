import { z } from "zod";
import { FORM_IDS, type FormId } from "@/lib/forms/registry";

export const ZFormId = z.enum(FORM_IDS as [FormId, ...FormId[]]);
const ZCaseCode = z.string().trim().max(20);

export const ZFormRef = z.object({ caseCode: ZCaseCode, formId: ZFormId });
/** Opening a form to fill it in: `prefill` asks for the answers a new draft starts from (ask once). */
export const ZFormOpen = ZFormRef.extend({ prefill: z.boolean().optional() });
export const ZFormRevisionRef = ZFormRef.extend({ revision: z.number().int().positive() });
/** Answers are validated against the form's own derived schema in the service. */
export const ZSaveDraft = ZFormRef.extend({ answers: z.record(z.string(), z.unknown()), baseUpdatedAt: z.number().int().nullable() });
export const ZSubmitForm = ZFormRef.extend({ answers: z.record(z.string(), z.unknown()) });

export const ZReviewDetermination = z.object({
  id: z.number().int().positive(),
  action: z.enum(["approve", "return"]),
  comment: z.string().max(4000, "validation.tooLong").optional(),
});

import { z } from "zod";
import { CLOSURE_REASONS } from "@/lib/workflows/case-lifecycle";

/** Request schemas of case closure and reopening (issue 5). Comments are stored encrypted. */

const ZCaseCode = z.string().trim().max(20);

export const ZRequestClosure = z
  .object({
    code: ZCaseCode,
    /** HTCDS cas_ReasonForCaseClosure, as Passage's values. */
    reason: z.enum(CLOSURE_REASONS, { message: "validation.option" }),
    comment: z.string().max(2000, "validation.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "other" && !v.comment?.trim()) ctx.addIssue({ code: "custom", path: ["comment"], message: "closure.validation.commentForOther" });
  });
export type TRequestClosure = z.infer<typeof ZRequestClosure>;

export const ZReviewClosure = z
  .object({
    id: z.number().int().positive(),
    action: z.enum(["approve", "return"]),
    comment: z.string().max(2000, "validation.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "return" && !v.comment?.trim()) ctx.addIssue({ code: "custom", path: ["comment"], message: "closure.validation.commentToReturn" });
  });
export type TReviewClosure = z.infer<typeof ZReviewClosure>;

export const ZReopenCase = z.object({
  code: ZCaseCode,
  reason: z.string().trim().min(1, "closure.validation.reopenReasonRequired").max(2000, "validation.tooLong"),
});
export type TReopenCase = z.infer<typeof ZReopenCase>;

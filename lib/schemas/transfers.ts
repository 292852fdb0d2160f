import { z } from "zod";

/** Request schemas of transfers between offices (issue 5). Free text is stored encrypted. */

const ZId = z.number().int().positive();

export const ZRequestTransfer = z.object({
  code: z.string().trim().max(20),
  toOfficeId: ZId,
  /** For the receiving office: what they need to know (no identity needed, they will see it on acceptance). */
  message: z.string().max(4000, "validation.tooLong").optional(),
});
export type TRequestTransfer = z.infer<typeof ZRequestTransfer>;

export const ZTransferRef = z.object({ id: ZId });

export const ZDecideTransfer = z
  .object({
    id: ZId,
    action: z.enum(["accept", "decline"]),
    /** Required to decline. */
    reason: z.string().max(2000, "validation.tooLong").optional(),
    /** Owner of the new case in the receiving office; by default the supervisor who accepts. */
    ownerId: ZId.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "decline" && !v.reason?.trim()) ctx.addIssue({ code: "custom", path: ["reason"], message: "transfers.validation.reasonRequired" });
  });
export type TDecideTransfer = z.infer<typeof ZDecideTransfer>;

import { z } from "zod";

/** Request schemas of person-link requests between offices (issue 11 item 2; docs/decisions/0015). */

const ZId = z.number().int().positive();

export const ZPersonLinkRef = z.object({ id: ZId });

export const ZDecidePersonLink = z
  .object({
    id: ZId,
    action: z.enum(["accept", "decline"]),
    /** Required to decline; the requesting office reads it (stored encrypted). */
    reason: z.string().max(2000, "validation.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "decline" && !v.reason?.trim()) ctx.addIssue({ code: "custom", path: ["reason"], message: "personLinks.validation.reasonRequired" });
  });
export type TDecidePersonLink = z.infer<typeof ZDecidePersonLink>;

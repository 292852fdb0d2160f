import { z } from "zod";
import { REFERRAL_REASONS, SERVICE_TYPES } from "@/lib/reference/vocabulary";
import { ZPastDate } from "./common";

/**
 * Request schemas of referrals (issue 5), shared by the tRPC inputs and the forms. Messages are
 * catalogue keys. Free text (the message, the reasons) is stored encrypted.
 */

const ZCaseCode = z.string().trim().max(20);
const ZId = z.number().int().positive();

/** Any calendar date typed as YYYY-MM-DD (a due date may be in the future). */
export const ZCalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "validation.date");

const ZOptionalCalendarDate = z
  .union([z.literal(""), ZCalendarDate])
  .nullish()
  .transform((v) => (v ? v : null));

export const REFERRAL_DIRECTIONS = ["outgoing", "incoming"] as const;
export type ReferralDirection = (typeof REFERRAL_DIRECTIONS)[number];

export const ZCreateReferral = z
  .object({
    code: ZCaseCode,
    direction: z.enum(REFERRAL_DIRECTIONS),
    organisationId: ZId,
    services: z.array(z.enum(SERVICE_TYPES)).min(1, "referrals.validation.servicesRequired").max(SERVICE_TYPES.length),
    reason: z.enum(REFERRAL_REASONS as [string, ...string[]], { message: "validation.option" }),
    /** cas_OutgoingReferralDate / cas_IncomingReferralDate */
    referredOn: ZPastDate,
    /** When an answer is expected: past it, a pending referral is overdue. */
    dueOn: ZOptionalCalendarDate,
    /** Never pre-filled with identity; `includesIdentity` records that the user chose to add it. */
    message: z.string().max(4000, "validation.tooLong").optional(),
    includesIdentity: z.boolean().default(false),
    /** A supervisor's reason for referring without the person's consent to share (audited). */
    overrideReason: z.string().max(2000, "validation.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.dueOn && v.dueOn < v.referredOn) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "referrals.validation.dueBeforeReferral" });
    if (v.includesIdentity && !v.message?.trim()) ctx.addIssue({ code: "custom", path: ["message"], message: "referrals.validation.identityWithoutMessage" });
  });
export type TCreateReferral = z.infer<typeof ZCreateReferral>;
export type TCreateReferralInput = z.input<typeof ZCreateReferral>;

/** The answers a referral can get after it was made (pending is where it starts). */
export const REFERRAL_ANSWERS = ["accepted", "declined", "completed", "cancelled"] as const;

export const ZUpdateReferralStatus = z
  .object({
    id: ZId,
    version: z.number().int().positive(),
    status: z.enum(REFERRAL_ANSWERS),
    /** The date of the answer (accepted, declined) or of completion. */
    on: ZPastDate,
    declineReason: z.string().max(2000, "validation.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "declined" && !v.declineReason?.trim()) {
      ctx.addIssue({ code: "custom", path: ["declineReason"], message: "referrals.validation.declineReasonRequired" });
    }
  });
export type TUpdateReferralStatus = z.infer<typeof ZUpdateReferralStatus>;

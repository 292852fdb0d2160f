import { z } from "zod";
import { ZCaseRef } from "./registry";

const ZCaseCode = ZCaseRef.shape.code;

/** The retention period (issue 11 item 12): whole years after closure, or null for off. */
export const RETENTION_MIN_YEARS = 1;
export const RETENTION_MAX_YEARS = 100;

export const ZRetentionPolicy = z.object({
  years: z
    .number({ message: "retention.validation.years" })
    .int("retention.validation.years")
    .min(RETENTION_MIN_YEARS, "retention.validation.years")
    .max(RETENTION_MAX_YEARS, "retention.validation.years")
    .nullable(),
});
export type TRetentionPolicy = z.infer<typeof ZRetentionPolicy>;

/** A supervisor's request to erase the person of a case; the reason is read by the administrator. */
export const ZRequestErasure = z.object({
  code: ZCaseCode,
  reason: z.string().trim().min(1, "retention.validation.reasonRequired").max(1000, "validation.tooLong"),
});
export type TRequestErasure = z.infer<typeof ZRequestErasure>;

export const ZDecideErasure = z.object({
  id: z.number().int().positive(),
  action: z.enum(["confirm", "decline"], { message: "validation.option" }),
});
export type TDecideErasure = z.infer<typeof ZDecideErasure>;

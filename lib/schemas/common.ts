import { z } from "zod";
import { isCountryCode } from "@/lib/reference/countries";

/**
 * Shared field schemas. Error messages are message-catalogue keys (messages/en/validation.json), so
 * the same schema gives translated messages in the form and in server responses.
 */

export const ZRequiredText = (max = 200) =>
  z.string().trim().min(1, "validation.required").max(max, "validation.tooLong");

export const ZOptionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .transform((v) => (v === "" ? undefined : v))
    .optional();

export const ZCountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isCountryCode(v), "validation.country");

export const ZOptionalCountry = z
  .union([z.literal(""), ZCountryCode])
  .optional()
  .transform((v) => (v ? v : undefined));

/** A calendar date typed as YYYY-MM-DD (what <input type="date"> gives), not in the future. */
export const ZPastDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "validation.date")
  .refine((v) => v <= new Date().toISOString().slice(0, 10), "validation.dateInFuture");

export const ZOptionalPastDate = z
  .union([z.literal(""), ZPastDate])
  .optional()
  .transform((v) => (v ? v : undefined));

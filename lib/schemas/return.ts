import { z } from "zod";
import { repeatableRows } from "@/lib/repeatable-rows";
import { BEST_INTEREST_OUTCOMES, FIT_TO_TRAVEL, itineraryIssues, TRAVEL_DOCUMENTS } from "@/lib/workflows/return-reintegration";
import { ZCountryCode, ZOptionalPastDate, ZOptionalText, ZPastDate, ZRequiredText } from "./common";

/**
 * Request schemas of programmes (AVRR / PARA), best-interest decisions and return travel, shared by
 * the tRPC inputs and the forms. Messages are catalogue keys.
 */

const ZCaseCode = z.string().trim().max(20);
const ZId = z.number().int().positive();
const ZVersion = z.number().int().positive();

/** A calendar date (YYYY-MM-DD), past or future: travel is planned ahead. */
export const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "validation.date");

const ZOptionalDate = z
  .union([z.literal(""), ZDate])
  .nullish()
  .transform((v) => (v ? v : null));

/* -------------------------------------------------------------- programme */

export const RETURN_PROGRAMMES = ["avrr", "para"] as const;

/**
 * AVRR: the host country (where the person is assisted to leave) and the country of return. PARA:
 * the person was returned by the host country's authorities; the return date may be recorded.
 * The return date of an AVRR case comes from its travel, unless the travel was organised by
 * another office (a case received from a host office).
 */
export const ZEnrolProgramme = z
  .object({
    code: ZCaseCode,
    version: ZVersion,
    programme: z.enum(RETURN_PROGRAMMES, { message: "validation.option" }),
    hostCountry: ZCountryCode,
    returnCountry: ZCountryCode,
    returnedOn: ZOptionalPastDate,
  })
  .superRefine((v, ctx) => {
    if (v.hostCountry === v.returnCountry) ctx.addIssue({ code: "custom", path: ["returnCountry"], message: "return.validation.sameCountry" });
  });
export type TEnrolProgramme = z.infer<typeof ZEnrolProgramme>;
export type TEnrolProgrammeInput = z.input<typeof ZEnrolProgramme>;

/* ----------------------------------------------------- best-interest decision */

export const ZRecordBestInterest = z.object({
  code: ZCaseCode,
  outcome: z.enum(BEST_INTEREST_OUTCOMES, { message: "validation.option" }),
  decidedOn: ZPastDate,
  /** Free text: stored encrypted. */
  notes: z.string().trim().max(4000, "validation.tooLong").optional(),
});
export type TRecordBestInterest = z.infer<typeof ZRecordBestInterest>;
export type TRecordBestInterestInput = z.input<typeof ZRecordBestInterest>;

/* ------------------------------------------------------------------ travel */

/** One leg of the itinerary: places are airports or cities, never an address. */
export const ZLeg = z.object({
  from: ZRequiredText(80),
  to: ZRequiredText(80),
  departOn: ZDate,
  carrier: ZOptionalText(80),
  /** The person changes planes (or buses) at `to`: a transit point. */
  transit: z.boolean().default(false),
});

const travelFields = {
  fromCountry: ZCountryCode,
  toCountry: ZCountryCode,
  departureOn: ZDate,
  arrivalOn: ZOptionalDate,
  // Repeatable rows: an added leg left empty is dropped, never "required" (lib/repeatable-rows.ts).
  legs: repeatableRows(ZLeg, { max: 8, maxMessage: "return.validation.tooManyLegs" }),
  escort: z.boolean().default(false),
  fitToTravel: z.enum(FIT_TO_TRAVEL, { message: "validation.option" }).default("not_checked"),
  documents: z.array(z.enum(TRAVEL_DOCUMENTS)).max(TRAVEL_DOCUMENTS.length).default([]),
};

function travelRules(v: { fromCountry: string; toCountry: string; departureOn: string; arrivalOn: string | null; legs: { departOn: string }[] }, ctx: z.RefinementCtx) {
  if (v.fromCountry === v.toCountry) ctx.addIssue({ code: "custom", path: ["toCountry"], message: "return.validation.sameCountry" });
  for (const issue of itineraryIssues(v)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
}

export const ZPlanTravel = z.object({ code: ZCaseCode, ...travelFields }).superRefine(travelRules);
export type TPlanTravel = z.infer<typeof ZPlanTravel>;
export type TPlanTravelInput = z.input<typeof ZPlanTravel>;

export const ZUpdateTravel = z.object({ id: ZId, version: ZVersion, ...travelFields }).superRefine(travelRules);
export type TUpdateTravel = z.infer<typeof ZUpdateTravel>;
export type TUpdateTravelInput = z.input<typeof ZUpdateTravel>;

/**
 * A status change of a movement (lib/workflows/case-lifecycle.ts TRAVEL_MACHINE). Marking it
 * travelled needs the arrival date, which becomes the case's return date.
 */
export const ZSetTravelStatus = z
  .object({
    id: ZId,
    version: ZVersion,
    status: z.enum(["planned", "travelled", "cancelled", "no_show"]),
    arrivalOn: ZOptionalPastDate,
  })
  .superRefine((v, ctx) => {
    if (v.status === "travelled" && !v.arrivalOn) ctx.addIssue({ code: "custom", path: ["arrivalOn"], message: "validation.required" });
  });
export type TSetTravelStatus = z.infer<typeof ZSetTravelStatus>;
export type TSetTravelStatusInput = z.input<typeof ZSetTravelStatus>;

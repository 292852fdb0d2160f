import { z } from "zod";
import { CONSENT_DECISIONS, CONSENT_METHODS, CONSENT_PURPOSES } from "@/lib/consent";
import { ORGANISATION_TYPES } from "@/lib/reference/vocabulary";
import { FUNDING_SOURCES, NOT_PROVIDED_REASONS, serviceIssues, SERVICE_PROVIDERS, SERVICE_STATUSES, SERVICE_TYPES } from "@/lib/services/rules";
import { ZCountryCode, ZOptionalText, ZPastDate, ZRequiredText } from "./common";

/**
 * Request schemas of consent, service records and partner organisations, shared by the tRPC inputs
 * and the forms. Messages are catalogue keys (validation.*).
 */

const ZCaseCode = z.string().trim().max(20);
const ZId = z.number().int().positive();

/* ---------------------------------------------------------------- consent */

export const ZRecordConsent = z.object({
  code: ZCaseCode,
  purpose: z.enum(CONSENT_PURPOSES),
  decision: z.enum(CONSENT_DECISIONS),
  method: z.enum(CONSENT_METHODS).optional(),
  decidedOn: ZPastDate,
});
export type TRecordConsent = z.infer<typeof ZRecordConsent>;

/* --------------------------------------------------------------- services */

const ZOptionalDate = z
  .union([z.literal(""), ZPastDate])
  .nullish()
  .transform((v) => (v ? v : null));

const serviceFields = {
  status: z.enum(SERVICE_STATUSES),
  provider: z.enum(SERVICE_PROVIDERS).nullish().transform((v) => v ?? null),
  organisationId: ZId.nullish().transform((v) => v ?? null),
  funding: z.enum(FUNDING_SOURCES).nullish().transform((v) => v ?? null),
  reason: z.enum(NOT_PROVIDED_REASONS).nullish().transform((v) => v ?? null),
  startedOn: ZOptionalDate,
  endedOn: ZOptionalDate,
  /** Free text: stored encrypted. Empty removes the note. */
  notes: z.string().max(4000, "validation.tooLong").optional(),
};

/** The status rules of lib/services/rules.ts, as issues on the form's fields. */
function statusRules(v: Parameters<typeof serviceIssues>[0], ctx: z.RefinementCtx) {
  for (const issue of serviceIssues(v)) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
}

export const ZCreateService = z
  .object({ code: ZCaseCode, type: z.enum(SERVICE_TYPES), ...serviceFields })
  .superRefine(statusRules);
export type TCreateService = z.infer<typeof ZCreateService>;
export type TCreateServiceInput = z.input<typeof ZCreateService>;

export const ZUpdateService = z
  .object({ id: ZId, version: z.number().int().positive(), ...serviceFields })
  .superRefine(statusRules);
export type TUpdateService = z.infer<typeof ZUpdateService>;
export type TUpdateServiceInput = z.input<typeof ZUpdateService>;

/* ------------------------------------------------------ partner organisations */

const ZOptionalEmail = z
  .union([z.literal(""), z.string().trim().toLowerCase().max(320).email("validation.email")])
  .optional()
  .transform((v) => (v ? v : undefined));

const ZOptionalPhone = z
  .union([z.literal(""), z.string().trim().regex(/^\+?[0-9 ()-]{4,24}$/, "validation.phone")])
  .optional()
  .transform((v) => (v ? v : undefined));

const organisationFields = {
  name: ZRequiredText(200),
  type: z.enum(ORGANISATION_TYPES as [string, ...string[]], { message: "validation.option" }),
  countryIso2: ZCountryCode,
  city: ZOptionalText(120),
  phone: ZOptionalPhone,
  email: ZOptionalEmail,
  contactName: ZOptionalText(120),
  services: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length).default([]),
};

export const ZCreateOrganisation = z.object({
  ...organisationFields,
  /** The office whose supervisors manage it; administrators may leave it empty (managed centrally). */
  officeId: ZId.nullable().default(null),
});
export type TCreateOrganisation = z.infer<typeof ZCreateOrganisation>;
export type TCreateOrganisationInput = z.input<typeof ZCreateOrganisation>;

export const ZUpdateOrganisation = z.object({ id: ZId, version: z.number().int().positive(), ...organisationFields, active: z.boolean() });
export type TUpdateOrganisation = z.infer<typeof ZUpdateOrganisation>;
export type TUpdateOrganisationInput = z.input<typeof ZUpdateOrganisation>;

export const ZOrganisationQuery = z.object({
  search: z.string().trim().max(100).optional(),
  countryIso2: z.string().trim().toUpperCase().length(2).optional(),
  type: z.enum(ORGANISATION_TYPES as [string, ...string[]]).optional(),
  service: z.enum(SERVICE_TYPES).optional(),
  includeInactive: z.boolean().default(false),
});
export type TOrganisationQuery = z.input<typeof ZOrganisationQuery>;

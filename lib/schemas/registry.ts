import { z } from "zod";
import { repeatableRows } from "@/lib/repeatable-rows";
import { HTCDS_PICKLISTS } from "@/lib/reference/htcds.generated";
import { PERSON_CODE } from "@/lib/codes";
import {
  ZCountryCode,
  ZOptionalCountry,
  ZOptionalPastDate,
  ZOptionalText,
  ZPastDate,
  ZRequiredText,
} from "./common";

export const SEX_VALUES = HTCDS_PICKLISTS.prs_Gender.values.map((v) => v.name) as [
  (typeof HTCDS_PICKLISTS.prs_Gender.values)[number]["name"],
  ...(typeof HTCDS_PICKLISTS.prs_Gender.values)[number]["name"][],
];

export const DOCUMENT_TYPES = [
  "passport",
  "national_id",
  "birth_certificate",
  "travel_document",
  "residence_permit",
  "other",
] as const;

export const PROGRAMME_VALUES = ["avrr", "para", "vulnerable_migrant"] as const;
export const CASE_STATUS_VALUES = ["Active", "FollowUp", "Closed", "ClosedReferred"] as const;
export const CATEGORY_VALUES = ["victim", "unaccompanied_child", "health", "main_population"] as const;

/** Identity: stored only as ciphertext. */
export const ZIdentity = z.object({
  familyName: ZRequiredText(),
  givenName: ZRequiredText(),
  aliases: z.array(ZRequiredText()).max(10).default([]),
  birthDate: ZOptionalPastDate,
  placeOfBirth: ZOptionalText(200),
  // Repeatable rows: an added row left empty is dropped, never "required" (lib/repeatable-rows.ts).
  documents: repeatableRows(
    z.object({
      type: z.enum(DOCUMENT_TYPES),
      number: ZRequiredText(64),
      issuingCountry: ZOptionalCountry,
    }),
    { max: 10, preset: ["type"] },
  ),
  phone: z
    .union([z.literal(""), z.string().trim().regex(/^\+?[0-9 ()-]{4,24}$/, "validation.phone")])
    .optional()
    .transform((v) => (v ? v : undefined)),
  address: ZOptionalText(500),
  nextOfKin: repeatableRows(
    z.object({
      name: ZRequiredText(),
      relationship: ZOptionalText(100),
      phone: ZOptionalText(32),
    }),
    { max: 5 },
  ),
});
export type TIdentity = z.infer<typeof ZIdentity>;
export type TIdentityInput = z.input<typeof ZIdentity>;

const currentYear = () => new Date().getUTCFullYear();

/** Facts kept in clear for statistics. */
export const ZPersonFacts = z.object({
  sex: z.enum(SEX_VALUES),
  birthYear: z.coerce
    .number()
    .int("validation.integer")
    .min(1900, "validation.yearRange")
    .refine((y) => y <= currentYear(), "validation.yearRange")
    .optional(),
  citizenship: ZOptionalCountry,
  otherCitizenships: z.array(ZCountryCode).max(5).default([]),
});

export const ZRegisterCase = z
  .object({
    identity: ZIdentity,
    person: ZPersonFacts,
    registeredOn: ZPastDate,
    programme: z.enum(PROGRAMME_VALUES).optional(),
    countryOfIdentification: ZOptionalCountry,
    officeId: z.number().int().positive(),
    /** When the caseworker confirms a probable duplicate of their own offices: the new case joins that person. */
    linkPersonCode: z.string().regex(PERSON_CODE).optional(),
    /** When the probable match is in another office: ask that office to link (the server finds the
     * person from the blind index; the case keeps its own identity until a supervisor there accepts). */
    requestLink: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.linkPersonCode && v.requestLink) {
      ctx.addIssue({ code: "custom", path: ["requestLink"], message: "personLinks.validation.linkOrRequest" });
    }
    const birthYear = v.identity.birthDate ? Number(v.identity.birthDate.slice(0, 4)) : undefined;
    if (birthYear && v.person.birthYear && birthYear !== v.person.birthYear) {
      ctx.addIssue({ code: "custom", path: ["person", "birthYear"], message: "validation.birthYearMismatch" });
    }
    if (v.registeredOn < (v.identity.birthDate ?? "0000")) {
      ctx.addIssue({ code: "custom", path: ["registeredOn"], message: "validation.beforeBirth" });
    }
  });
export type TRegisterCase = z.infer<typeof ZRegisterCase>;
export type TRegisterCaseInput = z.input<typeof ZRegisterCase>;

export const ZDuplicateCheck = z.object({
  familyName: z.string().trim().max(200),
  givenName: z.string().trim().max(200),
  birthDate: ZOptionalPastDate,
});

// The case list query (sort, filters, paging) is in ./case-list.ts.

export const ZCaseRef = z.object({ code: z.string().trim().max(20) });

export const ZUpdateCase = z.object({
  code: z.string().trim().max(20),
  version: z.number().int().positive(),
  programme: z.enum(PROGRAMME_VALUES).nullable(),
  status: z.enum(["Active", "FollowUp"]),
  registeredOn: ZPastDate,
  countryOfIdentification: ZOptionalCountry,
  categories: z.array(z.enum(CATEGORY_VALUES)).max(4),
});
export type TUpdateCase = z.infer<typeof ZUpdateCase>;

export const ZAddNote = z.object({
  code: z.string().trim().max(20),
  body: z.string().trim().min(1, "validation.required").max(20_000, "validation.tooLong"),
});

export const ZAssignCase = z.object({
  code: z.string().trim().max(20),
  version: z.number().int().positive(),
  ownerId: z.number().int().positive(),
  assigneeIds: z.array(z.number().int().positive()).max(10),
});

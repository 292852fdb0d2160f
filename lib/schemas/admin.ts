import { z } from "zod";
import { ROLES } from "@/lib/permissions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/password-policy";
import { REGION_IDS } from "@/lib/reference/countries";
import { ZCountryCode, ZRequiredText } from "./common";

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN, "validation.passwordTooShort")
  .max(PASSWORD_MAX, "validation.passwordTooLong");

export const ZEmail = z.string().trim().toLowerCase().max(320).email("validation.email");

export const ZOfficeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,15}$/, "validation.officeCode");

export const ZCreateOffice = z.object({
  code: ZOfficeCode,
  name: ZRequiredText(120),
  countryIso2: ZCountryCode,
});
export type TCreateOffice = z.infer<typeof ZCreateOffice>;

export const ZUpdateOffice = ZCreateOffice.extend({
  id: z.number().int().positive(),
  active: z.boolean(),
});

export const ZCreateUser = z
  .object({
    email: ZEmail,
    name: ZRequiredText(120),
    role: z.enum(ROLES),
    officeIds: z.array(z.number().int().positive()).max(20).default([]),
    regionScope: z.enum(REGION_IDS as [string, ...string[]]).nullable().default(null),
    password: ZPassword,
  })
  .superRefine((v, ctx) => {
    if ((v.role === "caseworker" || v.role === "supervisor") && v.officeIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["officeIds"], message: "validation.officeRequired" });
    }
    if (v.role === "caseworker" && v.officeIds.length > 1) {
      ctx.addIssue({ code: "custom", path: ["officeIds"], message: "validation.oneOffice" });
    }
  });
export type TCreateUser = z.infer<typeof ZCreateUser>;
export type TCreateUserInput = z.input<typeof ZCreateUser>;

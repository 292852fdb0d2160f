import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { ROLES, type Role } from "@/lib/permissions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/password-policy";
import { REGION_IDS } from "@/lib/reference/countries";
import { ZCountryCode, ZRequiredText } from "./common";

/**
 * Request schemas of the administration area (users, offices, audit trail), shared by the tRPC
 * inputs and the forms. Messages are catalogue keys (validation.*, admin.validation.*).
 */

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

const ZId = z.number().int().positive();
/** The version of a record as the client read it (optimistic locking, db/queries/versioned.ts). */
export const ZVersion = z.number().int().positive();

/* ---------------------------------------------------------------- offices */

export const ZCreateOffice = z.object({
  code: ZOfficeCode,
  name: ZRequiredText(120),
  countryIso2: ZCountryCode,
});
export type TCreateOffice = z.infer<typeof ZCreateOffice>;
export type TCreateOfficeInput = z.input<typeof ZCreateOffice>;

/** The code is the office's permanent identifier (it appears in exports and the audit trail). */
export const ZUpdateOffice = z.object({
  id: ZId,
  version: ZVersion,
  name: ZRequiredText(120),
  countryIso2: ZCountryCode,
  active: z.boolean(),
});
export type TUpdateOffice = z.infer<typeof ZUpdateOffice>;
export type TUpdateOfficeInput = z.input<typeof ZUpdateOffice>;

export const ZOfficeListQuery = z.object({
  active: z.boolean().optional(),
});
export type TOfficeListQuery = z.infer<typeof ZOfficeListQuery>;

/* ------------------------------------------------------------------ users */

/** Roles that work in offices: they need at least one (a caseworker exactly one). */
export function roleHasOffices(role: Role): boolean {
  return role === "caseworker" || role === "supervisor";
}

const ZRegionScope = z.enum(REGION_IDS as [string, ...string[]]).nullable().default(null);

type Assignment = { role: Role; officeIds: number[]; regionScope: string | null };

function checkAssignment(v: Assignment, ctx: z.RefinementCtx): void {
  if (roleHasOffices(v.role) && v.officeIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["officeIds"], message: "validation.officeRequired" });
  }
  if (v.role === "caseworker" && v.officeIds.length > 1) {
    ctx.addIssue({ code: "custom", path: ["officeIds"], message: "validation.oneOffice" });
  }
  if (v.role !== "data_officer" && v.regionScope !== null) {
    ctx.addIssue({ code: "custom", path: ["regionScope"], message: "admin.validation.regionScopeDataOfficer" });
  }
}

const assignmentFields = {
  name: ZRequiredText(120),
  role: z.enum(ROLES),
  officeIds: z.array(ZId).max(20).default([]),
  regionScope: ZRegionScope,
};

/** An administrator creates an account without a password: the person sets their own through a
 * one-time set-up link (decision 0020). */
export const ZCreateUser = z.object({ email: ZEmail, ...assignmentFields }).superRefine(checkAssignment);
export type TCreateUser = z.infer<typeof ZCreateUser>;
export type TCreateUserInput = z.input<typeof ZCreateUser>;

/** The operator's CLI (and the demo seed) create an account with a password read from stdin. */
export const ZCreateUserWithPassword = z
  .object({ email: ZEmail, ...assignmentFields, password: ZPassword })
  .superRefine(checkAssignment);
export type TCreateUserWithPassword = z.infer<typeof ZCreateUserWithPassword>;

const updateUserFields = { id: ZId, ...assignmentFields };
export const ZUpdateUser = z.object({ ...updateUserFields, version: ZVersion }).superRefine(checkAssignment);
/** The edit dialog validates the same fields; it sends the version it was opened with. */
export const ZUpdateUserForm = z.object(updateUserFields).superRefine(checkAssignment);
export type TUpdateUser = z.infer<typeof ZUpdateUser>;
export type TUpdateUserInput = z.input<typeof ZUpdateUser>;

export const ZUserRef = z.object({ id: ZId });
export type TUserRef = z.infer<typeof ZUserRef>;

/** A set-up link, as the person redeems it: the token from the link and the password they chose. */
export const ZCompleteSetup = z.object({
  token: z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, "access.validation.token"),
  password: ZPassword,
});
export type TCompleteSetup = z.infer<typeof ZCompleteSetup>;

/** The set-up page's form: the password typed twice (only `token` and `password` are sent). */
export const ZCompleteSetupForm = ZCompleteSetup.extend({ confirm: z.string() }).refine((v) => v.password === v.confirm, {
  path: ["confirm"],
  message: "admin.validation.passwordsDiffer",
});
export type TCompleteSetupForm = z.infer<typeof ZCompleteSetupForm>;

/** A membership waiting for a supervisor's decision. */
export const ZAccessDecision = z.object({ userId: ZId, officeId: ZId });
export type TAccessDecision = z.infer<typeof ZAccessDecision>;

export const USER_SORTS = ["name", "email", "role", "lastLogin", "created"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const ZUserListQuery = z.object({
  role: z.enum(ROLES).optional(),
  officeId: ZId.optional(),
  active: z.boolean().optional(),
  /** Part of a name or email. */
  search: z.string().trim().max(120).optional(),
  sort: z.enum(USER_SORTS).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;
export type TUserListQueryInput = z.input<typeof ZUserListQuery>;

/* ------------------------------------------------------------ audit trail */

export const AUDIT_PAGE_SIZE = 50;

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date");

export const ZAuditListQuery = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional(),
    actorUserId: ZId.optional(),
    officeId: ZId.optional(),
    /** An entity id as recorded: a case or person code, a user id, an office code. */
    entity: z.string().trim().max(40).optional(),
    /** Inclusive calendar days (UTC). */
    from: ZDay.optional(),
    to: ZDay.optional(),
    /** Keyset cursor: the id of the last event of the previous page (events go newest first). */
    cursor: ZId.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "admin.validation.dateRange" });
    }
  });
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;
export type TAuditListQueryInput = z.input<typeof ZAuditListQuery>;


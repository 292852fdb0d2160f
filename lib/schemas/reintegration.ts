import { z } from "zod";
import { currencyDigits, isCurrencyCode, toMinorUnits } from "@/lib/reference/currencies";
import { REINTEGRATION_TYPES } from "@/lib/reference/vocabulary";
import { MONITORING_OUTCOMES, STEP_PROVIDERS } from "@/lib/workflows/return-reintegration";
import { ZOptionalPastDate, ZRequiredText } from "./common";
import { ZDate } from "./return";

/**
 * Request schemas of the reintegration plan, its steps and monitoring visits, shared by the tRPC
 * inputs and the forms. Messages are catalogue keys.
 */

const ZCaseCode = z.string().trim().max(20);
const ZId = z.number().int().positive();
const ZVersion = z.number().int().positive();

export const ZSavePlan = z.object({
  code: ZCaseCode,
  /** null: the plan does not exist yet. */
  version: ZVersion.nullable(),
  /** Free text: stored encrypted. */
  objectives: ZRequiredText(4000),
});
export type TSavePlan = z.infer<typeof ZSavePlan>;
export type TSavePlanInput = z.input<typeof ZSavePlan>;

const emptyToNull = (v: string | null | undefined) => (v ? v : null);

const stepFields = {
  type: z.enum(REINTEGRATION_TYPES, { message: "validation.option" }),
  plannedOn: z.union([z.literal(""), ZDate]).nullish().transform(emptyToNull),
  providerKind: z.enum(STEP_PROVIDERS, { message: "validation.option" }),
  organisationId: ZId.nullish().transform((v) => v ?? null),
  /** A plain amount as typed ("1250.50"); stored in minor units of `currency`. */
  cost: z.string().trim().max(20).nullish().transform(emptyToNull),
  currency: z.string().trim().toUpperCase().max(3).nullish().transform(emptyToNull),
  /** Free text: stored encrypted. */
  description: z.string().trim().max(2000, "validation.tooLong").optional(),
};

type StepShape = { providerKind: string; organisationId: number | null; cost: string | null; currency: string | null };

function stepRules(v: StepShape, ctx: z.RefinementCtx) {
  if (v.providerKind === "partner" && v.organisationId === null) {
    ctx.addIssue({ code: "custom", path: ["organisationId"], message: "validation.partnerRequired" });
  }
  if (v.currency !== null && !isCurrencyCode(v.currency)) {
    ctx.addIssue({ code: "custom", path: ["currency"], message: "reintegration.validation.currency" });
  } else if (v.cost !== null && v.currency === null) {
    ctx.addIssue({ code: "custom", path: ["currency"], message: "reintegration.validation.currencyRequired" });
  } else if (v.cost !== null && v.currency !== null && toMinorUnits(v.cost, v.currency) === null) {
    const message = currencyDigits(v.currency) === 0 ? "reintegration.validation.costWhole" : "reintegration.validation.cost";
    ctx.addIssue({ code: "custom", path: ["cost"], message });
  }
}

export const ZAddStep = z.object({ code: ZCaseCode, ...stepFields }).superRefine(stepRules);
export type TAddStep = z.infer<typeof ZAddStep>;
export type TAddStepInput = z.input<typeof ZAddStep>;

export const ZUpdateStep = z.object({ id: ZId, version: ZVersion, ...stepFields }).superRefine(stepRules);
export type TUpdateStep = z.infer<typeof ZUpdateStep>;
export type TUpdateStepInput = z.input<typeof ZUpdateStep>;

/** A status change of a step (STEP_MACHINE); done needs its completion date. */
export const ZSetStepStatus = z
  .object({
    id: ZId,
    version: ZVersion,
    status: z.enum(["in_progress", "done", "cancelled"]),
    completedOn: ZOptionalPastDate,
  })
  .superRefine((v, ctx) => {
    if (v.status === "done" && !v.completedOn) ctx.addIssue({ code: "custom", path: ["completedOn"], message: "validation.required" });
  });
export type TSetStepStatus = z.infer<typeof ZSetStepStatus>;
export type TSetStepStatusInput = z.input<typeof ZSetStepStatus>;

/**
 * A monitoring visit's result: done (with the visit date and an outcome) or missed. `updatedAt` is
 * the value read, so that two people recording the same visit do not overwrite each other.
 */
export const ZRecordVisit = z
  .object({
    id: ZId,
    updatedAt: z.number().int().nonnegative(),
    status: z.enum(["done", "missed"]),
    visitedOn: ZOptionalPastDate,
    outcome: z.enum(MONITORING_OUTCOMES, { message: "validation.option" }).nullish().transform((v) => v ?? null),
    /** Free text: stored encrypted. */
    notes: z.string().trim().max(4000, "validation.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "done" && !v.visitedOn) ctx.addIssue({ code: "custom", path: ["visitedOn"], message: "validation.required" });
    if (v.status === "done" && !v.outcome) ctx.addIssue({ code: "custom", path: ["outcome"], message: "validation.required" });
  });
export type TRecordVisit = z.infer<typeof ZRecordVisit>;
export type TRecordVisitInput = z.input<typeof ZRecordVisit>;

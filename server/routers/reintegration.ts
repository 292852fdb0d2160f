import "server-only";
import { ZCaseRef } from "@/lib/schemas/registry";
import { ZAddStep, ZRecordVisit, ZSavePlan, ZSetStepStatus, ZUpdateStep } from "@/lib/schemas/reintegration";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { addStep, recordVisit, reintegrationForCase, reintegrationSummary, savePlan, setStepStatus, updateStep } from "@/server/services/reintegration";

/** Reintegration plans, their steps, and monitoring visits. Record scope in the services. */
export const reintegrationRouter = createTRPCRouter({
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => reintegrationForCase(ctx.db, ctx.user, input.code, ctx.ip)),

  /** The case page's card: no free text, so nothing decrypted. */
  summary: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => reintegrationSummary(ctx.db, ctx.user, input.code)),

  savePlan: permittedProcedure("reintegration:write:own")
    .input(ZSavePlan)
    .mutation(({ ctx, input }) => savePlan(ctx.db, ctx.user, input, ctx.ip)),

  addStep: permittedProcedure("reintegration:write:own")
    .input(ZAddStep)
    .mutation(({ ctx, input }) => addStep(ctx.db, ctx.user, input, ctx.ip)),

  updateStep: permittedProcedure("reintegration:write:own")
    .input(ZUpdateStep)
    .mutation(({ ctx, input }) => updateStep(ctx.db, ctx.user, input, ctx.ip)),

  setStepStatus: permittedProcedure("reintegration:write:own")
    .input(ZSetStepStatus)
    .mutation(({ ctx, input }) => setStepStatus(ctx.db, ctx.user, input, ctx.ip)),

  recordVisit: permittedProcedure("monitoring:write:own")
    .input(ZRecordVisit)
    .mutation(({ ctx, input }) => recordVisit(ctx.db, ctx.user, input, ctx.ip)),
});

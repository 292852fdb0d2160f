import "server-only";
import { ZCaseRef } from "@/lib/schemas/registry";
import { ZEnrolProgramme, ZPlanTravel, ZRecordBestInterest, ZSetTravelStatus, ZUpdateTravel } from "@/lib/schemas/return";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { enrolProgramme, planTravel, recordBestInterest, returnForCase, returnSummary, setTravelStatus, updateTravel } from "@/server/services/return-travel";

/** Programmes (AVRR, PARA), best-interest decisions and return travel. Record scope in the services. */
export const returnsRouter = createTRPCRouter({
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => returnForCase(ctx.db, ctx.user, input.code, ctx.ip)),

  /** The case page's card: no free text, so nothing decrypted. */
  summary: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => returnSummary(ctx.db, ctx.user, input.code)),

  enrol: permittedProcedure("programme:write:own")
    .input(ZEnrolProgramme)
    .mutation(({ ctx, input }) => enrolProgramme(ctx.db, ctx.user, input, ctx.ip)),

  recordBestInterest: permittedProcedure("travel:write:own")
    .input(ZRecordBestInterest)
    .mutation(({ ctx, input }) => recordBestInterest(ctx.db, ctx.user, input, ctx.ip)),

  planTravel: permittedProcedure("travel:write:own")
    .input(ZPlanTravel)
    .mutation(({ ctx, input }) => planTravel(ctx.db, ctx.user, input, ctx.ip)),

  updateTravel: permittedProcedure("travel:write:own")
    .input(ZUpdateTravel)
    .mutation(({ ctx, input }) => updateTravel(ctx.db, ctx.user, input, ctx.ip)),

  setTravelStatus: permittedProcedure("travel:write:own")
    .input(ZSetTravelStatus)
    .mutation(({ ctx, input }) => setTravelStatus(ctx.db, ctx.user, input, ctx.ip)),
});

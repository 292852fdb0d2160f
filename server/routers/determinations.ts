import "server-only";
import { ZCaseRef } from "@/lib/schemas/registry";
import { ZReviewDetermination } from "@/lib/schemas/forms";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { determinationQueue, determinationsForCase, reviewDetermination } from "@/server/services/determinations";

export const determinationsRouter = createTRPCRouter({
  /** Pending determinations of the supervisor's offices. */
  queue: permittedProcedure("determination:approve:office").query(({ ctx }) => determinationQueue(ctx.db, ctx.user)),

  forCase: permittedProcedure("form:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => determinationsForCase(ctx.db, ctx.user, input.code)),

  review: permittedProcedure("determination:approve:office")
    .input(ZReviewDetermination)
    .mutation(({ ctx, input }) => reviewDetermination(ctx.db, ctx.user, input, ctx.ip)),
});

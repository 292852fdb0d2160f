import "server-only";
import { ZReopenCase, ZRequestClosure, ZReviewClosure } from "@/lib/schemas/closure";
import { ZCaseRef } from "@/lib/schemas/registry";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { closureForCase, closureQueue, reopenCase, requestClosure, reviewClosure } from "@/server/services/closure";

export const closureRouter = createTRPCRouter({
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => closureForCase(ctx.db, ctx.user, input.code)),

  request: permittedProcedure("closure:request:own")
    .input(ZRequestClosure)
    .mutation(({ ctx, input }) => requestClosure(ctx.db, ctx.user, input, ctx.ip)),

  /** Closure requests of the supervisor's offices awaiting approval. */
  queue: permittedProcedure("closure:approve:office").query(({ ctx }) => closureQueue(ctx.db, ctx.user)),

  review: permittedProcedure("closure:approve:office")
    .input(ZReviewClosure)
    .mutation(({ ctx, input }) => reviewClosure(ctx.db, ctx.user, input, ctx.ip)),

  reopen: permittedProcedure("case:reopen:office")
    .input(ZReopenCase)
    .mutation(({ ctx, input }) => reopenCase(ctx.db, ctx.user, input, ctx.ip)),
});

import "server-only";
import { ZCaseRef } from "@/lib/schemas/registry";
import { ZDecideErasure, ZRequestErasure, ZRetentionPolicy } from "@/lib/schemas/retention";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { decideErasure, erasureForCase, pendingErasures, requestErasure } from "@/server/services/retention/erasure-requests";
import { previewRetention, setRetentionPolicy } from "@/server/services/retention/retention-policy";

/** The retention period (administrators; issue 11 item 12). */
export const retentionRouter = createTRPCRouter({
  /** The period, and what it would remove now (counts only). */
  policy: permittedProcedure("retention:manage:all").query(({ ctx }) => previewRetention(ctx.db)),

  setPolicy: permittedProcedure("retention:manage:all")
    .input(ZRetentionPolicy)
    .mutation(({ ctx, input }) => setRetentionPolicy(ctx.db, ctx.user, input, ctx.ip)),
});

/** Erasure of one person on request: a supervisor asks, an administrator confirms. */
export const erasureRouter = createTRPCRouter({
  request: permittedProcedure("erasure:request:office")
    .input(ZRequestErasure)
    .mutation(({ ctx, input }) => requestErasure(ctx.db, ctx.user, input, ctx.ip)),

  forCase: permittedProcedure("erasure:request:office")
    .input(ZCaseRef)
    .query(({ ctx, input }) => erasureForCase(ctx.db, ctx.user, input.code)),

  pending: permittedProcedure("erasure:confirm:all").query(({ ctx }) => pendingErasures(ctx.db)),

  decide: permittedProcedure("erasure:confirm:all")
    .input(ZDecideErasure)
    .mutation(({ ctx, input }) => decideErasure(ctx.db, ctx.user, input, ctx.ip)),
});

import "server-only";
import { ZAccessDecision, ZCompleteSetup } from "@/lib/schemas/admin";
import { createTRPCRouter, permittedProcedure, publicProcedure } from "@/server/trpc";
import { completeAccountSetup } from "@/server/services/complete-account-setup";
import { confirmOfficeAccess, declineOfficeAccess } from "@/server/services/decide-office-access";
import { listAccessRequests } from "@/server/services/list-access-requests";

/** Separation of duties (decision 0020): a supervisor of an office confirms or declines a
 * colleague's access to its cases. Scope (their own confirmed offices) is in the query. */
export const accessRouter = createTRPCRouter({
  pending: permittedProcedure("access:confirm:office").query(({ ctx }) => listAccessRequests(ctx.db, ctx.user)),

  confirm: permittedProcedure("access:confirm:office")
    .input(ZAccessDecision)
    .mutation(({ ctx, input }) => confirmOfficeAccess(ctx.db, ctx.user, input, ctx.ip)),

  decline: permittedProcedure("access:confirm:office")
    .input(ZAccessDecision)
    .mutation(({ ctx, input }) => declineOfficeAccess(ctx.db, ctx.user, input, ctx.ip)),
});

/** Signed out: the person redeems their one-time set-up link and chooses their password. The token
 * is 256 random bits; every refusal looks the same and is audited. */
export const accountRouter = createTRPCRouter({
  completeSetup: publicProcedure
    .input(ZCompleteSetup)
    .mutation(({ ctx, input }) => completeAccountSetup(ctx.db, input, ctx.ip)),
});

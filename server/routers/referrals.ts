import "server-only";
import { ZCreateReferral, ZUpdateReferralStatus } from "@/lib/schemas/referrals";
import { ZCaseRef } from "@/lib/schemas/registry";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { createReferral, listReferrals, updateReferralStatus } from "@/server/services/referrals";

export const referralsRouter = createTRPCRouter({
  /** Referrals of a case (texts decrypted, reading audited), consent to share, what the user may do. */
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => listReferrals(ctx.db, ctx.user, input.code, ctx.ip)),

  /** An outgoing (consent to share, or a supervisor's override with a reason) or incoming referral. */
  create: permittedProcedure("referral:write:own")
    .input(ZCreateReferral)
    .mutation(({ ctx, input }) => createReferral(ctx.db, ctx.user, input, ctx.ip)),

  /** Accepted, declined (with a reason), completed or cancelled (REFERRAL_MACHINE). */
  updateStatus: permittedProcedure("referral:write:own")
    .input(ZUpdateReferralStatus)
    .mutation(({ ctx, input }) => updateReferralStatus(ctx.db, ctx.user, input, ctx.ip)),
});

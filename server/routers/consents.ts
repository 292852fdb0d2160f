import "server-only";
import { ZRecordConsent } from "@/lib/schemas/assistance";
import { ZCaseRef } from "@/lib/schemas/registry";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { consentForCase, recordConsent } from "@/server/services/consents";

export const consentsRouter = createTRPCRouter({
  /** Current consent per purpose and its history. */
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => consentForCase(ctx.db, ctx.user, input.code)),

  /** Consent given or refused, or a given consent withdrawn. */
  record: permittedProcedure("consent:write:own")
    .input(ZRecordConsent)
    .mutation(({ ctx, input }) => recordConsent(ctx.db, ctx.user, input, ctx.ip)),
});

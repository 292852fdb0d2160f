import "server-only";
import { ZCaseRef } from "@/lib/schemas/registry";
import { ZDecidePersonLink, ZPersonLinkRef } from "@/lib/schemas/person-links";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { decidePersonLink, incomingPersonLinks, personLinksForCase, withdrawPersonLink } from "@/server/services/person-links";

/** Requests to link a case to a person of another office (docs/decisions/0015). */
export const personLinksRouter = createTRPCRouter({
  /** The case's requests and their outcome, as the requesting office sees them. */
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .query(({ ctx, input }) => personLinksForCase(ctx.db, ctx.user, input.code)),

  withdraw: permittedProcedure("case:update:own")
    .input(ZPersonLinkRef)
    .mutation(({ ctx, input }) => withdrawPersonLink(ctx.db, ctx.user, input, ctx.ip)),

  /** Requests waiting for the supervisor's offices. */
  incoming: permittedProcedure("personlink:decide:office").query(({ ctx }) => incomingPersonLinks(ctx.db, ctx.user)),

  decide: permittedProcedure("personlink:decide:office")
    .input(ZDecidePersonLink)
    .mutation(({ ctx, input }) => decidePersonLink(ctx.db, ctx.user, input, ctx.ip)),
});

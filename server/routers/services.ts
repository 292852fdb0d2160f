import "server-only";
import { ZCreateService, ZUpdateService } from "@/lib/schemas/assistance";
import { ZCaseRef } from "@/lib/schemas/registry";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { createService, listServices, updateService } from "@/server/services/case-services";

export const servicesRouter = createTRPCRouter({
  /** Services of the case, from the assistance form and added later, in one list. A mutation:
   * decrypting notes is audited. */
  forCase: permittedProcedure("case:read:own")
    .input(ZCaseRef)
    .mutation(({ ctx, input }) => listServices(ctx.db, ctx.user, input.code, ctx.ip)),

  create: permittedProcedure("service:write:own")
    .input(ZCreateService)
    .mutation(({ ctx, input }) => createService(ctx.db, ctx.user, input, ctx.ip)),

  update: permittedProcedure("service:write:own")
    .input(ZUpdateService)
    .mutation(({ ctx, input }) => updateService(ctx.db, ctx.user, input, ctx.ip)),
});

import "server-only";
import { ZCreateOrganisation, ZOrganisationQuery, ZUpdateOrganisation } from "@/lib/schemas/assistance";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { createOrganisation, listOrganisations, updateOrganisation } from "@/server/services/organisations";

export const organisationsRouter = createTRPCRouter({
  /** The partner registry, searchable by name or city, country, type and service offered. */
  list: permittedProcedure("organisation:read:all")
    .input(ZOrganisationQuery)
    .query(({ ctx, input }) => listOrganisations(ctx.db, ctx.user, input)),

  /** Supervisors for their offices, administrators for any (scope checked in the service). */
  create: permittedProcedure("organisation:manage:office")
    .input(ZCreateOrganisation)
    .mutation(({ ctx, input }) => createOrganisation(ctx.db, ctx.user, input, ctx.ip)),

  update: permittedProcedure("organisation:manage:office")
    .input(ZUpdateOrganisation)
    .mutation(({ ctx, input }) => updateOrganisation(ctx.db, ctx.user, input, ctx.ip)),
});

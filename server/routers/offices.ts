import "server-only";
import { ZCreateOffice, ZOfficeListQuery, ZUpdateOffice } from "@/lib/schemas/admin";
import { createTRPCRouter, permittedProcedure, protectedProcedure } from "@/server/trpc";
import { createOffice } from "@/server/services/create-office";
import { listOfficesFor } from "@/server/services/list-offices";
import { updateOffice } from "@/server/services/update-office";

export const officesRouter = createTRPCRouter({
  /**
   * Any signed-in user: administrators and data officers (office:read:all) list every office;
   * caseworkers and supervisors only their own (scope in the WHERE, not a permission check).
   */
  list: protectedProcedure
    .input(ZOfficeListQuery)
    .query(({ ctx, input }) => listOfficesFor(ctx.db, ctx.user, input)),

  create: permittedProcedure("office:manage:all")
    .input(ZCreateOffice)
    .mutation(({ ctx, input }) => createOffice(ctx.db, ctx.user.id, input, ctx.ip)),

  update: permittedProcedure("office:manage:all")
    .input(ZUpdateOffice)
    .mutation(({ ctx, input }) => updateOffice(ctx.db, ctx.user, input, ctx.ip)),
});

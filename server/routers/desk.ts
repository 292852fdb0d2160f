import "server-only";
import { ZDeskQuery } from "@/lib/schemas/desk";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { deskFor } from "@/server/services/desk";

export const deskRouter = createTRPCRouter({
  /** What is due on the user's cases (own, or the office's for a supervisor), and approvals waiting. */
  get: permittedProcedure("case:read:own")
    .input(ZDeskQuery)
    .query(({ ctx, input }) => deskFor(ctx.db, ctx.user, input)),
});

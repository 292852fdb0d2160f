import "server-only";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { casesByOfficeAndYear } from "@/server/stats/overview";

export const statsRouter = createTRPCRouter({
  overview: permittedProcedure("stats:read:office").query(({ ctx }) => casesByOfficeAndYear(ctx.db, ctx.user)),
});

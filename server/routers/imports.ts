import "server-only";
import { z } from "zod";
import { commitImportJob, discardJob, importJobStatus } from "@/server/interchange/jobs";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";

/**
 * Web imports (issue 7). The file itself is uploaded to the route handler app/api/import, which
 * starts a job; these procedures follow that job. A job is its uploader's alone: another user's
 * job id is NOT_FOUND. Reports carry row numbers, column names and messages, never an identity
 * value; results carry counts and office codes.
 */
const ZJobRef = z.object({ id: z.string().trim().min(10).max(40) });

export const importsRouter = createTRPCRouter({
  /** Progress, report and result of the user's job. */
  status: permittedProcedure("import:write:office")
    .input(ZJobRef)
    .query(({ ctx, input }) => importJobStatus(ctx.user, input.id)),

  /** Imports a validated job with no problem: all rows in one transaction, or none. */
  commit: permittedProcedure("import:write:office")
    .input(ZJobRef)
    .mutation(({ ctx, input }) => commitImportJob(ctx.db, ctx.user, input.id, ctx.ip)),

  /** Forgets the job and deletes its file. */
  discard: permittedProcedure("import:write:office")
    .input(ZJobRef)
    .mutation(({ ctx, input }) => {
      discardJob(ctx.user, input.id);
      return { discarded: true };
    }),
});

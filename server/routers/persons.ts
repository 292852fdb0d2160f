import "server-only";
import { ZDuplicateCheck } from "@/lib/schemas/registry";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { findProbableDuplicates } from "@/server/services/find-probable-duplicates";

export const personsRouter = createTRPCRouter({
  /** Probable same persons already registered: codes and offices of the user's offices only (another
   * office's match says only that one exists), never identity. A mutation
   * (POST) although it reads, so the names it is given never travel in a URL. */
  probableDuplicates: permittedProcedure("person:search:office")
    .input(ZDuplicateCheck)
    .mutation(({ ctx, input }) => findProbableDuplicates(ctx.db, ctx.user, input)),
});

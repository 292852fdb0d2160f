import "server-only";
import { ZDuplicateCheck } from "@/lib/schemas/registry";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { findProbableDuplicates } from "@/server/services/find-probable-duplicates";

export const personsRouter = createTRPCRouter({
  /** Probable same persons already registered: codes and offices only, never identity. */
  probableDuplicates: permittedProcedure("person:search:office")
    .input(ZDuplicateCheck)
    .query(({ ctx, input }) => findProbableDuplicates(ctx.db, input)),
});

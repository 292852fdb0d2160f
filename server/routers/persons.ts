import "server-only";
import { ZDuplicateCheck } from "@/lib/schemas/registry";
import { ZFindPersonByName } from "@/lib/schemas/person-search";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { findProbableDuplicates } from "@/server/services/find-probable-duplicates";
import { findPersonsByName } from "@/server/services/find-persons-by-name";

export const personsRouter = createTRPCRouter({
  /** Probable same persons already registered: codes and offices of the user's offices only (another
   * office's match says only that one exists), never identity. A mutation
   * (POST) although it reads, so the names it is given never travel in a URL. */
  probableDuplicates: permittedProcedure("person:search:office")
    .input(ZDuplicateCheck)
    .mutation(({ ctx, input }) => findProbableDuplicates(ctx.db, ctx.user, input)),

  /** Find a person of the user's offices by name (issue 15 item 2): codes, cases, offices and
   * statuses, never a name; another office's person is not found. Audited as a search. A mutation
   * (POST) for the same reason as above, and because it records an audit event. */
  findByName: permittedProcedure("person:search:office")
    .input(ZFindPersonByName)
    .mutation(({ ctx, input }) => findPersonsByName(ctx.db, ctx.user, input, ctx.ip)),
});

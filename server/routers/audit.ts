import "server-only";
import { ZAuditListQuery } from "@/lib/schemas/admin";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { listAuditEventsFor } from "@/server/services/list-audit-events";
import { verifyAuditChain } from "@/server/services/verify-audit-chain";

export const auditRouter = createTRPCRouter({
  /** Administrators read the whole trail; supervisors their offices' events (scope in the WHERE). */
  list: permittedProcedure("audit:read:office")
    .input(ZAuditListQuery)
    .query(({ ctx, input }) => listAuditEventsFor(ctx.db, ctx.user, input)),

  verify: permittedProcedure("audit:verify:all").mutation(({ ctx }) => verifyAuditChain(ctx.db, ctx.user, ctx.ip)),
});

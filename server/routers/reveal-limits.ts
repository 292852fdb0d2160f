import "server-only";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { revealLimitAlertsFor } from "@/server/services/identity-limits";

/** The supervisors' desk: who of their offices reached the hourly identity-reveal limit (issue 11 item 6). */
export const revealLimitsRouter = createTRPCRouter({
  alerts: permittedProcedure("identity:monitor:office").query(({ ctx }) => revealLimitAlertsFor(ctx.db, ctx.user)),
});

import "server-only";
import { inArray } from "drizzle-orm";
import { offices } from "@/db/schema";
import { ROLE_PERMISSIONS } from "@/lib/permissions";
import { ZChangeOwnPassword, ZEndOwnSession } from "@/lib/schemas/account";
import { changeOwnPassword } from "@/server/services/account/change-own-password";
import { endOwnSession } from "@/server/services/account/end-own-session";
import { listOwnSessions } from "@/server/services/account/list-own-sessions";
import { createTRPCRouter, permittedProcedure, protectedProcedure } from "@/server/trpc";

export const meRouter = createTRPCRouter({
  /** The signed-in user, their offices and permissions (the UI hides what they cannot do). */
  get: protectedProcedure.query(({ ctx }) => {
    const myOffices =
      ctx.user.officeIds.length === 0
        ? []
        : ctx.db
            .select({ id: offices.id, code: offices.code, name: offices.name, countryIso2: offices.countryIso2 })
            .from(offices)
            .where(inArray(offices.id, ctx.user.officeIds))
            .all();
    return {
      id: ctx.user.id,
      name: ctx.user.name,
      email: ctx.user.email,
      role: ctx.user.role,
      offices: myOffices,
      permissions: ROLE_PERMISSIONS[ctx.user.role],
    };
  }),
  // The user's own account (issue 15 item 11, decision 0031): every role holds account:manage:own;
  // each call acts on the caller's own account only.
  changePassword: permittedProcedure("account:manage:own")
    .input(ZChangeOwnPassword)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user, input, ctx.ip)),
  sessions: permittedProcedure("account:manage:own").query(({ ctx }) => listOwnSessions(ctx.db, ctx.user)),
  endSession: permittedProcedure("account:manage:own").input(ZEndOwnSession).mutation(({ ctx, input }) => endOwnSession(ctx.db, ctx.user, input, ctx.ip)),
});

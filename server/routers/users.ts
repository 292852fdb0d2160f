import "server-only";
import { ZCreateUser, ZUpdateUser, ZUserListQuery, ZUserRef } from "@/lib/schemas/admin";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { createUser } from "@/server/services/create-user";
import { deactivateUser } from "@/server/services/deactivate-user";
import { listUsersFor } from "@/server/services/list-users";
import { reactivateUser } from "@/server/services/reactivate-user";
import { resetPassword } from "@/server/services/reset-password";
import { resetSecondFactor } from "@/server/services/second-factor";
import { unlockUser } from "@/server/services/unlock-user";
import { updateUser } from "@/server/services/update-user";

/** Staff accounts. Listing is scoped (administrators: all; supervisors: their offices' staff);
 * every change is an administrator's (user:manage:all) and is audited. Creating an account or
 * resetting a password returns a one-time set-up link, once; office memberships wait for a
 * supervisor of the office (access router). */
export const usersRouter = createTRPCRouter({
  list: permittedProcedure("user:read:office")
    .input(ZUserListQuery)
    .query(({ ctx, input }) => listUsersFor(ctx.db, ctx.user, input)),

  create: permittedProcedure("user:manage:all")
    .input(ZCreateUser)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.user.id, input, ctx.ip)),

  update: permittedProcedure("user:manage:all")
    .input(ZUpdateUser)
    .mutation(({ ctx, input }) => updateUser(ctx.db, ctx.user, input, ctx.ip)),

  deactivate: permittedProcedure("user:manage:all")
    .input(ZUserRef)
    .mutation(({ ctx, input }) => deactivateUser(ctx.db, ctx.user, input.id, ctx.ip)),

  reactivate: permittedProcedure("user:manage:all")
    .input(ZUserRef)
    .mutation(({ ctx, input }) => reactivateUser(ctx.db, ctx.user, input.id, ctx.ip)),

  /** Issues a one-time set-up link (the administrator never sets the password; decision 0020). */
  resetPassword: permittedProcedure("user:manage:all")
    .input(ZUserRef)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.user, input, ctx.ip)),

  /** A lost authenticator: the user's second factor and recovery codes go, their sessions end, and
   * their next sign-in enrols again. */
  resetSecondFactor: permittedProcedure("user:manage:all")
    .input(ZUserRef)
    .mutation(({ ctx, input }) => resetSecondFactor(ctx.db, ctx.user, input.id, ctx.ip)),

  unlock: permittedProcedure("user:manage:all")
    .input(ZUserRef)
    .mutation(({ ctx, input }) => unlockUser(ctx.db, ctx.user, input.id, ctx.ip)),
});

import "server-only";
import { inArray } from "drizzle-orm";
import { offices } from "@/db/schema";
import { ROLE_PERMISSIONS } from "@/lib/permissions";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc";

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
});

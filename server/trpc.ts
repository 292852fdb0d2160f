import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";
import type { SessionUser } from "@/server/auth/session-user";
import { APP_ERROR_TO_TRPC } from "@/server/errors";

export type Context = {
  db: Db;
  user: SessionUser | null;
  ip: string | null;
};

/** Procedure metadata: the permission a procedure requires, read by the authorization-matrix test. */
export type Meta = { permission?: Permission; public?: true };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const appCode: AppErrorCode | null = cause instanceof AppError ? cause.code : null;
      return {
        ...shape,
        // Internal errors never reach the client: their message could carry data.
        message: error.code === "INTERNAL_SERVER_ERROR" ? "Internal error" : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          appCode,
          fieldErrors: cause instanceof AppError ? (cause.fieldErrors ?? null) : null,
          zodIssues:
            cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns AppError thrown by services into TRPCError with the mapped code. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: APP_ERROR_TO_TRPC[cause.code], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrors).meta({ public: true });

const authenticated = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", cause: new AppError("UNAUTHENTICATED") });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Any signed-in user (own profile, logout...). */
export const protectedProcedure = t.procedure.use(appErrors).use(authenticated);

/**
 * A procedure that requires `permission`. Record scope (own / office / all) is applied by the
 * service in its query's WHERE clause, using the same permission table.
 */
export function permittedProcedure(permission: Permission) {
  return protectedProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!can(ctx.user.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", cause: new AppError("FORBIDDEN") });
    }
    return next();
  });
}

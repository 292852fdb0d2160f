import "server-only";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc";
import { auditRouter } from "./audit";
import { casesRouter } from "./cases";
import { determinationsRouter } from "./determinations";
import { formsRouter } from "./forms";
import { meRouter } from "./me";
import { officesRouter } from "./offices";
import { personsRouter } from "./persons";
import { statsRouter } from "./stats";
import { usersRouter } from "./users";

/** One router per domain, merged here by hand. */
export const appRouter = createTRPCRouter({
  me: meRouter,
  cases: casesRouter,
  forms: formsRouter,
  determinations: determinationsRouter,
  persons: personsRouter,
  stats: statsRouter,
  users: usersRouter,
  offices: officesRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

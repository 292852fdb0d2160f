import "server-only";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc";
import { casesRouter } from "./cases";
import { meRouter } from "./me";
import { personsRouter } from "./persons";
import { statsRouter } from "./stats";

/** One router per domain, merged here by hand. */
export const appRouter = createTRPCRouter({
  me: meRouter,
  cases: casesRouter,
  persons: personsRouter,
  stats: statsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

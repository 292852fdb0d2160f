import "server-only";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc";
import { accessRouter, accountRouter } from "./access";
import { auditRouter } from "./audit";
import { casesRouter } from "./cases";
import { closureRouter } from "./closure";
import { consentsRouter } from "./consents";
import { deskRouter } from "./desk";
import { determinationsRouter } from "./determinations";
import { formsRouter } from "./forms";
import { importsRouter } from "./imports";
import { meRouter } from "./me";
import { officesRouter } from "./offices";
import { organisationsRouter } from "./organisations";
import { personLinksRouter } from "./person-links";
import { personsRouter } from "./persons";
import { referralsRouter } from "./referrals";
import { reintegrationRouter } from "./reintegration";
import { retentionRouter, erasureRouter } from "./retention";
import { returnsRouter } from "./returns";
import { revealLimitsRouter } from "./reveal-limits";
import { servicesRouter } from "./services";
import { statsRouter } from "./stats";
import { transfersRouter } from "./transfers";
import { usersRouter } from "./users";

/** One router per domain, merged here by hand. */
export const appRouter = createTRPCRouter({
  me: meRouter,
  cases: casesRouter,
  forms: formsRouter,
  determinations: determinationsRouter,
  persons: personsRouter,
  personLinks: personLinksRouter,
  stats: statsRouter,
  users: usersRouter,
  offices: officesRouter,
  audit: auditRouter,
  returns: returnsRouter,
  reintegration: reintegrationRouter,
  consents: consentsRouter,
  services: servicesRouter,
  organisations: organisationsRouter,
  referrals: referralsRouter,
  transfers: transfersRouter,
  closure: closureRouter,
  desk: deskRouter,
  imports: importsRouter,
  // Issue 11 items 6 and 12.
  revealLimits: revealLimitsRouter,
  retention: retentionRouter,
  erasure: erasureRouter,
  access: accessRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

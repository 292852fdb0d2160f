import "server-only";
import { z } from "zod";
import { REGION_IDS } from "@/lib/reference/countries";
import { ZAggregateExport, ZMicrodataExport, ZStatsFilters } from "@/lib/stats/filters";
import { INDICATOR_IDS } from "@/lib/stats/indicators";
import { createTRPCRouter, permittedProcedure } from "@/server/trpc";
import { computeAll, computeReview } from "@/server/stats/compute";
import { exportAggregates } from "@/server/stats/export";
import { exportMicrodata } from "@/server/stats/microdata";
import { casesByOfficeAndYear } from "@/server/stats/overview";
import { assertFiltersInScope, officesInScope, statsScopeFor, yearsInScope } from "@/server/stats/scope";
import { workloadFor } from "@/server/stats/workload";

/**
 * Statistics. Every payload is aggregate: counts by dimension, office codes and names, years. No
 * procedure here returns a case, a person, a code of either, or any identity or narrative field.
 * Scope (all offices, a region, or the user's offices) is applied inside each query.
 */
export const statsRouter = createTRPCRouter({
  overview: permittedProcedure("stats:read:office").query(({ ctx }) => casesByOfficeAndYear(ctx.db, ctx.user)),

  /** What the filter menus offer: years with cases, regions and offices inside the user's scope. */
  options: permittedProcedure("stats:read:office").query(({ ctx }) => {
    const scope = statsScopeFor(ctx.user);
    const offices = officesInScope(ctx.db, scope);
    const regions = REGION_IDS.filter((r) => (scope.kind === "region" ? r === scope.region : offices.some((o) => o.region === r)));
    return {
      scope: scope.kind,
      region: scope.kind === "region" ? scope.region : null,
      years: yearsInScope(ctx.db, scope),
      regions,
      offices: offices.map((o) => ({ code: o.code, name: o.name, region: o.region, countryIso2: o.countryIso2 })),
    };
  }),

  /** Indicators over the filtered scope (all of them, or the ids asked for). */
  indicators: permittedProcedure("stats:read:office")
    .input(z.object({ filters: ZStatsFilters, ids: z.array(z.enum(INDICATOR_IDS)).max(INDICATOR_IDS.length).optional() }))
    .query(({ ctx, input }) => {
      const scope = statsScopeFor(ctx.user);
      assertFiltersInScope(ctx.db, scope, input.filters);
      return computeAll(ctx.db, input.filters, scope, input.ids);
    }),

  /** The annual review: every indicator, globally and per statistical region. */
  review: permittedProcedure("stats:read:office")
    .input(z.object({ filters: ZStatsFilters }))
    .query(({ ctx, input }) => {
      const scope = statsScopeFor(ctx.user);
      assertFiltersInScope(ctx.db, scope, input.filters);
      return computeReview(ctx.db, input.filters, scope);
    }),

  /** A supervisor's open cases by status and owner (staff names, no case data). */
  workload: permittedProcedure("case:read:office").query(({ ctx }) => workloadFor(ctx.db, ctx.user)),

  /** Disclosure-controlled tables as a CSV or XLSX file (base64), audited. */
  exportAggregates: permittedProcedure("export:aggregate:all")
    .input(ZAggregateExport)
    .mutation(({ ctx, input }) => exportAggregates(ctx.db, ctx.user, input, ctx.ip)),

  /** k-anonymous microdata as a CSV or XLSX file (base64), audited. */
  exportMicrodata: permittedProcedure("export:aggregate:all")
    .input(ZMicrodataExport)
    .mutation(({ ctx, input }) => exportMicrodata(ctx.db, ctx.user, input, ctx.ip)),
});

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

/** One page of the case list as the server returns it. */
export type CaseListPage = inferRouterOutputs<AppRouter>["cases"]["list"];

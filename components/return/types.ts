import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;
export type ReturnData = Outputs["returns"]["forCase"];
export type Movement = ReturnData["travel"][number];
export type ReintegrationData = Outputs["reintegration"]["forCase"];
export type Step = ReintegrationData["steps"][number];
export type Visit = ReintegrationData["visits"][number];

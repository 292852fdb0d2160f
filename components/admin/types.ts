import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type UserRow = Outputs["users"]["list"]["rows"][number];
export type OfficeRow = Outputs["offices"]["list"][number];
/** An office as a choice in a picker. */
export type OfficeChoice = Pick<OfficeRow, "id" | "code" | "name" | "active">;
export type AuditRow = Outputs["audit"]["list"]["rows"][number];
export type VerifyResult = Outputs["audit"]["verify"];

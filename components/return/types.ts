import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;
export type ReturnData = Outputs["returns"]["forCase"];
export type Movement = ReturnData["travel"][number];
export type ReintegrationData = Outputs["reintegration"]["forCase"];
export type Step = ReintegrationData["steps"][number];
export type Visit = ReintegrationData["visits"][number];

/** Field messages the server sent back (AppError fieldErrors), for react-hook-form's setError. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  return (error as { data?: { fieldErrors?: Record<string, string> | null } } | null)?.data?.fieldErrors ?? {};
}

/** Puts the server's field messages on the form's own fields (react-hook-form setError). */
export function setServerFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  setError: (name: F, error: { type: "server"; message: string }) => void,
): void {
  for (const [field, message] of Object.entries(serverFieldErrors(error))) {
    const name = fields.find((f) => f === field);
    if (name) setError(name, { type: "server", message });
  }
}

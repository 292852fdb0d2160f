import type { AppErrorCode } from "@/lib/errors";

type ErrorData = {
  appCode?: AppErrorCode | null;
  code?: string;
  fieldErrors?: Record<string, string> | null;
  zodIssues?: { path: string[]; message: string }[] | null;
};

/** Reads what the server said about a failed call, in catalogue terms: an error code for the
 * banner (errors.<code>) and message keys per field (validation.*). */
export function describeError(error: unknown): { code: AppErrorCode | "network" | "unexpected"; fields: Record<string, string> } {
  const data = (error as { data?: ErrorData } | null)?.data;
  const fields: Record<string, string> = { ...(data?.fieldErrors ?? {}) };
  for (const issue of data?.zodIssues ?? []) fields[issue.path.join(".")] ??= issue.message;
  if (data?.appCode) return { code: data.appCode, fields };
  if (data?.code === "BAD_REQUEST") return { code: "VALIDATION", fields };
  if (data?.code === "UNAUTHORIZED") return { code: "UNAUTHENTICATED", fields };
  if (data?.code === "NOT_FOUND") return { code: "NOT_FOUND", fields };
  if (data?.code === "FORBIDDEN") return { code: "FORBIDDEN", fields };
  if (!data && error instanceof Error && /fetch|network/i.test(error.message)) return { code: "network", fields };
  return { code: "unexpected", fields };
}

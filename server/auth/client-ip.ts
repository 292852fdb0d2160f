/** The client address as the server sees it (see .env.example on X-Forwarded-For). */
export function clientIp(headers: { get(name: string): string | null } | Record<string, unknown>): string | null {
  const raw =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get("x-forwarded-for")
      : (headers as Record<string, unknown>)["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return null;
  const first = value.split(",")[0]?.trim();
  return first ? first.slice(0, 64) : null;
}

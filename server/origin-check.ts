import "server-only";

/**
 * Cross-site request protection for mutations: a state-changing request must come from our own
 * origin. Browsers always send Origin on POST; its absence (or a foreign value) is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

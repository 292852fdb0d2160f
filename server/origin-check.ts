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

/**
 * A same-origin request, or a plain form POST from one of our pages: served with
 * Referrer-Policy: no-referrer, such a form arrives with `Origin: null`, and the browser's
 * Sec-Fetch-Site (which no page can set) then tells a same-origin form from another site's.
 */
export function isSameOriginForm(request: Request): boolean {
  if (isSameOrigin(request)) return true;
  return request.headers.get("origin") === "null" && request.headers.get("sec-fetch-site") === "same-origin";
}

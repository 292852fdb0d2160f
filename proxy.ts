import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page: a per-request nonce for the Content-Security-Policy (no inline script
 * runs without it) and no caching of anything served to a signed-in user. Authorization is NOT done
 * here: every page and procedure checks permission itself (a proxy can be bypassed).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles: React and Radix set style attributes; no script can run from them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("cache-control", "no-store, max-age=0");
  return response;
}

export const config = {
  // Not on the import upload: a proxy makes Next buffer (and cut at 10 MB) the request body.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/import).*)" }],
};

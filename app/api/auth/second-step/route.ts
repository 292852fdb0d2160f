import { getDb } from "@/db/client";
import type { SecondStepAnswer } from "@/lib/second-step";
import { clientIp } from "@/server/auth/client-ip";
import { getPendingSession } from "@/server/auth/current-user";
import { isSameOrigin } from "@/server/origin-check";
import { confirmTotpEnrolment, verifySecondFactor } from "@/server/services/second-factor";

export const dynamic = "force-dynamic";

const STATUS: Record<Exclude<SecondStepAnswer, { status: "passed" | "enrolled" }>["problem"], number> = {
  invalid: 400,
  expired: 401,
  locked: 423,
  throttled: 429,
};

function answer(body: SecondStepAnswer): Response {
  const status = body.status === "error" ? STATUS[body.problem] : 200;
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/**
 * The second sign-in step (decision 0017), for the second-step page and for scripts alike: a
 * same-origin POST of JSON `{ "code": "..." }` with the session cookie of a session that has passed
 * the password and still owes this step. For an enrolling session the code confirms the
 * enrolment and the answer carries the ten recovery codes (once); otherwise it is a code from the
 * app or a recovery code. Any other request changes nothing ("expired"). The work, the counting of
 * failures and the audit are in server/services/second-factor.ts.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return new Response("Cross-origin request refused", { status: 403 });
  const pending = await getPendingSession();
  if (!pending) return answer({ status: "error", problem: "expired" });
  const body = (await request.json().catch(() => null)) as { code?: unknown } | null;
  const code = typeof body?.code === "string" ? body.code.slice(0, 64) : "";
  const input = { code, ip: clientIp(request.headers) };
  if (pending.step === "enrol") {
    const result = confirmTotpEnrolment(getDb(), pending, input);
    return answer(result.ok ? { status: "enrolled", recoveryCodes: result.recoveryCodes } : { status: "error", problem: result.reason });
  }
  const result = verifySecondFactor(getDb(), pending, input);
  return answer(result.ok ? { status: "passed" } : { status: "error", problem: result.reason });
}

import type { Db } from "@/db/client";
import { totpCodeAt } from "@/server/auth/totp";
import { resolveSession } from "@/server/services/resolve-session";
import { confirmTotpEnrolment, startTotpEnrolment, verifySecondFactor } from "@/server/services/second-factor";

/**
 * Passes the second step of a session that owes it, as the person at the keyboard would: the first
 * time an account signs in it enrols (a code from the new secret), later it gives one of the
 * recovery codes it was issued (each works once; ten per account are plenty for a test, and unlike
 * TOTP codes they do not run out within one 30-second step). For integration tests that are about
 * something else than the second factor itself (server/services/second-factor.test.ts is about it).
 */
const recoveryCodes = new WeakMap<Db, Map<number, string[]>>();

export async function passSecondStep(db: Db, sessionId: string): Promise<void> {
  const state = resolveSession(db, sessionId);
  if (state.user || state.reason !== "second_step") return;
  const { pending } = state;
  const codes = recoveryCodes.get(db) ?? new Map<number, string[]>();
  recoveryCodes.set(db, codes);
  if (pending.step === "enrol") {
    const enrolment = await startTotpEnrolment(db, pending);
    if (!enrolment) throw new Error("enrolment could not start");
    const result = confirmTotpEnrolment(db, pending, { code: totpCodeAt(enrolment.secret, Date.now()), ip: null });
    if (!result.ok) throw new Error(`enrolment refused: ${result.reason}`);
    codes.set(pending.userId, result.recoveryCodes);
    return;
  }
  const code = codes.get(pending.userId)?.shift();
  if (!code) throw new Error("no recovery code left for this account in this test database");
  const result = verifySecondFactor(db, pending, { code, ip: null });
  if (!result.ok) throw new Error(`second step refused: ${result.reason}`);
}

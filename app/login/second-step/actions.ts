"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { SecondStepState } from "@/components/auth/second-step-form";
import { getDb } from "@/db/client";
import { clientIp } from "@/server/auth/client-ip";
import { getPendingSession } from "@/server/auth/current-user";
import { confirmTotpEnrolment, verifySecondFactor } from "@/server/services/second-factor";

/**
 * The second sign-in step's two form actions. They act only for a session that has passed the
 * password and still owes this step (getPendingSession): a signed-out or fully signed-in request
 * gets "expired" and changes nothing. Next.js refuses a server action whose Origin is not the
 * host's. The work, the counting of failures and the audit are in server/services/second-factor.ts.
 */

function codeOf(form: FormData): string {
  const code = form.get("code");
  return typeof code === "string" ? code.slice(0, 64) : "";
}

export async function confirmEnrolmentAction(_previous: SecondStepState, form: FormData): Promise<SecondStepState> {
  const pending = await getPendingSession();
  if (!pending || pending.step !== "enrol") return { status: "error", problem: "expired" };
  const result = confirmTotpEnrolment(getDb(), pending, { code: codeOf(form), ip: clientIp(await headers()) });
  return result.ok ? { status: "enrolled", recoveryCodes: result.recoveryCodes } : { status: "error", problem: result.reason };
}

export async function verifySecondFactorAction(_previous: SecondStepState, form: FormData): Promise<SecondStepState> {
  const pending = await getPendingSession();
  if (!pending || pending.step !== "verify") return { status: "error", problem: "expired" };
  const result = verifySecondFactor(getDb(), pending, { code: codeOf(form), ip: clientIp(await headers()) });
  if (!result.ok) return { status: "error", problem: result.reason };
  redirect("/");
}

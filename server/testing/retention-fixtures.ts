import { and, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { cases } from "@/db/schema";
import { erasureRequests } from "@/db/schema-lifecycle";
import type { SessionUser } from "@/server/auth/session-user";
import { getCase } from "@/server/services/get-case";
import { revealLimitReached } from "@/server/services/identity-limits";
import { requestErasure } from "@/server/services/retention/erasure-requests";
import { makeUser } from "./sessions";

/** What the authorization matrix's world offers these helpers (server/routers/authorization.test.ts). */
type World = { db: Db; caseCode: string; caseOwner: SessionUser };

/** The case owner is refused a reveal (limit 0) of the world's case; returns their user id. */
export function revealRefusedFor(w: World): number {
  const found = getCase(w.db, w.caseOwner, w.caseCode);
  writeTransaction(w.db, (tx) => revealLimitReached(tx, w.caseOwner, { code: found.code, officeId: found.officeId, personCode: found.personCode }, null, 0));
  return w.caseOwner.id;
}

/** A pending erasure request for the person of the world's case, made by a supervisor of its office (once). */
export function pendingErasure(w: World): number {
  const existing = w.db
    .select({ id: erasureRequests.id })
    .from(erasureRequests)
    .innerJoin(cases, eq(cases.id, erasureRequests.caseId))
    .where(and(eq(cases.code, w.caseCode), eq(erasureRequests.status, "pending")))
    .get();
  if (existing) return existing.id;
  const supervisor = makeUser(w.db, { role: "supervisor", officeIds: [w.caseOwner.officeIds[0]!] });
  return requestErasure(w.db, supervisor, { code: w.caseCode, reason: "Synthetic matrix reason" }).id;
}

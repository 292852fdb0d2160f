import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDb, type Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/session-user";
import { makeOffice } from "@/server/testing/factories";
import { registerTestCase } from "@/server/testing/registry-fixtures";
import { makeUser } from "@/server/testing/sessions";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { MAX_TRPC_BATCH } from "@/lib/trpc-limits";

// The route's context resolves the session through next-auth's cookie; here the signed-in user is given.
const session: { user: SessionUser | null } = { user: null };
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

const { POST } = await import("./route");

let db: Db;
let caseCode: string;
beforeAll(() => {
  db = createTestDb();
  setDb(db);
  const office = makeOffice(db);
  session.user = makeUser(db, { role: "caseworker", officeIds: [office.id] });
  caseCode = registerTestCase(db, session.user).caseCode;
});
afterAll(() => destroyTestDb(db));

/** One HTTP request carrying `count` calls of cases.revealIdentity, as tRPC's batch link sends it. */
function revealBatch(count: number): Request {
  const path = Array.from({ length: count }, () => "cases.revealIdentity").join(",");
  const body = Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i), { json: { code: caseCode } }]));
  return new Request(`http://passage.test/api/trpc/${path}?batch=1`, {
    method: "POST",
    headers: { origin: "http://passage.test", host: "passage.test", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const reveals = () => db.$client.prepare("SELECT count(*) FROM audit_events WHERE action = 'identity.revealed'").pluck().get() as number;

/** Issue 11 item 6: 300 identity reveals in one batch all succeeded. */
describe("tRPC batch size", () => {
  it("refuses a batch of 300 calls whole, before any of them runs", async () => {
    const response = await POST(revealBatch(300));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Batch call exceeds maximum size");
    expect(reveals()).toBe(0);
  });

  it("refuses one call more than the maximum, and runs a batch of the maximum", async () => {
    expect((await POST(revealBatch(MAX_TRPC_BATCH + 1))).status).toBe(400);
    const response = await POST(revealBatch(MAX_TRPC_BATCH));
    expect(response.status).toBe(200);
    expect(reveals()).toBe(MAX_TRPC_BATCH);
  });
});

import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { totpCodeAt } from "@/server/auth/totp";
import { env } from "@/server/env";
import { authenticateUser } from "@/server/services/authenticate-user";
import { resolveSession } from "@/server/services/resolve-session";
import { insertUser } from "@/server/testing/factories";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";

/** The route reads the session from next-auth's cookie and the database from getDb(): both point at this test. */
const state = vi.hoisted(() => ({ db: null as unknown, cookie: "" }));
vi.mock("@/db/client", async (original) => ({ ...(await original<typeof import("@/db/client")>()), getDb: () => state.db }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && state.cookie ? { value: state.cookie } : undefined) }),
}));

const { POST } = await import("./route");

const PASSWORD = "synthetic willow compass eighty";
let db: Db;
beforeAll(() => {
  db = createTestDb();
  state.db = db;
});
afterAll(() => destroyTestDb(db));

async function passwordStep(email: string): Promise<string> {
  const login = await authenticateUser(db, { email, password: PASSWORD, ip: "192.0.2.50" });
  if (!login.ok) throw new Error("password refused");
  state.cookie = await encode({ token: { sub: String(login.userId), sid: login.sessionId }, secret: env.NEXTAUTH_SECRET });
  return login.sessionId;
}

const post = (code: string, origin = "http://passage.test") =>
  POST(new Request("http://passage.test/api/auth/second-step", { method: "POST", headers: { origin, host: "passage.test", "content-type": "application/json" }, body: JSON.stringify({ code }) }));

describe("POST /api/auth/second-step", () => {
  it("refuses another origin, and a request without a pending session", async () => {
    expect((await post("123456", "https://elsewhere.example")).status).toBe(403);
    state.cookie = "";
    const response = await post("123456");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ status: "error", problem: "expired" });
  });

  it("enrols (answering the recovery codes once), then verifies a code at the next sign-in", async () => {
    const user = insertUser(db, { role: "caseworker", password: PASSWORD });
    const first = await passwordStep(user.email);
    const pending = resolveSession(db, first);
    if (pending.user !== null || pending.reason !== "second_step") throw new Error("not pending");
    const { startTotpEnrolment } = await import("@/server/services/second-factor");
    const enrolment = await startTotpEnrolment(db, pending.pending);
    const now = Date.now();

    const wrong = await post(totpCodeAt(enrolment!.secret, now) === "000000" ? "111111" : "000000");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ status: "error", problem: "invalid" });

    const enrolled = await post(totpCodeAt(enrolment!.secret, now));
    expect(enrolled.status).toBe(200);
    expect(enrolled.headers.get("cache-control")).toBe("no-store");
    const body = (await enrolled.json()) as { status: string; recoveryCodes: string[] };
    expect(body.status).toBe("enrolled");
    expect(body.recoveryCodes).toHaveLength(10);
    expect(resolveSession(db, first).user?.id).toBe(user.id);
    // The session is complete now: the endpoint has nothing more to do for it.
    expect((await post(body.recoveryCodes[0]!)).status).toBe(401);

    await passwordStep(user.email);
    const passed = await post(body.recoveryCodes[0]!);
    expect(await passed.json()).toEqual({ status: "passed" });
  });
});

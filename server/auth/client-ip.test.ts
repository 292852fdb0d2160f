import { desc, eq } from "drizzle-orm";
import proxyAddr from "proxy-addr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { authenticateUser } from "@/server/services/authenticate-user";
import { insertUser } from "@/server/testing/factories";
import { createTestDb, destroyTestDb } from "@/server/testing/test-db";
import { clientIp } from "./client-ip";
import { PEER_HEADER } from "./peer-address";

const PASSWORD = "synthetic lantern meadow ninety";

/** The headers of a request as the route handler receives them, with the server's peer header. */
function request(peer: string, forwardedFor?: string): Headers {
  const headers = new Headers({ [PEER_HEADER]: peer });
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  return headers;
}

const none = proxyAddr.compile([]);

describe("the client address", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientIp(request("198.51.100.20", "203.0.113.7"), { peerKnown: true, trust: none })).toBe("198.51.100.20");
    expect(clientIp(request("198.51.100.20"), { peerKnown: true, trust: none })).toBe("198.51.100.20");
  });

  it("follows X-Forwarded-For only through trusted proxies, right to left", () => {
    const trust = proxyAddr.compile(["10.0.0.0/8"]);
    // nginx appends the real client (192.0.2.44) to what the client claimed (203.0.113.7).
    expect(clientIp(request("10.1.2.3", "203.0.113.7, 192.0.2.44"), { peerKnown: true, trust })).toBe("192.0.2.44");
    // A peer that is not a trusted proxy is the client, even if it sends the header.
    expect(clientIp(request("192.0.2.99", "203.0.113.7"), { peerKnown: true, trust })).toBe("192.0.2.99");
    // Two trusted hops.
    expect(clientIp(request("10.1.2.3", "203.0.113.7, 192.0.2.44, 10.9.9.9"), { peerKnown: true, trust })).toBe("192.0.2.44");
  });

  it("is unknown (one shared bucket) when the server did not record the peer, never the claimed header", () => {
    expect(clientIp(request("198.51.100.20", "203.0.113.7"), { peerKnown: false, trust: none })).toBeNull();
    expect(clientIp({ "x-forwarded-for": "203.0.113.7" }, { peerKnown: true, trust: none })).toBeNull();
  });

  it("reads node-style header records (next-auth's authorize) as well as Headers", () => {
    expect(clientIp({ [PEER_HEADER]: "::1", "x-forwarded-for": "203.0.113.7" }, { peerKnown: true, trust: none })).toBe("::1");
  });
});

describe("a forged X-Forwarded-For at sign-in (issue 11, item 4)", () => {
  let db: Db;
  beforeAll(() => {
    db = createTestDb();
  });
  afterAll(() => destroyTestDb(db));

  it("cannot move the throttle to a fresh address, and the audit trail stores the socket address", async () => {
    const user = insertUser(db, { role: "caseworker", officeIds: [], password: PASSWORD });
    const attacker = "127.0.0.9";
    // 30 failed sign-ins (unknown accounts, so no account lockout is involved) claiming one address...
    for (let i = 0; i < 30; i++) {
      const ip = clientIp(request(attacker, "203.0.113.7"), { peerKnown: true, trust: none });
      const result = await authenticateUser(db, { email: `nobody-${i}@test.invalid`, password: "wrong guess here", ip });
      expect(result.ok).toBe(false);
    }
    // ...then the right password, claiming another address: still the same client, still throttled.
    const ip = clientIp(request(attacker, "198.51.100.77"), { peerKnown: true, trust: none });
    const result = await authenticateUser(db, { email: user.email, password: PASSWORD, ip });
    expect(result).toEqual({ ok: false, reason: "throttled" });

    const stored = db.select({ ip: auditEvents.ip }).from(auditEvents).where(eq(auditEvents.action, "auth.login.failure")).orderBy(desc(auditEvents.id)).all();
    expect(stored.length).toBeGreaterThan(30);
    expect(new Set(stored.map((e) => e.ip))).toEqual(new Set([attacker]));
  });
});

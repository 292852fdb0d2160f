import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "@/server/env";
import { sessionIdOf, sessionTokenOf } from "./session-token";

const token = (claims: Record<string, unknown>, maxAge = 3600) => encode({ token: claims, secret: env.NEXTAUTH_SECRET, maxAge });
const jar = (cookies: Record<string, string>) => ({ get: (name: string) => (name in cookies ? { value: cookies[name]! } : undefined) });

afterEach(() => vi.useRealTimers());

describe("the session id in next-auth's cookie", () => {
  it("is read from the session cookie, secure name first", async () => {
    const t = await token({ sub: "7", sid: "session-a" });
    expect(await sessionIdOf(sessionTokenOf(jar({ "next-auth.session-token": t })))).toBe("session-a");
    const s = await token({ sub: "7", sid: "session-b" });
    expect(await sessionIdOf(sessionTokenOf(jar({ "__Secure-next-auth.session-token": s, "next-auth.session-token": t })))).toBe("session-b");
  });

  it("is null without a cookie, for a token that does not decrypt, and for an expired token", async () => {
    expect(await sessionIdOf(sessionTokenOf(jar({})))).toBeNull();
    const t = await token({ sub: "7", sid: "session-c" });
    const tampered = t.slice(0, -6) + (t.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await sessionIdOf(tampered)).toBeNull();
    expect(await sessionIdOf(await token({ sub: "7", sid: "session-d" }, -120))).toBeNull();
    expect(await sessionIdOf(await token({ sub: "7" }))).toBeNull();
  });

  it("forgets what a token decrypted to once the token expires", async () => {
    const t = await token({ sub: "7", sid: "session-e" }, 60);
    expect(await sessionIdOf(t)).toBe("session-e");
    // The kept answer is not used past the token's expiry (decrypting again refuses it).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61 * 60_000);
    expect(await sessionIdOf(t)).toBeNull();
  });
});

import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { env } from "@/server/env";
import { authenticateUser } from "@/server/services/authenticate-user";
import { revokeSession } from "@/server/services/resolve-session";
import { clientIp } from "./client-ip";
import { SESSION_ABSOLUTE_MS } from "./policy";

const ZCredentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/**
 * next-auth carries only an opaque session id in its signed, HttpOnly cookie. Whether that session
 * is still alive (idle and absolute limits, revocation, deactivation, password change) is decided on
 * every request by resolveSession against the auth_sessions table.
 */
export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Passage",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = ZCredentials.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = (req?.headers ?? {}) as Record<string, unknown>;
        const userAgent = headers["user-agent"];
        const result = await authenticateUser(getDb(), {
          ...parsed.data,
          ip: clientIp(headers),
          userAgent: typeof userAgent === "string" ? userAgent : null,
        });
        if (!result.ok) return null;
        return { id: String(result.userId), sid: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && "sid" in user && typeof user.sid === "string") {
        token.sid = user.sid;
      }
      // Keep the token free of anything but the subject and the session id.
      delete token.name;
      delete token.email;
      delete token.picture;
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, sid: typeof token.sid === "string" ? token.sid : null };
    },
  },
  events: {
    signOut({ token }) {
      if (token && typeof token.sid === "string") {
        revokeSession(getDb(), token.sid, token.sub ? Number(token.sub) : null);
      }
    },
  },
};

import "server-only";
import { getDb } from "@/db/client";
import { clientIp } from "@/server/auth/client-ip";
import { getCurrentUser } from "@/server/auth/current-user";
import type { Context } from "@/server/trpc";

/** Context for a request: the database, the resolved session user and the client address. */
export async function createContext(headers: Headers): Promise<Context> {
  return { db: getDb(), user: await getCurrentUser(), ip: clientIp(headers) };
}

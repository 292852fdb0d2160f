import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { createContext } from "@/server/context";
import { createCaller } from "@/server/routers/_app";

/** The app router called directly from a server component, with this request's session: pages go
 * through the same procedures (and permission checks) as the browser. */
export async function serverApi() {
  return createCaller(await createContext(await headers()));
}

/** Runs a call and turns NOT_FOUND / FORBIDDEN into the page's 404 (indistinguishable by design). */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/routers/_app";
import { createContext } from "@/server/context";
import { MAX_TRPC_BATCH } from "@/lib/trpc-limits";
import { isSameOrigin } from "@/server/origin-check";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  if (request.method !== "GET" && !isSameOrigin(request)) {
    return Response.json({ error: { message: "Cross-origin request refused" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext(request.headers),
    // A batch is refused whole, before any call in it runs (300 reveals in one request: issue 11).
    maxBatchSize: MAX_TRPC_BATCH,
    responseMeta: () => ({ headers: { "cache-control": "no-store" } }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // Log the procedure and error class only: messages may carry data.
        console.error(`tRPC internal error in ${path ?? "?"}: ${error.cause?.name ?? error.name}`);
      }
    },
  });
}

export { handler as GET, handler as POST };

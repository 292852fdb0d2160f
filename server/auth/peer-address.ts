import "server-only";
import http from "node:http";

/**
 * The TCP peer of each request, as the HTTP server saw it.
 *
 * Next.js (16, `next start`) gives route handlers and next-auth's `authorize` no socket: only the
 * request headers. It fills `X-Forwarded-For` with the socket address only when the request has
 * none (`??=` in base-server.js), so a client that sends its own header replaces its address with
 * any text it likes. To know who is really connected, this hook runs first on every `request` event
 * of every node:http server in the process (Next's own server included) and writes the socket's
 * remote address into PEER_HEADER, overwriting whatever the client sent under that name.
 *
 * It is installed once, from instrumentation.ts, in the server process. Route code trusts
 * PEER_HEADER only when the hook is installed in its own process (`peerHookInstalled`): in any
 * other arrangement (a custom server, `next dev`'s workers) the header could come from the client,
 * and is ignored.
 */
export const PEER_HEADER = "x-passage-peer";

const INSTALLED = Symbol.for("passage.peerAddressHook");
type Marked = { [INSTALLED]?: true };

export function installPeerAddressHook(): void {
  const marked = globalThis as Marked;
  if (marked[INSTALLED]) return;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithPeer(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  marked[INSTALLED] = true;
}

export function peerHookInstalled(): boolean {
  return (globalThis as Marked)[INSTALLED] === true;
}

import "server-only";
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import { env } from "@/server/env";
import { PEER_HEADER, peerHookInstalled } from "./peer-address";

type HeaderSource = { get(name: string): string | null } | Record<string, unknown>;

function header(headers: HeaderSource, name: string): string | null {
  const raw =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get(name)
      : (headers as Record<string, unknown>)[name];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

export type ClientIpOptions = {
  /** proxy-addr's compiled trust function (PASSAGE_TRUSTED_PROXIES); none trusted by default. */
  trust?: (address: string, hop: number) => boolean;
  /** Whether PEER_HEADER was written by this process's server (server/auth/peer-address.ts). */
  peerKnown?: boolean;
};

/**
 * The client address of a request, which the client cannot choose (login throttle, audit trail).
 *
 * It starts from the TCP peer (PEER_HEADER, written by the server itself) and believes
 * `X-Forwarded-For` only hop by hop from there, while each hop is a configured trusted proxy
 * (PASSAGE_TRUSTED_PROXIES, proxy-addr's algorithm: the right-most untrusted address wins). With no
 * trusted proxy configured, forwarded headers are ignored and the peer is the client.
 *
 * When the peer is unknown (the hook is not installed in this process) the answer is null: callers
 * key on "unknown", one bucket shared by every such request, which the client cannot move out of.
 */
export function clientIp(headers: HeaderSource, options: ClientIpOptions = {}): string | null {
  const peerKnown = options.peerKnown ?? peerHookInstalled();
  const peer = peerKnown ? header(headers, PEER_HEADER) : null;
  if (!peer) return null;
  const trust = options.trust ?? env.PASSAGE_TRUSTED_PROXIES;
  const forwarded = header(headers, "x-forwarded-for");
  // proxy-addr reads only these two fields of a request.
  const request = { headers: forwarded ? { "x-forwarded-for": forwarded } : {}, socket: { remoteAddress: peer } };
  const address = proxyAddr(request as unknown as IncomingMessage, trust);
  return address.slice(0, 64);
}

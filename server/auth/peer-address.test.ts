import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerAddressHook, PEER_HEADER, peerHookInstalled } from "./peer-address";

/** A real HTTP server on the loopback interface, as `next start` creates one. */
let server: http.Server;
let port = 0;
beforeAll(async () => {
  installPeerAddressHook();
  server = http.createServer((req, res) => {
    res.end(JSON.stringify({ peer: req.headers[PEER_HEADER] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(headers: Record<string, string>): Promise<{ peer: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(JSON.parse(body) as { peer: string | null }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the peer address hook", () => {
  it("writes the socket address into the peer header before any handler runs", async () => {
    expect(peerHookInstalled()).toBe(true);
    expect(await get({})).toEqual({ peer: "127.0.0.1" });
  });

  it("overwrites a peer header sent by the client", async () => {
    expect(await get({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "203.0.113.9" })).toEqual({ peer: "127.0.0.1" });
  });

  it("installs once, however often it is called", async () => {
    const emit = http.Server.prototype.emit;
    installPeerAddressHook();
    expect(http.Server.prototype.emit).toBe(emit);
  });
});

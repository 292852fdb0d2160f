import { createHash } from "node:crypto";

/**
 * The hash chain of the audit trail, as pure functions so that recording and verification share
 * one definition: hash_n = SHA-256(canonical(event_n) || hash_{n-1}), the first event chained to
 * GENESIS_HASH.
 */

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  id: number;
  at: number;
  actorUserId: number | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  officeId: number | null;
  ip: string | null;
  details: string;
};

/** JSON with keys sorted at every depth, so that equal values always serialise equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function canonicalEvent(event: ChainedFields): string {
  return canonicalJson({
    id: event.id,
    at: event.at,
    actorUserId: event.actorUserId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    officeId: event.officeId,
    ip: event.ip,
    details: event.details,
  });
}

export function chainHash(event: ChainedFields, prevHash: string): string {
  return createHash("sha256").update(canonicalEvent(event), "utf8").update(prevHash, "utf8").digest("hex");
}

export type VerifyResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenEventId: number; reason: string };

/** Walks events in id order and names the first whose link or hash does not hold. */
export function verifyChain(events: Iterable<ChainedFields & { prevHash: string; hash: string }>): VerifyResult {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const event of events) {
    if (event.prevHash !== prev) {
      return { ok: false, checked, brokenEventId: event.id, reason: "previous-hash link does not match" };
    }
    if (chainHash(event, prev) !== event.hash) {
      return { ok: false, checked, brokenEventId: event.id, reason: "content does not match its hash" };
    }
    prev = event.hash;
    checked += 1;
  }
  return { ok: true, checked };
}

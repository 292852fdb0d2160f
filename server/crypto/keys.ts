import "server-only";
import { env } from "@/server/env";
import { keyRingFrom, type KeyRing } from "./vault";

let ring: KeyRing | undefined;

/** The vault key ring from PASSAGE_VAULT_KEYS (first key encrypts, all decrypt). */
export function vaultKeys(): KeyRing {
  ring ??= keyRingFrom(env.PASSAGE_VAULT_KEYS);
  return ring;
}

export function blindIndexKey(): Buffer {
  return env.PASSAGE_BLIND_INDEX_KEY;
}

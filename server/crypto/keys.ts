import "server-only";
import { env } from "@/server/env";
import { keyRingFrom, type KeyRing } from "./vault";

let ring: KeyRing | undefined;

/** The vault key ring from PASSAGE_VAULT_KEYS (first key encrypts, all decrypt). */
export function vaultKeys(): KeyRing {
  ring ??= keyRingFrom(env.PASSAGE_VAULT_KEYS);
  return ring;
}

/** For tests: use `replacement` as the vault key ring (undefined: back to the environment's). */
export function setVaultKeys(replacement: KeyRing | undefined): void {
  ring = replacement;
}

/** The blind index key new indexes are computed with (PASSAGE_BLIND_INDEX_KEY). */
export function blindIndexKey(): Buffer {
  return env.PASSAGE_BLIND_INDEX_KEY;
}

/**
 * Every key an existing index may have been computed with: the current one, and during a
 * rotation (decision 0022) the previous one, so that duplicates are still found while
 * `blind-index:rotate` works through the persons.
 */
export function blindIndexKeys(): Buffer[] {
  const previous = env.PASSAGE_BLIND_INDEX_KEY_PREVIOUS;
  return previous && !previous.equals(env.PASSAGE_BLIND_INDEX_KEY) ? [env.PASSAGE_BLIND_INDEX_KEY, previous] : [env.PASSAGE_BLIND_INDEX_KEY];
}

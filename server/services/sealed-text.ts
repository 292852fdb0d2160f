import "server-only";
import { vaultKeys } from "@/server/crypto/keys";
import { open, seal } from "@/server/crypto/vault";

/**
 * Optional free text stored as a <name>KeyId / <name>Iv / <name>Ciphertext triple (db/schema-lifecycle.ts),
 * encrypted bound to its row and purpose. Empty text is stored as three nulls.
 */
export type SealedColumns = { keyId: string | null; iv: Buffer | null; ciphertext: Buffer | null };

export function sealOptional(text: string | null | undefined, aad: Buffer): SealedColumns {
  const value = text?.trim() ?? "";
  if (value === "") return { keyId: null, iv: null, ciphertext: null };
  return seal(vaultKeys(), value, aad);
}

export function openOptional(columns: SealedColumns, aad: Buffer): string | null {
  const { keyId, iv, ciphertext } = columns;
  if (!keyId || !iv || !ciphertext) return null;
  return open(vaultKeys(), { keyId, iv, ciphertext }, aad);
}

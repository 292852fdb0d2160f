import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

/**
 * AES-256-GCM envelope for identity fields and case notes. Every ciphertext carries the id of the key
 * that made it and is bound, through the GCM associated data, to the row it belongs to
 * (table, row id and purpose): a ciphertext copied onto another row fails to decrypt, as does any
 * flipped byte. Key material comes only from the environment (see server/env.ts).
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type Sealed = { keyId: string; iv: Buffer; ciphertext: Buffer };

export type KeyRing = { activeKeyId: string; keys: ReadonlyMap<string, Buffer> };

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VaultError";
  }
}

export function keyRingFrom(keys: ReadonlyMap<string, Buffer>): KeyRing {
  const first = keys.keys().next();
  if (first.done) throw new VaultError("the vault key ring is empty");
  for (const [id, key] of keys) {
    if (key.length !== 32) throw new VaultError(`vault key ${id} is not 32 bytes`);
  }
  return { activeKeyId: first.value, keys };
}

/** The associated data binding a ciphertext to its row; changing any part makes decryption fail. */
export function boundTo(table: string, rowId: number | string, purpose: string): Buffer {
  // JSON encoding keeps the parts unambiguous whatever characters they contain.
  return Buffer.from(`passage:v1:${JSON.stringify([table, String(rowId), purpose])}`, "utf8");
}

export function seal(ring: KeyRing, plaintext: string, aad: Buffer): Sealed {
  return sealBytes(ring, Buffer.from(plaintext, "utf8"), aad);
}

/** seal() for bytes (e.g. the temporary files of an import, server/interchange/temp-files.ts). */
export function sealBytes(ring: KeyRing, plaintext: Uint8Array, aad: Buffer): Sealed {
  const key = ring.keys.get(ring.activeKeyId);
  if (!key) throw new VaultError("active vault key missing");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { keyId: ring.activeKeyId, iv, ciphertext: Buffer.concat([body, cipher.getAuthTag()]) };
}

export function open(ring: KeyRing, sealed: Sealed, aad: Buffer): string {
  return openBytes(ring, sealed, aad).toString("utf8");
}

/** open() for bytes. */
export function openBytes(ring: KeyRing, sealed: Sealed, aad: Buffer): Buffer {
  const key = ring.keys.get(sealed.keyId);
  // Not a fault of the data or the code but of the configuration (an old key removed before
  // `vault:rotate` finished): a clear, catalogued error, never an internal one.
  if (!key) throw new AppError("KEY_UNAVAILABLE", `vault key ${sealed.keyId} is not configured`);
  if (sealed.iv.length !== IV_BYTES || sealed.ciphertext.length < TAG_BYTES) {
    throw new VaultError("malformed ciphertext");
  }
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    // Never echo the data: only that it failed authentication.
    throw new VaultError("ciphertext failed authentication (tampered, or bound to another row)");
  }
}

export function sealJson(ring: KeyRing, value: unknown, aad: Buffer): Sealed {
  return seal(ring, JSON.stringify(value), aad);
}

export function openJson<T>(ring: KeyRing, sealed: Sealed, aad: Buffer, parse: (v: unknown) => T): T {
  return parse(JSON.parse(open(ring, sealed, aad)));
}

import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VaultError, boundTo, keyRingFrom, open, openJson, seal, sealJson, type KeyRing, type Sealed } from "./vault";

const key = () => randomBytes(32);
const ring = keyRingFrom(new Map([["k1", key()]]));
const aad = boundTo("person", 17, "identity");

function flip(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

describe("seal and open", () => {
  it("round-trips a string", () => {
    const sealed = seal(ring, "Synthetic Person, born 1990-01-01", aad);
    expect(sealed.keyId).toBe("k1");
    expect(sealed.iv).toHaveLength(12);
    expect(open(ring, sealed, aad)).toBe("Synthetic Person, born 1990-01-01");
  });

  it("round-trips the empty string", () => {
    expect(open(ring, seal(ring, "", aad), aad)).toBe("");
  });

  it("never contains the plaintext and uses a fresh IV each time", () => {
    const plaintext = "plaintext-marker-0123456789";
    const a = seal(ring, plaintext, aad);
    const b = seal(ring, plaintext, aad);
    expect(a.ciphertext.includes(Buffer.from(plaintext))).toBe(false);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it("round-trips any unicode string (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ unit: "binary" }), (text, other) => {
        const sealed = seal(ring, text, aad);
        expect(open(ring, sealed, aad)).toBe(text);
        // Well-formed or not, any UTF-16 string survives as its UTF-8 encoding does.
        expect(open(ring, seal(ring, other, aad), aad)).toBe(Buffer.from(other, "utf8").toString("utf8"));
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips JSON through a parser", () => {
    const value = { familyName: "Testova", givenName: "Ana-María", aliases: ["A. T."] };
    const sealed = sealJson(ring, value, aad);
    const parsed = openJson(ring, sealed, aad, (v) => v as typeof value);
    expect(parsed).toEqual(value);
  });
});

describe("tamper detection", () => {
  const sealed = seal(ring, "synthetic identity payload", aad);

  it.each([0, 5, 11])("fails when IV byte %i is flipped", (i) => {
    expect(() => open(ring, { ...sealed, iv: flip(sealed.iv, i) }, aad)).toThrow(VaultError);
  });

  it("fails when any ciphertext body byte is flipped", () => {
    const bodyLength = sealed.ciphertext.length - 16;
    expect(bodyLength).toBeGreaterThan(0);
    for (let i = 0; i < bodyLength; i++) {
      expect(() => open(ring, { ...sealed, ciphertext: flip(sealed.ciphertext, i) }, aad)).toThrow(VaultError);
    }
  });

  it("fails when any tag byte is flipped", () => {
    for (let i = sealed.ciphertext.length - 16; i < sealed.ciphertext.length; i++) {
      expect(() => open(ring, { ...sealed, ciphertext: flip(sealed.ciphertext, i) }, aad)).toThrow(VaultError);
    }
  });

  it("fails when the ciphertext is truncated or the IV has the wrong length", () => {
    expect(() => open(ring, { ...sealed, ciphertext: sealed.ciphertext.subarray(0, 15) }, aad)).toThrow(VaultError);
    expect(() => open(ring, { ...sealed, ciphertext: sealed.ciphertext.subarray(1) }, aad)).toThrow(VaultError);
    expect(() => open(ring, { ...sealed, iv: sealed.iv.subarray(0, 11) }, aad)).toThrow(VaultError);
  });

  it("does not echo the plaintext in its error", () => {
    const tampered: Sealed = { ...sealed, ciphertext: flip(sealed.ciphertext, 0) };
    expect(() => open(ring, tampered, aad)).toThrow(/failed authentication/);
    try {
      open(ring, tampered, aad);
    } catch (error) {
      expect(String(error)).not.toContain("synthetic identity payload");
    }
  });
});

describe("binding to a row", () => {
  const sealed = seal(ring, "bound to person 17", boundTo("person", 17, "identity"));

  it("opens only with the same table, row id and purpose", () => {
    expect(open(ring, sealed, boundTo("person", 17, "identity"))).toBe("bound to person 17");
    expect(open(ring, sealed, boundTo("person", "17", "identity"))).toBe("bound to person 17");
  });

  it("fails when moved to another row", () => {
    expect(() => open(ring, sealed, boundTo("person", 18, "identity"))).toThrow(VaultError);
  });

  it("fails when moved to another table or purpose", () => {
    expect(() => open(ring, sealed, boundTo("case_note", 17, "identity"))).toThrow(VaultError);
    expect(() => open(ring, sealed, boundTo("person", 17, "note"))).toThrow(VaultError);
  });
});

describe("keys", () => {
  it("fails with an unknown key id", () => {
    const sealed = seal(ring, "x", aad);
    expect(() => open(ring, { ...sealed, keyId: "k9" }, aad)).toThrow(/k9 is not configured/);
  });

  it("fails under a different key with the same id", () => {
    const other = keyRingFrom(new Map([["k1", key()]]));
    expect(() => open(other, seal(ring, "x", aad), aad)).toThrow(VaultError);
  });

  it("rotation: a ring with a new key first seals with it and still opens data sealed with the old key", () => {
    const oldKey = key();
    const before: KeyRing = keyRingFrom(new Map([["k1", oldKey]]));
    const old = seal(before, "sealed before rotation", aad);

    const after = keyRingFrom(
      new Map([
        ["k2", key()],
        ["k1", oldKey],
      ]),
    );
    expect(after.activeKeyId).toBe("k2");
    expect(open(after, old, aad)).toBe("sealed before rotation");

    const fresh = seal(after, "sealed after rotation", aad);
    expect(fresh.keyId).toBe("k2");
    expect(open(after, fresh, aad)).toBe("sealed after rotation");
    // The old ring cannot open what the new key sealed.
    expect(() => open(before, fresh, aad)).toThrow(/k2 is not configured/);
  });

  it("rejects an empty ring and keys that are not 32 bytes", () => {
    expect(() => keyRingFrom(new Map())).toThrow(VaultError);
    expect(() => keyRingFrom(new Map([["k1", randomBytes(16)]]))).toThrow(/not 32 bytes/);
  });
});

import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blindIndex, blindIndexes, normaliseBirthDate, normaliseName, normaliseUnicodeName } from "./blind-index";

const key = randomBytes(32);

describe("normaliseName", () => {
  it.each([
    ["Ana-María ", "anamaria"],
    ["  ana   maria", "anamaria"],
    ["ANA MARÍA", "anamaria"],
    ["Zoë", "zoe"],
    ["François", "francois"],
    ["Nguyễn", "nguyen"],
    ["Łukasz", "łukasz"],
    ["O'Connor-Smith", "oconnorsmith"],
    ["Ａｎａ", "ana"], // full-width letters fold to ASCII (NFKD)
  ])("%j -> %j", (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it.each([
    ["Ана-Мария", "анамария"], // Cyrillic
    ["Ἀλέξανδρος", "αλεξανδρος"], // Greek: accents and breathings go, letters stay
    ["محمد", "محمد"], // Arabic
    ["李小龍", "李小龍"], // Han
    ["ทดสอบ", "ทดสอบ"], // Thai, no marks
  ])("keeps the letters of non-Latin scripts: %j", (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it("keeps Hangul and digits", () => {
    expect(normaliseName("김민준")).toBe("김민준");
    expect(normaliseName("Test 2")).toBe("test2");
  });

  it("gives the empty string for punctuation and spaces only", () => {
    expect(normaliseName(" - ' . ")).toBe("");
    expect(normaliseName("")).toBe("");
  });

  // Vowel signs of abugidas (Devanagari, Thai, ...) and Japanese voicing marks are part of the
  // spelling, not accents: names that differ by them must not share an index.
  it.each([
    ["राम", "रमा"],
    ["किरण", "करण"],
    ["が", "か"],
  ])("distinguishes %j from %j", (a, b) => {
    expect(normaliseName(a)).not.toBe(normaliseName(b));
  });

  it("treats ß as ss", () => {
    expect(normaliseName("Straße")).toBe(normaliseName("STRASSE"));
  });

  it("is idempotent (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const once = normaliseName(s);
        expect(normaliseName(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("ignores case, spaces, hyphens and apostrophes in Latin names (property)", () => {
    const letters = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 1, maxLength: 20 });
    const separators = fc.array(fc.constantFrom(" ", "-", "'", "  "), { maxLength: 20 });
    fc.assert(
      fc.property(letters, separators, fc.nat(), (name, seps, seed) => {
        const chars = [...name.toUpperCase()];
        seps.forEach((sep, i) => chars.splice((seed + i * 7) % (chars.length + 1), 0, sep));
        expect(normaliseName(chars.join(""))).toBe(name);
      }),
    );
  });
});

describe("normaliseBirthDate", () => {
  it.each([
    ["1990-01-31", "1990-01-31"],
    [" 1990-01-31 ", "1990-01-31"],
    ["1990", "1990"],
    ["31/01/1990", ""],
    ["1990-1-31", ""],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normaliseBirthDate(input)).toBe(expected);
  });

  it("treats null and undefined as unknown", () => {
    expect(normaliseBirthDate(null)).toBe("");
    expect(normaliseBirthDate(undefined)).toBe("");
  });
});

describe("blindIndex", () => {
  const person = { familyName: "Testova", givenName: "Ana-María", birthDate: "1990-01-31" };

  it("is equal for inputs that normalise equally", () => {
    const a = blindIndex(key, person);
    const b = blindIndex(key, { familyName: " TESTOVA", givenName: "ana maria", birthDate: "1990-01-31 " });
    expect(a).not.toBeNull();
    expect(a).toBe(b);
  });

  it("is a base64url HMAC-SHA-256 that does not contain the name", () => {
    const index = blindIndex(key, person);
    expect(index).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(index?.toLowerCase()).not.toContain("testova");
  });

  it("differs under a different key", () => {
    expect(blindIndex(randomBytes(32), person)).not.toBe(blindIndex(key, person));
  });

  it("differs when the family name, given name or birth date differs", () => {
    const base = blindIndex(key, person);
    expect(blindIndex(key, { ...person, familyName: "Testovo" })).not.toBe(base);
    expect(blindIndex(key, { ...person, givenName: "Ana" })).not.toBe(base);
    expect(blindIndex(key, { ...person, birthDate: "1990-01-30" })).not.toBe(base);
    expect(blindIndex(key, { ...person, birthDate: null })).not.toBe(base);
  });

  it("does not confuse the boundary between family and given names", () => {
    expect(blindIndex(key, { familyName: "ab", givenName: "c" })).not.toBe(
      blindIndex(key, { familyName: "a", givenName: "bc" }),
    );
  });

  it("treats a missing or unparseable birth date alike", () => {
    const { birthDate: _omitted, ...noDate } = person;
    const none = blindIndex(key, noDate);
    expect(none).not.toBeNull();
    expect(blindIndex(key, { ...person, birthDate: null })).toBe(none);
    expect(blindIndex(key, { ...person, birthDate: "unknown" })).toBe(none);
  });

  it.each([
    [{ familyName: "", givenName: "Ana" }],
    [{ familyName: "Testova", givenName: "" }],
    [{ familyName: " - ", givenName: "Ana" }],
    [{ familyName: "", givenName: "", birthDate: "1990-01-31" }],
  ])("is null without both names: %j", (input) => {
    expect(blindIndex(key, input)).toBeNull();
  });

  it("agrees exactly when the normalised inputs agree (property)", () => {
    const name = fc.string({ unit: "grapheme", maxLength: 12 });
    const date = fc.option(fc.constantFrom("1990-01-31", "1990", "2001-12-01", "bad"), { nil: undefined });
    fc.assert(
      fc.property(name, name, date, name, name, date, (f1, g1, d1, f2, g2, d2) => {
        const a = blindIndex(key, { familyName: f1, givenName: g1, birthDate: d1 });
        const b = blindIndex(key, { familyName: f2, givenName: g2, birthDate: d2 });
        const sameInput =
          normaliseName(f1) === normaliseName(f2) &&
          normaliseName(g1) === normaliseName(g2) &&
          normaliseBirthDate(d1) === normaliseBirthDate(d2);
        if (a === null || b === null) {
          expect(a === null).toBe(!normaliseName(f1) || !normaliseName(g1));
          expect(b === null).toBe(!normaliseName(f2) || !normaliseName(g2));
        } else {
          expect(a === b).toBe(sameInput);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the ASCII path of normaliseName", () => {
  it("gives what the Unicode path gives, for every ASCII string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 40 }), (name) => {
        expect(normaliseName(name)).toBe(normaliseUnicodeName(name));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("blindIndexes", () => {
  it("gives the two indexes blindIndex gives, with and without the birth date", () => {
    const key = randomBytes(32);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.constantFrom(null, "", "1990-02-03", "1990", "03/02/1990"), (familyName, givenName, birthDate) => {
        const both = blindIndexes(key, { familyName, givenName, birthDate });
        expect(both.full).toBe(birthDate ? blindIndex(key, { familyName, givenName, birthDate }) : null);
        expect(both.names).toBe(blindIndex(key, { familyName, givenName, birthDate: null }));
      }),
      { numRuns: 300 },
    );
  });
});

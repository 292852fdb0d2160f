import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, canonicalEvent, canonicalJson, chainHash, verifyChain, type ChainedFields } from "./chain";

type Stored = ChainedFields & { prevHash: string; hash: string };

function event(id: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    id,
    at: 1_700_000_000_000 + id * 1000,
    actorUserId: id % 3 === 0 ? null : 10 + (id % 4),
    action: ["auth.login", "case.create", "case.read", "note.create"][id % 4] ?? "case.read",
    entityType: id % 2 === 0 ? "case" : null,
    entityId: id % 2 === 0 ? `C-${id}` : null,
    officeId: id % 5 === 0 ? null : 1 + (id % 2),
    ip: id % 2 === 0 ? "192.0.2.10" : null,
    details: canonicalJson({ n: id, note: "synthetic" }),
    ...overrides,
  };
}

/** Chains events exactly as the recorder does: each hash covers the event and the previous hash. */
function chain(events: ChainedFields[]): Stored[] {
  let prev = GENESIS_HASH;
  return events.map((e) => {
    const hash = chainHash(e, prev);
    const stored = { ...e, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

const events = chain(Array.from({ length: 8 }, (_, i) => event(i + 1)));
const FIELDS = ["id", "at", "actorUserId", "action", "entityType", "entityId", "officeId", "ip", "details"] as const;

function edited(field: (typeof FIELDS)[number], value: Stored): Stored {
  switch (field) {
    case "id":
    case "at":
      return { ...value, [field]: value[field] + 1 };
    case "actorUserId":
    case "officeId":
      return { ...value, [field]: value[field] === null ? 99 : null };
    case "entityType":
    case "entityId":
    case "ip":
      return { ...value, [field]: value[field] === null ? "x" : null };
    case "action":
    case "details":
      return { ...value, [field]: `${value[field]} ` };
  }
}

describe("verifyChain", () => {
  it("accepts an intact chain and counts its events", () => {
    expect(verifyChain(events)).toEqual({ ok: true, checked: events.length });
  });

  it("accepts the empty chain", () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
  });

  it("starts from the genesis hash", () => {
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(FIELDS)("names the middle event whose %s was edited", (field) => {
    const middle = 4;
    const tampered = events.map((e, i) => (i === middle ? edited(field, e) : e));
    const result = verifyChain(tampered);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.brokenEventId).toBe(tampered[middle]?.id);
      expect(result.checked).toBe(middle);
      expect(result.reason).toMatch(/content/);
    }
  });

  it("names the next event when an edited event's own hash was recomputed", () => {
    const middle = 3;
    const tampered = events.map((e) => ({ ...e }));
    const target = tampered[middle];
    if (!target) throw new Error("fixture too short");
    target.details = canonicalJson({ n: 999 });
    target.hash = chainHash(target, target.prevHash);
    const result = verifyChain(tampered);
    expect(result).toMatchObject({ ok: false, brokenEventId: tampered[middle + 1]?.id, checked: middle + 1 });
  });

  it("names the event after a deleted one", () => {
    const deleted = 5;
    const tampered = events.filter((_, i) => i !== deleted);
    const result = verifyChain(tampered);
    expect(result).toMatchObject({ ok: false, brokenEventId: events[deleted + 1]?.id, checked: deleted });
    if (!result.ok) expect(result.reason).toMatch(/previous-hash/);
  });

  it("names the event after a deleted first event", () => {
    expect(verifyChain(events.slice(1))).toMatchObject({ ok: false, brokenEventId: events[1]?.id, checked: 0 });
  });

  it("detects two events swapped", () => {
    const tampered = [...events];
    [tampered[2], tampered[3]] = [events[3] as Stored, events[2] as Stored];
    expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenEventId: events[3]?.id });
  });

  it("detects any single-field edit anywhere (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: events.length - 1 }), fc.constantFrom(...FIELDS), (index, field) => {
        const tampered = events.map((e, i) => (i === index ? edited(field, e) : e));
        expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenEventId: tampered[index]?.id });
      }),
    );
  });
});

describe("chainHash", () => {
  it("depends on the previous hash", () => {
    const e = event(1);
    expect(chainHash(e, GENESIS_HASH)).not.toBe(chainHash(e, "f".repeat(64)));
  });

  it("tells null apart from the string \"null\" and from a missing-looking empty string", () => {
    const e = event(2);
    expect(chainHash({ ...e, ip: null }, GENESIS_HASH)).not.toBe(chainHash({ ...e, ip: "null" }, GENESIS_HASH));
    expect(chainHash({ ...e, ip: null }, GENESIS_HASH)).not.toBe(chainHash({ ...e, ip: "" }, GENESIS_HASH));
  });

  it("ignores fields outside the chained set", () => {
    const e = event(3);
    const withExtra: ChainedFields & { extra: string } = { ...e, extra: "not chained" };
    expect(chainHash(withExtra, GENESIS_HASH)).toBe(chainHash(e, GENESIS_HASH));
    expect(canonicalEvent(withExtra)).not.toContain("not chained");
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth", () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } };
    const b = { a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it("keeps array order", () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it("drops undefined properties and serialises top-level undefined as null", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("is independent of key order and parses back to an equal value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

/** A deep copy with every object's keys inserted in reverse order. */
function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffleKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, shuffleKeys(v)]),
    );
  }
  return value;
}

/**
 * Synthetic people for demos and tests. Names are built from meaningless syllables so that no real
 * person's name can appear; every value is drawn from a seeded generator, so a seed gives the same
 * data every time.
 */

/** mulberry32: a small, fast, seedable PRNG (not for secrets). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "va", "pe", "zu", "dra", "ni", "ho", "bel", "tor", "quin", "sa", "ve"];

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** Picks by weight: `weights` maps each value to its relative share. */
export function pickWeighted<T extends string>(rand: () => number, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

export function syntheticName(rand: () => number): string {
  const parts = 2 + Math.floor(rand() * 2);
  let name = "";
  for (let i = 0; i < parts; i++) name += pick(rand, SYLLABLES);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A date between two ISO dates inclusive. */
export function isoDateBetween(rand: () => number, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rand() * (b - a + 1))).toISOString().slice(0, 10);
}

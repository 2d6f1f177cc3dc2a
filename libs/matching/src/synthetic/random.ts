/** A seeded PRNG returning floats in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for synthetic data; the same seed always gives the same stream. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Picks `count` distinct items, preferring `preferred` with probability `bias` per draw. */
export function pickDistinct<T>(random: Random, count: number, preferred: readonly T[], all: readonly T[], bias: number): T[] {
  const chosen: T[] = [];
  const target = Math.min(count, all.length);
  for (let guard = 0; chosen.length < target && guard < 1000; guard++) {
    const pool = preferred.length > 0 && random() < bias ? preferred : all;
    const item = pool[Math.floor(random() * pool.length)];
    if (!chosen.includes(item)) chosen.push(item);
  }
  return chosen;
}

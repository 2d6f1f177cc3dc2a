/** Bit sets of taxonomy codes, shared by the kernel and the coalition builder. */

/** Number of set bits of a 32-bit integer. */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  // No Math.imul: under Jest a global lookup per call costs more than the whole function.
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  x = x + (x >>> 8);
  return (x + (x >>> 16)) & 0x3f;
}

/** Code → bit position, in the order of `codes`. */
export function bitIndex(codes: readonly string[]): Map<string, number> {
  return new Map(codes.map((code, bit) => [code, bit]));
}

/** The set of `codes` as a mask over `bits` (see `bitIndex`); unknown codes are left out. */
export function maskOf(codes: readonly string[], bits: ReadonlyMap<string, number>): number {
  let mask = 0;
  for (const code of codes) {
    const bit = bits.get(code);
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask >>> 0;
}

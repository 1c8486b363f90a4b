/**
 * Seeded randomness shared by training (shuffles) and the red team (attack generation).
 *
 * Hand-written rather than a library because it is ten lines and the one property we need is
 * exact reproducibility: the same seed must give identical output on every machine, Node version
 * and run. `Math.random` cannot be seeded; mulberry32 is a tiny, well-mixed 32-bit generator.
 */
export type Rng = () => number;

/** mulberry32: returns floats in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

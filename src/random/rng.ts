/**
 * Seeded pseudo-random numbers: the only source of randomness in the toolkit (the unseeded global generator is never used).
 * @packageDocumentation
 */
import { checkInteger } from '../internal/assert.ts';

/** A seeded random stream. Same seed → same sequence, on every platform. */
export interface Rng {
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1) (Box–Muller, polar-free form). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fills `out` with independent N(0, std²) values and returns it. */
  fillNormal(out: Float64Array, std?: number): Float64Array;
}

/** Mixes a 32-bit seed into a well-spread 32-bit state word (splitmix32). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Small Fast Chaotic generator (sfc32, Doty-Humphrey, PractRand-tested), seeded through splitmix32.
 *
 * @param seed - any integer (negative and > 2^32 values are folded into 32 bits)
 * @returns a deterministic {@link Rng}
 * @example
 * const r = createRng(42);
 * const u = r.uniform(); // in [0, 1)
 * u >= 0 && u < 1; // true
 * @remarks Since 0.1.0
 */
export function createRng(seed: number): Rng {
  checkInteger('createRng', 'seed', seed, Number.MIN_SAFE_INTEGER);
  const st = { s: (seed >>> 0) ^ Math.floor(seed / 4294967296) };
  let a = splitmix32(st);
  let b = splitmix32(st);
  let c = splitmix32(st);
  let d = splitmix32(st);
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  let spare = Number.NaN;
  const uniform = (): number => {
    const hi = next32() >>> 5; // 27 bits
    const lo = next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    // 1 - uniform() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const phi = 2 * Math.PI * uniform();
    spare = r * Math.sin(phi);
    return r * Math.cos(phi);
  };
  return {
    uniform,
    normal,
    int: (n: number) => Math.floor(uniform() * n),
    fillNormal(out: Float64Array, std = 1): Float64Array {
      for (let i = 0; i < out.length; i++) out[i] = std * normal();
      return out;
    },
  };
}

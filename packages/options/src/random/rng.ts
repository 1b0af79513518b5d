/**
 * A small, fast, seedable pseudo-random generator: sfc32 (Chris Doty-Humphrey's "small fast
 * counting" generator, 128-bit state, period ≥ 2^32) seeded through splitmix32, so that nearby seeds
 * (0, 1, 2, …) give unrelated streams. Pure JavaScript, identical on every platform, and its state
 * is four 32-bit integers that serialise to JSON for resuming a run exactly where it stopped.
 */

import { checkEnvelope } from '../state/envelope.js';

/**
 * The JSON-serialisable state of an {@link Rng}: format tag plus sfc32's four 32-bit words.
 *
 * @example
 * ```ts
 * import { createRng, Rng } from '@mrnet/options';
 * const rng = createRng(42);
 * const saved = rng.getState();                  // RngState: { format, version, words }
 * const again = Rng.fromState(saved);
 * again.next() === rng.next();                 // true
 * ```
 */
export interface RngState {
  /** Format tag, checked by {@link Rng.fromState}. */
  readonly format: 'mrnet-rng-sfc32';
  /** Format version, checked by {@link Rng.fromState}. */
  readonly version: 1;
  /** The four unsigned 32-bit state words `[a, b, c, d]`. */
  readonly words: readonly [number, number, number, number];
}

const FORMAT = 'mrnet-rng-sfc32';

/** One step of splitmix32 on an unsigned 32-bit integer: returns `[output, nextState]`. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [(z ^ (z >>> 16)) >>> 0, next];
}

/**
 * Mixes a seed with any number of integer keys (e.g. an epoch number, an exam id) into a new 32-bit
 * seed, so that derived streams are independent of each other and reproducible.
 *
 * @param seed - The base seed (any safe integer; only its low 32 bits and its sign matter).
 * @param keys - Integers that identify the derived stream.
 * @returns An unsigned 32-bit seed.
 * @example
 * ```ts
 * import { createRng, deriveSeed } from '@mrnet/options';
 * const epochRng = createRng(deriveSeed(42, 3)); // the stream of epoch 3 of a run seeded with 42
 * ```
 */
export function deriveSeed(seed: number, ...keys: number[]): number {
  let [h, s] = splitmix32(toUint32(seed, 'deriveSeed: seed'));
  for (const k of keys) {
    [h, s] = splitmix32((s ^ h ^ toUint32(k, 'deriveSeed: key')) >>> 0);
    s = (s + Math.imul(h, 0x2545f491)) >>> 0;
  }
  return splitmix32((s ^ h) >>> 0)[0];
}

function toUint32(v: number, what: string): number {
  if (typeof v !== 'number') throw new TypeError(`${what} must be a number (got ${typeof v})`);
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} must be a safe integer (got ${v})`);
  // Fold the high bits in so that seeds differing only above bit 32 still differ.
  const hi = Math.floor(v / 0x100000000);
  return (v ^ Math.imul(hi, 0x27d4eb2f)) >>> 0;
}

/**
 * A seeded pseudo-random generator (sfc32). Create one with {@link createRng}; every random choice
 * in `@mrnet/data` (shuffling, augmentation draws, synthetic data) takes one explicitly.
 *
 * @example
 * ```ts
 * import { createRng } from '@mrnet/options';
 * const rng = createRng(7);
 * const u = rng.next();            // uniform in [0, 1)
 * const angle = rng.uniform(-25, 25);
 * const order = rng.shuffle([0, 1, 2, 3, 4]);
 * const saved = JSON.stringify(rng.getState());
 * ```
 */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  private constructor(a: number, b: number, c: number, d: number) {
    this.#a = a >>> 0;
    this.#b = b >>> 0;
    this.#c = c >>> 0;
    this.#d = d >>> 0;
  }

  /** @internal Builds a generator from a 32-bit seed (see {@link createRng}). */
  static fromSeed(seed: number): Rng {
    let s = toUint32(seed, 'createRng: seed');
    const w: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [out, next] = splitmix32(s);
      w.push(out);
      s = next;
    }
    const rng = new Rng(w[0]!, w[1]!, w[2]!, w[3]!);
    // Discard the first outputs, as sfc32's author recommends, to decorrelate the state.
    for (let i = 0; i < 12; i++) rng.nextUint32();
    return rng;
  }

  /**
   * Restores a generator saved with {@link Rng.getState}; it continues the identical sequence.
   *
   * @throws TypeError if `state` is not an object; StateFormatError if its format or version is
   *   wrong; TypeError/RangeError if its words are.
   * @example
   * ```ts
   * import { createRng, Rng } from '@mrnet/options';
   * const a = createRng(1);
   * const b = Rng.fromState(JSON.parse(JSON.stringify(a.getState())));
   * a.next() === b.next(); // true
   * ```
   */
  static fromState(state: RngState): Rng {
    if (state === null || typeof state !== 'object') {
      throw new TypeError(`Rng.fromState: state must be an object (got ${state === null ? 'null' : typeof state})`);
    }
    checkEnvelope('Rng.fromState', state, { format: FORMAT, version: 1 });
    const w = state.words;
    if (!Array.isArray(w) || w.length !== 4) throw new TypeError('Rng.fromState: words must be an array of 4 numbers');
    for (const x of w) {
      if (typeof x !== 'number') throw new TypeError(`Rng.fromState: words must be numbers (got ${typeof x})`);
      if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) {
        throw new RangeError(`Rng.fromState: words must be unsigned 32-bit integers (got ${x})`);
      }
    }
    return new Rng(w[0], w[1], w[2], w[3]);
  }

  /** Next raw output: an unsigned 32-bit integer. */
  nextUint32(): number {
    const a = this.#a, b = this.#b, c = this.#c, d = this.#d;
    const t = (((a + b) >>> 0) + d) >>> 0;
    this.#d = (d + 1) >>> 0;
    this.#a = (b ^ (b >>> 9)) >>> 0;
    this.#b = (c + (c << 3)) >>> 0;
    const r = ((c << 21) | (c >>> 11)) >>> 0;
    this.#c = (r + t) >>> 0;
    return t;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform number in [lo, hi). */
  uniform(lo: number, hi: number): number {
    if (!(Number.isFinite(lo) && Number.isFinite(hi)) || hi < lo) {
      throw new RangeError(`Rng.uniform: need finite lo ≤ hi (got ${lo}, ${hi})`);
    }
    return lo + (hi - lo) * this.next();
  }

  /** A uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000) {
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^32] (got ${n})`);
    }
    if (n === 0x100000000) return this.nextUint32();
    // Rejection sampling: accept only below the largest multiple of n.
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /**
   * A standard normal draw (Marsaglia's polar method). The pair's second deviate is discarded so
   * that the generator's whole state stays in {@link Rng.getState}.
   */
  normal(): number {
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }

  /** `true` with probability `p` (p in [0, 1]). */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Rng.bernoulli: p must be in [0, 1] (got ${p})`);
    return this.next() < p;
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = array[i]!;
      array[i] = array[j]!;
      array[j] = t;
    }
    return array;
  }

  /**
   * A new, independent generator seeded from this one's output (advances this generator).
   * Use it to give a sub-task its own stream.
   */
  fork(): Rng {
    return Rng.fromSeed(deriveSeed(this.nextUint32(), this.nextUint32()));
  }

  /**
   * The JSON-serialisable state; {@link Rng.fromState} continues the identical sequence.
   */
  getState(): RngState {
    return { format: FORMAT, version: 1, words: [this.#a, this.#b, this.#c, this.#d] };
  }

  /** Same as {@link Rng.getState}, so `JSON.stringify(rng)` works. */
  toJSON(): RngState {
    return this.getState();
  }
}

/**
 * Creates a seeded generator. The same seed always gives the same sequence, on every platform.
 *
 * @param seed - Any safe integer.
 * @throws TypeError if `seed` is not a number; RangeError if it is not a safe integer.
 * @example
 * ```ts
 * import { createRng } from '@mrnet/options';
 * const rng = createRng(42);
 * rng.int(10); // an integer in [0, 10)
 * rng.normal(); // a standard normal deviate
 * ```
 */
export function createRng(seed: number): Rng {
  return Rng.fromSeed(seed);
}

/**
 * Deterministic randomness for demo data: mulberry32 streams and UUIDv7-shaped
 * ids whose uniqueness comes from a counter, not from luck.
 */

/** 32-bit FNV-1a of a string, used to turn seeds and labels into stream seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast, good enough for plausible-looking data. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  /** A child stream for a label, so adding data to one stream does not shift another. */
  fork(label: string | number): Rng {
    return new Rng(hash32(`${this.state}:${label}`));
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Ids for one stream (the province, or one LAO): the 48-bit time field is
 * baseMs + stream, the counter fills 32 of the random bits, the rest is PRNG.
 */
export class IdFactory {
  private seq = 0;

  constructor(
    private readonly rng: Rng,
    private readonly baseMs: number,
    private readonly stream: number,
  ) {}

  next(): string {
    const seq = this.seq++;
    const ts = this.baseMs + this.stream;
    const tsHex = hex(ts, 12);
    const randA = (seq >>> 20) & 0xfff;
    const variant = 0x8000 | ((seq >>> 6) & 0x3fff);
    const tailHigh = ((seq & 0x3f) << 18) | Math.floor(this.rng.next() * 0x40000);
    const tailLow = Math.floor(this.rng.next() * 0x1000000);
    // join() yields a flat string; a template literal would keep a rope of 9 pieces per id in memory.
    return [tsHex.slice(0, 8), tsHex.slice(8), `7${hex(randA, 3)}`, hex(variant, 4), hex(tailHigh, 6) + hex(tailLow, 6)].join('-');
  }
}

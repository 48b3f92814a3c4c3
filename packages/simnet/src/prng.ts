// Seeded randomness: the whole simulated market must be reproducible from one number.

export function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

interface WeightTable {
  keys: string[];
  cumulative: number[];
  total: number;
}

const weightTables = new WeakMap<object, WeightTable>();

/** Weight tables are module constants: total them once, not on every draw. */
function weightTable(weights: Readonly<Record<string, number>>): WeightTable {
  let table = weightTables.get(weights);
  if (!table) {
    const keys = Object.keys(weights);
    const cumulative: number[] = [];
    let total = 0;
    for (const key of keys) cumulative.push((total += weights[key] ?? 0));
    table = { keys, cumulative, total };
    weightTables.set(weights, table);
  }
  return table;
}

/** mulberry32: tiny, fast, good enough for simulation. A class, so a market of 100k forks stays cheap. */
export class Rng {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const table = weightTable(weights);
    const r = this.next() * table.total;
    for (let i = 0; i < table.keys.length; i++) {
      if (r < (table.cumulative[i] ?? 0)) return table.keys[i] as T;
    }
    return table.keys[table.keys.length - 1] as T;
  }

  /** A child stream, independent of how many values the parent draws later. */
  fork(label: string): Rng {
    return new Rng(hashString(`${this.seed}:${label}`));
  }
}

export function createRng(seed: number): Rng {
  return new Rng(seed);
}

// Every network of the provider specification gets an aligned slice of the instance's
// 127.<octet>.0.0/16, so every simulated address has an origin AS. Third octet 0 is reserved
// for simnet itself (dead and hostile addresses); service networks take one /24 each from 1,
// access networks power-of-two blocks from 64, largest first so each stays aligned.
import type { AsBlock } from './market.types.ts';
import { ISPS, SERVICE_NETWORKS } from './spec/index.ts';
import type { NetworkSpec } from './spec/spec.types.ts';

const ACCESS_START = 64;

function block(n: NetworkSpec, start: number, size: number): AsBlock {
  return { key: n.id, asn: n.asn, owner: `${n.handle} - ${n.org}, ${n.country}`, country: n.country, registry: n.registry, allocated: n.allocated, start, size };
}

function allocate(): AsBlock[] {
  if (SERVICE_NETWORKS.length >= ACCESS_START) throw new Error(`${SERVICE_NETWORKS.length} service networks do not fit below ${ACCESS_START}`);
  const blocks = SERVICE_NETWORKS.map((n, i) => block(n, i + 1, 1));
  let next = ACCESS_START;
  for (const isp of [...ISPS].sort((a, b) => b.blocks - a.blocks)) {
    if (!Number.isInteger(Math.log2(isp.blocks))) throw new Error(`ISP ${isp.id}: blocks must be a power of two`);
    blocks.push(block(isp.network, next, isp.blocks));
    next += isp.blocks;
  }
  if (next > 256) throw new Error(`access networks need ${next - ACCESS_START} /24s, only ${256 - ACCESS_START} exist`);
  return blocks;
}

export const AS_BLOCKS: readonly AsBlock[] = allocate();
const BY_KEY = new Map(AS_BLOCKS.map((b) => [b.key, b]));

export function blockByKey(key: string): AsBlock {
  const found = BY_KEY.get(key);
  if (!found) throw new Error(`no AS block ${key}`);
  return found;
}

/** Third octet → block; a 256-slot table so address → AS is O(1). */
export function buildBlockTable(): (AsBlock | undefined)[] {
  const table: (AsBlock | undefined)[] = new Array<AsBlock | undefined>(256).fill(undefined);
  for (const b of AS_BLOCKS) {
    for (let i = 0; i < b.size; i++) table[b.start + i] = b;
  }
  return table;
}

export function blockAddress(octet: number, b: AsBlock, index: number): string {
  // Skip .0 and .255 of each /24 so addresses look like hosts, not networks.
  const usable = b.size * 254;
  const i = index % usable;
  const third = b.start + Math.floor(i / 254);
  const fourth = (i % 254) + 1;
  return `127.${octet}.${third}.${fourth}`;
}

export function blockCidr(octet: number, b: AsBlock): string {
  const bits = 24 - Math.log2(b.size);
  return `127.${octet}.${b.start}.0/${bits}`;
}

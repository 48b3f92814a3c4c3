// Resolves a host name the way the evidence needs it: every CNAME hop recorded, then its
// addresses. Loops and chains longer than the hop limit stop the walk.
import type { NamedHost } from '../types.ts';
import { values, type DnsContext } from './dns-context.ts';

export interface CnameWalk {
  /** Targets in order: name → chain[0] → chain[1] … */
  chain: string[];
  final: string;
  /** The name exists (it has a CNAME or answers NODATA/ok). */
  exists: boolean;
  stopped: 'loop' | 'too-long' | null;
}

export async function walkCnames(ctx: DnsContext, name: string, maxHops: number): Promise<CnameWalk> {
  const chain: string[] = [];
  const seen = new Set([name]);
  let current = name;
  for (;;) {
    const res = await ctx.query(current, 'CNAME');
    const target = res.outcome === 'ok' ? values(res)[0] : undefined;
    if (!target) {
      // NXDOMAIN at the first name means the host does not exist; a dangling last hop still counts as existing.
      return { chain, final: current, exists: chain.length > 0 || res.outcome !== 'nxdomain', stopped: null };
    }
    if (seen.has(target)) {
      chain.push(target);
      return { chain, final: target, exists: true, stopped: 'loop' };
    }
    if (chain.length >= maxHops) return { chain, final: current, exists: true, stopped: 'too-long' };
    chain.push(target);
    seen.add(target);
    current = target;
  }
}

export interface ResolveHostOptions {
  label: string;
  maxHops: number;
  aaaa: boolean;
  /** Ask A first and stop on NXDOMAIN: most probed names do not exist, so they cost one query. */
  probeFirst: boolean;
}

/**
 * The host's CNAME chain and addresses, or null when the name does not exist. c-ares follows
 * CNAMEs itself, so A/AAAA on the name already give the final target's addresses; the CNAME
 * walk only records the hops.
 */
export async function resolveHost(ctx: DnsContext, name: string, o: ResolveHostOptions): Promise<NamedHost | null> {
  const aaaa = (): Promise<string[]> => (o.aaaa ? ctx.query(name, 'AAAA').then(values) : Promise.resolve([]));
  if (o.probeFirst) {
    const a = await ctx.query(name, 'A');
    if (a.outcome === 'nxdomain') return null;
    const [walk, v6] = await Promise.all([walkCnames(ctx, name, o.maxHops), aaaa()]);
    return { label: o.label, name, cnameChain: walk.chain, addresses: walk.stopped ? [] : [...values(a), ...v6] };
  }
  const [walk, a, v6] = await Promise.all([walkCnames(ctx, name, o.maxHops), ctx.query(name, 'A'), aaaa()]);
  if (!walk.exists && a.outcome !== 'ok') return null;
  return { label: o.label, name, cnameChain: walk.chain, addresses: walk.stopped ? [] : [...values(a), ...v6] };
}

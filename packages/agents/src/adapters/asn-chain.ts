// Chains ASN sources: the first that knows the address answers. A source that fails
// (TransientError from a DNS failure) is skipped, so the embedded table can stand in.
import type { AsnInfo, AsnLookupPort, ResolverPort } from '../ports.ts';
import { createCymruAsnLookup } from './asn-cymru.ts';
import { createEmbeddedAsnLookup } from './asn-embedded.ts';

export type AsnSourceName = 'embedded' | 'cymru';

export interface AsnChainDeps {
  /** Needed when 'cymru' is listed. */
  resolver?: ResolverPort;
  /** Overrides for tests or alternate data; built from the names otherwise. */
  sources?: Partial<Record<AsnSourceName, AsnLookupPort>>;
}

export function parseAsnSources(sources: string): AsnSourceName[] {
  const names = sources.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) throw new RangeError('ASN sources: at least one of embedded, cymru');
  for (const name of names) {
    if (name !== 'embedded' && name !== 'cymru') throw new RangeError(`ASN sources: unknown source "${name}"`);
  }
  return names as AsnSourceName[];
}

function build(name: AsnSourceName, deps: AsnChainDeps): AsnLookupPort {
  const given = deps.sources?.[name];
  if (given) return given;
  if (name === 'embedded') return createEmbeddedAsnLookup();
  if (!deps.resolver) throw new RangeError('ASN source "cymru" needs a resolver');
  return createCymruAsnLookup({ resolver: deps.resolver });
}

/** `sources` is 'embedded', 'cymru' or a comma list tried in order, e.g. 'cymru,embedded'. */
export function createAsnLookup(sources: string, deps: AsnChainDeps = {}): AsnLookupPort {
  const chain = parseAsnSources(sources).map((name) => build(name, deps));
  return {
    async lookup(ip, signal) {
      let lastError: unknown = null;
      let answered = false;
      for (const source of chain) {
        try {
          const info: AsnInfo | null = await source.lookup(ip, signal);
          if (info) return info;
          answered = true;
        } catch (err) {
          if (signal?.aborted) throw err;
          lastError = err;
        }
      }
      // Every source failed rather than answered "unknown": let the caller see why.
      if (!answered && lastError) throw lastError;
      return null;
    },
  };
}

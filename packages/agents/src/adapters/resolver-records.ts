// Turns c-ares answers into the flat DnsRecordData of the ports, and c-ares error codes into
// DnsOutcome values. Classification reads `code` only: messages vary across Node versions.
import type { Resolver } from 'node:dns/promises';
import type { DnsOutcome, DnsRecordData, DnsRecordType } from '../ports.ts';

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

const OUTCOME_BY_CODE: Record<string, DnsOutcome> = {
  ENOTFOUND: 'nxdomain',
  ENODATA: 'nodata',
  ESERVFAIL: 'servfail',
  EREFUSED: 'refused',
  ETIMEOUT: 'timeout',
};

export function classifyDnsError(err: unknown): DnsOutcome {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return OUTCOME_BY_CODE[code] ?? 'error';
}

/** Sends one query through c-ares and flattens its answer; c-ares errors propagate. */
export async function queryRecords(resolver: Resolver, name: string, type: DnsRecordType): Promise<DnsRecordData[]> {
  const rec = (value: string, extra: Partial<DnsRecordData> = {}): DnsRecordData => ({ name, type, value, ...extra });
  switch (type) {
    case 'A':
      return (await resolver.resolve4(name, { ttl: true })).map((r) => rec(r.address, { ttl: r.ttl }));
    case 'AAAA':
      return (await resolver.resolve6(name, { ttl: true })).map((r) => rec(r.address.toLowerCase(), { ttl: r.ttl }));
    case 'MX':
      return (await resolver.resolveMx(name)).map((r) => rec(normaliseName(r.exchange), { priority: r.priority }));
    case 'NS':
      return (await resolver.resolveNs(name)).map((r) => rec(normaliseName(r)));
    case 'CNAME':
      return (await resolver.resolveCname(name)).map((r) => rec(normaliseName(r)));
    case 'PTR':
      return (await resolver.resolvePtr(name)).map((r) => rec(normaliseName(r)));
    case 'TXT':
      // A TXT record is a list of <=255-byte chunks that form one string (RFC 7208 §3.3).
      return (await resolver.resolveTxt(name)).map((chunks) => rec(chunks.join('')));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map((r) =>
        rec(normaliseName(r.name), { port: r.port, priority: r.priority, weight: r.weight }),
      );
    case 'SOA': {
      const soa = await resolver.resolveSoa(name);
      return [rec(`${normaliseName(soa.nsname)} ${normaliseName(soa.hostmaster)} ${soa.serial}`)];
    }
  }
}

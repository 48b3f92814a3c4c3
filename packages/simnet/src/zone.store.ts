// All simulated DNS data in one map from name to its record sets, answering the way an
// authoritative/recursive pair would: CNAME chains followed, NXDOMAIN vs NODATA, SOA in
// the authority section of negative answers.
import type { CymruZone } from './cymru.zone.ts';
import type { SimRecord, SimRecordType, SoaValue } from './market.types.ts';

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';

export interface ZoneAnswer {
  rcode: Rcode;
  answers: SimRecord[];
  authorities: SimRecord[];
}

const MAX_CNAME_HOPS = 8;

function rootSoa(name: string): SimRecord {
  const tld = name.split('.').pop() ?? '';
  const soa: SoaValue = { mname: 'a.gtld-servers.net', rname: 'nstld.verisign-grs.com', serial: 1700000000, refresh: 1800, retry: 900, expire: 604800, minimum: 86400 };
  return { name: tld, type: 'SOA', soa, ttl: 900 };
}

export class ZoneStore {
  private readonly names = new Map<string, Map<SimRecordType, SimRecord[]>>();
  /** Bumped on every change so encoded-answer caches know to forget. */
  version = 0;

  constructor(private readonly cymru: CymruZone | null = null) {}

  add(records: Iterable<SimRecord>): void {
    for (const record of records) {
      const name = record.name.toLowerCase().replace(/\.$/, '');
      let sets = this.names.get(name);
      if (!sets) this.names.set(name, (sets = new Map()));
      const list = sets.get(record.type);
      const normalized = name === record.name ? record : { ...record, name };
      if (list) list.push(normalized);
      else sets.set(record.type, [normalized]);
    }
    this.version++;
  }

  /** Removes every record of a name (or only one type). */
  remove(name: string, type?: SimRecordType): void {
    const key = name.toLowerCase();
    if (type) this.names.get(key)?.delete(type);
    else this.names.delete(key);
    this.version++;
  }

  has(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }

  get(name: string, type: SimRecordType): SimRecord[] {
    return this.names.get(name.toLowerCase())?.get(type) ?? [];
  }

  /** `type` null means a type we do not serve: NODATA where the name exists. */
  resolve(qname: string, type: SimRecordType | null): ZoneAnswer {
    const answers: SimRecord[] = [];
    let name = qname;
    for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
      const sets = this.names.get(name);
      if (!sets) {
        const synthetic = hop === 0 && type === 'TXT' ? this.cymru?.answer(name) : null;
        if (synthetic) return { rcode: 'NOERROR', answers: synthetic, authorities: [] };
        // A CNAME to a name outside our data: the chain is the answer.
        if (hop > 0) return { rcode: 'NOERROR', answers, authorities: [] };
        return { rcode: 'NXDOMAIN', answers, authorities: [this.soaFor(name)] };
      }
      const cname = type !== 'CNAME' ? sets.get('CNAME') : undefined;
      if (cname?.[0] && cname[0].type === 'CNAME') {
        answers.push(cname[0]);
        name = cname[0].value.toLowerCase();
        continue;
      }
      const records = type ? sets.get(type) : undefined;
      if (records && records.length > 0) return { rcode: 'NOERROR', answers: answers.concat(records), authorities: [] };
      return { rcode: 'NOERROR', answers, authorities: answers.length === 0 ? [this.soaFor(name)] : [] };
    }
    return { rcode: 'SERVFAIL', answers: [], authorities: [] };
  }

  /** The SOA of the closest enclosing zone. */
  soaFor(name: string): SimRecord {
    let current = name;
    for (;;) {
      const soa = this.names.get(current)?.get('SOA')?.[0];
      if (soa) return soa;
      const dot = current.indexOf('.');
      if (dot < 0) return rootSoa(name);
      current = current.slice(dot + 1);
    }
  }
}

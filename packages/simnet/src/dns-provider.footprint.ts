// Name servers and SOA of each DNS provider, in their real naming patterns.
import type { AddressPlan } from './address-plan.ts';
import type { Rng } from './prng.ts';

export type DnsProviderSlug =
  | 'godaddy' | 'cloudflare' | 'aws' | 'google-cloud' | 'azure' | 'namecheap'
  | 'network-solutions' | 'ionos' | 'wix' | 'squarespace';

export type ParkingSlug = 'sedo' | 'bodis' | 'parkingcrew' | 'afternic';

const CLOUDFLARE_NAMES = ['adam', 'bella', 'cruz', 'dana', 'elle', 'fred', 'gina', 'hank', 'iris', 'jake', 'kim', 'lou', 'nora', 'pete', 'rita', 'sam', 'tess', 'vera', 'walt', 'zara'];

interface NsSet {
  hosts: string[];
  rname: string;
  block: string;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function nsSet(provider: DnsProviderSlug, rng: Rng): NsSet {
  switch (provider) {
    case 'godaddy': {
      const n = rng.int(1, 77);
      return { hosts: [`ns${pad2(n)}.domaincontrol.com`, `ns${pad2(n + 1)}.domaincontrol.com`], rname: 'dns.jomax.net', block: 'godaddy' };
    }
    case 'cloudflare': {
      const a = rng.pick(CLOUDFLARE_NAMES);
      const b = rng.pick(CLOUDFLARE_NAMES.filter((x) => x !== a));
      return { hosts: [`${a}.ns.cloudflare.com`, `${b}.ns.cloudflare.com`], rname: 'dns.cloudflare.com', block: 'cloudflare' };
    }
    case 'aws': {
      const n = rng.int(1, 2047);
      const tlds = ['com', 'net', 'org', 'co.uk'];
      return { hosts: tlds.map((t, i) => `ns-${(n + i * 512) % 2048}.awsdns-${pad2(rng.int(0, 63))}.${t}`), rname: 'awsdns-hostmaster.amazon.com', block: 'amazon' };
    }
    case 'google-cloud': {
      const x = rng.pick(['a', 'b', 'c', 'd', 'e']);
      return { hosts: [1, 2, 3, 4].map((i) => `ns-cloud-${x}${i}.googledomains.com`), rname: 'cloud-dns-hostmaster.google.com', block: 'google' };
    }
    case 'azure': {
      const n = pad2(rng.int(1, 9));
      return { hosts: [`ns1-${n}.azure-dns.com`, `ns2-${n}.azure-dns.net`, `ns3-${n}.azure-dns.org`, `ns4-${n}.azure-dns.info`], rname: 'azuredns-hostmaster.microsoft.com', block: 'microsoft' };
    }
    case 'namecheap':
      return { hosts: ['dns1.registrar-servers.com', 'dns2.registrar-servers.com'], rname: 'hostmaster.registrar-servers.com', block: 'namecheap' };
    case 'network-solutions': {
      const n = rng.int(1, 98);
      return { hosts: [`ns${pad2(n)}.worldnic.com`, `ns${pad2(n + 1)}.worldnic.com`], rname: 'namehost.worldnic.com', block: 'netsol' };
    }
    case 'ionos': {
      const n = rng.int(1000, 1120);
      return { hosts: [`ns${n}.ui-dns.com`, `ns${n}.ui-dns.org`, `ns${n}.ui-dns.de`, `ns${n}.ui-dns.biz`], rname: 'hostmaster.1and1.com', block: 'ionos' };
    }
    case 'wix':
      return { hosts: ['ns0.wixdns.net', 'ns1.wixdns.net'], rname: 'support.wix.com', block: 'wix' };
    case 'squarespace': {
      // Squarespace-managed zones are served by NS1 (dnsN.pNN.nsone.net).
      const p = pad2(rng.int(1, 12));
      return { hosts: [1, 2, 3, 4].map((i) => `dns${i}.p${p}.nsone.net`), rname: 'hostmaster.nsone.net', block: 'nsone' };
    }
  }
}

const PARKING_NS: Record<ParkingSlug, NsSet> = {
  sedo: { hosts: ['ns1.sedoparking.com', 'ns2.sedoparking.com'], rname: 'hostmaster.sedo.de', block: 'sedo' },
  bodis: { hosts: ['ns1.bodis.com', 'ns2.bodis.com'], rname: 'hostmaster.bodis.com', block: 'amazon' },
  parkingcrew: { hosts: ['ns1.parkingcrew.net', 'ns2.parkingcrew.net'], rname: 'hostmaster.parkingcrew.net', block: 'teaminternet' },
  afternic: { hosts: ['ns1.afternic.com', 'ns2.afternic.com'], rname: 'dns.jomax.net', block: 'godaddy' },
};

/** Writes NS and SOA for a zone apex. */
export function addZoneApex(plan: AddressPlan, domain: string, set: NsSet, serial: number): void {
  set.hosts.forEach((host, i) => {
    plan.host(host, plan.shared(set.block, 40 + (i % 4)));
    plan.add({ name: domain, type: 'NS', value: host });
  });
  const soa = { mname: set.hosts[0] ?? `ns1.${domain}`, rname: set.rname, serial, refresh: 10800, retry: 3600, expire: 604800, minimum: 3600 };
  plan.add({ name: domain, type: 'SOA', soa });
}

export function addDnsProviderZone(plan: AddressPlan, domain: string, provider: DnsProviderSlug, rng: Rng): void {
  addZoneApex(plan, domain, nsSet(provider, rng), 2024000000 + rng.int(1, 999999));
}

export function addParkedZone(plan: AddressPlan, domain: string, parking: ParkingSlug): string {
  const set = PARKING_NS[parking];
  addZoneApex(plan, domain, set, 2023010101);
  const address = plan.shared(set.block, parking === 'bodis' ? 20 : 0);
  plan.add({ name: domain, type: 'A', value: address });
  plan.add({ name: `www.${domain}`, type: 'CNAME', value: domain });
  plan.serveWeb(address);
  return address;
}

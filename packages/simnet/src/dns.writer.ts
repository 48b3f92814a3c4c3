// Name servers and SOA of a zone, in its DNS host's published naming pattern.
import type { AddressPlan } from './address-plan.ts';
import type { Rng } from './prng.ts';
import type { DnsSpec } from './spec/spec.types.ts';
import { TemplateScope } from './spec/template.ts';

function addZoneApex(plan: AddressPlan, domain: string, spec: DnsSpec, hosts: string[], serial: number): void {
  hosts.forEach((host, i) => {
    plan.host(host, plan.shared(spec.network, 40 + (i % 4)));
    plan.add({ name: domain, type: 'NS', value: host });
  });
  const soa = { mname: hosts[0] ?? `ns1.${domain}`, rname: spec.rname, serial, refresh: 10800, retry: 3600, expire: 604800, minimum: 3600 };
  plan.add({ name: domain, type: 'SOA', soa });
}

export function addDnsZone(plan: AddressPlan, domain: string, spec: DnsSpec, rng: Rng): void {
  const scope = new TemplateScope(rng, { domain });
  addZoneApex(plan, domain, spec, spec.ns.map((t) => scope.expand(t)), 2024000000 + rng.int(1, 999999));
}

/** A parked domain: the parking service's name servers and landing address. */
export function addParkedZone(plan: AddressPlan, domain: string, spec: DnsSpec & { slot: number }): string {
  addZoneApex(plan, domain, spec, spec.ns, 2023010101);
  const address = plan.shared(spec.network, spec.slot);
  plan.add({ name: domain, type: 'A', value: address });
  plan.add({ name: `www.${domain}`, type: 'CNAME', value: domain });
  plan.serveWeb(address);
  return address;
}

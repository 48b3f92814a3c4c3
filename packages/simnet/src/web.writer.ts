// Website DNS and page look written from the spec: apex A on the serving network, www as the
// platform tells its customers, reverse names where the host publishes them.
import type { AddressPlan } from './address-plan.ts';
import type { SiteLook } from './market.types.ts';
import type { Rng } from './prng.ts';
import type { AppSpec, WebHostSpec } from './spec/spec.types.ts';
import { TemplateScope } from './spec/template.ts';

function apexAddresses(plan: AddressPlan, spec: WebHostSpec, rng: Rng): string[] {
  if ('dedicated' in spec.apex) return [plan.next(spec.network, false)];
  const slots = spec.apex.shared;
  const choose = spec.apex.choose ?? slots.length;
  const start = rng.int(0, slots.length - 1);
  return Array.from({ length: choose }, (_, i) => plan.shared(spec.network, slots[(start + i) % slots.length] ?? 0));
}

function serve(plan: AddressPlan, domain: string, addresses: string[]): void {
  for (const a of addresses) {
    plan.add({ name: domain, type: 'A', value: a });
    plan.serveWeb(a);
  }
}

/** Adds the website records; a self-hosted site uses the business's own address. */
export function addWebsite(plan: AddressPlan, domain: string, host: WebHostSpec | 'self-hosted', rng: Rng, ownAddress: string | null): void {
  if (host === 'self-hosted') {
    serve(plan, domain, [ownAddress ?? plan.shared('godaddy', 30)]);
    plan.add({ name: `www.${domain}`, type: 'CNAME', value: domain });
    return;
  }
  const scope = new TemplateScope(rng, { domain });
  const addresses = apexAddresses(plan, host, rng);
  serve(plan, domain, addresses);
  if (host.ptr) for (const a of addresses) plan.ptr(a, new TemplateScope(rng, { ip: a }).expand(host.ptr));
  if (host.www === 'same-a') {
    for (const a of addresses) plan.add({ name: `www.${domain}`, type: 'A', value: a });
  } else if (host.www === 'apex') {
    plan.add({ name: `www.${domain}`, type: 'CNAME', value: domain });
  } else {
    const target = scope.expand(host.www);
    plan.host(target, addresses[0] ?? plan.shared(host.network, 0));
    plan.serveWeb(addresses[0] ?? plan.shared(host.network, 0));
    plan.add({ name: `www.${domain}`, type: 'CNAME', value: target });
  }
}

const SELF_HOSTED_SERVERS = ['Apache/2.4.41 (Ubuntu)', 'Microsoft-IIS/10.0'];

/** The page look of a host plus the CMS and shop running on it, expanded once per site. */
export function siteLook(host: WebHostSpec | 'self-hosted', apps: AppSpec[], rng: Rng, domain: string): SiteLook {
  const scope = new TemplateScope(rng, { domain });
  const expandAll = (items: readonly string[] | undefined): string[] => (items ?? []).map((t) => scope.expand(t));
  const look: SiteLook = host === 'self-hosted'
    ? { headers: { server: rng.pick(SELF_HOSTED_SERVERS) }, head: [], body: [], bodyEnd: [], wwwCanonical: false, httpsUpgrade: false }
    : {
      headers: Object.fromEntries(Object.entries(host.look.headers).map(([k, v]) => [k, scope.expand(v)])),
      head: expandAll(host.look.head), body: [], bodyEnd: expandAll(host.look.bodyEnd),
      wwwCanonical: host.look.wwwCanonical ?? false, httpsUpgrade: host.look.httpsUpgrade,
    };
  for (const app of apps) {
    for (const [k, v] of Object.entries(app.headers ?? {})) look.headers[k] = scope.expand(v);
    look.head.push(...expandAll(app.head));
    look.body.push(...expandAll(app.body));
  }
  return look;
}

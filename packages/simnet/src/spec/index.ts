// The whole provider specification, looked up by simnet's own ids.
import { APPS, VOIP } from './apps.spec.ts';
import { DNS_HOSTS, PARKING_DNS } from './dns.spec.ts';
import { ISPS } from './isps.spec.ts';
import { GATEWAYS, MAILBOX_HOSTS } from './mail.spec.ts';
import { SERVICE_NETWORKS } from './networks.spec.ts';
import type { AppSpec, DnsSpec, IspSpec, MailSpec, NetworkSpec, ProviderIdentity, VoipSpec, WebHostSpec } from './spec.types.ts';
import { WEB_HOSTS } from './web.spec.ts';

export type * from './spec.types.ts';
export { APPS, DNS_HOSTS, GATEWAYS, ISPS, MAILBOX_HOSTS, PARKING_DNS, SERVICE_NETWORKS, VOIP, WEB_HOSTS };

function index<T extends { id: string }>(kind: string, items: readonly T[]): (id: string) => T {
  const byId = new Map<string, T>();
  for (const item of items) {
    if (byId.has(item.id)) throw new Error(`spec: two ${kind} entries have id ${item.id}`);
    byId.set(item.id, item);
  }
  return (id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`spec: no ${kind} ${id}`);
    return item;
  };
}

export const mailboxHost: (id: string) => MailSpec = index('mailbox host', MAILBOX_HOSTS);
export const gateway: (id: string) => MailSpec = index('gateway', GATEWAYS);
export const webHost: (id: string) => WebHostSpec = index('web host', WEB_HOSTS);
export const dnsHost: (id: string) => DnsSpec = index('DNS host', DNS_HOSTS);
export const app: (id: string) => AppSpec = index('app', APPS);
export const voip: (id: string) => VoipSpec = index('VoIP service', VOIP);
export const isp: (id: string) => IspSpec = index('ISP', ISPS);

/** Every network that gets an AS block: service networks first, then the access networks. */
export const ALL_NETWORKS: readonly NetworkSpec[] = [...SERVICE_NETWORKS, ...ISPS.map((i) => i.network)];
export const network: (id: string) => NetworkSpec = index('network', ALL_NETWORKS);

/** Every entry that names a provider, for the spec's own invariants test. */
export const ALL_PROVIDERS: readonly (ProviderIdentity & { kind: string })[] = [
  ...MAILBOX_HOSTS.map((p) => ({ ...p, kind: 'mailbox' })), ...GATEWAYS.map((p) => ({ ...p, kind: 'gateway' })),
  ...WEB_HOSTS.map((p) => ({ ...p, kind: 'web' })), ...DNS_HOSTS.map((p) => ({ ...p, kind: 'dns' })),
  ...APPS.map((p) => ({ ...p, kind: p.kind })), ...VOIP.map((p) => ({ ...p, kind: 'voip' })),
  ...ISPS.map((p) => ({ ...p, kind: 'isp' })), ...PARKING_DNS.map((p) => ({ ...p, kind: 'parking' })),
];

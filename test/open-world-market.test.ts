// The open world is what the accuracy measurement needs it to be: at least a third of each
// kind of provider outside the catalog, and the hard shapes of the real Internet present.
// Judged with the real bundled catalog, on a generated market (no pipeline run).
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '@prospector/agents';
import { generateMarket, TRUTH_FIELDS } from '@prospector/simnet';
import { tallyOpenWorld } from './helpers/accuracy.tables.ts';

const catalog = loadCatalog();
const market = generateMarket({ seed: 5, size: 4000, octet: 123, world: 'open' });
const withSite = market.businesses.filter((b) => b.truth.domain !== null);
const recordsOf = (name: string) => market.records.filter((r) => r.name === name);

describe('open world market', () => {
  it('has at least a third of the providers of every field outside the catalog', () => {
    const tallies = tallyOpenWorld(catalog, market.businesses, []);
    const shares = Object.fromEntries(tallies.map((t) => [t.field, `${t.outsideCatalog}/${t.providers}`]));
    console.log('providers outside the catalog, per field:', shares);
    expect(tallies.map((t) => t.field)).toEqual([...TRUTH_FIELDS]);
    expect(tallies.filter((t) => t.outsideCatalog * 3 < t.providers).map((t) => `${t.field} ${t.outsideCatalog}/${t.providers}`)).toEqual([]);
  });

  it('carries the forms providers changed to: smtp.google.com and *.mx.microsoft', () => {
    const mx = market.records.filter((r) => r.type === 'MX').map((r) => (r.type === 'MX' ? r.exchange : ''));
    expect(mx).toContain('smtp.google.com');
    expect(mx.some((h) => /^[a-z0-9-]+\.[a-z]-v1\.mx\.microsoft$/.test(h))).toBe(true);
  });

  it('puts gateways in front of uncatalogued mailbox hosts, some hidden from SPF', () => {
    const hidden = withSite.filter((b) => b.truth.emailGateway && b.truth.emailProvider && !b.truth.emailProvider.observable);
    const outside = withSite.filter((b) => b.truth.emailGateway && ['MXroute', 'Migadu', 'Purelymail', 'mailbox.org', 'Infomaniak'].includes(b.truth.emailProvider?.name ?? ''));
    expect(hidden.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
  });

  it('serves builders from clouds they do not own (Framer, Strikingly, Jimdo on AWS addresses)', () => {
    const builders = withSite.filter((b) => ['Framer', 'Strikingly', 'Jimdo'].includes(b.truth.webHost?.name ?? ''));
    expect(builders.length).toBeGreaterThan(10);
    const amazon = market.asBlocks.find((x) => x.asn === 16509)!;
    const a = recordsOf(builders[0]!.truth.domain!).find((r) => r.type === 'A');
    expect(a?.type === 'A' && Number(a.value.split('.')[2]) === amazon.start).toBe(true);
  });

  it('shows offices through SPF only, under unprobed labels, not at all, or behind a cloud VPN', () => {
    const exposures = new Set(withSite.map((b) => b.truth.officeExposure));
    for (const e of ['spf-ip4', 'spf-a', 'hidden', 'cloud-vpn', 'service-hosts', 'self-hosted']) expect(exposures, e).toContain(e);
    expect(withSite.filter((b) => b.truth.officeExposure === 'hidden' || b.truth.officeExposure === 'cloud-vpn').every((b) => !b.truth.isp.observable)).toBe(true);
    const spfA = withSite.find((b) => b.truth.officeExposure === 'spf-a')!;
    const spf = recordsOf(spfA.truth.domain!).find((r) => r.type === 'TXT' && r.value.startsWith('v=spf1'));
    expect(spf?.type === 'TXT' && / a:[a-z0-9-]+\./.test(spf.value)).toBe(true);
  });

  it('numbers offices from regional carriers the catalog lacks', () => {
    const regional = withSite.filter((b) => b.truth.isp.observable && ['Omni Fiber', 'Watch Communications', 'MCTV', 'EPB Fiber Optics', 'Vexus Fiber'].includes(b.truth.isp.name));
    expect(regional.length).toBeGreaterThan(10);
  });
});

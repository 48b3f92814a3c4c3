import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.loader.ts';
import { loadPlaybook } from '../playbook/playbook.ts';
import type { UnknownCode } from '../types.ts';
import { runClassifyAgent } from './classify.agent.ts';
import { address, asn, classifyInput, dns, search, verified } from './classify.fixtures.ts';
import { renderEvidence, renderReason } from './evidence.ts';
import { WEB_HOST_STRENGTH } from './strengths.ts';

const catalog = loadCatalog();
const D = 'acmetool.com';

describe('typed evidence', () => {
  it('renders the readable text from the typed fields', () => {
    expect(renderEvidence({ kind: 'mx', observed: 'mx1.mxroute.com', names: 'mxroute.com', notes: ['uncatalogued'] })).toBe('MX mx1.mxroute.com → mxroute.com (uncatalogued)');
    expect(renderEvidence({ kind: 'spf-ip4', observed: '203.0.113.8/29' })).toBe('SPF ip4:203.0.113.8/29');
    expect(renderEvidence({ kind: 'generator', observed: 'Framer 6b0e3c9', names: 'framer' })).toBe('meta generator "Framer 6b0e3c9" → framer');
    expect(renderEvidence({ kind: 'asn', observed: 'AS16509', names: 'aws', context: 'site address 3.1.2.3' })).toBe('site address 3.1.2.3: AS16509 → aws');
  });

  it('gives every unknown a code and renders its reason from it', () => {
    const codes: UnknownCode[] = ['no-domain', 'ambiguous', 'platform-unknown', 'not-access-network', 'lookup-failed'];
    expect(codes.map((code) => renderReason({ code, detail: 'x' }))).toEqual([
      'x', 'ambiguous between x', 'platform unknown, network x', 'self-run addresses not on an access network: x', 'x lookup failed',
    ]);
    const r = runClassifyAgent(classifyInput({ search: search() }), { catalog, playbook: loadPlaybook() });
    expect(r.unknownCodes).toMatchObject({ domain: 'not-found', emailProvider: 'no-domain', isp: 'no-domain', webHost: 'no-domain' });
    expect(r.unknownReasons.domain).toBe('no domain found');
  });

  it('weighs a platform header at the header strength and records its kind, with the AS as corroboration', () => {
    const site = verified(D);
    site.fetch.headers = { server: 'Squarespace' };
    site.fetch.remoteAddress = '198.185.159.145';
    const input = classifyInput({
      search: search({ candidates: [{ domain: D, sources: ['list-website'], score: 0.9, evidence: [] }] }),
      dns: [dns(D, { apex: { a: ['198.185.159.145'], aaaa: [] }, addresses: [address('198.185.159.145', 'apex', D, asn(64999, 'Example Net'))] })],
      verify: [site],
    });
    const r = runClassifyAgent(input, { catalog, playbook: loadPlaybook() });
    expect(r.webHost).toBe('squarespace');
    expect(r.evidenceItems.webHost?.map((e) => e.kind)).toContain('header');
    expect(r.confidence.webHost).toBeGreaterThanOrEqual(WEB_HOST_STRENGTH.header);
  });
});

import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.loader.ts';
import { loadPlaybook } from '../playbook/playbook.ts';
import { runClassifyAgent } from './classify.agent.ts';
import { evidencePatterns, type CatalogOverride } from './catalog-overrides.ts';
import { address, asn, classifyInput, dns, host, mx, verified } from './classify.fixtures.ts';

const catalog = loadCatalog();
const playbook = loadPlaybook();
const domainDns = dns('acme.com', {
  mx: [mx('mx1.harbormail.net', 10), mx('mx2.harbormail.net', 20)],
  ns: ['ns1.acme.com', 'ns2.registrar-dns.org'],
  www: host('www', 'acme.com', ['127.9.0.5'], ['sites.builderhost.io']),
  addresses: [address('127.9.0.5', 'www', 'www.acme.com', asn(64500, 'BUILDER-AS'))],
});
const input = classifyInput({ dns: [domainDns], verify: [verified('acme.com')] });
const override = (over: Partial<CatalogOverride>): CatalogOverride => ({ id: 1, field: 'emailProvider', evidence: 'mx-suffix', pattern: 'harbormail.net', provider: 'uncatalogued:Harbor Mail', ...over });

describe('catalog overrides', () => {
  it('reads the evidence patterns of each answer from the domain’s DNS (never the domain itself)', () => {
    expect(evidencePatterns(domainDns, 'emailProvider')).toEqual([{ evidence: 'mx-suffix', pattern: 'harbormail.net' }]);
    expect(evidencePatterns(domainDns, 'dnsProvider')).toEqual([{ evidence: 'ns-suffix', pattern: 'registrar-dns.org' }]);
    expect(evidencePatterns(domainDns, 'webHost')).toEqual([{ evidence: 'cname-target', pattern: 'builderhost.io' }, { evidence: 'asn', pattern: '64500' }]);
  });

  it('names the provider where the pattern matches, with the override in the evidence', () => {
    const before = runClassifyAgent(input, { catalog, playbook });
    expect(before.emailProvider).not.toBe('Harbor Mail');
    const after = runClassifyAgent(input, { catalog, playbook, overrides: [override({}), override({ id: 2, field: 'webHost', evidence: 'asn', pattern: '64500', provider: 'wix' })] });
    expect(after.emailProvider).toBe('Harbor Mail');
    expect(after.cataloged.emailProvider).toBe(false);
    expect(after.evidence.emailProvider?.join(' ')).toContain('catalog override 1');
    expect(after.webHost).toBe('wix');
    expect(after.cataloged.webHost).toBe(true);
  });

  it('leaves answers alone where the pattern does not match', () => {
    const after = runClassifyAgent(input, { catalog, playbook, overrides: [override({ pattern: 'othermail.net' })] });
    expect(after).toEqual(runClassifyAgent(input, { catalog, playbook }));
  });
});

// The open-world comparator on hand-made answers against the real bundled catalog.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '@prospector/agents';
import type { ProviderTruth } from '@prospector/simnet';
import { judge, normaliseName } from './helpers/answer.judge.ts';

const catalog = loadCatalog();
const truth = (name: string, domains: string[], extra: Partial<ProviderTruth> = {}): ProviderTruth => ({ name, domains, aliases: [], observable: true, ...extra });
const microsoft = truth('Microsoft 365', ['microsoft.com', 'outlook.com', 'mx.microsoft']);
const mxroute = truth('MXroute', ['mxroute.com', 'mxrouting.net']);
const allo = truth('ALLO Communications', ['allofiber.com'], { aliases: ['Allo Communications LLC'] });

describe('answer judge', () => {
  it('counts a catalog answer right when its organisation is the truth', () => {
    expect(judge(catalog, 'microsoft-365', undefined, microsoft)).toBe('right');
    expect(judge(catalog, 'microsoft-365', true, microsoft)).toBe('right');
  });

  it('counts a catalog answer for another organisation wrong', () => {
    expect(judge(catalog, 'google-workspace', undefined, microsoft)).toBe('wrong');
    expect(judge(catalog, 'aws', undefined, truth('Framer', ['framer.com', 'framer.app']))).toBe('wrong');
  });

  it('names an uncatalogued provider by its registrable domain or normalised organisation name', () => {
    expect(judge(catalog, 'mxroute.com', false, mxroute)).toBe('uncatalogued');
    expect(judge(catalog, 'blizzard.mxrouting.net', false, mxroute)).toBe('uncatalogued');
    expect(judge(catalog, 'Allo Communications', false, allo)).toBe('uncatalogued');
    expect(judge(catalog, 'allo-communications', false, allo)).toBe('uncatalogued');
    expect(judge(catalog, 'migadu.com', false, mxroute)).toBe('wrong');
  });

  it('tells unknown (there was something to find) from silent (nothing to find)', () => {
    expect(judge(catalog, null, undefined, microsoft)).toBe('unknown');
    expect(judge(catalog, null, undefined, { ...microsoft, observable: false })).toBe('silent');
    expect(judge(catalog, null, undefined, null)).toBe('silent');
    expect(judge(catalog, 'microsoft-365', undefined, null)).toBe('wrong');
  });

  it('matches self-hosted only to a self-hosted truth', () => {
    const own = truth('self-hosted', ['example.com'], { selfHosted: true });
    expect(judge(catalog, 'self-hosted', undefined, own)).toBe('right');
    expect(judge(catalog, 'self-hosted', undefined, microsoft)).toBe('wrong');
    expect(judge(catalog, 'microsoft-365', undefined, own)).toBe('wrong');
  });

  it('normalises organisation names the way registries and catalogs differ', () => {
    expect(normaliseName('The Constant Company, LLC')).toBe(normaliseName('Constant Company'));
    expect(normaliseName('Hetzner Online GmbH')).toBe('hetzneronline');
    expect(normaliseName('AT&T')).toBe('atandt');
  });
});

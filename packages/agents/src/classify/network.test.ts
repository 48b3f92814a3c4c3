import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.loader.ts';
import { address, asn } from './classify.fixtures.ts';
import { classifyNetwork, normaliseOrgName } from './network.ts';

const catalog = loadCatalog();
const classOf = (num: number, owner: string | null, ptr: string | null = null) =>
  classifyNetwork(catalog, address('203.0.113.1', 'host:vpn', 'vpn.acme.com', owner === null ? null : asn(num, owner), ptr)).class;

describe('AS organisation names', () => {
  it.each([
    ['ALLO-COMM - Allo Communications LLC, US', 'Allo Communications'],
    ['Hargray Communications Group, Inc.', 'Hargray Communications Group'],
    ['EPB-FIBER - EPB Telecom Holdings, LLC, US', 'EPB Telecom Holdings'],
    ['DigitalOcean, LLC', 'DigitalOcean'],
    ['Shenandoah Cable Television, LLC', 'Shenandoah Cable Television'],
    ['LUS Fiber', 'LUS Fiber'],
  ])('%s → %s', (owner, name) => {
    expect(normaliseOrgName(owner)).toBe(name);
  });
});

describe('network classes', () => {
  it('reads the catalog first: an ISP\'s access ASN is access, a cloud\'s ASN is hosting', () => {
    expect(classOf(7922, 'Comcast Cable Communications, LLC')).toBe('access');
    expect(classOf(16509, 'Amazon.com, Inc.')).toBe('hosting');
  });

  it('reads networks the catalog lacks from the organisation name', () => {
    expect(classOf(64601, 'ALLO-COMM - Allo Communications LLC, US')).toBe('access');
    expect(classOf(64602, 'Horry Telephone Cooperative, Inc.')).toBe('access');
    expect(classOf(64610, 'GOOGLE-FIBER - Google Fiber Inc., US')).toBe('access');
    expect(classOf(64611, 'GOOGLE-CLOUD-PLATFORM - Google LLC, US')).toBe('hosting');
    expect(classOf(64603, 'HOSTWINDS - Hostwinds LLC., US')).toBe('hosting');
    expect(classOf(64604, 'COGENT-174 - Cogent Communications, US')).toBe('hosting');
    expect(classOf(64605, 'The Ohio State University')).toBe('education');
    expect(classOf(64606, 'Acme Widgets Inc')).toBe('enterprise');
  });

  it('falls back on the reverse name\'s shape, and a server shape beats a customer-line word', () => {
    expect(classOf(64607, null, 'static-203-0-113-1.dsl.example.net')).toBe('access');
    expect(classOf(64608, null, 'ec2-203-0-113-1.compute-1.example.com')).toBe('hosting');
    expect(classOf(64609, null, null)).toBe('unknown');
  });
});

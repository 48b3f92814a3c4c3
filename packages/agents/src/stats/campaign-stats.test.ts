import { describe, expect, it } from 'vitest';
import { computeCampaignStats, formatStatsTable, type FindingRow } from './campaign-stats.ts';

function row(overrides: Partial<FindingRow> = {}): FindingRow {
  return {
    region: 'OH',
    presence: 'website',
    emailProvider: null,
    emailGateway: null,
    webHost: null,
    dnsProvider: null,
    isp: null,
    ecommercePlatform: null,
    tier: 'C',
    unknownReasons: {},
    ...overrides,
  };
}

const rows: FindingRow[] = [
  row({ isp: 'comcast-business', emailProvider: 'microsoft-365', emailGateway: 'proofpoint', tier: 'A', webHost: 'squarespace', dnsProvider: 'godaddy' }),
  row({ isp: 'comcast-business', emailProvider: 'self-hosted', tier: 'A', dnsProvider: 'godaddy' }),
  row({ isp: 'verizon', emailProvider: 'google-workspace', tier: 'B', ecommercePlatform: 'shopify', webHost: 'shopify', dnsProvider: 'cloudflare' }),
  row({ region: 'KY', presence: 'social-only', tier: 'D', unknownReasons: { isp: 'no domain', emailProvider: 'no domain', domain: 'no candidate verified (a.com rejected)' } }),
  row({ region: null, presence: 'none', tier: null, unknownReasons: { isp: 'no domain', domain: 'no domain found' } }),
  row({ region: 'KY', emailProvider: 'google-workspace', unknownReasons: { isp: 'self-run addresses not on a catalog ISP: vpn 1.2.3.4' } }),
];

describe('computeCampaignStats', () => {
  const stats = computeCampaignStats(rows, { competitors: ['comcast-business', 'spectrum'] });

  it('counts presence, tiers and competitor customers', () => {
    const all = stats.overall;
    expect(all.prospects).toBe(6);
    expect(all.presence.website).toEqual({ count: 4, rate: 0.667 });
    expect(all.presence['social-only'].count).toBe(1);
    expect(all.presence.none.count).toBe(1);
    expect(all.tiers).toEqual({ A: 2, B: 1, C: 1, D: 1, none: 1 });
    expect(all.competitorCustomers).toEqual({ count: 2, rate: 0.333, byCompetitor: { 'comcast-business': 2 } });
  });

  it('computes market shares of known answers', () => {
    const email = stats.overall.shares.emailProvider;
    expect(email.known).toBe(4);
    expect(email.unknown).toBe(2);
    expect(email.top[0]).toEqual({ slug: 'google-workspace', count: 2, shareOfKnown: 0.5, shareOfAll: 0.333 });
    expect(stats.overall.shares.isp.top.map((s) => s.slug)).toEqual(['comcast-business', 'verizon']);
    expect(stats.overall.shares.ecommercePlatform.top).toEqual([{ slug: 'shopify', count: 1, shareOfKnown: 1, shareOfAll: 0.167 }]);
  });

  it('groups unknown reasons without host names and addresses', () => {
    expect(stats.overall.unknowns.isp).toEqual({
      count: 3,
      reasons: [
        { reason: 'no domain', count: 2 },
        { reason: 'self-run addresses not on a catalog ISP: vpn <ip>', count: 1 },
      ],
    });
  });

  it('splits by region, largest first', () => {
    expect(stats.byRegion.map((g) => [g.key, g.prospects])).toEqual([['OH', 3], ['KY', 2], ['(no region)', 1]]);
    expect(stats.byCampaign).toEqual([]);
  });

  it('splits by campaign when rows carry one, and handles no rows', () => {
    const byCampaign = computeCampaignStats([row({ campaign: 'spring' }), row({ campaign: 'fall' }), row({ campaign: 'spring' })]).byCampaign;
    expect(byCampaign.map((g) => [g.key, g.prospects])).toEqual([['spring', 2], ['fall', 1]]);
    const empty = computeCampaignStats([]);
    expect(empty.overall.prospects).toBe(0);
    expect(empty.overall.presence.website.rate).toBe(0);
  });
});

describe('formatStatsTable', () => {
  it('renders the overall numbers and the per-region summary', () => {
    const text = formatStatsTable(computeCampaignStats(rows, { competitors: ['comcast-business'] }));
    expect(text).toContain('All prospects: 6 prospects');
    expect(text).toContain('Presence: website 67%, no-website 0%, social-only 17%, none 17%');
    expect(text).toContain('Competitor customers: 2 (33%): comcast-business 2');
    expect(text).toMatch(/ISP \(known 3, unknown 3\)\n\s+comcast-business\s+2\s+67%/);
    expect(text).toContain('unknown because: no domain ×2');
    expect(text).toMatch(/By region\n\s+key\s+prospects/);
    expect(text).toMatch(/OH\s+3\s+100%/);
  });
});

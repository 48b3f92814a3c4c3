// A campaign whose scan is done, written straight to Postgres: routing and the lifecycle
// are tested without running the agents (the end-to-end test runs them).
import type { PrismaClient } from '@prospector/core';
import { applyTeamsFile, parseTeamsFile } from '@prospector/scheduler';

export interface FixtureProspect {
  externalId: string;
  name: string;
  region: string;
  postalCode: string;
  tier: 'A' | 'B' | 'C' | 'D';
  score: number;
  phone?: string;
  websiteDomain?: string;
  industryCode?: string;
  county?: string;
  isp?: string;
}

export async function seedDoneScan(prisma: PrismaClient, campaign: string, prospects: FixtureProspect[], playbook?: object): Promise<{ scanId: number; ids: Map<string, number> }> {
  const c = await prisma.campaign.create({ data: { name: campaign, ...(playbook ? { playbook } : {}) } });
  const scan = await prisma.scan.create({ data: { campaignId: c.id, number: 1, total: prospects.length, status: 'done', finishedAt: new Date() } });
  const ids = new Map<string, number>();
  for (const [i, p] of prospects.entries()) {
    const row = await prisma.prospect.create({
      data: { campaignId: c.id, externalId: p.externalId, name: p.name, nameKey: p.name.toLowerCase(), region: p.region, postalCode: p.postalCode, phone: p.phone ?? null, websiteDomain: p.websiteDomain ?? null, industryCode: p.industryCode ?? null, city: 'Somewhere' },
    });
    ids.set(p.externalId, row.id);
    await prisma.sourceRow.create({ data: { campaignId: c.id, prospectId: row.id, fileSha256: 'f', rowNumber: i + 2, raw: p.county ? { Name: p.name, County: p.county } : { Name: p.name } } });
    await prisma.stageRun.create({ data: { scanId: scan.id, prospectId: row.id, stage: 'classify', status: 'done' } });
    await prisma.finding.create({
      data: { scanId: scan.id, prospectId: row.id, presence: 'website', domain: p.websiteDomain ?? null, isp: p.isp ?? null, score: p.score, tier: p.tier, reasons: ['fixture'], confidence: {}, evidence: {} },
    });
  }
  return { scanId: scan.id, ids };
}

export const THREE_REGIONS = `teams:
  - name: cle-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], postalPrefixes: ["440", "441"] }
    members:
      - { name: Dana Reyes, email: dana@example.com, capacity: 40 }
      - { name: Sam Ortiz, email: sam@example.com, capacity: 1 }
      - { name: Ira Bell, email: ira@example.com, capacity: 40, active: false }
  - name: cbus-tp
    kind: teleprospecting
    passesTo: cbus-sales
    territory: { states: [OH], postalPrefixes: ["432"], counties: [Franklin] }
    members:
      - { name: Kim Lee, email: kim@example.com, capacity: 2 }
  - name: cin-tp
    kind: teleprospecting
    passesTo: cin-sales
    territory: { states: [OH], postalPrefixes: ["450", "451", "452"] }
    members:
      - { name: Ana Cruz, email: ana@example.com, capacity: 40 }
  - name: ohio-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], tiers: [A] }
    members:
      - { name: Max Stone, email: max@example.com, capacity: 40 }
  - name: cle-sales
    kind: sales
    territory: { postalPrefixes: ["440", "441"] }
    members:
      - { name: Lee Park, email: lee@example.com, capacity: 100 }
      - { name: Pat Wu, email: pat@example.com, capacity: 100, role: manager }
  - name: cbus-sales
    kind: sales
    territory: { postalPrefixes: ["430", "431", "432"] }
    members:
      - { name: Jo Ray, email: jo@example.com, capacity: 100 }
  - name: cin-sales
    kind: sales
    territory: { postalPrefixes: ["450", "451", "452"] }
    members:
      - { name: Ed Kim, email: ed@example.com, capacity: 100 }
`;

export async function loadTeams(prisma: PrismaClient, yaml = THREE_REGIONS): Promise<void> {
  await applyTeamsFile(prisma, parseTeamsFile(yaml));
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { applyTeamsFile } from '../teams/teams.service.ts';
import { parseTeamsFile } from '../teams/teams.file.ts';
import { rerouteUnassigned, routeScan, scansAwaitingRouting, type RoutingReport } from './routing.service.ts';
import { THREE_REGIONS } from '../../../../test/helpers/lead-fixtures.ts';
import { loadTeams, seedDoneScan, type FixtureProspect } from '../../../../test/helpers/lead-fixtures.ts';

const PROSPECTS: FixtureProspect[] = [
  { externalId: 'P1', name: 'Lakeview Dental', region: 'OH', postalCode: '44113', tier: 'B', score: 60 },
  { externalId: 'P2', name: 'Erie Freight', region: 'OH', postalCode: '44114', tier: 'B', score: 55 },
  { externalId: 'P3', name: 'Cuyahoga Law', region: 'OH', postalCode: '44102', tier: 'C', score: 40 },
  { externalId: 'P4', name: 'Tiny Shop', region: 'OH', postalCode: '44106', tier: 'D', score: 5 },
  { externalId: 'P5', name: 'Big Columbus Co', region: 'OH', postalCode: '43215', tier: 'A', score: 90 },
  { externalId: 'P6', name: 'German Village Deli', region: 'OH', postalCode: '43206', tier: 'C', score: 35 },
  { externalId: 'P7', name: 'Franklin Outskirts', region: 'OH', postalCode: '43125', county: 'Franklin County', tier: 'C', score: 30 },
  { externalId: 'P8', name: 'Hilltop Pharmacy', region: 'OH', postalCode: '43204', tier: 'D', score: 10 },
  { externalId: 'P9', name: 'Queen City Bakery', region: 'OH', postalCode: '45202', tier: 'B', score: 50 },
  { externalId: 'P10', name: 'Toledo Glass', region: 'OH', postalCode: '43604', tier: 'A', score: 80 },
  { externalId: 'P11', name: 'Toledo Tools', region: 'OH', postalCode: '43606', tier: 'B', score: 58 },
  { externalId: 'P12', name: 'Existing Customer Inc', region: 'OH', postalCode: '44113', tier: 'A', score: 95, websiteDomain: 'customer.example' },
  { externalId: 'P13', name: 'Austin Namesake', region: 'TX', postalCode: '44113', tier: 'B', score: 50 },
];

let db: TestDatabase;
let prisma: PrismaClient;
let report: RoutingReport;
let scanId: number;
beforeAll(async () => {
  db = await createTestDatabase('routing');
  prisma = createPrisma({ databaseUrl: db.url });
  await loadTeams(prisma);
  await prisma.suppression.create({ data: { kind: 'domain', value: 'customer.example', reason: 'existing customer', source: 'test' } });
  ({ scanId } = await seedDoneScan(prisma, 'routing', PROSPECTS));
  report = await routeScan(prisma, scanId);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const line = (id: string) => report.lines.find((l) => l.externalId === id);

describe('routing a completed scan', () => {
  it('takes prospects in priority order and makes every one a lead, tier D too, unless suppressed', () => {
    expect(report.lines.map((l) => l.externalId)).toEqual(['P12', 'P5', 'P10', 'P1', 'P11', 'P2', 'P9', 'P13', 'P3', 'P6', 'P7', 'P8', 'P4']);
    expect(line('P12')).toMatchObject({ outcome: 'suppressed', explanation: 'OH 44113 → not a lead: suppressed: domain customer.example (existing customer)' });
    expect(line('P4')?.outcome).toBe('assigned');
    expect(report.alreadyRouted).toBe(0);
  });

  it('routes by the most specific rule and explains it', () => {
    expect(line('P1')?.explanation).toBe('OH 44113 → cle-tp: postal prefix 441; rep Dana Reyes: next in rotation, 1 of 40 open');
    // A tier-A statewide team loses to a postal prefix, and says so.
    expect(line('P5')?.explanation).toBe('OH 43215 → cbus-tp: postal prefix 432 (over ohio-tp (state OH, tier A, less specific)); rep Kim Lee: next in rotation, 1 of 2 open');
    expect(line('P7')).toMatchObject({ team: 'cbus-tp', rule: 'cbus-tp/county:Franklin' });
    expect(line('P9')).toMatchObject({ team: 'cin-tp', rule: 'cin-tp/postal:452', rep: 'Ana Cruz' });
    // Outside the prefixes, only the tier-A statewide team takes Toledo, and only tier A.
    expect(line('P10')).toMatchObject({ team: 'ohio-tp', rule: 'ohio-tp/state:OH', rep: 'Max Stone' });
    expect(line('P11')).toMatchObject({ outcome: 'unassigned', team: null, explanation: 'OH 43606 → unassigned queue: outside every territory' });
    // A 441 postal code in Texas is not Cleveland's.
    expect(line('P13')?.outcome).toBe('unassigned');
  });

  it('rotates over active members below capacity and queues the rest for the team', () => {
    const cle = report.lines.filter((l) => l.team === 'cle-tp').map((l) => [l.externalId, l.rep]);
    expect(cle).toEqual([['P1', 'Dana Reyes'], ['P2', 'Sam Ortiz'], ['P3', 'Dana Reyes'], ['P4', 'Dana Reyes']]);
    expect(line('P3')?.explanation).toContain('rep Dana Reyes: next in rotation, 2 of 40 open (skipped Ira Bell inactive)');
    expect(line('P4')?.explanation).toContain('rep Dana Reyes: next in rotation, 3 of 40 open (skipped Sam Ortiz full, 1 of 1; Ira Bell inactive)');
    const cbus = report.lines.filter((l) => l.team === 'cbus-tp').map((l) => [l.externalId, l.outcome]);
    expect(cbus).toEqual([['P5', 'assigned'], ['P6', 'assigned'], ['P7', 'team-queue'], ['P8', 'team-queue']]);
    expect(line('P8')?.explanation).toContain('no active member below capacity (Kim Lee full, 2 of 2): waits in the team queue');
  });

  it('logs every routing decision and is idempotent: a replay changes nothing', async () => {
    const events = await prisma.leadEvent.findMany({ where: { action: 'route' } });
    expect(events).toHaveLength(12);
    expect(await scansAwaitingRouting(prisma)).toEqual([]);
    const before = await prisma.lead.findMany({ orderBy: { id: 'asc' } });
    const again = await routeScan(prisma, scanId);
    expect(again.lines).toEqual([]);
    expect(again.alreadyRouted).toBe(13);
    expect(await prisma.lead.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await prisma.leadEvent.count()).toBe(12);
  });

  it('leaves prospects below the playbook floor out, with the reason', async () => {
    const { scanId: floored } = await seedDoneScan(prisma, 'floored', [
      { externalId: 'F1', name: 'Good Lead', region: 'OH', postalCode: '45202', tier: 'B', score: 50 },
      { externalId: 'F2', name: 'Weak Lead', region: 'OH', postalCode: '45202', tier: 'D', score: 5 },
    ], { routing: { minTier: 'C' } });
    const r = await routeScan(prisma, floored);
    expect(r.lines.map((l) => [l.externalId, l.outcome])).toEqual([['F1', 'assigned'], ['F2', 'below-floor']]);
    expect(r.lines[1]?.explanation).toBe("OH 45202 → not a lead: below the playbook's routing floor: tier D is below C");
    expect(await prisma.leadExclusion.count({ where: { cause: 'below-floor' } })).toBe(1);
  });

  it('routes the unassigned queue again once a territory covers it, and only then', async () => {
    expect(await rerouteUnassigned(prisma)).toEqual([]);
    const toledo = THREE_REGIONS.replace('  - name: cle-sales', `  - name: tol-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], postalPrefixes: ["436"] }
    members:
      - { name: Tia Fox, email: tia@example.com, capacity: 5 }
  - name: cle-sales`);
    await applyTeamsFile(prisma, parseTeamsFile(toledo));
    const moved = await rerouteUnassigned(prisma);
    expect(moved.map((l) => [l.externalId, l.team, l.rep])).toEqual([['P11', 'tol-tp', 'Tia Fox']]);
    expect(moved[0]?.explanation).toBe('OH 43606 → tol-tp: postal prefix 436; rep Tia Fox: next in rotation, 1 of 5 open (from the unassigned queue)');
    const p13 = await prisma.lead.findFirstOrThrow({ where: { prospect: { externalId: 'P13' } } });
    expect(p13).toMatchObject({ teamId: null, status: 'new' });
    expect(await rerouteUnassigned(prisma)).toEqual([]);
  });
});

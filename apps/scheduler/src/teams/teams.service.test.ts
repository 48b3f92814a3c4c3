import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { parseTeamsFile } from './teams.file.ts';
import { applyTeamsFile, listTeams } from './teams.service.ts';

const FILE = `teams:
  - name: cle-tp
    kind: teleprospecting
    passesTo: cle-sales
    territory: { states: [OH], postalPrefixes: ["440", "441"] }
    members:
      - { name: Dana Reyes, email: Dana.Reyes@example.com, capacity: 40 }
      - { name: Sam Ortiz, email: sam.ortiz@example.com, capacity: 30 }
  - name: cle-sales
    kind: sales
    territory: { postalPrefixes: ["440", "441"] }
    members:
      - { name: Lee Park, email: lee.park@example.com, capacity: 100, role: manager }
`;

let db: TestDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await createTestDatabase('teams');
  prisma = createPrisma({ databaseUrl: db.url });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe('teams load', () => {
  it('creates teams, territories and members, then a second load changes nothing', async () => {
    const first = await applyTeamsFile(prisma, parseTeamsFile(FILE));
    expect(first.changes).toEqual([
      'team cle-tp: created (teleprospecting, passes to cle-sales)',
      'team cle-tp: territory states OH; postal prefixes 440, 441',
      'team cle-tp: member Dana Reyes <dana.reyes@example.com> added (rep, capacity 40)',
      'team cle-tp: member Sam Ortiz <sam.ortiz@example.com> added (rep, capacity 30)',
      'team cle-sales: created (sales)',
      'team cle-sales: territory postal prefixes 440, 441',
      'team cle-sales: member Lee Park <lee.park@example.com> added (manager, capacity 100)',
    ]);
    expect((await applyTeamsFile(prisma, parseTeamsFile(FILE))).changes).toEqual([]);
    expect(await prisma.teamMember.count()).toBe(3);
  });

  it('reports each edit, and a member who leaves the file is made inactive, not deleted', async () => {
    const edited = FILE.replace('capacity: 40', 'capacity: 45').replace('"440", "441"] }\n    members:\n      - { name: Dana', '"441"] }\n    members:\n      - { name: Dana').replace(/ {6}- \{ name: Sam Ortiz.*\n/, '');
    const { changes } = await applyTeamsFile(prisma, parseTeamsFile(edited));
    expect(changes).toEqual([
      'team cle-tp: territory postalPrefixes [440, 441] → [441]',
      'team cle-tp: member <dana.reyes@example.com> capacity 40 → 45',
      'team cle-tp: member <sam.ortiz@example.com> not in the file; made inactive (leads kept)',
    ]);
    const listed = await listTeams(prisma);
    expect(listed.map((t) => t.name)).toEqual(['cle-tp', 'cle-sales']);
    expect(listed[0]?.members.map((m) => [m.email, m.active, m.capacity])).toEqual([['dana.reyes@example.com', true, 45], ['sam.ortiz@example.com', false, 30]]);
    expect(await prisma.teamMember.count()).toBe(3);
  });
});

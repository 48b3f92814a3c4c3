import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from '@prospector/core';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { loadSuppressionFile, loadSuppressionMatcher, parseSuppressionCsv, SuppressionFileError } from './suppression.service.ts';

let db: TestDatabase;
let prisma: PrismaClient;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase('suppress');
  prisma = createPrisma({ databaseUrl: db.url });
  dir = await mkdtemp(join(tmpdir(), 'suppress-'));
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const CSV = 'Domain,Phone,Name,Reason\nhttps://www.Acme-Plumbing.com/contact,,,existing customer\n,(614) 555-0123,,do not call\n,,"The Joe\'s Pizza, LLC",\n';

describe('suppression list', () => {
  it('normalises domains, phones and names the way the import does', () => {
    expect(parseSuppressionCsv(CSV, 's.csv')).toEqual([
      { kind: 'domain', value: 'acme-plumbing.com', reason: 'existing customer' },
      { kind: 'phone', value: '+16145550123', reason: 'do not call' },
      { kind: 'name', value: 'joes pizza', reason: 'do not contact' },
    ]);
  });

  it('refuses the whole file naming each bad row and field', () => {
    const bad = `${CSV},12,,\n,,,\n`;
    const error = (() => {
      try {
        parseSuppressionCsv(bad, 's.csv');
      } catch (e) {
        return e as SuppressionFileError;
      }
    })();
    expect(error).toBeInstanceOf(SuppressionFileError);
    expect(error?.problems).toEqual(['line 5, phone: "12" is not a valid phone', 'line 6: no domain, phone or name']);
    expect(() => parseSuppressionCsv('email\nx@y.com\n', 's.csv')).toThrow(/at least one of the columns domain, phone, name/);
  });

  it('loads idempotently and matches a business by any of its keys', async () => {
    const file = join(dir, 'dnc.csv');
    await writeFile(file, CSV);
    expect(await loadSuppressionFile(prisma, file)).toEqual({ entries: 3, added: 3, reasonChanged: 0, unchanged: 0 });
    expect(await loadSuppressionFile(prisma, file)).toEqual({ entries: 3, added: 0, reasonChanged: 0, unchanged: 3 });
    const matcher = await loadSuppressionMatcher(prisma);
    const none = { name: 'Other Co', phone: null, websiteDomain: null, emailDomain: null, foundDomain: null };
    expect(matcher.match(none)).toBeNull();
    expect(matcher.match({ ...none, foundDomain: 'acme-plumbing.com' })).toBe('suppressed: domain acme-plumbing.com (existing customer)');
    expect(matcher.match({ ...none, phone: '+16145550123' })).toBe('suppressed: phone +16145550123 (do not call)');
    expect(matcher.match({ ...none, name: "JOE'S PIZZA" })).toBe('suppressed: name joes pizza (do not contact)');
  });
});

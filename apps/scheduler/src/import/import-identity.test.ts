// Business identity across imports: the same business in a later list, in the same
// campaign or another, gets the same Business; a shared phone or a shared platform domain
// does not make two businesses one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { importList } from './import.service.ts';

let db: TestDatabase;
let pool: pg.Pool;
let dir: string;
let files = 0;

beforeAll(async () => {
  db = await createTestDatabase('identity');
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  dir = await mkdtemp(join(tmpdir(), 'identity-'));
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function list(content: string): Promise<string> {
  const path = join(dir, `list-${++files}.csv`);
  await writeFile(path, 'Record ID,Company Name,Address,ZIP Code,Phone,Website\n' + content);
  return path;
}

/** externalId → businessId for a campaign. */
async function businesses(campaign: string): Promise<Record<string, number | null>> {
  const r = await pool.query<{ externalId: string; businessId: number | null }>(
    'SELECT p."externalId", p."businessId" FROM "Prospect" p JOIN "Campaign" c ON c.id = p."campaignId" WHERE c.name = $1', [campaign]);
  return Object.fromEntries(r.rows.map((row) => [row.externalId, row.businessId]));
}

describe('business identity across imports', () => {
  it('recognises the same business in a later list, across and within campaigns, and only then', async () => {
    await importList({ pool, campaign: 'spring', file: await list(
      'A1,Acme Plumbing,1 Main St,43004,614-555-0101,acme.com\n' +
      'A2,Bolt Electric,2 Main St,43004,614-555-0102,https://www.bolt-electric.com/\n' +
      'A3,Carr Dental,3 High St,43215,,\n' +
      'A4,Smith Dental,4 High St,43215,614-555-0104,\n' +
      'A5,Evan Bakery,5 High St,43215,614-555-0105,facebook.com/evanbakery\n') });
    const spring = await businesses('spring');
    expect(Object.values(spring).every((b) => b !== null)).toBe(true);
    expect(new Set(Object.values(spring)).size).toBe(5);

    const autumn = await importList({ pool, campaign: 'autumn', file: await list(
      'B1,ACME PLUMBING INC,,,(614) 555-0101,\n' +           // same phone, agreeing name
      'B2,Bolt Electrical Contractors,9 Elm St,43230,614-555-0999,bolt-electric.com\n' + // same own domain
      'B3,Carr Dental,3 High St,43215,,\n' +                   // same name and postal code
      'B4,Jones Law Office,4 High St,43215,614-555-0104,\n' +  // Smith Dental's shared main line: another business
      'B5,Dana Cafe,6 High St,43215,614-555-0106,facebook.com/danacafe\n') }); // a platform domain is nobody's identity
    const later = await businesses('autumn');
    expect(later.B1).toBe(spring.A1);
    expect(later.B2).toBe(spring.A2);
    expect(later.B3).toBe(spring.A3);
    expect(later.B4).not.toBe(spring.A4);
    expect(later.B5).not.toBe(spring.A5);
    expect(autumn.knownBusinesses).toBe(3);
    expect(new Set([...Object.values(spring), ...Object.values(later)]).size).toBe(7);

    // Within a campaign: a second list's row that is not the same prospect (other phone,
    // other name key and ZIP) but has the business's own domain is the same business.
    await importList({ pool, campaign: 'spring', file: await list('A9,Acme Plumbing & Heating Supply,77 Far Rd,43081,614-555-0777,www.acme.com\n') });
    const again = await businesses('spring');
    expect(Object.keys(again)).toHaveLength(6);
    expect(again.A9).toBe(spring.A1);
  });
});

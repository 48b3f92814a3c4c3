// Integration tests against a real, freshly migrated Postgres database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { formatImportSummary, ImportHeaderError, importList } from './import.service.ts';

let db: TestDatabase;
let pool: pg.Pool;
let dir: string;
let fileCounter = 0;

beforeAll(async () => {
  db = await createTestDatabase('import');
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  dir = await mkdtemp(join(tmpdir(), 'prospector-import-'));
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function listFile(content: string | Buffer): Promise<string> {
  const path = join(dir, `list-${++fileCounter}.csv`);
  await writeFile(path, content);
  return path;
}

interface ProspectRow {
  id: number;
  externalId: string;
  name: string;
  phone: string | null;
  postalCode: string | null;
  region: string | null;
  websiteDomain: string | null;
  email: string | null;
  emailDomain: string | null;
}

async function prospects(campaign: string): Promise<ProspectRow[]> {
  const r = await pool.query<ProspectRow>(
    `SELECT p.id, p."externalId", p.name, p.phone, p."postalCode", p.region, p."websiteDomain", p.email, p."emailDomain"
     FROM "Prospect" p JOIN "Campaign" c ON c.id = p."campaignId" WHERE c.name = $1 ORDER BY p.id`, [campaign]);
  return r.rows;
}

async function sourceRows(prospectId: number): Promise<{ rowNumber: number; recordId: string | null; raw: Record<string, unknown> }[]> {
  const r = await pool.query('SELECT "rowNumber", "recordId", raw FROM "SourceRow" WHERE "prospectId" = $1 ORDER BY "rowNumber"', [prospectId]);
  return r.rows;
}

async function mergeReasons(campaignId: number): Promise<[number, string | null][]> {
  const r = await pool.query<{ rowNumber: number; mergeReason: string | null }>('SELECT "rowNumber", "mergeReason" FROM "SourceRow" WHERE "campaignId" = $1 ORDER BY "rowNumber"', [campaignId]);
  return r.rows.map((row) => [row.rowNumber, row.mergeReason]);
}

async function rejectedRows(campaignId: number): Promise<{ rowNumber: number; reason: string }[]> {
  const r = await pool.query('SELECT "rowNumber", reason FROM "RejectedRow" WHERE "campaignId" = $1 ORDER BY "rowNumber"', [campaignId]);
  return r.rows;
}

describe('importList', () => {
  it('detects synonyms, strips a UTF-8 BOM and normalises fields', async () => {
    const file = await listFile('\uFEFFBusiness Name,Street,Town,Province,ZIP5,Telephone,Web Address,E-mail\n' +
      "Joe's Pizza,1 Main St,Boston,Massachusetts,2134,(617) 555-0123,http://www.JoesPizza.com/menu,Info@JoesPizza.com\n");
    const summary = await importList({ pool, campaign: 'bom', file });
    expect(summary).toMatchObject({ encoding: 'utf-8-bom', rowsRead: 1, prospectsCreated: 1, rejectedCount: 0, alreadyImported: false });
    expect(await prospects('bom')).toEqual([expect.objectContaining({
      externalId: '2', name: "Joe's Pizza", region: 'MA', postalCode: '02134', phone: '+16175550123',
      websiteDomain: 'joespizza.com', email: 'info@joespizza.com', emailDomain: 'joespizza.com',
    })]);
  });

  it('applies --map overrides', async () => {
    const file = await listFile('Firm,Name,Tel\nAcme Tools,Jane Doe,617-555-0199\n');
    await importList({ pool, campaign: 'map', file, map: { Firm: 'name', Tel: 'phone' } });
    expect(await prospects('map')).toEqual([expect.objectContaining({ name: 'Acme Tools', phone: '+16175550199' })]);
  });

  it('round-trips a Windows-1252 file with € and smart quotes exactly', async () => {
    const name = 'Café “Le Bon” – Prix 5 € ‘net’';
    const file = await listFile(iconv.encode(`Company Name,City\r\n"${name}",Montréal\r\n`, 'windows-1252'));
    const summary = await importList({ pool, campaign: 'cp1252', file });
    expect(summary.encoding).toBe('windows-1252');
    expect((await prospects('cp1252'))[0]?.name).toBe(name);
  });

  it('reads CRLF, LF and CR line ends and quoted fields with separators and newlines', async () => {
    const file = await listFile('Company Name,Address,Phone\r\n' +
      '"Smith, Jones & Co","12 Oak St\r\nSuite 4",617-555-0101\r\n' +
      'Lone Star Cafe,"5 ""Big"" Rd",617-555-0102\n' +
      'Third Shop,9 Elm St,617-555-0103\r' +
      'Fourth Shop,1 Pine St,617-555-0104');
    const summary = await importList({ pool, campaign: 'eol', file });
    expect(summary).toMatchObject({ rowsRead: 4, prospectsCreated: 4, rejectedCount: 0 });
    const rows = await prospects('eol');
    expect(rows.map((p) => [p.externalId, p.name])).toEqual([['2', 'Smith, Jones & Co'], ['3', 'Lone Star Cafe'], ['4', 'Third Shop'], ['5', 'Fourth Shop']]);
    const address = await pool.query('SELECT address FROM "Prospect" WHERE id = $1', [rows[0]?.id]);
    expect(address.rows[0].address).toBe('12 Oak St Suite 4');
    expect((await sourceRows(rows[0]?.id ?? 0))[0]?.raw.Address).toBe('12 Oak St\r\nSuite 4');
  });

  it('merges duplicates by phone with agreeing names and by name + ZIP, transitively, recording every source row and why', async () => {
    const file = await listFile('Record ID,Company Name,ZIP Code,Phone,Website,Email\n' +
      'A1,Acme Plumbing LLC,02134,617-555-0111,,\n' +      // row 2
      'A2,ACME PLUMBING,02134-0001,,acme.com,\n' +          // row 3: same name key + ZIP as row 2
      'A3,Acme Plumbing & Heating,,(617) 555-0111,,\n' +    // row 4: same phone as row 2, agreeing name
      'A4,Other Co,02134,617-555-0222,,\n' +                // row 5: distinct
      'A5,Other Company,,,,boss@other.com\n' +              // row 6: no ZIP, no phone: not a duplicate
      'A6,Bridge Inc,11111,617-555-0222,,\n' +             // row 7: same phone as row 5, another business
      'C1,Chain Co,33333,,,\n' +                           // row 8
      'C2,Chain Co.,33333,617-555-0333,,\n' +              // row 9: name + ZIP of row 8
      'C3,Chain Company Inc,,617-555-0333,,\n');           // row 10: phone and name of row 9 (two hops from row 8)
    const summary = await importList({ pool, campaign: 'dupes', file });
    expect(summary).toMatchObject({ rowsRead: 9, prospectsCreated: 5, mergedDuplicates: 4, mergedByPhoneAndName: 2, mergedByNameAndPostalCode: 2, sharedPhoneKeptApart: 2, rejectedCount: 0 });
    const rows = await prospects('dupes');
    expect(rows.map((p) => p.externalId)).toEqual(['A1', 'A4', 'A5', 'A6', 'C1']);
    expect((await sourceRows(rows[4]?.id ?? 0)).map((s) => s.rowNumber)).toEqual([8, 9, 10]);
    expect(rows[0]).toMatchObject({ name: 'Acme Plumbing LLC', websiteDomain: 'acme.com', phone: '+16175550111' });
    expect((await sourceRows(rows[0]?.id ?? 0)).map((s) => [s.rowNumber, s.recordId])).toEqual([[2, 'A1'], [3, 'A2'], [4, 'A3']]);
    expect((await sourceRows(rows[1]?.id ?? 0)).map((s) => s.rowNumber)).toEqual([5]);
    expect(await mergeReasons(summary.campaignId)).toEqual([
      [2, null], [3, 'same-name-and-postal-code'], [4, 'same-phone-and-name'], [5, null], [6, null], [7, null],
      [8, null], [9, 'same-name-and-postal-code'], [10, 'same-phone-and-name'],
    ]);
    const text = formatImportSummary(summary);
    expect(text).toMatch(/Merged duplicates: +4 \(same phone and name: 2; same name and postal code: 2\)/);
    expect(text).toMatch(/Shared phones: +2 prospects share a phone number with another business and were kept apart/);
  });

  it('keeps apart businesses that only share a phone: offices of one building, one brand in several ZIPs', async () => {
    const file = await listFile('Company Name,ZIP Code,Phone\n' +
      'Smith Dental,43004,614-555-0100\n' +       // row 2: three offices on one main line
      'Smith Law Office,43004,614-555-0100\n' +   // row 3
      'Jones Accounting,43004,614-555-0100\n' +   // row 4
      'Great Clips,43004,614-555-0200\n' +        // row 5: one brand, one central line, two locations
      'Great Clips,43215,614-555-0200\n' +        // row 6
      'Great Clips,,614-555-0200\n' +             // row 7: no ZIP: could be either location
      'Smith Dental LLC,43004,(614) 555-0100\n');  // row 8: a true duplicate of row 2 still merges
    const summary = await importList({ pool, campaign: 'sharedline', file });
    expect(summary).toMatchObject({ rowsRead: 7, prospectsCreated: 6, mergedDuplicates: 1, mergedByPhoneAndName: 1 });
    expect((await prospects('sharedline')).map((p) => p.name)).toEqual(['Smith Dental', 'Smith Law Office', 'Jones Accounting', 'Great Clips', 'Great Clips', 'Great Clips']);
    expect(summary.sharedPhoneKeptApart).toBe(6);

    // A later file: a duplicate by phone and agreeing name joins; another business on the line does not.
    const later = await listFile('Company Name,ZIP Code,Phone\nSmith Law,,614-555-0100\nSmith Plumbing,,614-555-0100\nGreat Clips,,614-555-0200\n');
    const two = await importList({ pool, campaign: 'sharedline', file: later });
    expect(two).toMatchObject({ rowsRead: 3, prospectsCreated: 2, mergedDuplicates: 1, mergedByPhoneAndName: 1 });
  });

  it('does not collapse a list whose rows repeat a few phone numbers under different names (switchboards: more than SHARED_LINE_NAMES names on a line)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `Business ${i} ${['Dental', 'Law', 'Pizza', 'Florist'][i % 4]},${String(10000 + (i % 90)).padStart(5, '0')},614-555-${String(100 + (i % 20)).padStart(4, '0')}`);
    const summary = await importList({ pool, campaign: 'repeatedphones', file: await listFile('Company Name,ZIP Code,Phone\n' + rows.join('\n') + '\n') });
    expect(summary).toMatchObject({ rowsRead: 2000, prospectsCreated: 2000, mergedDuplicates: 0 });
  });

  it('rejects bad rows with their row number and reason, and imports the rest', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const file = await listFile('Company Name,City,Phone\n' +
      'Good One,Boston,617-555-0301\n' +   // 2
      ',Boston,617-555-0302\n' +           // 3: no name
      'Ragged,a,b,c,d\n' +                 // 4: too many fields
      `Huge,${big},617-555-0303\n` +       // 5: 10 MB field
      '\0\0,\0,\0\n' +                     // 6: NUL only
      'Nul\0 Inc,Bos\0ton,617-555-0304\n' + // 7: NULs removed, kept
      'Good Two,Boston,not a phone\n');    // 8: kept, phone dropped
    const summary = await importList({ pool, campaign: 'rejects', file });
    expect(summary).toMatchObject({ rowsRead: 7, prospectsCreated: 3, rejectedCount: 4 });
    expect(summary.rejected.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6]);
    expect(await rejectedRows(summary.campaignId)).toEqual([
      { rowNumber: 3, reason: 'no business name' },
      { rowNumber: 4, reason: expect.stringMatching(/5 fields, the header has 3/) },
      { rowNumber: 5, reason: expect.stringMatching(/"City" is 10485760 characters/) },
      { rowNumber: 6, reason: 'no business name (only NUL bytes)' },
    ]);
    expect((await prospects('rejects')).map((p) => [p.name, p.phone])).toEqual([
      ['Good One', '+16175550301'], ['Nul Inc', '+16175550304'], ['Good Two', null],
    ]);
    expect(summary.warnings.map((w) => w.rowNumber)).toEqual([7, 8]);
    const text = formatImportSummary(summary);
    expect(text).toMatch(/Rejected rows: +4/);
    expect(text).toMatch(/row 3: no business name/);
  });

  it('rejects the record of an unterminated quote and reads the rows after it', async () => {
    const file = await listFile('Company Name,City\nFirst,Boston\nSecond,"Cambridge\nThird,Somerville\nFourth,Quincy\n');
    const summary = await importList({ pool, campaign: 'unterminated', file });
    expect(summary).toMatchObject({ rowsRead: 4, prospectsCreated: 3, rejectedCount: 1, unreadableRows: 1 });
    expect(summary.rejected[0]).toEqual({ rowNumber: 3, reason: expect.stringMatching(/unterminated quoted field: the record was cut/) });
    expect((await prospects('unterminated')).map((p) => p.name)).toEqual(['First', 'Third', 'Fourth']);
  });

  it('stores hostile content verbatim', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","Click")', '<img src=x onerror=alert(1)>', '+SUM(1,2)', '@cmd|calc', 'Tab\u0001Ctrl\u007f'];
    const file = await listFile('Company Name\n' + hostile.map((h) => `"${h.replaceAll('"', '""')}"`).join('\n') + '\n');
    await importList({ pool, campaign: 'hostile', file });
    expect((await prospects('hostile')).map((p) => p.name)).toEqual(hostile);
  });

  it('is idempotent for the same file and merges a second file by the same keys', async () => {
    const first = await listFile('Company Name,ZIP,Phone\nAlpha LLC,02134,617-555-0401\nBeta,02134,617-555-0402\n');
    const one = await importList({ pool, campaign: 'again', file: first });
    const counts = async () => (await pool.query(
      `SELECT (SELECT count(*) FROM "Prospect" WHERE "campaignId" = $1)::int AS p, (SELECT count(*) FROM "SourceRow" WHERE "campaignId" = $1)::int AS s,
              (SELECT count(*) FROM "ImportRun" WHERE "campaignId" = $1)::int AS r`, [one.campaignId])).rows[0];
    expect(await counts()).toEqual({ p: 2, s: 2, r: 1 });
    const two = await importList({ pool, campaign: 'again', file: first });
    expect(two).toMatchObject({ alreadyImported: true, prospectsCreated: 0, rowsRead: 2 });
    expect(formatImportSummary(two)).toMatch(/Already imported/);
    expect(await counts()).toEqual({ p: 2, s: 2, r: 1 });
    const second = await listFile('Company Name,ZIP,Phone\nALPHA,02134,\nBeta Services,,(617) 555-0402\nDelta,02134,\n');
    const three = await importList({ pool, campaign: 'again', file: second });
    expect(three).toMatchObject({ alreadyImported: false, rowsRead: 3, prospectsCreated: 1, mergedDuplicates: 2, mergedByPhoneAndName: 1, mergedByNameAndPostalCode: 1 });
    expect(await counts()).toEqual({ p: 3, s: 5, r: 2 });
  });

  it('lets only one of two concurrent imports of the same file land', async () => {
    const file = await listFile('Company Name,Phone\nSolo Corp,617-555-0501\nDuo Corp,617-555-0502\n');
    const results = await Promise.all([importList({ pool, campaign: 'race', file }), importList({ pool, campaign: 'race', file })]);
    expect(results.map((r) => r.alreadyImported).sort()).toEqual([false, true]);
    expect(await prospects('race')).toHaveLength(2);
  });

  it('fails clearly on an empty file or a list without a name column', async () => {
    await expect(importList({ pool, campaign: 'bad', file: await listFile('') })).rejects.toThrow(/empty/);
    await expect(importList({ pool, campaign: 'bad', file: await listFile('Foo,Phone\n1,2\n') })).rejects.toThrow(ImportHeaderError);
    const left = await pool.query('SELECT count(*)::int AS n FROM "ImportRun" i JOIN "Campaign" c ON c.id = i."campaignId" WHERE c.name = $1', ['bad']);
    expect(left.rows[0].n).toBe(0);
  });
});

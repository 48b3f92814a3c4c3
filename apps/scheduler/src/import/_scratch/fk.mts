import pg from 'pg';
import { createTestDatabase } from '../../../../../test/helpers/test-db.ts';
const db = await createTestDatabase('fk');
const c = new pg.Client({ connectionString: db.url }); await c.connect();
const N = 200000;
async function time(label: string, sql: string) { const t = performance.now(); await c.query(sql); console.log(label, ((performance.now()-t)/1000).toFixed(2)); }
await c.query(`INSERT INTO "Campaign"(name) VALUES ('x')`);
await c.query(`CREATE TEMP TABLE st AS SELECT g AS rn, 'Business number ' || g AS name, 'business number ' || g AS nk, lpad((g % 99999)::text, 5, '0') AS pc, '+1415' || lpad(g::text, 7, '0') AS phone, jsonb_build_object('Record ID', 'R' || g, 'Company Name', 'Business number ' || g, 'Address', g || ' Main St', 'City', 'Springfield', 'State', 'NY', 'ZIP', '01234', 'Phone', '(415) 555-1234', 'Website', 'www.business' || g || '.com', 'Email', 'info@business.com', 'Emp', '12', 'Sales', '$2.5M', 'SIC', '7389') AS raw FROM generate_series(1, ${N}) g`);
await time('prospect insert', `INSERT INTO "Prospect"(id, "campaignId", "externalId", name, "nameKey", "postalCode", phone) SELECT rn, 1, rn::text, name, nk, pc, phone FROM st`);
await time('sourcerow insert', `INSERT INTO "SourceRow"("campaignId","prospectId","fileSha256","rowNumber",raw) SELECT 1, rn, 'abc', rn, raw FROM st`);
await c.query(`TRUNCATE "SourceRow", "Prospect" CASCADE`);
await c.query(`ALTER TABLE "SourceRow" DROP CONSTRAINT "SourceRow_prospectId_fkey", DROP CONSTRAINT "SourceRow_campaignId_fkey"; ALTER TABLE "Prospect" DROP CONSTRAINT "Prospect_campaignId_fkey"`);
await time('prospect insert nofk', `INSERT INTO "Prospect"(id, "campaignId", "externalId", name, "nameKey", "postalCode", phone) SELECT rn, 1, rn::text, name, nk, pc, phone FROM st`);
await time('sourcerow insert nofk', `INSERT INTO "SourceRow"("campaignId","prospectId","fileSha256","rowNumber",raw) SELECT 1, rn, 'abc', rn, raw FROM st`);
await c.query(`TRUNCATE "SourceRow", "Prospect" CASCADE`);
await time('sourcerow insert ordered', `INSERT INTO "SourceRow"("campaignId","prospectId","fileSha256","rowNumber",raw) SELECT 1, rn, 'abc', rn, raw FROM st ORDER BY rn`);
await c.end(); await db.drop();
